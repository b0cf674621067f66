//! From the evidence to the model, one section at a time.

use super::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use techlead_metrics::{Evidence, Source, evidence};

/// The whole report. `history` is what the snapshot database holds (absent
/// when there is none yet).
pub fn build(e: &Evidence, metrics: &[Measurement], history: &Source<History>) -> Report {
    let technologies = e.radar.as_ref().ok().map(|r| &r.technologies[..]);
    let modules: Vec<String> = e
        .boundaries
        .as_ref()
        .map(|b| b.graph.modules.iter().map(|m| m.name.clone()).collect())
        .unwrap_or_default();
    let decisions = part(&e.decisions, |d| {
        decisions(d, technologies.unwrap_or(&[]), &modules)
    });
    let decision_ids: HashMap<String, String> = decisions
        .ready()
        .map(|d| {
            d.records
                .iter()
                .flat_map(|r| {
                    let mut keys = vec![(r.id.clone(), r.id.clone())];
                    if let Some(n) = r.number {
                        keys.push((n.to_string(), r.id.clone()));
                        keys.push((format!("{n:04}"), r.id.clone()));
                    }
                    keys
                })
                .collect()
        })
        .unwrap_or_default();
    let commit = e.commit.as_ref().ok().map(|c| CommitRef {
        id: c.id.clone(),
        date: techlead_history::revision::date_of(c.time),
    });
    let mut report = Report {
        version: VERSION,
        repo: e.repo.clone(),
        generated: e.today.clone(),
        tool_version: env!("CARGO_PKG_VERSION").to_string(),
        commit,
        overview: Overview {
            key_numbers: Vec::new(),
            risks: Vec::new(),
            previous: None,
            changes: Vec::new(),
            sections: Vec::new(),
        },
        decisions,
        radar: part(&e.radar, |r| radar(r, &e.today, &decision_ids)),
        dependencies: part(&e.deps, |d| dependencies(d, e.radar.as_ref().ok())),
        architecture: part(&e.boundaries, architecture),
        hotspots: history_part(e, hotspots),
        knowledge: history_part(e, knowledge),
        coupling: history_part(e, coupling),
        delivery: match &e.history {
            Ok(h) => match &h.summary.delivery {
                None => Part::Absent(Absent::new("the tags could not be read")),
                Some(d) if d.releases.is_empty() => Part::Absent(
                    Absent::new("no release tags (v1.2.3, 1.2.3, v1.2 or 1.2)")
                        .setup("git tag v1.0.0"),
                ),
                Some(_) => history_part(e, delivery),
            },
            Err(a) => Part::Absent(a.clone()),
        },
        health: part(&e.health, health),
        debt: part(&e.debt, debt),
        practices: part(&e.practices, |p| practices(p)),
        goals: part(&e.goals, |g| goals(e, g)),
        trends: match history {
            Ok(h) if !h.series.is_empty() => Part::Ready(trends(h, e)),
            Ok(_) => {
                Part::Absent(Absent::new("no snapshot has a value yet").setup("techlead snapshot"))
            }
            Err(a) => Part::Absent(a.clone()),
        },
        metrics: metrics.to_vec(),
    };
    super::links::link(
        &mut report.decisions,
        &mut report.debt,
        &mut report.goals,
        e,
        &decision_ids,
    );
    report.overview = super::overview::overview(&report, e, history.as_ref().ok());
    report
}

fn part<T, U>(source: &Source<T>, f: impl FnOnce(&T) -> U) -> Part<U> {
    match source {
        Ok(t) => Part::Ready(f(t)),
        Err(a) => Part::Absent(a.clone()),
    }
}

fn history_part<U>(
    e: &Evidence,
    f: impl FnOnce(&techlead_history::Assessment) -> Option<U>,
) -> Part<U> {
    match &e.history {
        Ok(h) => match f(h) {
            Some(u) => Part::Ready(u),
            None => Part::Absent(Absent::new(empty_reason(h))),
        },
        Err(a) => Part::Absent(a.clone()),
    }
}

fn empty_reason(h: &techlead_history::Assessment) -> String {
    if h.summary.bare {
        "a bare repository has no files to measure".into()
    } else {
        "nothing to show in this history".into()
    }
}

