//! Licences by their text, as SPDX ids: the phrases each licence's text
//! is made of, not a fuzzy score. The GNU licences are given by version
//! only (`GPL-3.0`): their text alone cannot say whether later versions
//! apply; that is stated in the source headers.

/// The SPDX ids whose text appears in `text` (several for a file holding
/// two licences), in order of appearance.
pub fn detect(text: &str) -> Vec<&'static str> {
    let t = normalise(text);
    let has = |p: &str| t.contains(p);
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    let mut add = |at: Option<usize>, id: &'static str| {
        if let Some(at) = at
            && !found.iter().any(|(_, i)| *i == id)
        {
            found.push((at, id));
        }
    };
    for line in text.lines() {
        if let Some(id) = line.split("SPDX-License-Identifier:").nth(1) {
            let id = id.trim().trim_end_matches("*/").trim();
            if let Some(known) = canonical(id) {
                add(t.find(&normalise(line)), known);
            }
        }
    }
    add(
        t.find("apache license")
            .filter(|_| has("version 2.0") || has("apache-2.0")),
        "Apache-2.0",
    );
    add(
        t.find("mozilla public license").filter(|_| has("2.0")),
        "MPL-2.0",
    );
    // A GNU licence's own title and dated version line say which it is;
    // the GPL's preamble names the Library GPL, and a project's note in
    // front of the text (git's COPYING) may name others.
    let mut headed = false;
    for (header, id) in GNU_HEADERS {
        if let Some(at) = t.find(header) {
            add(Some(at), id);
            headed = true;
        }
    }
    let gnu = |title: &str, version: &str| {
        t.find(title)
            .filter(|i| !headed && t[*i..].contains(version))
    };
    add(
        gnu("gnu affero general public license", "version 3"),
        "AGPL-3.0",
    );
    add(
        gnu("gnu lesser general public license", "version 3"),
        "LGPL-3.0",
    );
    add(
        gnu("gnu lesser general public license", "version 2.1"),
        "LGPL-2.1",
    );
    add(
        gnu("gnu library general public license", "version 2"),
        "LGPL-2.0",
    );
    if !headed
        && !has("gnu lesser general public license")
        && !has("gnu library general public license")
        && !has("affero")
    {
        add(
            gnu("gnu general public license", "version 3, 29 june 2007"),
            "GPL-3.0",
        );
        add(
            gnu("gnu general public license", "version 2, june 1991"),
            "GPL-2.0",
        );
        // Without the dated version line (a shortened text), by version.
        let dated = has("version 3, 29 june 2007") || has("version 2, june 1991");
        if !dated {
            add(gnu("gnu general public license", "version 3"), "GPL-3.0");
            add(gnu("gnu general public license", "version 2"), "GPL-2.0");
        }
    }
    if let Some(at) =
        t.find("permission is hereby granted, free of charge, to any person obtaining a copy")
    {
        let attribution =
            has("the above copyright notice and this permission notice shall be included");
        add(Some(at), if attribution { "MIT" } else { "MIT-0" });
    }
    if let Some(at) = t.find("redistribution and use in source and binary forms") {
        let id = if has("all advertising materials mentioning") {
            "BSD-4-Clause"
        } else if has("neither the name") || has("may be used to endorse or promote") {
            "BSD-3-Clause"
        } else {
            "BSD-2-Clause"
        };
        add(Some(at), id);
    }
    if let Some(at) = t
        .find("permission to use, copy, modify, and/or distribute this software for any purpose")
        .or_else(|| {
            t.find("permission to use, copy, modify, and distribute this software for any purpose")
        })
    {
        let notice = has(
            "provided that the above copyright notice and this permission notice appear in all copies",
        );
        add(Some(at), if notice { "ISC" } else { "0BSD" });
    }
    add(
        t.find("this is free and unencumbered software released into the public domain"),
        "Unlicense",
    );
    add(t.find("cc0 1.0 universal"), "CC0-1.0");
    add(t.find("boost software license - version 1.0"), "BSL-1.0");
    add(
        t.find("eclipse public license - v 2.0")
            .or_else(|| t.find("eclipse public license v2.0")),
        "EPL-2.0",
    );
    add(t.find("eclipse public license - v 1.0"), "EPL-1.0");
    add(
        t.find("permission is granted to anyone to use this software for any purpose")
            .filter(|_| has("provided 'as-is'")),
        "Zlib",
    );
    add(t.find("european union public licence"), "EUPL-1.2");
    add(t.find("the artistic license 2.0"), "Artistic-2.0");
    add(t.find("server side public license"), "SSPL-1.0");
    add(t.find("business source license"), "BUSL-1.1");
    add(t.find("elastic license 2.0"), "Elastic-2.0");
    add(t.find("do what the fuck you want to"), "WTFPL");
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

