//! `techlead radar`: records (add, move, list, show), evaluation, rendering,
//! export and import, and the radar's part of `check`.

mod evidence;
mod movement;
mod port;
mod render;

use crate::cli::{Format, RadarCommand, RadarDir};
use crate::context::Context;
use anyhow::Result;
use std::path::PathBuf;
use techlead_core::atomic::{create_new_atomic, write_atomic};
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
            std::fs::create_dir_all(&dir).map_err(|e| InputError::io(ctx.rel(&dir), &e))?;
            create_new_atomic(&path, text.as_bytes()).map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    InputError::in_file(
                        ctx.rel(&path),
                        "already exists; `techlead radar move` changes its ring",
                    )
                } else {
                    InputError::io(ctx.rel(&path), &e)
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
            let techs = load(ctx, &dir)?;
            let tech = radar::resolve(&techs, &name)?;
            let ring = ring.to_ascii_lowercase();
            radar::new::known("ring", &ring, &ctx.radar.rings())?;
            if tech.ring.as_deref() == Some(ring.as_str()) {
                ctx.note(format!("{} is already in {ring}", tech.name));
                return Ok(ExitCode::Clean);
            }
            let text = std::fs::read_to_string(&tech.abs_path)
                .map_err(|e| InputError::io(&tech.path, &e))?;
            let new = radar::edit::move_ring(&text, tech, &ring, &ctx.today.clone(), &reason);
            write_atomic(&tech.abs_path, new.as_bytes())
                .map_err(|e| InputError::io(&tech.path, &e))?;
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
            let techs = load(ctx, &dir)?;
            let chosen: Vec<&Technology> = names
                .iter()
                .map(|n| radar::resolve(&techs, n))
                .collect::<Result<_, _>>()?;
            let cards = evidence::scorecards(ctx, &chosen, months, online)?;
            match format {
                Format::Json => outln!("{}", serde_json::to_string_pretty(&cards)?)?,
                _ => out!("{}", evaluate::render_text(&cards))?,
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
            let text = std::fs::read_to_string(&file).map_err(|e| InputError::io(&file, &e))?;
            let entries = exchange::import(&text, format)
                .map_err(|e| InputError::in_file(&file, e.message.clone()))?;
            let folder = folder(ctx, &dir);
            let existing = load(ctx, &dir)?;
            let rings = ctx.radar.rings();
            std::fs::create_dir_all(&folder).map_err(|e| InputError::io(ctx.rel(&folder), &e))?;
            let today = ctx.today.clone();
            for e in &entries {
                if existing
                    .iter()
                    .any(|t| t.name.eq_ignore_ascii_case(&e.name))
                {
                    ctx.note(format!("exists  {} (left unchanged)", e.name));
                    continue;
                }
                let path = folder.join(format!("{}.md", radar::slug(&e.name)));
                let text = radar::new::render(&NewTechnology {
                    name: &e.name,
                    quadrant: &e.quadrant,
                    ring: &e.ring,
                    packages: &[],
                    purpose: None,
                    tags: &[],
                    decision: None,
                    date: e.is_new().then_some(today.as_str()),
                    rationale: Some(&e.description),
                    moved_from: e.moved_from(&rings).map(|from| (today.as_str(), from)),
                });
                match create_new_atomic(&path, text.as_bytes()) {
                    Ok(()) => outln!("{}", ctx.rel(&path))?,
                    Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
                        ctx.note(format!("exists  {} (left unchanged)", ctx.rel(&path)));
                    }
                    Err(err) => return Err(InputError::io(ctx.rel(&path), &err).into()),
                }
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
            let text = std::fs::read_to_string(&tech.abs_path)
                .map_err(|e| InputError::io(&tech.path, &e))?;
            out!("{text}")?;
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
