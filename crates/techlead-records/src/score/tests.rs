use super::*;
use proptest::prelude::*;

const BROKER: &str = "# Broker\n\n| Criterion | Weight | Kafka | RabbitMQ | **SQS** |\r\n|---|--:|--:|--:|--:|\r\n| Throughput | 3 | 5 | 3 | 4 |\r\n| Operational cost | 2 | 2 | 4 | 5 |\r\n| Team experience | 2 | 2 | 5 | 3 |\r\n\nAfter.\n";

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn totals_ranking_and_exact_crossings() {
    let m = parse_matrix(BROKER).unwrap();
    assert_eq!(m.options, ["Kafka", "RabbitMQ", "SQS"]);
    assert_eq!(m.criteria[1].line, 6);
    let r = score(&m);
    let got: Vec<(&str, f64, usize)> = r
        .options
        .iter()
        .map(|o| (o.name.as_str(), o.total, o.rank))
        .collect();
    assert_eq!(
        got,
        [("SQS", 28.0, 1), ("RabbitMQ", 27.0, 2), ("Kafka", 23.0, 3)]
    );
    assert!(close(r.options[0].normalized, 4.0));
    assert_eq!(r.winner.as_deref(), Some("SQS"));
    assert!(close(r.margin, 1.0));

    let t = &r.sensitivity[0]; // Throughput, weight 3
    let up = t.raise.as_ref().unwrap();
    assert!(close(up.at_weight, 8.0));
    assert_eq!(up.new_winner, "Kafka");
    let down = t.lower.as_ref().unwrap();
    assert!(close(down.at_weight, 2.0));
    assert_eq!(down.new_winner, "RabbitMQ");
    assert!(close(down.change_percent.unwrap(), -100.0 / 3.0));

    let cost = &r.sensitivity[1];
    assert!(cost.raise.is_none());
    assert!(close(cost.lower.as_ref().unwrap().at_weight, 1.0));

    let team = &r.sensitivity[2];
    assert!(close(team.raise.as_ref().unwrap().at_weight, 2.5));
    assert!(team.lower.is_none(), "Kafka would need a negative weight");

    let text = render_text(&r);
    assert!(
        text.contains("Winner: SQS, ahead of RabbitMQ by 1 (3.7%)."),
        "{text}"
    );
    assert!(
        text.contains("Close call: a 25% change") || text.contains("Robust"),
        "{text}"
    );
}

#[test]
fn ties_and_unflippable_criteria() {
    let tie = "| C | Weight | A | B |\n|-|-|-|-|\n| x | 1 | 3 | 3 |\n";
    let r = score(&parse_matrix(tie).unwrap());
    assert_eq!(r.winner, None);
    assert_eq!(r.leaders, ["A", "B"]);
    assert!(render_text(&r).starts_with("Option"));
    assert!(render_text(&r).contains("Tie: A, B share the lead"));

    let robust = "| C | Weight | A | B |\n|-|-|-|-|\n| c1 | 1 | 5 | 1 |\n| c2 | 10 | 5 | 1 |\n";
    let r = score(&parse_matrix(robust).unwrap());
    assert!(r.sensitivity[0].raise.is_none() && r.sensitivity[0].lower.is_none());
    assert!(render_text(&r).contains("no weight changes the winner"));
}

#[test]
fn malformed_tables_name_the_line() {
    let e = parse_matrix("text\n| C | Weight | A | B |\n|---|---|---|---|\n| x | 2 | 3 | 9 |\n")
        .unwrap_err();
    assert_eq!(e.line, Some(4));
    assert!(e.message.contains("outside 1–5"), "{e}");
    let e = parse_matrix("| C | Weight | A | B |\n|---|---|---|---|\n| x | heavy | 3 | 2 |\n")
        .unwrap_err();
    assert_eq!(e.line, Some(3));
    let e = parse_matrix("| C | Weight | A |\n|---|---|---|\n| x | 1 | 3 |\n").unwrap_err();
    assert!(e.message.contains("two options"));
    let e = parse_matrix("| C | Weight | A | B |\n|---|---|---|---|\n| x | 1 | 3 |\n").unwrap_err();
    assert!(e.message.contains("cells"));
    let e =
        parse_matrix("```\n| C | Weight | A | B |\n|---|---|---|---|\n| x | 1 | 3 | 2 |\n```\n")
            .unwrap_err();
    assert_eq!(e.line, None);
}

fn winner_with(m: &Matrix, c: usize, w: f64) -> Option<String> {
    let mut m = m.clone();
    m.criteria[c].weight = w;
    score(&m).winner
}

proptest! {
    #[test]
    fn parse_never_panics(s in "(\\||-|:| |[0-9]|weight|Weight|\\*|\n|\r|x|`{3})*") {
        let _ = parse_matrix(&s);
    }

    /// Just past each reported crossing the winner changes to the reported
    /// option; just before it, it does not.
    #[test]
    fn crossings_are_exact(
        n_opts in 2..5usize,
        rows in proptest::collection::vec((0..6u32, proptest::collection::vec(1..=5u32, 4)), 1..5),
    ) {
        prop_assume!(rows.iter().any(|(w, _)| *w > 0));
        let criteria = rows
            .iter()
            .enumerate()
            .map(|(i, (w, s))| Criterion {
                name: format!("c{i}"),
                weight: f64::from(*w),
                scores: s[..n_opts].iter().map(|&x| f64::from(x)).collect(),
                line: 1,
            })
            .collect();
        let m = Matrix { options: (0..n_opts).map(|i| format!("o{i}")).collect(), criteria };
        let r = score(&m);
        let Some(win) = r.winner.clone() else { return Ok(()) };
        let tiny = 1e-6;
        for (c, s) in r.sensitivity.iter().enumerate() {
            for (flip, dir) in [(&s.raise, 1.0), (&s.lower, -1.0)] {
                let Some(f) = flip else { continue };
                let before = winner_with(&m, c, f.at_weight - dir * tiny);
                prop_assert_eq!(before.as_deref(), Some(win.as_str()));
                let after = winner_with(&m, c, f.at_weight + dir * tiny);
                if !f.new_winner.contains(" / ") {
                    prop_assert_eq!(after.as_deref(), Some(f.new_winner.as_str()));
                } else {
                    prop_assert_ne!(after.as_deref(), Some(win.as_str()));
                }
            }
            // No crossing reported upwards: raising a lot keeps the winner.
            if s.raise.is_none() {
                let far = winner_with(&m, c, s.weight + 1000.0);
                prop_assert_eq!(far.as_deref(), Some(win.as_str()));
            }
        }
    }
}
