//! The record templates of `adr new`. MADR 4 is the default; `nygard`
//! matches adr-tools; `evaluation` and `build-vs-buy` carry a weighted
//! decision matrix that `adr score` reads.

use crate::config::Template;
use crate::text::{capitalized, yaml_scalar};

/// What a new record starts with.
#[derive(Debug, Clone, Default)]
pub struct NewRecord {
    pub number: Option<u32>,
    pub title: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub status: String,
    pub tags: Vec<String>,
    pub deciders: Vec<String>,
    /// (link text, href) of the record this one supersedes.
    pub supersedes: Option<(String, String)>,
}

pub fn render(template: Template, rec: &NewRecord) -> String {
    match template {
        Template::Nygard => nygard(rec),
        Template::Madr => format!("{}{MADR_BODY}{}", front_matter(rec), links(rec)),
        Template::MadrMinimal => format!("{}{MADR_MINIMAL_BODY}{}", front_matter(rec), links(rec)),
        Template::Evaluation => format!("{}{EVALUATION_BODY}{}", front_matter(rec), links(rec)),
        Template::BuildVsBuy => format!("{}{BUILD_VS_BUY_BODY}{}", front_matter(rec), links(rec)),
    }
}

fn yaml_list(items: &[String]) -> String {
    let parts: Vec<String> = items.iter().map(|s| yaml_scalar(s)).collect();
    format!("[{}]", parts.join(", "))
}

fn front_matter(rec: &NewRecord) -> String {
    let mut s = format!(
        "---\nstatus: {}\ndate: {}\n",
        yaml_scalar(&rec.status),
        rec.date
    );
    if !rec.deciders.is_empty() {
        s.push_str(&format!("decision-makers: {}\n", yaml_list(&rec.deciders)));
    }
    if !rec.tags.is_empty() {
        s.push_str(&format!("tags: {}\n", yaml_list(&rec.tags)));
    }
    // The title is the H1; a heading line cannot break YAML.
    s.push_str(&format!("---\n\n# {}\n", rec.title));
    s
}

fn links(rec: &NewRecord) -> String {
    match &rec.supersedes {
        Some((text, href)) => format!("\n## Links\n\n* Supersedes [{text}]({href})\n"),
        None => String::new(),
    }
}

fn nygard(rec: &NewRecord) -> String {
    let title = match rec.number {
        Some(n) => format!("{n}. {}", rec.title),
        None => rec.title.clone(),
    };
    let mut status = capitalized(&rec.status);
    if let Some((text, href)) = &rec.supersedes {
        status.push_str(&format!("\n\nSupersedes [{text}]({href})"));
    }
    format!(
        "# {title}\n\nDate: {}\n\n## Status\n\n{status}\n\n## Context\n\n\
What is the issue that we're seeing that is motivating this decision or change?\n\n\
## Decision\n\nWhat is the change that we're proposing and/or doing?\n\n\
## Consequences\n\nWhat becomes easier or more difficult to do because of this change?\n",
        rec.date
    )
}

const MADR_BODY: &str = "
## Context and Problem Statement

Describe the context and the problem in two or three sentences, or as a
question. Link the issue or discussion that raised it.

## Decision Drivers

* driver 1, e.g. a force or a concern
* driver 2

## Considered Options

* option 1
* option 2
* option 3

## Decision Outcome

Chosen option: \"option 1\", because it is the only one that meets driver 1,
or because it comes out best (see below).

### Consequences

* Good, because ...
* Bad, because ...

### Confirmation

How will we confirm that the decision is implemented and holds: a review, a
test, a fitness function in `techlead check`?

## Pros and Cons of the Options

### option 1

* Good, because ...
* Neutral, because ...
* Bad, because ...

### option 2

* Good, because ...
* Bad, because ...

## More Information

Evidence, the team's agreement, and when to revisit this decision.
";

const MADR_MINIMAL_BODY: &str = "
## Context and Problem Statement

Describe the context and the problem in two or three sentences, or as a
question.

## Considered Options

* option 1
* option 2

## Decision Outcome

Chosen option: \"option 1\", because ...

### Consequences

* Good, because ...
* Bad, because ...
";

const EVALUATION_BODY: &str = "
## Context and Problem Statement

