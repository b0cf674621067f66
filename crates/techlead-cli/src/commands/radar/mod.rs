//! `techlead radar`: records (add, move, list, show), evaluation, rendering,
//! export and import, and the radar's part of `check`.

mod evidence;
mod movement;
mod port;
mod render;

use crate::cli::{Format, RadarCommand, RadarDir};
use crate::context::Context;
use anyhow::Result;
use std::path::{Path, PathBuf};
use techlead_core::atomic::{Transaction, create_new_atomic};
use techlead_core::table::{self, Cell, Column, Row, TableFormat};
use techlead_core::{ExitCode, InputError};
use techlead_radar::{self as radar, Technology, evaluate, exchange, new::NewTechnology};

pub fn run(ctx: &Context, cmd: RadarCommand) -> Result<ExitCode> {
    match cmd {
        RadarCommand::Add {
            name,
            quadrant,
            ring,
            packages,
            purpose,
            tags,
            decision,
            dir,
        } => {
            let dir = folder(ctx, &dir);
            let (ring, quadrant) = (ring.to_ascii_lowercase(), quadrant.to_ascii_lowercase());
            let slug = radar::new::validate(&ctx.radar, &name, &ring, &quadrant, &packages)?;
            let path = dir.join(format!("{slug}.md"));
            let text = radar::new::render(&NewTechnology {
                name: &name,
                quadrant: &quadrant,
                ring: &ring,
                packages: &packages,
                purpose: purpose.as_deref(),
                tags: &tags,
                decision: decision.as_deref(),
                date: Some(&ctx.today.clone()),
                rationale: None,
                moved_from: None,
            });
            std::fs::create_dir_all(&dir).map_err(|e| InputError::io_write(ctx.rel(&dir), &e))?;
            create_new_atomic(&path, text.as_bytes()).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    InputError::in_file(
                        ctx.rel(&path),
                        "already exists; `techlead radar move` changes its ring",
                    )
                } else {
                    InputError::io_write(ctx.rel(&path), &e)
                }
            })?;
            outln!("{}", ctx.rel(&path))?;
            Ok(ExitCode::Clean)
        }
        RadarCommand::Move {
            name,
            ring,
            reason,
            dir,
        } => {
            let _lock = lock(ctx, &folder(ctx, &dir))?;
            let techs = load(ctx, &dir)?;
            let tech = radar::resolve(&techs, &name)?;
            let ring = ring.to_ascii_lowercase();
            radar::new::known("ring", &ring, &ctx.radar.rings())?;
            if tech.ring.as_deref() == Some(ring.as_str()) {
                ctx.note(format!("{} is already in {ring}", tech.name));
                return Ok(ExitCode::Clean);
            }
            let text = techlead_core::read::regular_text(
                &tech.abs_path,
                techlead_core::read::RECORD_LIMIT,
            )
            .map_err(|e| InputError::io(&tech.path, &e))?;
            let new = radar::edit::move_ring(&text, tech, &ring, &ctx.today.clone(), &reason);
            let mut tx = Transaction::new(&ctx.root);
            tx.replace(&tech.abs_path, text.as_bytes(), new);
            tx.commit()?;
            ctx.note(format!(
                "updated {}: {} → {ring}",
                tech.path,
                tech.ring.as_deref().unwrap_or("none")
            ));
            Ok(ExitCode::Clean)
        }
        RadarCommand::List { dir } => list(ctx, &load(ctx, &dir)?),
        RadarCommand::Evaluate {
            names,
            months,
            online,
            dir,
        } => {
            let format = ctx.output_format();
            radar::evidence::window_start(&ctx.today, months)?;
            let techs = load(ctx, &dir)?;
            let chosen: Vec<&Technology> = names
                .iter()
                .map(|n| radar::resolve(&techs, n))
                .collect::<Result<_, _>>()?;
            let cards = evidence::scorecards(ctx, &chosen, months, online)?;
            match format {
                Format::Json => outln!("{}", serde_json::to_string_pretty(&cards)?)?,
                _ => out!(
                    "{}",
                    techlead_core::terminal::visible_controls(&evaluate::render_text(&cards))
                )?,
            }
            Ok(ExitCode::Clean)
        }
        RadarCommand::Export { since, title, dir } => {
            let format = port::exchange_format(ctx)?;
            let techs = load(ctx, &dir)?;
            let rings = ctx.radar.rings();
            let base = movement::baseline(ctx, since)?;
            let mut entries = exchange::entries(&techs, &rings, base.date());
            // Against a git revision, movement comes from the records' own
            // history in git rather than their History lines.
            for e in &mut entries {
                if let Some(t) = techs.iter().find(|t| t.name == e.name) {
                    e.movement = movement::movement_against(ctx, t, &rings, &base);
                }
            }
            out!(
                "{}",
                exchange::export(&entries, &rings, &ctx.radar.quadrants(), format, &title)
            )?;
            Ok(ExitCode::Clean)
        }
        RadarCommand::Import { file, dir } => {
            let format = port::exchange_format(ctx)?;
            let in_file = |e: InputError| InputError {
                path: Some(file.clone()),
                ..e
            };
            let text = techlead_core::read::regular_text(&file, techlead_core::read::IMPORT_LIMIT)
                .map_err(|e| InputError::io(&file, &e))?;
            let entries = exchange::import(&text, format).map_err(in_file)?;
            let folder = folder(ctx, &dir);
            let _lock = lock(ctx, &folder)?;
            let existing = load(ctx, &dir)?;
            let plan = radar::import::plan(&entries, &ctx.radar, &existing, &folder, &ctx.today)
                .map_err(in_file)?;
            for name in &plan.existing {
                ctx.note(format!("exists  {name} (left unchanged)"));
            }
            // Every record is written, or none.
            std::fs::create_dir_all(&folder)
                .map_err(|e| InputError::io_write(ctx.rel(&folder), &e))?;
            let mut tx = Transaction::new(&ctx.root);
            for p in &plan.create {
                tx.create(&p.path, p.text.as_bytes());
            }
            tx.commit()?;
            for p in &plan.create {
                outln!("{}", ctx.rel(&p.path))?;
            }
            Ok(ExitCode::Clean)
        }
        RadarCommand::Render {
            out,
            since,
            title,
            dir,
        } => render::render(ctx, &load(ctx, &dir)?, &out, since, &title),
        RadarCommand::Show { name, dir } => {
            let techs = load(ctx, &dir)?;
            let tech = radar::resolve(&techs, &name)?;
            let text = techlead_core::read::regular_text(
                &tech.abs_path,
                techlead_core::read::RECORD_LIMIT,
            )
            .map_err(|e| InputError::io(&tech.path, &e))?;
            // The record as written, with control characters shown escaped.
            out!("{}", techlead_core::terminal::visible_controls(&text))?;
            Ok(ExitCode::Clean)
        }
    }
}

