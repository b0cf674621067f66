//! `radar render`: the records drawn as a self-contained SVG or HTML radar.

use super::movement::movement_against;
use crate::context::Context;
use anyhow::Result;
use techlead_core::atomic::write_atomic;
use techlead_core::{ExitCode, InputError};
use techlead_radar::Technology;

/// Where each technology sits and how it moved since `since`, from the
/// records' History lines; records in unknown rings or quadrants are left
/// out (and reported by `techlead check`).
pub fn render(
    ctx: &Context,
    techs: &[Technology],
    out: &std::path::Path,
    since: Option<String>,
    title: &str,
) -> Result<ExitCode> {
    let rings = ctx.radar.rings();
    let mut quadrants = ctx.radar.quadrants();
    if quadrants.len() > 4 {
        return Err(InputError::new(
            "the radar draws at most four quadrants; [radar] quadrants lists more",
        )
        .into());
    }
    quadrants.resize(4, String::new());
    let today = ctx.today.clone();
    let base = super::movement::baseline(ctx, since)?;
    let mut blips = Vec::new();
    let mut skipped = 0;
    for t in techs {
        let (Some(ring), Some(quadrant)) = (
            t.ring
                .as_ref()
                .and_then(|r| rings.iter().position(|x| x == r)),
            t.quadrant
                .as_ref()
                .and_then(|q| quadrants.iter().position(|x| x == q)),
        ) else {
            skipped += 1;
            continue;
        };
        blips.push(techlead_report::radar::Blip {
            name: t.name.clone(),
            ring,
            quadrant,
            movement: movement_against(ctx, t, &rings, &base),
            description: description(t),
            rationale: t.summary.clone().unwrap_or_default(),
        });
    }
    let radar = techlead_report::radar::Radar {
        title: title.to_string(),
        subtitle: format!("{today}; movement since {}", base.label()),
        rings,
        quadrants,
        blips,
    };
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let text = match ext.as_str() {
        "svg" => techlead_report::radar::svg(&radar),
        "html" | "htm" => techlead_report::radar::html(&radar),
        _ => {
            return Err(InputError::new(format!(
                "--out {}: use a .svg or .html file name",
                out.display()
            ))
            .into());
        }
    };
    let abs = techlead_core::paths::absolute(out);
    write_atomic(&abs, text.as_bytes()).map_err(|e| InputError::io_write(ctx.rel(&abs), &e))?;
    if skipped > 0 {
        ctx.note(format!(
            "{skipped} records with an unknown ring or quadrant left out (see `techlead check`)"
        ));
    }
    ctx.note(format!(
        "wrote {} ({} technologies)",
        ctx.rel(&abs),
        radar.blips.len()
    ));
    Ok(ExitCode::Clean)
}

fn description(t: &Technology) -> String {
    let mut parts: Vec<String> = t
        .packages
        .iter()
        .map(|p| format!("{}:{}", p.ecosystem, p.name))
        .collect();
    if let Some(p) = &t.purpose {
        parts.push(format!("purpose: {p}"));
    }
    if let Some(d) = &t.decision {
        parts.push(format!("ADR {d}"));
    }
    parts.join("; ")
}
