use super::policy::{Policy, Verdict};
use super::*;
use proptest::prelude::*;

#[test]
fn common_spellings_normalise() {
    for (found, spdx) in [
        ("MIT", "MIT"),
        ("mit", "MIT"),
        ("MIT License", "MIT"),
        ("The MIT License", "MIT"),
        ("Expat", "MIT"),
        ("MIT/X11", "MIT"),
        ("Apache 2.0", "Apache-2.0"),
        ("Apache-2", "Apache-2.0"),
        ("Apache2", "Apache-2.0"),
        ("apache-2.0", "Apache-2.0"),
        ("Apache License 2.0", "Apache-2.0"),
        ("Apache License, Version 2.0", "Apache-2.0"),
        ("Apache Software License 2.0", "Apache-2.0"),
        ("ASL 2.0", "Apache-2.0"),
        ("MIT/Apache-2.0", "MIT OR Apache-2.0"),
        ("MIT / Apache-2.0", "MIT OR Apache-2.0"),
        ("(MIT OR Apache-2.0)", "MIT OR Apache-2.0"),
        ("mit or apache-2.0", "MIT OR Apache-2.0"),
        ("Apache-2.0/MIT", "Apache-2.0 OR MIT"),
        ("Unlicense/MIT", "Unlicense OR MIT"),
        (
            "MIT AND (Apache-2.0 OR BSD-3-Clause)",
            "MIT AND (Apache-2.0 OR BSD-3-Clause)",
        ),
        ("(MIT AND Zlib) OR Apache-2.0", "MIT AND Zlib OR Apache-2.0"),
        ("((MIT))", "MIT"),
        ("BSD-3-Clause", "BSD-3-Clause"),
        ("BSD 3-Clause", "BSD-3-Clause"),
        ("3-Clause BSD License", "BSD-3-Clause"),
        ("New BSD License", "BSD-3-Clause"),
        ("Modified BSD", "BSD-3-Clause"),
        ("BSD (3 clause)", "BSD-3-Clause"),
        ("BSD-2", "BSD-2-Clause"),
        ("Simplified BSD", "BSD-2-Clause"),
        ("0BSD", "0BSD"),
        ("GPL-2.0", "GPL-2.0-only"),
        ("GPLv2", "GPL-2.0-only"),
        ("GPL v3", "GPL-3.0-only"),
        ("GPL-2.0+", "GPL-2.0-or-later"),
        ("GPLv3+", "GPL-3.0-or-later"),
        (
            "GNU General Public License v2 or later (GPLv2+)",
            "GPL-2.0-or-later",
        ),
        ("GNU General Public License v3 (GPLv3)", "GPL-3.0-only"),
        ("LGPL-2.1", "LGPL-2.1-only"),
        ("LGPLv3+", "LGPL-3.0-or-later"),
        (
            "GNU Lesser General Public License v2 or later (LGPLv2+)",
            "LGPL-2.0-or-later",
        ),
        ("AGPLv3", "AGPL-3.0-only"),
        ("AGPL-3.0", "AGPL-3.0-only"),
        ("MPL 2.0", "MPL-2.0"),
        ("Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"),
        ("ISC License", "ISC"),
        ("ISC License (ISCL)", "ISC"),
        ("The Unlicense", "Unlicense"),
        ("CC0", "CC0-1.0"),
        ("zlib/libpng", "Zlib"),
        ("Boost Software License 1.0", "BSL-1.0"),
        ("PSF", "PSF-2.0"),
        ("Python Software Foundation License", "PSF-2.0"),
        (
            "Apache-2.0 WITH LLVM-exception",
            "Apache-2.0 WITH LLVM-exception",
        ),
        (
            "apache-2.0 with llvm-exception",
            "Apache-2.0 WITH LLVM-exception",
        ),
        (
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
            "GPL-2.0-or-later WITH Classpath-exception-2.0",
        ),
        ("Apache-1.0+", "Apache-1.0+"),
        ("LicenseRef-Proprietary", "LicenseRef-Proprietary"),
        ("Unicode-DFS-2016", "Unicode-DFS-2016"),
        ("'MIT'", "MIT"),
    ] {
        assert_eq!(normalize(found).as_deref(), Some(spdx), "{found}");
    }
}

