//! Common ways package metadata names a license without its SPDX id
//! (`Apache 2.0`, `GPLv2+`, `New BSD`, PyPI's classifier names), and the
//! replacements of deprecated ids. Compared in compact form (lowercase,
//! without spaces, `-`, `_`, `.`, `,` or parentheses), after a leading
//! "the" and a trailing "license" are dropped (see `spdx::lookup`).
//!
//! Names that do not say which license they mean stay unknown rather than
//! guessed: plain `BSD`, `GPL`, `LGPL`, PyPI's `Apache Software License`
//! and `BSD License` classifiers.

use super::spdx::compact;
use std::collections::HashMap;
use std::sync::OnceLock;

/// (spelling, SPDX id).
const ALIASES: &[(&str, &str)] = &[
    ("Expat", "MIT"),
    ("MIT/X11", "MIT"),
    ("MIT X11", "MIT"),
    ("MIT No Attribution", "MIT-0"),
    ("Apache 2", "Apache-2.0"),
    ("Apache v2", "Apache-2.0"),
    ("Apache v2.0", "Apache-2.0"),
    ("Apache License 2", "Apache-2.0"),
    ("Apache License 2.0", "Apache-2.0"),
    ("Apache License v2", "Apache-2.0"),
    ("Apache License v2.0", "Apache-2.0"),
    ("Apache License Version 2", "Apache-2.0"),
    ("Apache License Version 2.0", "Apache-2.0"),
    ("Apache Software License 2.0", "Apache-2.0"),
    ("Apache Software License Version 2.0", "Apache-2.0"),
    ("Apache Public License 2.0", "Apache-2.0"),
    ("ASL 2", "Apache-2.0"),
    ("ASL 2.0", "Apache-2.0"),
    ("AL 2.0", "Apache-2.0"),
    ("Apache License 1.1", "Apache-1.1"),
    ("BSD 3", "BSD-3-Clause"),
    ("3-Clause BSD", "BSD-3-Clause"),
    ("BSD 3 Clause New", "BSD-3-Clause"),
    ("BSD 3-Clause New", "BSD-3-Clause"),
    ("New BSD", "BSD-3-Clause"),
    ("BSD New", "BSD-3-Clause"),
    ("Modified BSD", "BSD-3-Clause"),
    ("Revised BSD", "BSD-3-Clause"),
    ("BSD 2", "BSD-2-Clause"),
    ("2-Clause BSD", "BSD-2-Clause"),
    ("Simplified BSD", "BSD-2-Clause"),
    ("FreeBSD", "BSD-2-Clause"),
    ("BSD 2 Clause Simplified", "BSD-2-Clause"),
    ("Mozilla Public License 2.0", "MPL-2.0"),
    ("Mozilla Public License Version 2.0", "MPL-2.0"),
    ("Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0"),
    ("MPL 2", "MPL-2.0"),
    ("MPL v2", "MPL-2.0"),
    ("MPL v2.0", "MPL-2.0"),
    ("Mozilla Public License 1.1", "MPL-1.1"),
    ("MPL v1.1", "MPL-1.1"),
    ("Eclipse Public License 2.0", "EPL-2.0"),
    ("Eclipse Public License v2.0", "EPL-2.0"),
    ("Eclipse Public License v 2.0", "EPL-2.0"),
    ("Eclipse Public License 1.0", "EPL-1.0"),
    ("Eclipse Public License v1.0", "EPL-1.0"),
    ("Eclipse Public License v 1.0", "EPL-1.0"),
    ("ISCL", "ISC"),
    ("ISC License (ISCL)", "ISC"),
    ("Unlicense (Unlicense)", "Unlicense"),
    ("CC0", "CC0-1.0"),
    ("CC0 1.0 Universal", "CC0-1.0"),
    ("Creative Commons Zero v1.0 Universal", "CC0-1.0"),
    ("zlib/libpng", "Zlib"),
    ("Boost", "BSL-1.0"),
    ("Boost Software", "BSL-1.0"),
    ("Boost Software License 1.0", "BSL-1.0"),
    ("Boost Software License Version 1.0", "BSL-1.0"),
    ("PSF", "PSF-2.0"),
    ("PSFL", "PSF-2.0"),
    ("Python Software Foundation", "PSF-2.0"),
    ("Python Software Foundation License Version 2", "PSF-2.0"),
    ("Python", "Python-2.0"),
    ("UPL", "UPL-1.0"),
    ("Universal Permissive License", "UPL-1.0"),
    ("Universal Permissive License 1.0", "UPL-1.0"),
    ("SIL Open Font License 1.1", "OFL-1.1"),
    ("OFL", "OFL-1.1"),
    ("European Union Public Licence 1.2", "EUPL-1.2"),
    ("European Union Public License 1.2", "EUPL-1.2"),
    (
        "Common Development and Distribution License 1.0",
        "CDDL-1.0",
    ),
    ("WTFPL 2", "WTFPL"),
    ("Artistic 2", "Artistic-2.0"),
    ("Artistic License 2.0", "Artistic-2.0"),
];

