//! `radar export` and `radar import`: the formats other radars read.
//! - `byor-csv` / `byor-json`: ThoughtWorks' Build Your Own Radar, rows of
//!   name, ring, quadrant, isNew, description;
//! - `zalando`: the `config.json` of Zalando's tech radar (quadrants,
//!   rings and entries with 0-based indexes and `moved`);
//! - `backstage`: the Backstage tech-radar plugin's JSON, with a timeline
//!   per entry.

use crate::{Movement, Technology};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use techlead_core::InputError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    ByorCsv,
    ByorJson,
    Zalando,
    Backstage,
}

/// One radar entry in the shape every format shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub ring: String,
    pub quadrant: String,
    pub description: String,
    /// Against the export's baseline: BYOR's `isNew`, and `moved` in
    /// Zalando and Backstage.
    pub movement: Movement,
}

impl Entry {
    pub fn is_new(&self) -> bool {
        self.movement == Movement::New
    }

    /// The ring an imported entry that moved came from: one ring further
    /// out if it moved in, one further in if it moved out.
    pub fn moved_from<'r>(&self, rings: &'r [String]) -> Option<&'r str> {
        let step = self.movement.moved();
        if step == 0 {
            return None;
        }
        let now = rings.iter().position(|r| *r == self.ring)? as i64;
        rings
            .get(usize::try_from(now + i64::from(step)).ok()?)
            .map(String::as_str)
    }
}

/// A row of Build Your Own Radar's JSON.
#[derive(Serialize, Deserialize)]
struct ByorRow {
    name: String,
    ring: String,
    quadrant: String,
    #[serde(rename = "isNew")]
    is_new: bool,
    description: String,
}

/// BYOR knows only new or not.
fn new_or_unchanged(is_new: bool) -> Movement {
    if is_new {
        Movement::New
    } else {
        Movement::Unchanged
    }
}

/// Zalando's and Backstage's `moved`: 2 new (Zalando), 1 in, -1 out.
fn from_moved(moved: i64) -> Movement {
    match moved {
        2 => Movement::New,
        m if m > 0 => Movement::MovedIn,
        m if m < 0 => Movement::MovedOut,
        _ => Movement::Unchanged,
    }
}

/// Entries for the technologies with a known ring and quadrant. `is_new`
/// and `moved` come from the History lines on or after `since`.
pub fn entries(techs: &[Technology], rings: &[String], since: &str) -> Vec<Entry> {
    techs
        .iter()
        .filter_map(|t| {
            let ring = t.ring.clone()?;
            let quadrant = t.quadrant.clone()?;
            rings.iter().position(|r| *r == ring)?;
            let movement = t.moved_since(since, rings);
            Some(Entry {
                name: t.name.clone(),
                ring,
                quadrant,
                description: t.summary.clone().unwrap_or_default(),
                movement,
            })
        })
        .collect()
}

pub fn export(
    entries: &[Entry],
    rings: &[String],
    quadrants: &[String],
    format: Format,
    title: &str,
) -> String {
    match format {
        Format::ByorCsv => {
            let mut s = String::from("name,ring,quadrant,isNew,description\n");
            for e in entries {
                s.push_str(&format!(
                    "{},{},{},{},{}\n",
                    csv(&e.name),
                    csv(&e.ring),
                    csv(&e.quadrant),
                    e.is_new(),
                    csv(&e.description)
                ));
            }
            s
        }
        Format::ByorJson => pretty(&json!(
            entries
                .iter()
                .map(|e| ByorRow {
                    name: e.name.clone(),
                    ring: e.ring.clone(),
                    quadrant: e.quadrant.clone(),
                    is_new: e.is_new(),
                    description: e.description.clone(),
                })
                .collect::<Vec<_>>()
        )),
        Format::Zalando => {
            let colors = ["#5ba300", "#009eb0", "#c7ba00", "#e09b96"];
            pretty(&json!({
                "title": title,
                "quadrants": quadrants.iter().map(|q| json!({ "name": q })).collect::<Vec<_>>(),
                "rings": rings.iter().enumerate().map(|(i, r)| json!({ "name": r, "color": colors[i % 4] })).collect::<Vec<_>>(),
                "entries": entries.iter().map(|e| json!({
                    "label": e.name,
                    "quadrant": quadrants.iter().position(|q| *q == e.quadrant).unwrap_or(0),
                    "ring": rings.iter().position(|r| *r == e.ring).unwrap_or(0),
                    "moved": if e.is_new() { 2 } else { e.movement.moved() },
                    "active": true,
                    "description": e.description,
                })).collect::<Vec<_>>(),
            }))
        }
        Format::Backstage => pretty(&json!({
            "title": title,
            "quadrants": quadrants.iter().map(|q| json!({ "id": q, "name": q })).collect::<Vec<_>>(),
            "rings": rings.iter().map(|r| json!({ "id": r, "name": r.to_uppercase(), "color": "#93c47d" })).collect::<Vec<_>>(),
            "entries": entries.iter().map(|e| json!({
                "id": super::slug(&e.name),
                "key": super::slug(&e.name),
                "title": e.name,
                "quadrant": e.quadrant,
                "description": e.description,
                "timeline": [{
                    "moved": e.movement.moved(),
                    "ringId": e.ring,
                    "date": "",
                    "description": if e.is_new() { "new" } else { "" },
                }],
            })).collect::<Vec<_>>(),
        })),
    }
}

