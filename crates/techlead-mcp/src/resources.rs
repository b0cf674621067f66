//! Resources: every decision record as `techlead://decisions/{id}`, every
//! technology record as `techlead://radar/{id}`, and the configuration as
//! `techlead://config/techlead.toml`. A URI names a record by its id, and
//! only records the project has are served: no URI reaches another file.

use crate::project::Session;
use crate::tools::{ToolError, load_decisions};
use techlead_core::{InputError, read};

pub const DECISIONS: &str = "techlead://decisions/";
pub const RADAR: &str = "techlead://radar/";
pub const CONFIG: &str = "techlead://config/techlead.toml";

pub fn decision_uri(id: &str) -> String {
    format!("{DECISIONS}{id}")
}

/// A resource as listed.
pub struct Listed {
    pub uri: String,
    pub name: String,
    pub title: Option<String>,
    pub description: String,
    pub mime_type: &'static str,
}

/// A resource's text.
pub struct Read {
    pub uri: String,
    pub mime_type: &'static str,
    pub text: String,
}

/// Every resource of the project.
pub fn list(session: &Session) -> Result<Vec<Listed>, ToolError> {
    let mut out = Vec::new();
    if let Some(d) = load_decisions(session)? {
        for r in &d.records {
            out.push(Listed {
                uri: decision_uri(&r.id),
                name: r.id.clone(),
                title: r.title.clone(),
                description: format!(
                    "Decision record {} ({}, {})",
                    r.rel_path,
                    r.status.as_deref().unwrap_or("no status"),
                    r.date.as_deref().unwrap_or("no date")
                ),
                mime_type: "text/markdown",
            });
        }
    }
    for t in crate::load::technologies(session)? {
        out.push(Listed {
            uri: format!("{RADAR}{}", t.id),
            name: t.id.clone(),
            title: Some(t.name.clone()),
            description: format!(
                "Technology radar record {} (ring {}, quadrant {})",
                t.path,
                t.ring.as_deref().unwrap_or("none"),
                t.quadrant.as_deref().unwrap_or("none")
            ),
            mime_type: "text/markdown",
        });
    }
    if session.project.config_file().is_some() {
        out.push(Listed {
            uri: CONFIG.to_string(),
            name: "techlead.toml".into(),
            title: Some("techlead configuration".into()),
            description:
                "The project's techlead.toml: decisions folder, checks, module boundaries, radar"
                    .into(),
            mime_type: "application/toml",
        });
    }
    Ok(out)
}

/// The resource at `uri`; None when the project has no such resource.
pub fn read(session: &Session, uri: &str) -> Result<Option<Read>, ToolError> {
    let text_of = |path: &std::path::Path, rel: &str| {
        read::regular_text(path, read::RECORD_LIMIT)
            .map_err(|e| ToolError::Input(InputError::io(rel, &e)))
    };
    if let Some(id) = uri.strip_prefix(DECISIONS) {
        let Some(d) = load_decisions(session)? else {
            return Ok(None);
        };
        let Some(r) = d.records.iter().find(|r| r.id == id) else {
            return Ok(None);
        };
        return Ok(Some(Read {
            uri: uri.to_string(),
            mime_type: "text/markdown",
            text: techlead_records::folder::read_text(r)?,
        }));
    }
    if let Some(id) = uri.strip_prefix(RADAR) {
        let techs = crate::load::technologies(session)?;
        let Some(t) = techs.iter().find(|t| t.id == id) else {
            return Ok(None);
        };
        return Ok(Some(Read {
            uri: uri.to_string(),
            mime_type: "text/markdown",
            text: text_of(&t.abs_path, &t.path)?,
        }));
    }
    if uri == CONFIG
        && let Some(path) = session.project.config_file()
    {
        return Ok(Some(Read {
            uri: uri.to_string(),
            mime_type: "application/toml",
            text: text_of(path, "techlead.toml")?,
        }));
    }
    Ok(None)
}
