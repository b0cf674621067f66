//! `deps --format cyclonedx|spdx`: the SBOM of the inventory, with an
//! optional creation time (`--timestamp`, else `SOURCE_DATE_EPOCH`).

use crate::cli::{DepsArgs, Format};
use crate::context::Context;
use anyhow::Result;
use techlead_core::InputError;
use techlead_inventory::Package;
use techlead_inventory::sbom::{self, Meta};

pub fn write(ctx: &Context, format: Format, args: &DepsArgs, packages: &[Package]) -> Result<()> {
    let meta = Meta {
        timestamp: timestamp(args.timestamp.as_deref())?,
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
    };
    let bill = sbom::build(&sbom::project_name(&ctx.root), packages);
    let mut out = Vec::new();
    match format {
        Format::Spdx => sbom::write_spdx(&bill, &meta, &mut out)?,
        _ => sbom::write_cyclonedx(&bill, &meta, &mut out)?,
    }
    crate::stdout::write_bytes(&out)?;
    ctx.note(format!(
        "{} components from {} packages",
        bill.components.len(),
        packages.len()
    ));
    Ok(())
}

/// RFC 3339 in UTC, to the second: `--timestamp` (a time, or `now`),
/// else `SOURCE_DATE_EPOCH` (seconds since 1970), else none.
fn timestamp(flag: Option<&str>) -> Result<Option<String>> {
    let ts = match flag {
        Some("now") => jiff::Timestamp::now(),
        Some(t) => t.parse::<jiff::Timestamp>().map_err(|e| {
            InputError::new(format!(
                "--timestamp `{t}` is not an RFC 3339 time such as 2024-05-01T12:00:00Z: {e}"
            ))
        })?,
        None => match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(s) if !s.trim().is_empty() => {
                let secs: i64 = s.trim().parse().map_err(|_| {
                    InputError::new(format!(
                        "SOURCE_DATE_EPOCH `{s}` is not a number of seconds since 1970"
                    ))
                })?;
                jiff::Timestamp::from_second(secs)
                    .map_err(|e| InputError::new(format!("SOURCE_DATE_EPOCH `{s}`: {e}")))?
            }
            _ => return Ok(None),
        },
    };
    Ok(Some(ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()))
}
