//! One parser per file format. A parser gets the file's text and, where
//! the lockfile alone cannot tell what is direct or dev, the text of the
//! manifest beside it; it returns every external package it names.
//!
//! Rules every parser keeps:
//! - workspace members, local path / link / file / git-workspace packages
//!   are not listed: only packages from outside the repository;
//! - `direct` and `dev` are None when the files cannot tell;
//! - `line` is where the package is recorded (1-based);
//! - bad input is a `ParseError` with a line, never a panic.

mod cargo_lock;
pub(crate) mod common;
mod composer_lock;
mod gemfile_lock;
mod go_mod;
mod gradle_catalog;
mod npm_lock;
mod pipfile_lock;
mod pnpm_lock;
mod poetry_lock;
pub(crate) mod pom_xml;
mod pyproject_toml;
mod requirements_txt;
mod uv_lock;
mod yarn_lock;

use crate::{Dep, Ecosystem, ParseError};

pub type Parser = fn(text: &str, manifest: Option<&str>) -> Result<Vec<Dep>, ParseError>;

/// A file format: which files it reads, the manifest it wants beside
/// them, and its parser.
pub struct Format {
    pub ecosystem: Ecosystem,
    /// Does a file name belong to this format?
    pub matches: fn(&str) -> bool,
    /// The manifest read from the same folder, if the format needs one.
    pub manifest: Option<&'static str>,
    pub parse: Parser,
}

pub const FORMATS: &[Format] = &[
    Format {
        ecosystem: Ecosystem::Cargo,
        matches: |n| n == "Cargo.lock",
        manifest: Some("Cargo.toml"),
        parse: cargo_lock::parse,
    },
    Format {
        ecosystem: Ecosystem::Npm,
        matches: |n| n == "package-lock.json" || n == "npm-shrinkwrap.json",
        manifest: Some("package.json"),
        parse: npm_lock::parse,
    },
    Format {
        ecosystem: Ecosystem::Npm,
        matches: |n| n == "pnpm-lock.yaml",
        manifest: Some("package.json"),
        parse: pnpm_lock::parse,
    },
    Format {
        ecosystem: Ecosystem::Npm,
        matches: |n| n == "yarn.lock",
        manifest: Some("package.json"),
        parse: yarn_lock::parse,
    },
    Format {
        ecosystem: Ecosystem::Pypi,
        matches: |n| n == "poetry.lock",
        manifest: Some("pyproject.toml"),
        parse: poetry_lock::parse,
    },
    Format {
        ecosystem: Ecosystem::Pypi,
        matches: |n| n == "uv.lock",
        manifest: Some("pyproject.toml"),
        parse: uv_lock::parse,
    },
    Format {
        ecosystem: Ecosystem::Pypi,
        matches: |n| n == "Pipfile.lock",
        manifest: Some("Pipfile"),
        parse: pipfile_lock::parse,
    },
    Format {
        ecosystem: Ecosystem::Pypi,
        matches: requirements_txt::matches,
        manifest: None,
        parse: requirements_txt::parse,
    },
    Format {
        ecosystem: Ecosystem::Go,
        matches: |n| n == "go.mod",
        manifest: None,
        parse: go_mod::parse,
    },
    Format {
        ecosystem: Ecosystem::Rubygems,
        matches: |n| n == "Gemfile.lock",
        manifest: None,
        parse: gemfile_lock::parse,
    },
    Format {
        ecosystem: Ecosystem::Packagist,
        matches: |n| n == "composer.lock",
        manifest: Some("composer.json"),
        parse: composer_lock::parse,
    },
    Format {
        ecosystem: Ecosystem::Maven,
        matches: |n| n == "pom.xml",
        manifest: None,
        parse: pom_xml::parse,
    },
    Format {
        ecosystem: Ecosystem::Maven,
        matches: gradle_catalog::matches,
        manifest: None,
        parse: gradle_catalog::parse,
    },
];

/// A pyproject.toml with no Python lockfile beside or above it: read by
/// the inventory on its own, never picked by file name alone.
pub const PYPROJECT: Format = Format {
    ecosystem: Ecosystem::Pypi,
    matches: |_| false,
    manifest: None,
    parse: pyproject_toml::parse,
};

/// The format of a file name, if any.
pub fn format_of(file_name: &str) -> Option<&'static Format> {
    FORMATS.iter().find(|f| (f.matches)(file_name))
}

/// Whether the file (by name) records what each package depends on, so
/// that a package with no recorded dependency has none: lockfiles do;
/// go.mod, pom.xml, Gradle catalogs, requirements files, Pipfile.lock and
/// a lone pyproject.toml do not.
pub fn records_edges(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    matches!(
        name,
        "Cargo.lock"
            | "package-lock.json"
            | "npm-shrinkwrap.json"
            | "pnpm-lock.yaml"
            | "yarn.lock"
            | "poetry.lock"
            | "uv.lock"
            | "composer.lock"
            | "Gemfile.lock"
    )
}
