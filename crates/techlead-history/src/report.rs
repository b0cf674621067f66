//! What an analysis returns, and how each report is written: the per-file
//! tables through the kernel's table renderer (text, CSV, JSON from one
//! column list), the one-line and one-screen reports by hand.

use crate::{
    AbsChurn, AddedOwner, Age, AuthorChurn, Authors, Coupling, Delivery, EntityChurn,
    Fragmentation, Hotspot, Loss, MainDev, Ownership, RemovedOwner, Revisions, Soc, TruckFactor,
    summary::Summary,
};
use std::io::{self, Write};
use techlead_core::table::{self, TableFormat};
use techlead_core::terminal::escape_control;

pub enum Report {
    Revisions(Vec<Revisions>),
    Coupling(Vec<Coupling>),
    Soc(Vec<Soc>),
    Authors(Vec<Authors>),
    MainDevByRevs(Vec<MainDev>),
    AbsChurn(Vec<AbsChurn>),
    AuthorChurn(Vec<AuthorChurn>),
    EntityChurn(Vec<EntityChurn>),
    EntityOwnership(Vec<Ownership>),
    MainDev(Vec<AddedOwner>),
    RefactoringMainDev(Vec<RemovedOwner>),
    Age(Vec<Age>),
    TruckFactor(TruckFactor),
    Fragmentation(Vec<Fragmentation>),
    Summary(Box<Summary>),
    KnowledgeLoss(Vec<Loss>),
    Delivery(Delivery),
    Hotspots(Vec<Hotspot>),
    Assessment(Box<crate::Assessment>),
}

impl Report {
    pub fn write(&self, out: &mut dyn Write, format: TableFormat) -> io::Result<()> {
        match self {
            Report::Revisions(r) => table::write(out, format, r),
            Report::Coupling(r) => table::write(out, format, r),
            Report::Soc(r) => table::write(out, format, r),
            Report::Authors(r) => table::write(out, format, r),
            Report::MainDevByRevs(r) => table::write(out, format, r),
            Report::AbsChurn(r) => table::write(out, format, r),
            Report::AuthorChurn(r) => table::write(out, format, r),
            Report::EntityChurn(r) => table::write(out, format, r),
            Report::EntityOwnership(r) => table::write(out, format, r),
            Report::MainDev(r) => table::write(out, format, r),
            Report::RefactoringMainDev(r) => table::write(out, format, r),
            Report::Age(r) => table::write(out, format, r),
            Report::Fragmentation(r) => table::write(out, format, r),
            Report::KnowledgeLoss(r) => table::write(out, format, r),
            Report::Hotspots(r) => table::write(out, format, r),
            Report::TruckFactor(tf) => write_truck_factor(out, format, tf),
            Report::Delivery(d) => crate::delivery::write(out, format, d),
            Report::Summary(s) => s.write(out, format),
            Report::Assessment(a) => json(out, &a.json()),
        }
    }
}

fn write_truck_factor(
    out: &mut dyn Write,
    format: TableFormat,
    tf: &TruckFactor,
) -> io::Result<()> {
    match format {
        TableFormat::Json => json(out, tf),
        TableFormat::Csv => table::write(out, format, std::slice::from_ref(tf)),
        TableFormat::Text => writeln!(out, "{}", escape_control(&tf.line())),
    }
}

/// Pretty JSON and a newline.
pub(crate) fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}
