//! Business goals in the repository, linked to the work that serves them.
//!
//! A goal is `docs/goals/NNNN-slug.md` ([`goal`]): a business outcome with
//! an owner, a horizon ([`horizon`]), a parent goal, and key results
//! ([`kr`]) that are either bound to a techlead metric (computed, never
//! typed in) or kept by hand. Decisions, debt items and technologies serve
//! goals through a `goals:` field, and goals name records in `links:`
//! ([`links`]). [`progress`] says where each goal stands against the time
//! gone by in its horizon; [`matrix`] is the traceability matrix; the
//! goals check ([`check`]) runs the `goals/*` rules.
//!
//! This context depends on the kernels only. Metric names, values and
//! series ([`readings`]) and the records of other contexts ([`work`]) come
//! in as plain data, composed by the CLI.

pub mod check;
pub mod config;
pub mod edit;
pub mod field;
pub mod goal;
pub mod horizon;
pub mod kr;
pub mod links;
pub mod matrix;
pub mod new;
pub mod progress;
pub mod readings;
pub mod render;
pub mod rules;
pub mod status;
pub mod work;

pub use goal::{Goal, KeyResult, Spec, load, resolve};
pub use progress::{GoalStatus, KeyResultStatus, Track, evaluate};
pub use readings::{Catalog, MetricInfo, Point, Readings};
pub use status::Status;
pub use work::{Kind, RecordRef, Work, Works};
