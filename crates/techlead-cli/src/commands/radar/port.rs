//! `radar export` and `radar import`: formats from other radar tools.

use crate::cli::Format;
use crate::context::Context;
use anyhow::Result;
use techlead_radar::exchange;

pub fn exchange_format(ctx: &Context, command: &str) -> Result<exchange::Format> {
    Ok(
        match ctx.format_among(
            command,
            &[
                Format::ByorCsv,
                Format::ByorJson,
                Format::Zalando,
                Format::Backstage,
            ],
        )? {
            Format::ByorJson => exchange::Format::ByorJson,
            Format::Zalando => exchange::Format::Zalando,
            Format::Backstage => exchange::Format::Backstage,
            _ => exchange::Format::ByorCsv,
        },
    )
}

/// The ring an imported entry that moved came from: one ring further out
/// if it moved in, one further in if it moved out.
pub fn moved_from<'r>(e: &exchange::Entry, rings: &'r [String]) -> Option<&'r str> {
    if e.is_new || e.moved == 0 {
        return None;
    }
    let now = rings.iter().position(|r| *r == e.ring)? as i64;
    let from = now + i64::from(e.moved);
    rings.get(usize::try_from(from).ok()?).map(String::as_str)
}
