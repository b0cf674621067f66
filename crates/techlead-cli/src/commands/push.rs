//! Pushing a snapshot to the organisation store, after the local one is
//! recorded: a failure is exit 2 with the store named (never with its
//! password) and the local snapshot stays as recorded.

use crate::context::Context;
use techlead_core::InputError;
use techlead_store::{Location, Recorded, Snapshot, Store};

/// Records `snapshot` in the store at `at`; its name as shown and what
/// happened there.
pub fn push(
    ctx: &Context,
    at: &Location,
    snapshot: &Snapshot,
) -> Result<(String, Recorded), InputError> {
    if let (Location::Postgres(url), Some(configured)) = (at, &ctx.store.url)
        && url == configured
        && techlead_store::location::redact(url) != *url
    {
        ctx.note(
            "warning: [store] url in techlead.toml holds a password: move it to PGPASSWORD or ~/.pgpass (docs/guide/org.md)",
        );
    }
    let local = ctx.rel(&super::snapshot::db_path(ctx));
    let failed = |e: InputError| {
        let help = e.help.clone().map(|h| format!("{h}; ")).unwrap_or_default();
        let mut e = e.with_help(format!(
            "{help}the local snapshot is recorded in {local}: run `techlead snapshot` again to push it"
        ));
        e.message = format!("push failed: {}", e.message);
        e
    };
    let mut store = Store::connect(at, &ctx.root, true).map_err(failed)?;
    let recorded = store.record(snapshot).map_err(failed)?;
    Ok((store.shown().to_string(), recorded))
}