fn folder(ctx: &Context, dir: &RadarDir) -> PathBuf {
    match &dir.dir {
        Some(d) => techlead_core::paths::absolute(d),
        None => ctx.root.join(ctx.radar.dir()),
    }
}

/// The radar folder's lock, for commands that edit it (see
/// `techlead_core::lock`); a folder not made yet needs none.
fn lock(ctx: &Context, folder: &Path) -> Result<Option<techlead_core::lock::Lock>> {
    if !folder.is_dir() {
        return Ok(None);
    }
    Ok(Some(
        techlead_core::lock::Lock::exclusive(folder)
            .map_err(|e| InputError::io(ctx.rel(folder), &e))?,
    ))
}

fn load(ctx: &Context, dir: &RadarDir) -> Result<Vec<Technology>> {
    Ok(radar::load(&ctx.root, &folder(ctx, dir))?)
}

/// `radar list` as text: one line a technology.
struct ListRow<'a>(&'a Technology);

impl Row for ListRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("name"),
        Column::left("ring").min(7),
        Column::left("quadrant").min(24),
        Column::left("since").min(10),
        Column::left("packages"),
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        let t = self.0;
        vec![
            (&t.name).into(),
            t.ring.as_deref().unwrap_or("-").into(),
            t.quadrant.as_deref().unwrap_or("-").into(),
            t.since().unwrap_or("-").into(),
            packages(t).into(),
        ]
    }
}

/// `radar list` as CSV: the columns of ThoughtWorks' Build Your Own Radar.
struct ByorRow<'a>(&'a Technology);

impl Row for ByorRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::left("name"),
        Column::left("ring"),
        Column::left("quadrant"),
        Column::left("isNew"),
        Column::left("description"),
    ];

    fn cells(&self) -> Vec<Cell<'_>> {
        let t = self.0;
        vec![
            (&t.name).into(),
            t.ring.as_deref().unwrap_or("").into(),
            t.quadrant.as_deref().unwrap_or("").into(),
            (t.history.len() <= 1).into(),
            packages(t).into(),
        ]
    }
}

fn packages(t: &Technology) -> String {
    t.packages
        .iter()
        .map(|p| format!("{}:{}", p.ecosystem, p.name))
        .collect::<Vec<_>>()
        .join(" ")
}

fn list(ctx: &Context, techs: &[Technology]) -> Result<ExitCode> {
    let mut out = Vec::new();
    match ctx.output_format() {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, techs)?;
            out.push(b'\n');
        }
        Format::Csv => {
            let rows: Vec<ByorRow> = techs.iter().map(ByorRow).collect();
            table::write(&mut out, TableFormat::Csv, &rows)?;
        }
        _ => {
            let rows: Vec<ListRow> = techs.iter().map(ListRow).collect();
            table::write(&mut out, TableFormat::Text, &rows)?;
        }
    }
    crate::stdout::write_bytes(&out)?;
    Ok(ExitCode::Clean)
}
