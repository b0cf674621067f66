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