fn practices(p: &techlead_practices::Report) -> PracticesPart {
    PracticesPart {
        score: p.score,
        level: p.level.as_str().to_string(),
        next_level: p.next_level.as_ref().map(|n| n.level.as_str().to_string()),
        missing: p
            .next_level
            .iter()
            .flat_map(|n| &n.missing)
            .map(|m| format!("{} (at least {})", m.check, m.minimum))
            .collect(),
        checks: p
            .checks
            .iter()
            .map(|c| PracticeRow {
                id: c.id.to_string(),
                status: c.status.as_str().to_string(),
                score: c.score,
                reason: c.reason.clone(),
                evidence: c.evidence.iter().map(|e| e.line()).collect(),
            })
            .collect(),
        fit: p.fit.verdict.clone(),
        outpaces_team: p.fit.outpaces_team,
        history_missing: p.history_missing.clone(),
    }
}

fn goals(e: &Evidence, g: &evidence::Goals) -> GoalsPart {
    let statuses = match techlead_metrics::goals::evaluate(e, g, None) {
        Ok(s) => s,
        Err(errors) => {
            return GoalsPart {
                goals: Vec::new(),
                problem: errors.first().map(|e| e.to_string()),
            };
        }
    };
    GoalsPart {
        goals: statuses
            .iter()
            .map(|s| GoalRow {
                id: s.id.clone(),
                title: s.title.clone(),
                status: s.status.as_str().to_string(),
                owner: s.owner.clone(),
                horizon: s.horizon.clone(),
                progress: s.progress,
                track: s.track.map(|t| t.as_str().to_string()),
                depth: s.depth,
                key_results: s
                    .key_results
                    .iter()
                    .map(|k| KeyResultRow {
                        what: k
                            .metric
                            .clone()
                            .or_else(|| k.text.clone())
                            .unwrap_or_default(),
                        target: format!("{} {}", k.op, number(k.target)),
                        current: k.current,
                        progress: k.progress,
                        track: k.track.map(|t| t.as_str().to_string()),
                        unknown: k.unknown.clone(),
                    })
                    .collect(),
                links: Vec::new(),
            })
            .collect(),
        problem: None,
    }
}

/// Whole numbers without decimals, others with up to two.
fn number(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        let s = format!("{v:.2}");
        s.trim_end_matches('0').to_string()
    }
}

fn findings(list: &[techlead_core::Finding]) -> Vec<Finding> {
    list.iter()
        .map(|f| Finding {
            rule: f.rule.clone(),
            severity: f.severity.as_str().to_string(),
            message: f.message.clone(),
            path: f.location.as_ref().map(|l| l.path.clone()),
            line: f.location.as_ref().and_then(|l| l.line),
        })
        .collect()
}

/// Whole-word, case-insensitive: `Go` in "we go" is not a mention, but
/// names are matched as written too.
fn names_word(text: &str, name: &str) -> bool {
    if name.len() < 2 {
        return false;
    }
    let lower = text.to_lowercase();
    let needle = name.to_lowercase();
    lower.match_indices(&needle).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + needle.len()..].chars().next();
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != '-');
        edge(before) && edge(after)
    })
}

/// Module names are often ordinary words (`core`, `app`): a record names
/// a module only in a code span (`core`).
fn names_module(text: &str, module: &str) -> bool {
    text.contains(&format!("`{module}`"))
}

pub fn anchor(kind: &str, id: &str) -> String {
    let slug: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{kind}-{slug}")
}

fn decisions(
    d: &evidence::Decisions,
    technologies: &[techlead_radar::Technology],
    modules: &[String],
) -> DecisionsPart {
    let ids: BTreeSet<&str> = d.records.iter().map(|r| r.id.as_str()).collect();
    let link = |url: &str| -> Option<String> {
        let file = url.split('#').next()?.rsplit('/').next()?;
        let stem = file.strip_suffix(".md")?;
        ids.contains(stem)
            .then(|| format!("#{}", anchor("adr", stem)))
    };
    let mut records: Vec<Decision> = d
        .records
        .iter()
        .zip(&d.bodies)
        .map(|(r, text)| {
            let body = crate::markdown::body(text);
            let mut mentions: Vec<Mention> = technologies
                .iter()
                .filter(|t| {
                    names_word(body, &t.name)
                        || t.decision.as_deref().is_some_and(|x| {
                            x == r.id
                                || r.number
                                    .is_some_and(|n| x.trim_start_matches('0') == n.to_string())
                        })
                })
                .map(|t| Mention {
                    kind: "technology".into(),
                    name: t.name.clone(),
                    anchor: anchor("tech", &t.id),
                })
                .chain(
                    modules
                        .iter()
                        .filter(|m| names_module(body, m))
                        .map(|m| Mention {
                            kind: "module".into(),
                            name: m.clone(),
                            anchor: anchor("module", m),
                        }),
                )
                .collect();
            mentions.sort();
            mentions.dedup();
            Decision {
                id: r.id.clone(),
                number: r.number,
                title: r.title.clone().unwrap_or_else(|| r.id.clone()),
                status: r.status.clone(),
                date: r.date.clone(),
                tags: r.tags.clone(),
                deciders: r.decision_makers.clone(),
                package: r.package.clone(),
                path: r.rel_path.clone(),
                html: crate::markdown::to_html(text, &link),
                mentions,
            }
        })
        .collect();
    // Newest first, as a timeline reads; undated records last.
    records.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.number.cmp(&a.number)));
    let links = techlead_records::graph::edges(&d.records)
        .into_iter()
        .map(|(from, to, kind)| DecisionLink {
            from: d.records[from].id.clone(),
            to: d.records[to].id.clone(),
            kind,
        })
        .collect();
    let set = |f: &dyn Fn(&Decision) -> Vec<String>| -> Vec<String> {
        let s: BTreeSet<String> = records.iter().flat_map(f).collect();
        s.into_iter().collect()
    };
    DecisionsPart {
        dir: d.dir.clone(),
        statuses: set(&|r| r.status.iter().cloned().collect()),
        tags: set(&|r| r.tags.clone()),
        deciders: set(&|r| r.deciders.clone()),
        records,
        links,
        findings: findings(&d.findings),
    }
}

