use super::*;
use crate::parse::parse_record;
use proptest::prelude::*;
use std::path::Path;

fn rec(name: &str, text: &str) -> Record {
    parse_record(
        Path::new("/r"),
        &Path::new("/r/adr").join(name),
        text.as_bytes(),
    )
    .unwrap()
}

fn status_after(name: &str, text: &str, status: &str) -> (String, Record) {
    let out = set_status(text, &rec(name, text), status);
    let r = rec(name, &out);
    (out, r)
}

#[test]
fn status_in_each_style() {
    let (out, r) = status_after(
        "0001-a.md",
        "# 1. A\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\n## Context\r\n",
        "deprecated",
    );
    assert_eq!(
        out,
        "# 1. A\r\n\r\n## Status\r\n\r\nDeprecated\r\n\r\n## Context\r\n"
    );
    assert_eq!(r.status.as_deref(), Some("deprecated"));

    let (out, _) = status_after(
        "0001-a.md",
        "# A\n\n- Status: proposed\n- Date: 2020-01-01\n",
        "accepted",
    );
    assert_eq!(out, "# A\n\n- Status: accepted\n- Date: 2020-01-01\n");

    let (out, _) = status_after("0001-a.md", "# A\n\n* **Status:** proposed\n", "accepted");
    assert_eq!(out, "# A\n\n* **Status:** accepted\n");

    let (out, r) = status_after(
        "0001-a.md",
        "---\nstatus: proposed # why\nx: 1\n---\n# A\n",
        "on hold: later",
    );
    assert_eq!(out, "---\nstatus: \"on hold: later\"\nx: 1\n---\n# A\n");
    assert_eq!(r.status.as_deref(), Some("on hold"));
}

#[test]
fn status_is_added_where_the_style_keeps_it() {
    let (out, r) = status_after("0001-a.md", "---\ndate: 2020-01-01\n---\n# A\n", "accepted");
    assert_eq!(out, "---\nstatus: accepted\ndate: 2020-01-01\n---\n# A\n");
    assert_eq!(r.status.as_deref(), Some("accepted"));

    let (out, _) = status_after("0001-a.md", "# A\n\n* Deciders: X\n", "accepted");
    assert_eq!(out, "# A\n\n* Status: accepted\n* Deciders: X\n");

    let (out, r) = status_after(
        "0001-a.md",
        "# 1. A\n\nDate: 2020-01-01\n\n## Context\n\nC.\n",
        "proposed",
    );
    assert_eq!(
        out,
        "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nProposed\n\n## Context\n\nC.\n"
    );
    assert_eq!(r.status.as_deref(), Some("proposed"));

    let (out, r) = status_after(
        "0011-docs.md",
        "---\nparent: D\nnav_order: 11\n---\n\n# Docs\n",
        "accepted",
    );
    assert_eq!(
        out,
        "---\nstatus: accepted\nparent: D\nnav_order: 11\n---\n\n# Docs\n"
    );
    assert_eq!(r.status.as_deref(), Some("accepted"));
}

#[test]
fn supersede_adr_tools_pair_like_adr_tools() {
    let old_t = "# 1. Old\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nX.\n";
    let new_t = "# 2. New\n\nDate: 2020-02-01\n\n## Status\n\nAccepted\n\n## Context\n\nY.\n";
    let (o, n) = supersede(
        old_t,
        &rec("0001-old.md", old_t),
        new_t,
        &rec("0002-new.md", new_t),
    );
    assert_eq!(
        o,
        "# 1. Old\n\nDate: 2020-01-01\n\n## Status\n\nSuperseded by [2. New](0002-new.md)\n\n## Context\n\nX.\n"
    );
    assert_eq!(
        n,
        "# 2. New\n\nDate: 2020-02-01\n\n## Status\n\nAccepted\n\nSupersedes [1. Old](0001-old.md)\n\n## Context\n\nY.\n"
    );
    // Idempotent.
    let (o2, n2) = supersede(&o, &rec("0001-old.md", &o), &n, &rec("0002-new.md", &n));
    assert_eq!((o2, n2), (o, n));
}

