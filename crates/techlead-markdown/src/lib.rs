//! The markdown-record kernel: decision records, technology records, debt
//! items and goals are all markdown files with YAML front matter. This crate
//! reads their front matter with the line of every key, and edits their text
//! line by line, keeping every byte it does not mean to change (the line
//! ending, a BOM, key order and unknown keys).

pub mod dates;
pub mod edit;
pub mod front_matter;
pub mod lines;
#[cfg(test)]
mod mutation_tests;
pub mod records;
mod simple_yaml;
pub mod yaml;
