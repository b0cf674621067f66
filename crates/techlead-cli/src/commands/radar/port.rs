//! `radar export` and `radar import`: formats from other radar tools.

use crate::context::Context;
use anyhow::Result;
use techlead_radar::exchange;

/// The exchange format asked for; the command line accepts only these.
pub fn exchange_format(ctx: &Context) -> Result<exchange::Format> {
    Ok(ctx
        .output_format()
        .exchange()
        .unwrap_or(exchange::Format::ByorCsv))
}