fn radar(r: &evidence::Radar, today: &str, decisions: &HashMap<String, String>) -> RadarPart {
    // Movement over the last 90 days, from each record's history lines.
    let since = techlead_history::revision::day_start(today)
        .map(|t| techlead_history::revision::date_of(t - 90 * 86_400))
        .unwrap_or_default();
    let in_use: BTreeSet<&str> = r.hold_in_use.iter().map(|(t, _)| t.as_str()).collect();
    RadarPart {
        rings: r.rings.clone(),
        quadrants: r.quadrants.clone(),
        technologies: r
            .technologies
            .iter()
            .zip(&r.bodies)
            .map(|(t, text)| Technology {
                id: t.id.clone(),
                name: t.name.clone(),
                ring: t.ring.clone(),
                quadrant: t.quadrant.clone(),
                packages: t
                    .packages
                    .iter()
                    .map(|p| format!("{}:{}", p.ecosystem, p.name))
                    .collect(),
                decision: t.decision.as_ref().map(|d| {
                    decisions
                        .get(d.as_str())
                        .cloned()
                        .unwrap_or_else(|| d.clone())
                }),
                movement: match t.moved_since(&since, &r.rings) {
                    techlead_radar::Movement::New => "new",
                    techlead_radar::Movement::MovedIn => "moved_in",
                    techlead_radar::Movement::MovedOut => "moved_out",
                    techlead_radar::Movement::Unchanged => "unchanged",
                }
                .into(),
                rationale_html: crate::markdown::to_html(text, &|_| None),
                in_use: in_use.contains(t.name.as_str()),
            })
            .collect(),
        hold_in_use: hold(r),
        findings: findings(&r.findings),
    }
}

fn hold(r: &evidence::Radar) -> Vec<HoldInUse> {
    r.hold_in_use
        .iter()
        .map(|(t, p)| HoldInUse {
            technology: t.clone(),
            packages: p.clone(),
        })
        .collect()
}

fn dependencies(d: &evidence::Deps, radar: Option<&evidence::Radar>) -> DependenciesPart {
    /// Per ecosystem: (name, version) pairs, direct names, direct dev names.
    type Counts<'a> = (
        BTreeSet<(&'a str, &'a str)>,
        BTreeSet<&'a str>,
        BTreeSet<&'a str>,
    );
    let mut by: BTreeMap<&str, Counts> = BTreeMap::new();
    for p in &d.packages {
        let e = by.entry(p.ecosystem.as_str()).or_default();
        e.0.insert((&p.name, &p.version));
        if p.direct == Some(true) {
            e.1.insert(&p.name);
            if p.dev == Some(true) {
                e.2.insert(&p.name);
            }
        }
    }
    let ecosystems: Vec<EcosystemCount> = by
        .into_iter()
        .map(|(eco, (all, direct, dev))| EcosystemCount {
            ecosystem: eco.to_string(),
            packages: all.len(),
            direct: direct.len(),
            dev: dev.len(),
        })
        .collect();
    DependenciesPart {
        packages: ecosystems.iter().map(|e| e.packages).sum(),
        direct: ecosystems.iter().map(|e| e.direct).sum(),
        ecosystems,
        hold_in_use: radar.map(hold).unwrap_or_default(),
        risk: d.risk.clone(),
        vulnerabilities: d.vulnerabilities.clone(),
        errors: d.errors.clone(),
    }
}