/// A license family: its names, its versions (short, full), its SPDX stem.
type Family = (
    &'static [&'static str],
    &'static [(&'static str, &'static str)],
    &'static str,
);

/// The GNU licenses' many spellings: a family's names times its versions'.
const GNU: &[Family] = &[
    (
        &[
            "GPL",
            "GNU GPL",
            "GNU General Public",
            "GNU General Public License",
            "General Public License",
        ],
        &[("1", "1.0"), ("2", "2.0"), ("3", "3.0")],
        "GPL",
    ),
    (
        &[
            "LGPL",
            "GNU LGPL",
            "GNU Lesser General Public",
            "GNU Lesser General Public License",
            "Lesser General Public License",
            "GNU Library General Public License",
            "GNU Library or Lesser General Public License",
        ],
        &[("2", "2.0"), ("2.1", "2.1"), ("3", "3.0")],
        "LGPL",
    ),
    (
        &[
            "AGPL",
            "GNU AGPL",
            "Affero GPL",
            "GNU Affero General Public",
            "GNU Affero General Public License",
        ],
        &[("3", "3.0")],
        "AGPL",
    ),
];

fn table() -> &'static HashMap<String, String> {
    static T: OnceLock<HashMap<String, String>> = OnceLock::new();
    T.get_or_init(|| {
        let mut map: HashMap<String, String> = ALIASES
            .iter()
            .map(|(spelling, id)| (compact(spelling), id.to_string()))
            .collect();
        for (names, versions, family) in GNU {
            for (short, full) in *versions {
                let id = format!("{family}-{full}-only");
                for name in *names {
                    for v in [*short, *full] {
                        for sep in ["", "v", "version"] {
                            map.insert(compact(&format!("{name} {sep}{v}")), id.clone());
                        }
                    }
                }
            }
        }
        map
    })
}

/// The id a compact spelling stands for.
pub fn alias(key: &str) -> Option<&'static str> {
    table().get(key).map(String::as_str)
}

/// The id that replaces a deprecated one, where the SPDX list names one.
pub fn replacement(deprecated: &str) -> Option<&'static str> {
    Some(match deprecated {
        "AGPL-1.0" => "AGPL-1.0-only",
        "AGPL-3.0" => "AGPL-3.0-only",
        "GFDL-1.1" => "GFDL-1.1-only",
        "GFDL-1.2" => "GFDL-1.2-only",
        "GFDL-1.3" => "GFDL-1.3-only",
        "GPL-1.0" => "GPL-1.0-only",
        "GPL-2.0" => "GPL-2.0-only",
        "GPL-3.0" => "GPL-3.0-only",
        "LGPL-2.0" => "LGPL-2.0-only",
        "LGPL-2.1" => "LGPL-2.1-only",
        "LGPL-3.0" => "LGPL-3.0-only",
        "BSD-2-Clause-FreeBSD" | "BSD-2-Clause-NetBSD" => "BSD-2-Clause",
        _ => return None,
    })
}

/// The license a PyPI trove classifier names (`License :: OSI Approved ::
/// MIT License`), or None for the ones that do not say which
/// (`BSD License`, `Apache Software License`).
pub fn classifier(text: &str) -> Option<String> {
    let rest = text.strip_prefix("License ::")?;
    let last = rest.rsplit("::").next()?.trim();
    super::spdx::normalize(last)
}