/// An imported entry and where it is in its file: the CSV line, or the
/// 1-based position in the JSON list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub entry: Entry,
    pub line: Option<usize>,
    pub index: usize,
}

/// Entries from an exported file. Indexes (Zalando) are mapped through
/// the file's own rings and quadrants; an index outside them, a short row
/// or a field of the wrong type is an error naming the row, never a row
/// dropped or a blank written.
pub fn import(text: &str, format: Format) -> Result<Vec<Located>, InputError> {
    let bad = |msg: String| InputError::new(format!("not a {} file: {msg}", name(format)));
    let json = |index: usize, entry: Entry| Located {
        entry,
        line: None,
        index: index + 1,
    };
    match format {
        Format::ByorCsv => {
            let rows = techlead_core::csv::rows(text)
                .map_err(|e| InputError::new(e.message).at(e.line, None))?;
            let mut rows = rows.into_iter();
            let header = rows.next().ok_or_else(|| bad("empty".into()).at(1, None))?;
            let col = |n: &str| {
                header
                    .fields
                    .iter()
                    .position(|h| h.trim().eq_ignore_ascii_case(n))
            };
            let (Some(n), Some(r), Some(q)) = (col("name"), col("ring"), col("quadrant")) else {
                return Err(
                    bad("the header needs name, ring and quadrant".into()).at(header.line, None)
                );
            };
            let (new, d) = (col("isNew"), col("description"));
            let width = header.fields.len();
            rows.enumerate()
                .map(|(i, row)| {
                    if row.fields.len() != width {
                        return Err(InputError::new(format!(
                            "this row has {} fields and the header {width}",
                            row.fields.len()
                        ))
                        .at(row.line, None));
                    }
                    let is_new = match new.map(|i| row.fields[i].trim()) {
                        None | Some("") => false,
                        Some(v) if v.eq_ignore_ascii_case("true") => true,
                        Some(v) if v.eq_ignore_ascii_case("false") => false,
                        Some(v) => {
                            return Err(InputError::new(format!(
                                "isNew is `{v}`; expected true or false"
                            ))
                            .at(row.line, None));
                        }
                    };
                    Ok(Located {
                        entry: Entry {
                            name: row.fields[n].trim().to_string(),
                            ring: row.fields[r].trim().to_ascii_lowercase(),
                            quadrant: row.fields[q].trim().to_ascii_lowercase(),
                            description: d.map(|i| row.fields[i].clone()).unwrap_or_default(),
                            movement: new_or_unchanged(is_new),
                        },
                        line: Some(row.line),
                        index: i + 1,
                    })
                })
                .collect()
        }
        Format::ByorJson => {
            let rows =
                serde_json::from_str::<Vec<ByorRow>>(text).map_err(|e| json_error(format, &e))?;
            Ok(rows
                .into_iter()
                .enumerate()
                .map(|(i, r)| {
                    json(
                        i,
                        Entry {
                            name: r.name.trim().to_string(),
                            ring: r.ring.trim().to_ascii_lowercase(),
                            quadrant: r.quadrant.trim().to_ascii_lowercase(),
                            description: r.description,
                            movement: new_or_unchanged(r.is_new),
                        },
                    )
                })
                .collect())
        }
        Format::Zalando => {
            let v: Value = serde_json::from_str(text).map_err(|e| json_error(format, &e))?;
            let names = |k: &str| -> Vec<String> {
                v[k].as_array()
                    .map(|a| {
                        a.iter()
                            .map(|x| x["name"].as_str().unwrap_or_default().to_ascii_lowercase())
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let (quadrants, rings) = (names("quadrants"), names("rings"));
            let entries = v["entries"]
                .as_array()
                .ok_or_else(|| bad("no entries".into()))?;
            entries
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let label = e["label"].as_str().unwrap_or_default().trim().to_string();
                    let pick = |k: &str, list: &[String]| -> Result<String, InputError> {
                        e[k].as_u64()
                            .and_then(|n| list.get(usize::try_from(n).ok()?))
                            .cloned()
                            .ok_or_else(|| {
                                InputError::new(format!(
                                    "entry {} (`{label}`): {k} `{}` is not an index into the file's {} {k}s",
                                    i + 1,
                                    e[k],
                                    list.len()
                                ))
                            })
                    };
                    Ok(json(
                        i,
                        Entry {
                            ring: pick("ring", &rings)?,
                            quadrant: pick("quadrant", &quadrants)?,
                            name: label.clone(),
                            description: e["description"].as_str().unwrap_or_default().to_string(),
                            movement: from_moved(e["moved"].as_i64().unwrap_or(0)),
                        },
                    ))
                })
                .collect()
        }
        Format::Backstage => {
            let v: Value = serde_json::from_str(text).map_err(|e| json_error(format, &e))?;
            let entries = v["entries"]
                .as_array()
                .ok_or_else(|| bad("no entries".into()))?;
            Ok(entries
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let last = e["timeline"].as_array().and_then(|t| t.first());
                    json(
                        i,
                        Entry {
                            name: e["title"].as_str().unwrap_or_default().trim().to_string(),
                            ring: last
                                .and_then(|l| l["ringId"].as_str())
                                .unwrap_or_default()
                                .trim()
                                .to_ascii_lowercase(),
                            quadrant: e["quadrant"]
                                .as_str()
                                .unwrap_or_default()
                                .trim()
                                .to_ascii_lowercase(),
                            description: e["description"].as_str().unwrap_or_default().to_string(),
                            movement: if last.and_then(|l| l["description"].as_str()) == Some("new")
                            {
                                Movement::New
                            } else {
                                from_moved(
                                    last.and_then(|l| l["moved"].as_i64())
                                        .unwrap_or(0)
                                        .clamp(-1, 1),
                                )
                            },
                        },
                    )
                })
                .collect())
        }
    }
}

