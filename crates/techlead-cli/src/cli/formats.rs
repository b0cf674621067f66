//! Which output formats each command accepts. `--format` is declared per
//! command from this one table, so `techlead adr new --help` offers none
//! and `techlead adr list --help` offers exactly text, json and csv; clap
//! refuses any other value with exit 2 before the command runs.

use super::{Cli, Format};
use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgMatches, Command, CommandFactory, FromArgMatches, ValueEnum};
use techlead_core::InputError;

use Format::*;

/// Findings, for CI: text, JSON, SARIF 2.1.0, JUnit XML, GitHub annotations,
/// GitLab Code Quality.
const FINDINGS: &[Format] = &[Text, Json, Sarif, Junit, Github, Gitlab];
/// Rows: an aligned table, JSON, CSV.
const TABLE: &[Format] = &[Text, Json, Csv];
const TEXT_JSON: &[Format] = &[Text, Json];
const GRAPH: &[Format] = &[Dot, Mermaid];
/// Other radar tools' files.
const EXCHANGE: &[Format] = &[ByorCsv, ByorJson, Zalando, Backstage];

/// Each command that prints data, by its subcommand path (`*`: every
/// subcommand below), with the formats it accepts, its default first.
pub const FORMATS: &[(&str, &[Format])] = &[
    ("check", FINDINGS),
    ("rules", TEXT_JSON),
    ("deps", &[Text, Json, Csv, Cyclonedx, Spdx]),
    ("adr list", TABLE),
    ("adr show", TEXT_JSON),
    ("adr lint", FINDINGS),
    ("adr graph", GRAPH),
    ("adr score", TEXT_JSON),
    ("boundaries check", FINDINGS),
    ("boundaries imports", TABLE),
    ("boundaries graph", &[Dot, Mermaid, Json]),
    ("boundaries suppressions", TABLE),
    ("radar list", TABLE),
    ("radar evaluate", TEXT_JSON),
    ("radar export", EXCHANGE),
    ("radar import", EXCHANGE),
    ("history *", TABLE),
    ("debt add", TEXT_JSON),
    ("debt list", TABLE),
    ("debt show", TEXT_JSON),
    ("debt status", TEXT_JSON),
    ("debt link", TEXT_JSON),
    ("debt plan", TEXT_JSON),
    ("debt scan", TABLE),
    ("debt suggest", TEXT_JSON),
    ("goals add", TEXT_JSON),
    ("goals list", TABLE),
    ("goals show", TEXT_JSON),
    ("goals status", TEXT_JSON),
    ("goals link", TEXT_JSON),
    ("goals matrix", &[Text, Json, Csv, Markdown]),
    ("practices", &[Text, Json, Sarif, Markdown]),
    ("snapshot", TABLE),
    ("trend", TABLE),
    ("org list", TABLE),
    ("org trend", TABLE),
    ("org radar", TABLE),
    ("org report", &[Html, Json]),
    ("report", &[Html, Markdown, Json]),
    ("health", TABLE),
];

/// The parsed command line.
pub struct Parsed {
    pub cli: Cli,
    /// `--format`, as given.
    pub format: Option<Format>,
    /// The formats the invoked command accepts, its default first; empty
    /// for commands that print no data.
    pub formats: &'static [Format],
}

/// The whole command line, with `--format` on each command that has one.
pub fn command() -> Command {
    let all: Vec<Format> = Format::value_variants().to_vec();
    // Kept before the subcommand for scripts written against the old
    // global flag (`techlead --format json check`); checked against the
    // command's own list once the command is known.
    let mut cmd = Cli::command().arg(format_arg(&all).hide(true));
    for (path, formats) in FORMATS {
        let path: Vec<&str> = path.split(' ').collect();
        cmd = with_format(cmd, &path, formats);
    }
    cmd
}

fn with_format(cmd: Command, path: &[&str], formats: &[Format]) -> Command {
    match path {
        [] => cmd.arg(format_arg(formats)),
        ["*"] => {
            let names: Vec<String> = cmd
                .get_subcommands()
                .map(|s| s.get_name().to_string())
                .collect();
            names.iter().fold(cmd, |c, n| {
                c.mut_subcommand(n, |s| s.arg(format_arg(formats)))
            })
        }
        [first, rest @ ..] => cmd.mut_subcommand(*first, |s| with_format(s, rest, formats)),
    }
}

