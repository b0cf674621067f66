use crate::model::SECTIONS;
use std::path::Path;
use techlead_metrics::evidence::{Commit, Decisions, Radar};
use techlead_metrics::{Absent, Evidence};

const HOSTILE: &str = "<script>document.title='pwned'</script>";

fn hostile() -> Evidence {
    let root = Path::new("/p");
    let text = format!(
        "---\nstatus: accepted\ndate: 2025-01-01\ntags: [\"{HOSTILE}\"]\ndecision-makers: [\"<img src=x onerror=alert(1)>\"]\n---\n# {HOSTILE}\n\n<img src=x onerror=\"document.title='pwned'\">\n\n[x](javascript:document.title='pwned') uses Postgres and `core`.\n"
    );
    let record =
        techlead_records::parse::parse_record(root, &root.join("0001-x.md"), text.as_bytes())
            .unwrap();
    let tech_text = format!("---\nname: Postgres\nquadrant: tools\nring: hold\n---\n{HOSTILE}\n");
    let tech = techlead_radar::parse(
        "docs/radar/postgres.md",
        Path::new("postgres.md"),
        &tech_text,
    )
    .unwrap();
    Evidence {
        repo: format!("repo{HOSTILE}"),
        commit: Ok(Commit {
            id: "0123456789abcdef".into(),
            time: 1_700_000_000,
        }),
        today: "2026-01-15".into(),
        practices: Err(Absent::new("not a git repository")),
        goals: Err(Absent::new("no goals folder")),
        decisions: Ok(Decisions {
            dir: "docs/decisions".into(),
            records: vec![record],
            bodies: vec![text],
            findings: Vec::new(),
        }),
        boundaries: Err(
            Absent::new("no [[boundaries.modules]] declared").setup("techlead boundaries init")
        ),
        radar: Ok(Radar {
            technologies: vec![tech],
            rings: vec!["adopt".into(), "hold".into()],
            quadrants: vec!["tools".into()],
            hold_in_use: vec![("Postgres".into(), vec![format!("npm:{HOSTILE}")])],
            findings: Vec::new(),
            bodies: vec![tech_text],
        }),
        deps: Err(Absent::new("no lockfile")),
        history: Err(Absent::new("not a git repository").setup("git init")),
        debt: Err(Absent::new("no debt register").setup("techlead debt add TITLE")),
        health: Err(Absent::new("no source file")),
    }
}

#[test]
fn every_section_renders_and_hostile_text_is_inert() {
    let e = hostile();
    let metrics = techlead_metrics::measure(&e);
    let model = crate::build(&e, &metrics, &Err(Absent::new("no snapshots")));
    let html = super::render(&model);
    for (id, _) in SECTIONS {
        assert!(html.contains(&format!("<section id=\"{id}\"")), "{id}");
    }
    // Our one script, nothing else that runs.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(!html.contains("<img") && !html.contains("<script>document"));
    for tag in crate::tags(&html) {
        assert!(!crate::active(tag), "{tag}");
    }
    assert!(
        crate::active("<a href=\"javascript:x\">") && crate::active("<img src=x onerror=alert(1)>")
    );
    assert!(!crate::active(
        "<option value=\"&lt;img src=x onerror=alert(1)&gt;\">"
    ));
    // Absent sections say why and how to set them up.
    assert!(html.contains("Set it up with <code>techlead boundaries init</code>"));
    // A context without an answer says why, in its own words.
    assert!(html.contains(
        "<section id=\"practices\" aria-labelledby=\"practices-title\">\n<h2 id=\"practices-title\">Practices</h2>\n<p class=\"absent-note\">Not available: not a git repository."
    ));
    // The mentions link the decision to the technology.
    assert!(html.contains("href=\"#tech-postgres\""));
    // The policy allows exactly our script and style, by hash.
    let csp_start = html.find("Content-Security-Policy\" content=\"").unwrap();
    let csp =
        html[csp_start..html[csp_start..].find('>').unwrap() + csp_start].replace("&apos;", "'");
    assert!(csp.contains(&super::hash(super::SCRIPT)) && csp.contains(&super::hash(super::STYLE)));
    assert!(csp.contains("default-src 'none'"));
    // The markdown summary escapes too.
    let md = crate::summary::render(&model);
    assert!(!md.contains("<script>"), "{md}");
}

#[test]
fn base64_matches_the_standard_alphabet() {
    assert_eq!(super::base64(b"f"), "Zg==");
    assert_eq!(super::base64(b"fo"), "Zm8=");
    assert_eq!(super::base64(b"foo"), "Zm9v");
    assert_eq!(super::base64(b"\xff\xfe"), "//4=");
}