fn architecture(b: &evidence::Boundaries) -> ArchitecturePart {
    ArchitecturePart {
        layers: b.layers.clone(),
        modules: b
            .graph
            .modules
            .iter()
            .map(|m| Module {
                name: m.name.clone(),
                layer: m.layer.clone(),
            })
            .collect(),
        dependencies: b
            .graph
            .edges
            .iter()
            .map(|e| ModuleDependency {
                from: e.from.clone(),
                to: e.to.clone(),
                imports: e.imports,
                violations: e.violations.clone(),
            })
            .collect(),
        findings: findings(&b.findings),
        baseline: b.baseline,
    }
}

fn hotspots(h: &techlead_history::Assessment) -> Option<HotspotsPart> {
    if h.summary.bare || h.summary.hotspots.is_empty() {
        return None;
    }
    let devs: HashMap<&str, &str> = h
        .main_devs
        .iter()
        .map(|m| (m.entity.as_str(), m.main_dev.as_str()))
        .collect();
    Some(HotspotsPart {
        files: h
            .summary
            .hotspots
            .iter()
            .map(|s| FileHotspot {
                path: s.entity.clone(),
                revisions: s.revisions,
                complexity: s.complexity,
                loc: s.loc,
                score: s.score,
                main_dev: devs.get(s.entity.as_str()).map(|d| d.to_string()),
                module: h.file_modules.get(&s.entity).cloned(),
            })
            .collect(),
    })
}

fn knowledge(h: &techlead_history::Assessment) -> Option<KnowledgePart> {
    if h.main_devs.is_empty() {
        return None;
    }
    let mut owned: HashMap<&str, usize> = HashMap::new();
    for m in &h.main_devs {
        *owned.entry(&m.main_dev).or_default() += 1;
    }
    let mut owners: Vec<Owner> = owned
        .into_iter()
        .map(|(a, n)| Owner {
            author: a.to_string(),
            files: n,
        })
        .collect();
    owners.sort_by(|a, b| b.files.cmp(&a.files).then_with(|| a.author.cmp(&b.author)));
    let mut per_module: HashMap<&str, usize> = HashMap::new();
    for m in h.file_modules.values() {
        *per_module.entry(m).or_default() += 1;
    }
    Some(KnowledgePart {
        truck_factor: h.summary.truck_factor.truck_factor,
        truck_people: h.summary.truck_factor.people.clone(),
        files: h.summary.files,
        islands: h.summary.knowledge_islands,
        modules: h
            .module_truck_factors
            .iter()
            .map(|(m, tf)| ModuleKnowledge {
                module: m.clone(),
                truck_factor: tf.truck_factor,
                people: tf.people.clone(),
                files: per_module.get(m.as_str()).copied().unwrap_or(0),
            })
            .collect(),
        loss: h
            .knowledge_loss
            .iter()
            .map(|l| KnowledgeLoss {
                path: l.entity.clone(),
                authors: l.authors.clone(),
                revisions: l.revisions,
            })
            .collect(),
        departed: h
            .departed
            .iter()
            .map(|d| Departed {
                author: d.author.clone(),
                last_commit: d.last_commit.clone(),
                files: d.files,
            })
            .collect(),
        owners,
        active_since: techlead_history::revision::date_of(h.active_since),
    })
}

fn coupling(h: &techlead_history::Assessment) -> Option<CouplingPart> {
    let pair = |c: &techlead_history::Coupling, modules: bool| {
        let (ma, mb) = if modules {
            (None, None)
        } else {
            (
                h.file_modules.get(&c.entity).cloned(),
                h.file_modules.get(&c.coupled).cloned(),
            )
        };
        Pair {
            crosses: ma.is_some() && mb.is_some() && ma != mb,
            a: c.entity.clone(),
            b: c.coupled.clone(),
            degree: c.degree,
            average_revisions: c.average_revs,
            module_a: ma,
            module_b: mb,
        }
    };
    Some(CouplingPart {
        pairs: h.summary.coupling.iter().map(|c| pair(c, false)).collect(),
        modules: h.module_coupling.iter().map(|c| pair(c, true)).collect(),
        has_modules: !h.file_modules.is_empty(),
    })
}

