//! `techlead report --format markdown`: one page for a wiki or a pull
//! request comment. Key numbers with their movement, the top risks, what
//! changed since the previous snapshot, and which sections are missing.

use crate::model::{Report, Trend};

/// Text from the repository inside markdown: no markup, no HTML, no
/// table break, one line.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

pub fn render(r: &Report) -> String {
    let mut s = format!("# {} — technical assessment\n\n", md(&r.repo));
    s.push_str(&format!(
        "Generated {}{} by techlead {}.\n\n",
        md(&r.generated),
        r.commit
            .as_ref()
            .map(|c| format!(
                " at commit `{}` ({})",
                &c.id[..c.id.len().min(12)],
                md(&c.date)
            ))
            .unwrap_or_default(),
        md(&r.tool_version)
    ));
    s.push_str("| key number | value | since the previous snapshot |\n|---|---:|---|\n");
    for k in &r.overview.key_numbers {
        let movement = match (k.trend, &k.previous_display) {
            (Trend::Up, Some(p)) | (Trend::Down, Some(p)) => format!(
                "{} from {}{}",
                if k.trend == Trend::Up { "▲" } else { "▼" },
                md(p),
                match k.good {
                    Some(true) => " (better)",
                    Some(false) => " (worse)",
                    None => "",
                }
            ),
            (Trend::Same, _) => "unchanged".into(),
            _ => String::new(),
        };
        let value = match &k.absent {
            Some(why) => format!("n/a ({})", md(why)),
            None => md(&k.display),
        };
        s.push_str(&format!("| {} | {value} | {movement} |\n", md(&k.label)));
    }
    s.push_str("\n## Top risks\n\n");
    if r.overview.risks.is_empty() {
        s.push_str("No risk stands out in what could be measured.\n");
    }
    for (i, risk) in r.overview.risks.iter().enumerate() {
        s.push_str(&format!(
            "{}. **{}**: {} (see `#{}`)\n",
            i + 1,
            md(&risk.title),
            md(&risk.detail),
            risk.anchor
        ));
    }
    s.push_str("\n## Since the previous snapshot\n\n");
    match &r.overview.previous {
        None => s.push_str("No earlier snapshot to compare with.\n"),
        Some(p) if r.overview.changes.is_empty() => s.push_str(&format!(
            "Nothing changed since `{}` ({}).\n",
            &p.id[..p.id.len().min(12)],
            md(&p.date)
        )),
        Some(p) => {
            s.push_str(&format!(
                "Compared with `{}` ({}):\n\n",
                &p.id[..p.id.len().min(12)],
                md(&p.date)
            ));
            for c in &r.overview.changes {
                s.push_str(&format!(
                    "- `{}`: {} → {}{}\n",
                    c.metric,
                    md(&c.from_display),
                    md(&c.to_display),
                    match c.good {
                        Some(true) => " (better)",
                        Some(false) => " (worse)",
                        None => "",
                    }
                ));
            }
        }
    }
    let absent: Vec<_> = r.overview.sections.iter().filter(|x| !x.ready).collect();
    if !absent.is_empty() {
        s.push_str("\n## Not in this report\n\n");
        for x in absent {
            s.push_str(&format!(
                "- {}: {}{}\n",
                md(&x.title),
                md(x.reason.as_deref().unwrap_or("")),
                x.setup
                    .as_ref()
                    .map(|c| format!(" (`{c}`)"))
                    .unwrap_or_default()
            ));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn markdown_text_is_inert() {
        assert_eq!(
            super::md("<script>|x|`y`\n[a](javascript:b)"),
            "\\<script\\>\\|x\\|\\`y\\` \\[a\\](javascript:b)"
        );
    }
}