/// The GNU licences' titles with their dated version lines, normalised.
const GNU_HEADERS: &[(&str, &str)] = &[
    (
        "gnu affero general public license version 3, 19 november 2007",
        "AGPL-3.0",
    ),
    (
        "gnu lesser general public license version 3, 29 june 2007",
        "LGPL-3.0",
    ),
    (
        "gnu lesser general public license version 2.1, february 1999",
        "LGPL-2.1",
    ),
    (
        "gnu library general public license version 2, june 1991",
        "LGPL-2.0",
    ),
    (
        "gnu general public license version 3, 29 june 2007",
        "GPL-3.0",
    ),
    ("gnu general public license version 2, june 1991", "GPL-2.0"),
];

/// Lowercase, one space between words, typographic quotes plain.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '*' | '#' | '>' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            if !space {
                out.push(' ');
                space = true;
            }
        } else {
            out.extend(c.to_lowercase());
            space = false;
        }
    }
    out
}

/// A licence name or id as written in a manifest, to its SPDX id; None
/// for what is not a known licence.
pub fn canonical(name: &str) -> Option<&'static str> {
    let n = name
        .trim()
        .trim_matches(['"', '\'', '(', ')'])
        .to_ascii_lowercase()
        .replace(['_', ','], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let n = n
        .trim_end_matches(" license")
        .trim_end_matches(" licence")
        .trim();
    Some(match n {
        "mit" | "expat" | "x11" | "the mit" => "MIT",
        "mit-0" => "MIT-0",
        "apache-2.0"
        | "apache 2.0"
        | "apache2"
        | "apache-2"
        | "apache 2"
        | "asl 2.0"
        | "apache software"
        | "apache license version 2.0"
        | "apache license 2.0"
        | "the apache software license version 2.0"
        | "apache software license 2.0"
        | "apache version 2.0" => "Apache-2.0",
        "bsd-3-clause" | "bsd 3-clause" | "new bsd" | "bsd-3" | "modified bsd" | "revised bsd" => {
            "BSD-3-Clause"
        }
        "bsd-2-clause" | "bsd 2-clause" | "simplified bsd" | "freebsd" | "bsd-2" => "BSD-2-Clause",
        "bsd-4-clause" => "BSD-4-Clause",
        "bsd" => "BSD",
        "0bsd" => "0BSD",
        "isc" | "iscl" => "ISC",
        "mpl-2.0" | "mpl 2.0" | "mozilla public license 2.0" => "MPL-2.0",
        "unlicense" | "the unlicense" => "Unlicense",
        "cc0-1.0" | "cc0" | "cc0 1.0 universal" => "CC0-1.0",
        "bsl-1.0" | "boost" | "boost software license 1.0" => "BSL-1.0",
        "zlib" => "Zlib",
        "epl-2.0" => "EPL-2.0",
        "epl-1.0" => "EPL-1.0",
        "eupl-1.2" => "EUPL-1.2",
        "artistic-2.0" => "Artistic-2.0",
        "wtfpl" => "WTFPL",
        "sspl-1.0" => "SSPL-1.0",
        "busl-1.1" => "BUSL-1.1",
        "elastic-2.0" => "Elastic-2.0",
        "gpl-2.0"
        | "gpl-2.0-only"
        | "gpl-2.0-or-later"
        | "gpl-2.0+"
        | "gplv2"
        | "gpl2"
        | "gpl v2"
        | "gnu general public license v2 (gplv2)"
        | "gnu general public license v2 or later (gplv2+)" => "GPL-2.0",
        "gpl-3.0"
        | "gpl-3.0-only"
        | "gpl-3.0-or-later"
        | "gpl-3.0+"
        | "gplv3"
        | "gpl3"
        | "gpl v3"
        | "gnu general public license v3 (gplv3)"
        | "gnu general public license v3 or later (gplv3+)" => "GPL-3.0",
        "lgpl-2.1" | "lgpl-2.1-only" | "lgpl-2.1-or-later" | "lgpl-2.1+" | "lgplv2.1" => "LGPL-2.1",
        "lgpl-3.0"
        | "lgpl-3.0-only"
        | "lgpl-3.0-or-later"
        | "lgpl-3.0+"
        | "lgplv3"
        | "gnu lesser general public license v3 (lgplv3)" => "LGPL-3.0",
        "lgpl-2.0" | "lgpl-2.0-only" | "lgpl-2.0-or-later" => "LGPL-2.0",
        "agpl-3.0" | "agpl-3.0-only" | "agpl-3.0-or-later" | "agplv3" => "AGPL-3.0",
        _ => return None,
    })
}