/// A JSON syntax or shape error at its line.
fn json_error(format: Format, e: &serde_json::Error) -> InputError {
    let err = InputError::new(format!("not a {} file: {e}", name(format)));
    if e.line() > 0 {
        err.at(e.line(), Some(e.column()))
    } else {
        err
    }
}

pub fn name(f: Format) -> &'static str {
    match f {
        Format::ByorCsv => "byor-csv",
        Format::ByorJson => "byor-json",
        Format::Zalando => "zalando",
        Format::Backstage => "backstage",
    }
}

fn pretty(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s
}

/// A CSV cell through the kernel's one field writer: quoted when needed,
/// and a cell a spreadsheet would run as a formula (`=HYPERLINK(…`) gets
/// a leading `'`.
fn csv(s: &str) -> std::borrow::Cow<'_, str> {
    techlead_core::table::csv_field(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Entry> {
        vec![
            Entry {
                name: "Kafka, \"the\" log".into(),
                ring: "adopt".into(),
                quadrant: "platforms".into(),
                description: "Events,\nline two".into(),
                movement: Movement::MovedIn,
            },
            Entry {
                name: "Deno".into(),
                ring: "hold".into(),
                quadrant: "languages-and-frameworks".into(),
                description: "".into(),
                movement: Movement::New,
            },
        ]
    }

    #[test]
    fn every_format_round_trips() {
        let config = crate::config::RadarConfig::default();
        let (rings, quadrants) = (config.rings(), config.quadrants());
        for f in [
            Format::ByorCsv,
            Format::ByorJson,
            Format::Zalando,
            Format::Backstage,
        ] {
            let text = export(&sample(), &rings, &quadrants, f, "R");
            let back: Vec<Entry> = import(&text, f)
                .unwrap()
                .into_iter()
                .map(|l| l.entry)
                .collect();
            let strip = |v: Vec<Entry>| -> Vec<(String, String, String, bool, String)> {
                v.into_iter()
                    .map(|e| {
                        let is_new = e.is_new();
                        (e.name, e.ring, e.quadrant, is_new, e.description)
                    })
                    .collect()
            };
            assert_eq!(strip(back), strip(sample()), "{}", name(f));
        }
        assert!(import("nope", Format::ByorJson).is_err());
        assert!(import("a,b\n1,2\n", Format::ByorCsv).is_err());
    }
}