#[test]
fn names_that_do_not_say_which_license_stay_unknown() {
    for found in [
        "",
        "BSD",
        "BSD License",
        "GPL",
        "Apache Software License",
        "SEE LICENSE IN LICENSE.md",
        "UNLICENSED",
        "Proprietary",
        "Public Domain",
        "MIT OR",
        "(MIT",
        "MIT)",
        "MIT WITH Apache-2.0",
        "https://opensource.org/licenses/MIT",
        "Dual licensed",
    ] {
        assert_eq!(normalize(found), None, "{found}");
    }
    let deep = format!("{}MIT{}", "(".repeat(100), ")".repeat(100));
    assert_eq!(normalize(&deep), None);
}

#[test]
fn trove_classifiers() {
    assert_eq!(
        classifier("License :: OSI Approved :: MIT License").as_deref(),
        Some("MIT")
    );
    assert_eq!(
        classifier("License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)")
            .as_deref(),
        Some("LGPL-3.0-only")
    );
    assert_eq!(classifier("License :: OSI Approved :: BSD License"), None);
    assert_eq!(classifier("Programming Language :: Python"), None);
}

#[test]
fn installed_metadata() {
    let meta = "Metadata-Version: 2.4\nName: x\nLicense-Expression: MIT OR Apache-2.0\nLicense: whatever\n\nbody\n";
    assert_eq!(
        installed::pypi_license(meta).as_deref(),
        Some("MIT OR Apache-2.0")
    );
    let meta = "Name: x\nLicense: UNKNOWN\nClassifier: License :: OSI Approved :: MIT License\nClassifier: License :: OSI Approved :: Apache Software License 2.0\n\n";
    assert_eq!(
        installed::pypi_license(meta).as_deref(),
        Some("(MIT) OR (Apache-2.0)")
    );
    let meta = "Name: x\nLicense: Copyright Acme, all rights reserved\nClassifier: License :: OSI Approved :: BSD License\n\n";
    assert_eq!(
        installed::pypi_license(meta).as_deref(),
        Some("Copyright Acme, all rights reserved")
    );
    let npm: serde_json::Value =
        serde_json::from_str(r#"{"licenses": [{"type": "MIT"}, {"type": "GPL-2.0"}]}"#).unwrap();
    let text = installed::npm_license(&npm).unwrap();
    assert_eq!(normalize(&text).as_deref(), Some("MIT OR GPL-2.0-only"));
    let npm: serde_json::Value = serde_json::from_str(r#"{"license": {"type": "ISC"}}"#).unwrap();
    assert_eq!(installed::npm_license(&npm).as_deref(), Some("ISC"));
}

fn policy(allow: &[&str], deny: &[&str]) -> Policy {
    Policy {
        allow: allow.iter().map(|s| s.to_string()).collect(),
        deny: deny.iter().map(|s| s.to_string()).collect(),
    }
}

fn judge(p: &Policy, text: &str) -> Verdict {
    p.judge(Some(&License::new(text, Origin::Lockfile)))
}

#[test]
fn the_policy_reads_or_as_a_choice_and_and_as_both() {
    let deny = policy(&[], &["GPL-3.0-only", "AGPL-3.0-only"]);
    assert_eq!(judge(&deny, "MIT"), Verdict::Accepted);
    assert_eq!(judge(&deny, "MIT OR GPL-3.0"), Verdict::Accepted);
    assert_eq!(
        judge(&deny, "MIT AND GPLv3"),
        Verdict::Refused(vec!["GPL-3.0-only".into()])
    );
    assert_eq!(judge(&deny, "GPL-3.0-or-later"), Verdict::Accepted);
    assert_eq!(
        judge(&deny, "GPL-3.0-only WITH GCC-exception-3.1"),
        Verdict::Refused(vec!["GPL-3.0-only WITH GCC-exception-3.1".into()])
    );
    assert_eq!(deny.judge(None), Verdict::Unknown);
    assert_eq!(judge(&deny, "BSD"), Verdict::Unknown);
    let allow = policy(
        &["MIT", "Apache-2.0", "Apache-2.0 WITH LLVM-exception"],
        &[],
    );
    assert_eq!(judge(&allow, "MIT OR Apache-2.0"), Verdict::Accepted);
    assert_eq!(
        judge(&allow, "Apache-2.0 WITH LLVM-exception"),
        Verdict::Accepted
    );
    assert_eq!(
        judge(&allow, "MPL-2.0 OR LGPL-2.1"),
        Verdict::Refused(vec!["LGPL-2.1-only".into(), "MPL-2.0".into()])
    );
    let both = policy(&["MIT", "GPL-3.0-only"], &["GPL-3.0-only"]);
    assert_eq!(
        judge(&both, "GPL-3.0-only"),
        Verdict::Refused(vec!["GPL-3.0-only".into()]),
        "deny wins over allow"
    );
}

/// A sample of ids, exceptions and ways to write them.
const SAMPLE: &[&str] = &[
    "MIT",
    "Apache-2.0",
    "BSD-3-Clause",
    "BSD-2-Clause",
    "ISC",
    "MPL-2.0",
    "GPL-2.0-only",
    "GPL-3.0-or-later",
    "LGPL-2.1-only",
    "Unlicense",
    "Zlib",
    "CC0-1.0",
    "0BSD",
    "LicenseRef-Acme",
];

fn expr() -> impl Strategy<Value = Expr> {
    let leaf = (
        prop::sample::select(SAMPLE),
        prop::option::of(prop::sample::select(
            &["LLVM-exception", "Classpath-exception-2.0"][..],
        )),
    )
        .prop_map(|(id, exception)| Expr::License {
            id: id.to_string(),
            plus: false,
            exception: exception.map(str::to_string),
        });
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(|t| flatten(t, true)),
            prop::collection::vec(inner, 2..4).prop_map(|t| flatten(t, false)),
        ]
    })
}