/// The ids of an expression or list as manifests write it: `MIT OR
/// Apache-2.0`, `MIT/Apache-2.0`, `(MIT AND Zlib)`. Unknown parts are
/// kept as written.
pub fn parts(expression: &str) -> Vec<String> {
    let spaced = expression.replace('/', " OR ").replace(['(', ')'], " ");
    let mut out: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, out: &mut Vec<String>| {
        if !current.is_empty() {
            let name = current.join(" ");
            out.push(canonical(&name).map_or(name, str::to_string));
            current.clear();
        }
    };
    for w in spaced.split_whitespace() {
        if matches!(w, "OR" | "AND" | "or" | "and" | "WITH") {
            flush(&mut current, &mut out);
        } else {
            current.push(w);
        }
    }
    flush(&mut current, &mut out);
    out.sort();
    out.dedup();
    out
}

/// Whether two ids are the same licence for comparison: `BSD` stands for
/// any BSD licence.
pub fn same(a: &str, b: &str) -> bool {
    a == b || (a == "BSD" && b.starts_with("BSD")) || (b == "BSD" && a.starts_with("BSD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts() {
        let mit = "MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software... The above copyright notice and this permission notice shall be included in all\ncopies.";
        assert_eq!(detect(mit), ["MIT"]);
        let apache = "                                 Apache License\n                           Version 2.0, January 2004";
        assert_eq!(detect(apache), ["Apache-2.0"]);
        let bsd3 = "Redistribution and use in source and binary forms, with or without\nmodification... 3. Neither the name of the copyright holder";
        assert_eq!(detect(bsd3), ["BSD-3-Clause"]);
        let gpl = "GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007";
        assert_eq!(detect(gpl), ["GPL-3.0"]);
        let lgpl = "GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n... version 3 of the GNU General Public License";
        assert_eq!(detect(lgpl), ["LGPL-3.0"]);
        // git's COPYING: a note in front, and the GPL's preamble naming
        // the Library GPL.
        let git = " Note that the only valid version of the GPL as far as this project\n is concerned is _this_ particular version of the license (ie v2, not\n v2.2 or v3.x or whatever)\n----\n\n\t\t    GNU GENERAL PUBLIC LICENSE\n\t\t       Version 2, June 1991\n\n Copyright (C) 1989, 1991 Free Software Foundation, Inc.\n (Some other Free Software Foundation software is covered by\nthe GNU Library General Public License instead.)";
        assert_eq!(detect(git), ["GPL-2.0"]);
        assert_eq!(
            detect("This is free and unencumbered software released into the public domain."),
            ["Unlicense"]
        );
        assert_eq!(detect("// SPDX-License-Identifier: MPL-2.0\n"), ["MPL-2.0"]);
        assert!(detect("All rights reserved.").is_empty());
    }

    #[test]
    fn expressions() {
        assert_eq!(parts("MIT OR Apache-2.0"), ["Apache-2.0", "MIT"]);
        assert_eq!(parts("MIT/Apache-2.0"), ["Apache-2.0", "MIT"]);
        assert_eq!(parts("Apache License, Version 2.0"), ["Apache-2.0"]);
        assert_eq!(canonical("GPL-3.0-or-later"), Some("GPL-3.0"));
        assert!(same("BSD", "BSD-3-Clause"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = detect(&s);
            let _ = parts(&s);
        }
    }
}
