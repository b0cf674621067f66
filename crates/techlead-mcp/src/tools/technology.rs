//! Technology tools: the radar's word on a technology or package, and the
//! packages in use.

use super::{DecisionSummary, Tool, ToolError, tool};
use crate::project::Session;
use crate::shapes::{PackageOut, TechnologyOut};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use techlead_core::check::Env;
use techlead_inventory::Package;
use techlead_inventory::online::Options;
use techlead_radar::Technology;
use techlead_radar::policy::{InUse, covers};

pub fn tools() -> Vec<Tool> {
    vec![
        tool(
            "radar_lookup",
            "Look up the technology radar",
            "The team's technology radar on a technology or package: ring (adopt, trial, assess, \
             hold), quadrant, rationale, the decision record behind it, and which packages of \
             it the lockfiles use. `name` is a technology name or id, or a package as \
             `ecosystem:name` (cargo:serde_yaml, npm:moment) or a bare package name.",
            false,
            radar_lookup,
        ),
        tool(
            "deps",
            "Dependency inventory",
            "The packages every lockfile and manifest of the tree names (the JSON of `techlead \
             deps --format json`, licences included), optionally only one ecosystem, names \
             holding a text, or direct dependencies; and the risk per ecosystem (packages, \
             direct, dev, unknown and refused licences). With `online: true`, when the server \
             was started with `--online`, also each package's known vulnerabilities (OSV), \
             newest version, majors and days behind, yanked and deprecated flags, as \
             `techlead deps --online --format json` gives them, vulnerable packages on the \
             radar's Hold ring first; answers are cached under .techlead/cache.",
            false,
            deps,
        ),
    ]
}

