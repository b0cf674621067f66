//! `radar add`: the text of a new technology record.

use crate::text::yaml_scalar;

pub struct NewTechnology<'a> {
    pub name: &'a str,
    pub quadrant: &'a str,
    pub ring: &'a str,
    pub packages: &'a [String],
    pub purpose: Option<&'a str>,
    pub tags: &'a [String],
    pub decision: Option<&'a str>,
    pub date: &'a str,
}

pub fn render(t: &NewTechnology) -> String {
    let list = |items: &[String]| {
        items
            .iter()
            .map(|i| format!("\"{}\"", i.replace('\\', "\\\\").replace('"', "\\\"")))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut s = String::from("---\n");
    s.push_str(&format!("name: {}\n", yaml_scalar(t.name)));
    s.push_str(&format!("quadrant: {}\n", yaml_scalar(t.quadrant)));
    s.push_str(&format!("ring: {}\n", yaml_scalar(t.ring)));
    s.push_str(&format!("packages: [{}]\n", list(t.packages)));
    if let Some(p) = t.purpose {
        s.push_str(&format!("purpose: {}\n", yaml_scalar(p)));
    }
    if let Some(d) = t.decision {
        s.push_str(&format!("decision: {}\n", yaml_scalar(d)));
    }
    s.push_str(&format!("tags: [{}]\n", list(t.tags)));
    s.push_str(&format!("date: {}\n", t.date));
    s.push_str("---\n\n");
    s.push_str(&format!("# {}\n\n", t.name));
    s.push_str(
        "## Rationale\n\nWhy this technology, in this ring, for this team: the problem it solves, what it was\ncompared with, and what would make us move it.\n\n",
    );
    s.push_str(&format!(
        "## History\n\n- {}: added in {}\n",
        t.date, t.ring
    ));
    s
}