fn flatten(terms: Vec<Expr>, and: bool) -> Expr {
    let mut flat = Vec::new();
    for t in terms {
        match t {
            Expr::And(i) if and => flat.extend(i),
            Expr::Or(i) if !and => flat.extend(i),
            t => flat.push(t),
        }
    }
    if and { Expr::And(flat) } else { Expr::Or(flat) }
}

/// The same expression as careless metadata writes it: lowercase
/// operators, extra parentheses and spaces, ids in any case.
fn messy(e: &Expr, lower: bool) -> String {
    let case = |s: &str| {
        if lower {
            s.to_ascii_lowercase()
        } else {
            s.to_string()
        }
    };
    match e {
        Expr::License { id, exception, .. } => {
            let id = if id.starts_with("LicenseRef-") {
                id.clone()
            } else {
                case(id)
            };
            match exception {
                Some(x) => format!("{id}  {} {}", case("WITH"), case(x)),
                None => id,
            }
        }
        Expr::And(t) => format!(
            "( {} )",
            t.iter()
                .map(|t| messy(t, lower))
                .collect::<Vec<_>>()
                .join(&format!(" {} ", case("AND")))
        ),
        Expr::Or(t) => format!(
            "({})",
            t.iter()
                .map(|t| messy(t, lower))
                .collect::<Vec<_>>()
                .join(&format!(" {} ", case("OR")))
        ),
    }
}

proptest! {
    #[test]
    fn rendering_is_canonical_and_messy_spellings_meet_it(e in expr(), lower in any::<bool>()) {
        let canonical = e.render();
        prop_assert_eq!(Expr::parse(&canonical), Some(e.clone()));
        prop_assert_eq!(normalize(&canonical), Some(canonical.clone()));
        prop_assert_eq!(normalize(&messy(&e, lower)), Some(canonical));
    }

    #[test]
    fn any_text_normalises_to_a_fixed_point_or_nothing(s in any::<String>()) {
        if let Some(n) = normalize(&s) {
            prop_assert_eq!(normalize(&n), Some(n.clone()));
        }
    }

    #[test]
    fn license_words_normalise_to_a_fixed_point_or_nothing(
        words in prop::collection::vec(
            prop::sample::select(&["MIT", "mit", "or", "AND", "with", "(", ")", "/", "GPL", "v2", "+", "Apache", "2.0", "License", "BSD", "3-Clause", "LLVM-exception", "the"][..]),
            0..8,
        )
    ) {
        let s = words.join(" ");
        if let Some(n) = normalize(&s) {
            prop_assert_eq!(normalize(&n), Some(n.clone()), "{}", s);
        }
    }
}