/// The technology record covering a package (`ecosystem` None: any).
pub fn technology_for_package<'t>(
    techs: &'t [Technology],
    ecosystem: Option<&str>,
    name: &str,
) -> Option<&'t Technology> {
    let fold = |s: &str| s.to_ascii_lowercase().replace('-', "_");
    techs.iter().find(|t| {
        t.packages.iter().any(|p| {
            ecosystem.is_none_or(|e| e.eq_ignore_ascii_case(&p.ecosystem))
                && (techlead_radar::same_package(&p.ecosystem, &p.name, &p.ecosystem, name)
                    // Crates are imported with `_` where they publish `-`.
                    || (p.ecosystem == "cargo" && fold(&p.name) == fold(name)))
        })
    })
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RadarArgs {
    /// A technology name or id, `ecosystem:package`, or a package name.
    pub name: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RadarOutput {
    /// The record, as `techlead radar list --format json` writes it; null
    /// when the radar has none.
    pub technology: Option<TechnologyOut>,
    /// How the record was found: `name` or `package`.
    pub matched_by: Option<String>,
    /// The configured rings, the last one being Hold.
    pub rings: Vec<String>,
    /// The record is in the last ring: the team says stop using it.
    pub hold: bool,
    /// The record's text after its front matter.
    pub rationale: Option<String>,
    /// The decision record the entry names.
    pub decision: Option<DecisionSummary>,
    /// Packages of it that the lockfiles use (of the package asked, when
    /// the radar has no record).
    pub in_use: Vec<PackageOut>,
}

fn radar_lookup(session: &Session, args: RadarArgs) -> Result<RadarOutput, ToolError> {
    let techs = crate::load::technologies(session)?;
    let key = args.name.trim();
    if key.is_empty() {
        return Err(ToolError::BadArguments("the name is empty".into()));
    }
    let (eco, package) = match key.split_once(':') {
        Some((e, n)) => (Some(e.trim().to_ascii_lowercase()), n.trim()),
        None => (None, key),
    };
    let exact =
        |t: &&Technology| t.id.eq_ignore_ascii_case(key) || t.name.eq_ignore_ascii_case(key);
    let (tech, matched_by) = if eco.is_none()
        && let Some(t) = techs.iter().find(exact)
    {
        (Some(t), Some("name"))
    } else if let Some(t) = technology_for_package(&techs, eco.as_deref(), package) {
        (Some(t), Some("package"))
    } else if eco.is_none() && techs.iter().any(|t| piece_of(t, key)) {
        // A piece of one name; several: the radar's own error lists them.
        (Some(techlead_radar::resolve(&techs, key)?), Some("name"))
    } else {
        (None, None)
    };
    let inventory = techlead_inventory::inventory(session.root());
    for e in &inventory.errors {
        session.note(&format!("warning: {e} (its packages are not listed)"));
    }
    let in_use: Vec<PackageOut> = inventory
        .packages
        .iter()
        .filter(|p| match tech {
            Some(t) => covers(t, &in_use_of(p)),
            None => {
                eco.as_deref().is_none_or(|e| e == p.ecosystem.as_str())
                    && techlead_radar::same_package(
                        p.ecosystem.as_str(),
                        &p.name,
                        p.ecosystem.as_str(),
                        package,
                    )
            }
        })
        .map(PackageOut::from)
        .collect();
    let rings = session.project.radar().rings();
    let decision = match tech.and_then(|t| t.decision.as_deref()) {
        Some(id) => crate::tools::load_decisions(session)?
            .and_then(|d| d.resolve(id).ok().map(DecisionSummary::from)),
        None => None,
    };
    let rationale = match tech {
        Some(t) => Some(body_of(
            &techlead_core::read::regular_text(&t.abs_path, techlead_core::read::RECORD_LIMIT)
                .map_err(|e| techlead_core::InputError::io(&t.path, &e))?,
        )),
        None => None,
    };
    if tech.is_none() {
        session.note(&format!(
            "the radar has no record for `{key}`: the team has not assessed it (techlead radar add records one)"
        ));
    }
    Ok(RadarOutput {
        hold: tech.is_some_and(|t| t.ring.is_some() && t.ring.as_ref() == rings.last()),
        technology: tech.map(TechnologyOut::from),
        matched_by: matched_by.map(str::to_string),
        rings,
        rationale,
        decision,
        in_use,
    })
}

fn piece_of(t: &Technology, key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    t.id.to_ascii_lowercase().contains(&k) || t.name.to_ascii_lowercase().contains(&k)
}

fn in_use_of(p: &Package) -> InUse {
    InUse {
        ecosystem: p.ecosystem.as_str().to_string(),
        name: p.name.clone(),
        direct: p.direct,
        source: p.source.clone(),
        line: p.line,
    }
}

/// The text after a front matter block, trimmed.
fn body_of(text: &str) -> String {
    let t = text.trim_start_matches('\u{feff}');
    let body = t
        .strip_prefix("---")
        .and_then(|rest| rest.find("\n---").map(|end| &rest[end + 4..]))
        .unwrap_or(t);
    body.trim().to_string()
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DepsArgs {
    /// Only this ecosystem: cargo, go, maven, npm, packagist, pypi, rubygems.
    pub ecosystem: Option<String>,
    /// Only packages whose name holds this text (case-insensitive).
    pub name: Option<String>,
    /// Only direct dependencies (true) or only transitive ones (false).
    pub direct: Option<bool>,
    /// Ask the registries and OSV (only when the server runs with
    /// `--online`; nothing leaves the machine otherwise).
    #[serde(default)]
    pub online: bool,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct DepsOutput {
    pub packages: Vec<PackageOut>,
    pub count: usize,
    /// Lockfiles that could not be read, with file and line: their
    /// packages are missing from the list.
    pub errors: Vec<String>,
    /// Manifests found and not read (formats not read yet, no lockfile).
    pub unread: Vec<UnreadOut>,
    /// Each ecosystem's risk, over the whole inventory (not only the
    /// packages listed): vulnerability, staleness and yanked counts are
    /// null unless `online`.
    pub summary: Vec<techlead_inventory::summary::EcosystemRisk>,
    /// With `online`, the listed packages with what their registry and
    /// OSV answered, as `techlead deps --online --format json` gives
    /// them, what to fix first on top; null offline.
    pub risk: Option<Vec<serde_json::Value>>,
    /// Why `risk` is null.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_unavailable: Option<String>,
    /// What the online answers are missing, and where they came from.
    pub notes: Vec<String>,
}

/// Why `risk` is null offline.
pub const OFFLINE: &str = "offline: call with `online: true` (the server must run with `techlead mcp --online`) to ask the registries and OSV";

#[derive(Debug, Serialize, JsonSchema)]
pub struct UnreadOut {
    pub path: String,
    pub ecosystem: String,
    /// `unsupported` or `no-lockfile`.
    pub reason: String,
}

const ECOSYSTEMS: &[&str] = &[
    "cargo",
    "go",
    "maven",
    "npm",
    "packagist",
    "pypi",
    "rubygems",
];

fn deps(session: &Session, args: DepsArgs) -> Result<DepsOutput, ToolError> {
    let eco = args.ecosystem.map(|e| e.trim().to_ascii_lowercase());
    if let Some(e) = &eco
        && !ECOSYSTEMS.contains(&e.as_str())
    {
        return Err(ToolError::BadArguments(format!(
            "unknown ecosystem `{e}`: expected one of {}",
            ECOSYSTEMS.join(", ")
        )));
    }
    if args.online && !session.state.online {
        return Err(ToolError::BadArguments(
            "this server was started without --online, so nothing leaves the machine: \
             restart it with `techlead mcp --online` to ask the registries and OSV"
                .to_string(),
        ));
    }
    let name = args.name.map(|n| n.to_lowercase());
    let p = session.project;
    let opts = args
        .online
        .then(|| Options::new(session.use_cache(), p.deps().cache_hours()));
    let cargo_home = p.cargo_home();
    let risk = techlead_inventory::risk::dependency_risk(
        session.root(),
        p.deps(),
        cargo_home.as_deref(),
        opts.as_ref(),
    );
    let inventory = &risk.inventory;
    let wanted = |p: &&Package| {
        eco.as_deref().is_none_or(|e| e == p.ecosystem.as_str())
            && name
                .as_ref()
                .is_none_or(|n| p.name.to_lowercase().contains(n.as_str()))
            && args.direct.is_none_or(|d| p.direct == Some(d))
    };
    let packages: Vec<PackageOut> = inventory
        .packages
        .iter()
        .filter(wanted)
        .map(PackageOut::from)
        .collect();
    let mut notes = Vec::new();
    let online_risk = match &risk.online {
        Some(assessment) => {
            let hold = p.radar_hold();
            let entries =
                techlead_inventory::online::entry::entries(&inventory.packages, assessment, &hold);
            notes.extend(assessment.notes.iter().cloned());
            notes.push(format!(
                "online answers: {} fetched, {} from .techlead/cache, {} not read",
                assessment.fetched, assessment.from_cache, assessment.failed
            ));
            Some(
                entries
                    .iter()
                    .filter(|e| wanted(&e.package))
                    .map(serde_json::to_value)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| ToolError::Input(techlead_core::InputError::new(e.to_string())))?,
            )
        }
        None => None,
    };
    let summary = risk.summary;
    if let Some(a) = risk.online {
        session.defer_cache(a.cache);
    }
    Ok(DepsOutput {
        count: packages.len(),
        packages,
        errors: inventory.errors.iter().map(|e| e.to_string()).collect(),
        unread: inventory
            .unread
            .iter()
            .map(|u| UnreadOut {
                path: u.path.clone(),
                ecosystem: u.ecosystem.to_string(),
                reason: match u.reason {
                    techlead_inventory::UnreadReason::Unsupported => "unsupported",
                    techlead_inventory::UnreadReason::NoLockfile => "no-lockfile",
                }
                .to_string(),
            })
            .collect(),
        summary,
        risk_unavailable: online_risk.is_none().then(|| OFFLINE.to_string()),
        risk: online_risk,
        notes,
    })
}
