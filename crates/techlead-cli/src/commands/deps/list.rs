//! The inventory as a table, JSON or CSV, with each package's license.

use super::tri;
use crate::cli::Format;
use anyhow::Result;
use techlead_core::table::csv_field as csv;
use techlead_inventory::Package;

pub fn show(format: Format, shown: &[&Package]) -> Result<()> {
    let license = |p: &Package| p.license.as_ref().map_or("", |l| l.shown()).to_string();
    match format {
        Format::Json => crate::stdout::write_json(&shown)?,
        Format::Csv => {
            let mut s =
                String::from("ecosystem,name,version,direct,dev,source,declared_by,license\n");
            for p in shown {
                s.push_str(&format!(
                    "{},{},{},{},{},{},{},{}\n",
                    p.ecosystem.as_str(),
                    csv(&p.name),
                    csv(&p.version),
                    tri(p.direct),
                    tri(p.dev),
                    csv(&p.source),
                    csv(&p.declared_by.join(" ")),
                    csv(&license(p)),
                ));
            }
            out!("{s}")?;
        }
        _ => {
            // Text from lockfiles and package metadata, shown on a terminal.
            let owned: Vec<Package> = shown.iter().map(|p| escaped(p)).collect();
            let shown: Vec<&Package> = owned.iter().collect();
            let w = |f: &dyn Fn(&Package) -> usize| shown.iter().map(|p| f(p)).max().unwrap_or(0);
            let (wn, wv) = (w(&|p| p.name.len()).max(4), w(&|p| p.version.len()).max(7));
            // A license column where any is known, a declared-by column
            // where another project than the lockfile's own declares a
            // package (workspace members).
            let licenses = shown.iter().any(|p| p.license.is_some());
            let wl = w(&|p| license(p).len()).max(7);
            let members = shown.iter().any(|p| !declared_by_lock_folder(p));
            let ws = w(&|p| p.source.len() + p.line.to_string().len() + 1).max(6);
            let mut s = format!(
                "{:9}  {:wn$}  {:wv$}  {:6}  {:5}  ",
                "ecosystem", "name", "version", "direct", "dev"
            );
            if licenses {
                s.push_str(&format!("{:wl$}  ", "license"));
            }
            if members {
                s.push_str(&format!("{:ws$}  declared by\n", "source"));
            } else {
                s.push_str("source\n");
            }
            for p in shown {
                let at = format!("{}:{}", p.source, p.line);
                s.push_str(&format!(
                    "{:9}  {:wn$}  {:wv$}  {:6}  {:5}  ",
                    p.ecosystem.as_str(),
                    p.name,
                    p.version,
                    tri(p.direct),
                    tri(p.dev),
                ));
                if licenses {
                    s.push_str(&format!("{:wl$}  ", license(p)));
                }
                if members && !p.declared_by.is_empty() {
                    s.push_str(&format!("{at:ws$}  {}\n", first_few(&p.declared_by)));
                } else {
                    s.push_str(&at);
                    s.push('\n');
                }
            }
            out!("{s}")?;
        }
    }
    Ok(())
}

/// The package with control characters in its texts escaped.
fn escaped(p: &Package) -> Package {
    let e = |s: &str| techlead_core::terminal::escape_control(s).into_owned();
    let mut p = p.clone();
    p.name = e(&p.name);
    p.version = e(&p.version);
    p.source = e(&p.source);
    p.declared_by = p.declared_by.iter().map(|d| e(d)).collect();
    if let Some(l) = p.license.as_mut() {
        l.text = e(&l.text);
    }
    p
}

/// Up to three folders for the table; the JSON and CSV have them all.
fn first_few(folders: &[String]) -> String {
    match folders.len() {
        0..=3 => folders.join(", "),
        n => format!("{} and {} more", folders[..3].join(", "), n - 3),
    }
}

/// Declared by the project whose folder holds the lockfile, or by no one.
fn declared_by_lock_folder(p: &Package) -> bool {
    let dir = p.source.rsplit_once('/').map_or(".", |(d, _)| d);
    p.declared_by.is_empty() || p.declared_by == [dir]
}