What must be decided, and why now? Name the options the team will compare.

## Decision Matrix

Score each option from 1 (poor) to 5 (excellent) on each criterion, and give
each criterion a weight for how much it matters here (any positive number).
Replace the example rows and columns with your own; keep the `Weight` column.
Then run `techlead adr score <this record>` for the weighted totals, the
ranking, and how far each weight must move before the winner changes.

| Criterion           | Weight | Option A | Option B | Option C |
|---------------------|-------:|---------:|---------:|---------:|
| Fit for the problem |      5 |        4 |        3 |        4 |
| Team capability     |      4 |        3 |        5 |        2 |
| Ecosystem maturity  |      3 |        4 |        4 |        3 |
| Maintenance cost    |      3 |        3 |        4 |        2 |
| Time to deliver     |      2 |        2 |        4 |        3 |

## Evidence

For each score, a line of evidence: a spike, a benchmark, a reference, who on
the team has shipped with it.

## Decision Outcome

Chosen option: \"...\", because it scores highest and the ranking holds when
the weights move within what the team considers reasonable.

### Consequences

* Good, because ...
* Bad, because ...
";

const BUILD_VS_BUY_BODY: &str = "
## Context and Problem Statement

Which capability do we need, and should we build it, buy it, or adopt an
open-source project? Describe the need, its expected lifetime, and how central
it is to what makes the product different.

## Decision Matrix

Score each option from 1 (poor) to 5 (excellent); weights say how much each
criterion matters here. Run `techlead adr score <this record>` for the
weighted totals, the ranking, and the sensitivity of the result to each weight.

| Criterion                  | Weight | Build | Buy | Open source |
|----------------------------|-------:|------:|----:|------------:|
| Total cost of ownership    |      4 |     2 |   3 |           4 |
| Time to value              |      4 |     2 |   5 |           3 |
| Strategic differentiation  |      3 |     5 |   2 |           3 |
| Team capability            |      3 |     3 |   4 |           3 |
| Vendor lock-in (5 = none)  |      2 |     5 |   2 |           4 |
| Maintenance burden (5 = low) |    3 |     2 |   5 |           3 |

## Evidence

Quotes, licence terms, an estimate of the build, the team's experience with
each option, and the exit cost if the choice turns out wrong.

## Decision Outcome

Chosen option: \"...\", because ...

### Consequences

* Good, because ...
* Bad, because ...
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_record;
    use std::path::Path;

    fn rec() -> NewRecord {
        NewRecord {
            number: Some(7),
            title: "Use \"Rust\": for the CLI".into(),
            date: "2026-01-15".into(),
            status: "proposed".into(),
            tags: vec!["lang".into(), "a: b".into()],
            deciders: vec!["Ann".into()],
            supersedes: Some(("3. Use Go".into(), "0003-use-go.md".into())),
        }
    }

    #[test]
    fn every_template_reads_back() {
        for t in [
            Template::Madr,
            Template::MadrMinimal,
            Template::Nygard,
            Template::Evaluation,
            Template::BuildVsBuy,
        ] {
            let text = render(t, &rec());
            let r = parse_record(
                Path::new("/r"),
                Path::new("/r/0007-use-rust-for-the-cli.md"),
                text.as_bytes(),
            )
            .unwrap_or_else(|e| panic!("{t:?}: {e}"));
            assert_eq!(
                r.title.as_deref(),
                Some("Use \"Rust\": for the CLI"),
                "{t:?}"
            );
            assert_eq!(r.status.as_deref(), Some("proposed"), "{t:?}");
            assert_eq!(r.date.as_deref(), Some("2026-01-15"), "{t:?}");
            assert_eq!(r.links.len(), 1, "{t:?}");
            assert_eq!(
                (r.links[0].kind.as_str(), r.links[0].target.as_str()),
                ("supersedes", "0003-use-go")
            );
            if t != Template::Nygard {
                assert_eq!(r.tags, ["lang", "a: b"], "{t:?}");
                assert_eq!(r.decision_makers, ["Ann"]);
            }
        }
    }

    #[test]
    fn matrices_parse_for_scoring() {
        for t in [Template::Evaluation, Template::BuildVsBuy] {
            crate::score::parse_matrix(&render(t, &rec())).unwrap();
        }
    }
}