#[test]
fn supersede_front_matter_pair() {
    let old_t = "---\nstatus: accepted\ndate: 2020-01-01\n---\n\n# Old\n";
    let new_t = "---\nstatus: proposed\n---\n\n# New\n\n## Links\n\n* Refines [x](0009-x.md)\n";
    let (o, n) = supersede(
        old_t,
        &rec("0001-old.md", old_t),
        new_t,
        &rec("0002-new.md", new_t),
    );
    assert_eq!(
        o,
        "---\nstatus: superseded\ndate: 2020-01-01\n---\n\n# Old\n\n## Links\n\n* Superseded by [2. New](0002-new.md)\n"
    );
    assert_eq!(
        n,
        "---\nstatus: proposed\n---\n\n# New\n\n## Links\n\n* Refines [x](0009-x.md)\n* Supersedes [1. Old](0001-old.md)\n"
    );
    let r = rec("0001-old.md", &o);
    assert_eq!(r.links[0].kind, "superseded-by");
}

#[test]
fn hrefs_across_folders() {
    assert_eq!(
        relative_href(Path::new("/r/a/0001-x.md"), Path::new("/r/a/0002-y.md")),
        "0002-y.md"
    );
    assert_eq!(
        relative_href(Path::new("/r/a/0001-x.md"), Path::new("/r/b/0002-y.md")),
        "../b/0002-y.md"
    );
}

fn eol_strategy() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("\n"), Just("\r\n")]
}

proptest! {
    /// Parse, change the status, parse again: the new status reads back,
    /// unknown front-matter keys stay, and every byte outside the status
    /// line is unchanged.
    #[test]
    fn status_edit_keeps_every_other_byte(
        style in 0..3usize,
        e in eol_strategy(),
        bom in any::<bool>(),
        title in "[A-Za-z][A-Za-z0-9 ]{0,20}",
        body in proptest::collection::vec("[A-Za-z0-9 ,.]{0,30}", 0..6),
        unknown in proptest::collection::btree_map("x-[a-z]{1,8}", "[a-z0-9]{1,10}", 0..4),
        old in prop_oneof![Just("proposed"), Just("accepted"), Just("On hold")],
        new in prop_oneof![Just("accepted"), Just("rejected"), Just("deprecated"), Just("on hold"), Just("needs review")],
    ) {
        let bom = if bom { "\u{feff}" } else { "" };
        let body: String = body.iter().map(|l| format!("{l}{e}")).collect();
        let text = match style {
            0 => {
                let keys: String = unknown.iter().map(|(k, v)| format!("{k}: {v}{e}")).collect();
                format!("{bom}---{e}status: {old}{e}{keys}date: 2020-01-01{e}---{e}{e}# {title}{e}{e}{body}")
            }
            1 => format!("{bom}# {title}{e}{e}* Status: {old}{e}* Date: 2020-01-01{e}{e}## Context{e}{e}{body}"),
            _ => format!("{bom}# 1. {title}{e}{e}Date: 2020-01-01{e}{e}## Status{e}{e}{old}{e}{e}## Context{e}{e}{body}"),
        };
        let r = rec("0001-x.md", &text);
        let line = r.status_field.as_ref().unwrap().line as usize;
        let out = set_status(&text, &r, new);
        let r2 = rec("0001-x.md", &out);
        let want = new.to_lowercase();
        prop_assert_eq!(r2.status.as_deref(), Some(want.as_str()));
        prop_assert_eq!(r2.title, r.title);
        let a: Vec<&str> = text.split_inclusive('\n').collect();
        let b: Vec<&str> = out.split_inclusive('\n').collect();
        prop_assert_eq!(a.len(), b.len());
        for (i, (x, y)) in a.iter().zip(&b).enumerate() {
            if i + 1 != line {
                prop_assert_eq!(x, y);
            } else {
                prop_assert!(y.ends_with(e));
            }
        }
        for (k, v) in unknown.iter().filter(|_| style == 0) {
            let kv = format!("{k}: {v}{e}");
            prop_assert!(out.contains(&kv));
        }
    }
}