fn format_arg(formats: &[Format]) -> Arg {
    let values = formats.iter().filter_map(ValueEnum::to_possible_value);
    Arg::new("format")
        .long("format")
        .value_name("FORMAT")
        .help(format!("Output format (default {})", formats[0].name()))
        .value_parser(PossibleValuesParser::new(values))
}

/// Parses the process's arguments; usage errors exit 2 with clap's message.
pub fn parse() -> Result<Parsed, InputError> {
    parse_from(std::env::args_os())
}

pub fn parse_from<I, T>(args: I) -> Result<Parsed, InputError>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let matches = command().get_matches_from(args);
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let mut names = Vec::new();
    let mut format = given(&matches);
    let mut m = &matches;
    while let Some((name, sub)) = m.subcommand() {
        names.push(name);
        format = given(sub).or(format);
        m = sub;
    }
    let command = names.join(" ");
    let formats = formats_of(&names);
    if let Some(f) = format
        && !formats.contains(&f)
    {
        let accepted: Vec<&str> = formats.iter().map(|f| f.name()).collect();
        return Err(InputError::new(if accepted.is_empty() {
            format!("`{command}` does not support --format")
        } else {
            format!(
                "`{command}` does not support --format {}; use one of: {}",
                f.name(),
                accepted.join(", ")
            )
        }));
    }
    Ok(Parsed {
        cli,
        format,
        formats,
    })
}

/// `--format` at one level of the command line, if given there.
fn given(m: &ArgMatches) -> Option<Format> {
    let name = m.try_get_one::<String>("format").ok().flatten()?;
    Format::from_str(name, true).ok()
}

/// The table's entry for a command path.
fn formats_of(names: &[&str]) -> &'static [Format] {
    let exact = names.join(" ");
    FORMATS
        .iter()
        .find(|(path, _)| {
            *path == exact
                || path
                    .strip_suffix(" *")
                    .is_some_and(|p| names.len() > 1 && names[..names.len() - 1].join(" ") == p)
        })
        .map(|(_, f)| *f)
        .unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn formats_in_help(path: &[&str]) -> Option<Vec<String>> {
        let mut cmd = command();
        cmd.build();
        let mut c = &cmd;
        for p in path {
            c = c.find_subcommand(p)?;
        }
        let arg = c.get_arguments().find(|a| a.get_id() == "format")?;
        Some(
            arg.get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .collect(),
        )
    }

    /// Issue 12: `adr new --help` offered byor-csv, zalando and sarif.
    #[test]
    fn each_command_offers_only_its_formats() {
        assert_eq!(formats_in_help(&["adr", "new"]), None);
        assert_eq!(formats_in_help(&["init"]), None);
        assert_eq!(
            formats_in_help(&["adr", "list"]).unwrap(),
            ["text", "json", "csv"]
        );
        assert_eq!(
            formats_in_help(&["check"]).unwrap(),
            ["text", "json", "sarif", "junit", "github", "gitlab"]
        );
        assert_eq!(
            formats_in_help(&["history", "coupling"]).unwrap(),
            ["text", "json", "csv"]
        );
        assert_eq!(
            formats_in_help(&["radar", "export"]).unwrap(),
            ["byor-csv", "byor-json", "zalando", "backstage"]
        );
    }

    #[test]
    fn every_table_entry_names_a_real_command() {
        let mut cmd = command();
        cmd.build();
        for (path, _) in FORMATS {
            let mut c = &cmd;
            for p in path.split(' ').filter(|p| *p != "*") {
                c = c
                    .find_subcommand(p)
                    .unwrap_or_else(|| panic!("{path}: no such command"));
            }
        }
    }

    #[test]
    fn the_format_is_found_at_any_level() {
        let p = parse_from(["techlead", "adr", "list", "--format", "csv"]).unwrap();
        assert_eq!((p.format, p.formats), (Some(Csv), TABLE));
        let p = parse_from(["techlead", "--format", "json", "check"]).unwrap();
        assert_eq!(p.format, Some(Json));
        let p = parse_from(["techlead", "history", "revisions"]).unwrap();
        assert_eq!(p.formats, TABLE);
        let err = parse_from(["techlead", "--format", "csv", "check"])
            .err()
            .unwrap();
        assert!(err.message.contains("use one of: text, json, sarif"));
        let err = parse_from(["techlead", "--format", "json", "init"])
            .err()
            .unwrap();
        assert_eq!(err.message, "`init` does not support --format");
    }
}