fn delivery(h: &techlead_history::Assessment) -> Option<DeliveryPart> {
    let d = h.summary.delivery.as_ref()?;
    if d.releases.is_empty() {
        return None;
    }
    Some(DeliveryPart {
        releases: d
            .releases
            .iter()
            .map(|r| Release {
                tag: r.tag.clone(),
                date: r.date.clone(),
                commits: r.commits,
                reverts: r.reverts,
                median_lead_days: r.median_lead_days,
                first: r.first,
                aliases: r.aliases.clone(),
            })
            .collect(),
        per_month: d
            .per_month
            .iter()
            .map(|(m, n)| MonthCount {
                month: m.clone(),
                releases: *n,
            })
            .collect(),
        median_lead_days: d.median_lead_days,
        p90_lead_days: d.p90_lead_days,
        commits_released: d.commits_released,
        lead_commits: d.lead_commits,
        recent: RecentLead {
            since: d.recent.since.clone(),
            releases: d.recent.releases,
            lead_commits: d.recent.lead_commits,
            median_lead_days: d.recent.median_lead_days,
            p90_lead_days: d.recent.p90_lead_days,
        },
        reverts: d.reverts,
        revert_rate: d.revert_rate,
        prereleases: d.prereleases,
    })
}

fn trends(h: &History, e: &Evidence) -> TrendsPart {
    let series = techlead_metrics::METRICS
        .iter()
        .filter_map(|m| {
            let points = &h.series.iter().find(|(name, _)| name == m.name)?.1;
            (!points.is_empty()).then(|| Series {
                metric: m.name.to_string(),
                unit: m.unit.as_str().to_string(),
                better: match m.better {
                    techlead_metrics::Better::Higher => "higher",
                    techlead_metrics::Better::Lower => "lower",
                    techlead_metrics::Better::Neither => "neither",
                }
                .to_string(),
                description: m.description.to_string(),
                points: points.clone(),
            })
        })
        .collect();
    let decisions = e
        .decisions
        .as_ref()
        .map(|d| {
            let mut m: Vec<Marker> = d
                .records
                .iter()
                .filter_map(|r| {
                    Some(Marker {
                        id: r.id.clone(),
                        title: r.title.clone().unwrap_or_else(|| r.id.clone()),
                        date: r.date.clone()?,
                    })
                })
                .collect();
            m.sort_by(|a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
            m
        })
        .unwrap_or_default();
    TrendsPart {
        snapshots: h.snapshots,
        series,
        decisions,
    }
}

fn health(h: &techlead_health::Report) -> HealthPart {
    let mut worst: Vec<&techlead_health::FileHealth> = h.files.iter().collect();
    worst.sort_by(|a, b| {
        a.health
            .total_cmp(&b.health)
            .then_with(|| b.loc.cmp(&a.loc))
            .then_with(|| a.path.cmp(&b.path))
    });
    HealthPart {
        files: h.files.len(),
        average: h.average_health().map(|v| (v * 100.0).round() / 100.0),
        unhealthy: h.files.iter().filter(|f| f.health < 4.0).count(),
        worst: worst
            .into_iter()
            .take(20)
            .map(|f| FileHealthRow {
                path: f.path.clone(),
                health: f.health,
                loc: f.loc,
                complexity: f.complexity,
                functions: f.functions.len(),
                worst_function: f
                    .functions
                    .iter()
                    .filter(|x| x.penalty.total() > 0.0)
                    .max_by(|a, b| a.penalty.total().total_cmp(&b.penalty.total()))
                    .map(|x| x.function.name.clone()),
            })
            .collect(),
        skipped: h.skipped.len(),
    }
}

fn debt(d: &evidence::Debt) -> DebtPart {
    let mut items: Vec<&techlead_debt::DebtItem> = d.items.iter().collect();
    items.sort_by_key(|i| (!i.status.is_owed(), i.number, i.id.clone()));
    let dir = d
        .items
        .first()
        .and_then(|i| i.path.rsplit_once('/').map(|(dir, _)| dir.to_string()))
        .unwrap_or_default();
    DebtPart {
        dir,
        owed: items.iter().filter(|i| i.status.is_owed()).count(),
        items: items
            .into_iter()
            .map(|i| DebtRow {
                id: i.id.clone(),
                title: i.title.clone(),
                status: i.status.as_str().to_string(),
                owed: i.status.is_owed(),
                owner: i.owner.clone(),
                target: i.target.clone(),
                principal: i.principal.map(|p| p.to_string()),
                interest: i.interest.map(|p| p.to_string()),
                paths: i.paths.clone(),
                modules: i.modules.clone(),
                decisions: i.decisions.clone(),
                links: Vec::new(),
                path: i.path.clone(),
            })
            .collect(),
    }
}
