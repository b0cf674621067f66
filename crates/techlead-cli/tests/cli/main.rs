//! CLI tests: run the real binary in temp folders and snapshot exit code,
//! stdout and stderr, as ruff and zizmor do. Fixtures are written by the
//! tests themselves.

mod adr_edit;
mod adr_lint;
mod adr_list;
mod adr_new;
mod bad_input;
mod boundaries;
mod boundaries_graph;
mod boundaries_init;
mod boundaries_langs;
mod boundaries_suppress;
mod boundaries_tests;
mod check;
mod deps;
mod fixture;
mod history;
mod history_edges;
mod init;
mod messy;
mod radar;
mod rule_docs;
