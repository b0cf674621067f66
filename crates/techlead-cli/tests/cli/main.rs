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
mod browser;
mod check;
mod ci;
mod debt;
mod debt_history;
mod deps;
mod deps_risk;
mod deps_sbom;
mod deps_workspaces;
mod fixture;
mod goals;
mod guide;
mod hardening;
mod health;
mod history;
mod history_cache;
mod history_damage;
mod history_delivery;
mod history_edges;
mod history_files;
mod history_people;
mod init;
mod mcp;
mod mcp_guide;
mod messy;
mod org;
mod org_report;
mod practices;
mod radar;
mod report;
mod report_cache;
mod rule_docs;
mod snapshot;
