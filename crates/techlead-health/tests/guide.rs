//! The worked example of docs/guide/health.md, computed by the real
//! formula: the guide's table must be exactly what this renders, so the
//! numbers there cannot drift from the code. When the formula changes on
//! purpose, the failure prints the new table to paste into the guide.

use techlead_health::score::{self, Thresholds};
use techlead_lang::Function;

/// The example file: its lines of code and its functions over a limit (it
/// has others, all within every limit, which cost nothing).
const LOC: u32 = 1250;
const FUNCTIONS: &[(&str, u32, u32, u32, u32)] = &[
    // name, complexity, nloc, params, nesting
    ("total", 31, 140, 5, 3),
    ("apply_discounts", 12, 45, 6, 5),
    ("render", 9, 72, 2, 2),
];

/// One term, as written and as computed: `weight × value/limit` when
/// over the limit, else nothing.
fn term(value: u32, limit: u32, weight: f64) -> Option<(String, String)> {
    (value > limit).then(|| {
        let v = score::over(value, limit, weight);
        let written = if weight == 1.0 {
            format!("{value}/{limit}")
        } else {
            format!("{weight} × {value}/{limit}")
        };
        (written, format!("{v:.3}"))
    })
}

/// The example's functions as the scanner would report them.
fn functions() -> Vec<Function> {
    FUNCTIONS
        .iter()
        .map(|&(name, complexity, nloc, params, nesting)| Function {
            name: name.into(),
            start_line: 1,
            end_line: nloc,
            complexity,
            nloc,
            params,
            nesting,
        })
        .collect()
}

fn render() -> String {
    let t = Thresholds::default();
    let w = score::WEIGHTS;
    let mut s = String::from(
        "| function | complexity | nloc | params | nesting | penalty |\n|---|---:|---:|---:|---:|---|\n",
    );
    let mut total = 0.0;
    for f in &functions() {
        let (name, complexity, nloc, params, nesting) =
            (&f.name, f.complexity, f.nloc, f.params, f.nesting);
        let p = score::function_penalty(f, &t);
        let terms: Vec<(String, String)> = [
            term(complexity, t.complexity, w.complexity),
            term(nloc, t.nloc, w.nloc),
            term(params, t.params, w.params),
            term(nesting, t.nesting, w.nesting),
        ]
        .into_iter()
        .flatten()
        .collect();
        let written: Vec<&str> = terms.iter().map(|t| t.0.as_str()).collect();
        let values: Vec<&str> = terms.iter().map(|t| t.1.as_str()).collect();
        let sum = if terms.len() > 1 {
            format!("{} = ", values.join(" + "))
        } else {
            String::new()
        };
        s.push_str(&format!(
            "| `{name}` | {complexity} | {nloc} | {params} | {nesting} | {} = {sum}**{:.3}** |\n",
            written.join(" + "),
            p.total()
        ));
        total += p.total();
    }
    let size = score::size_penalty(LOC, &t);
    total += size;
    s.push_str(&format!(
        "| the file's size | | {LOC} lines | | | {LOC}/{} = **{size:.3}** |\n",
        t.file_loc
    ));
    let health = score::health(total);
    s.push_str(&format!(
        "\nP = {:.3}, so health = 1 + 9 × e^(−{:.3} / {}) = **{health:.2}**.\n",
        total,
        total,
        score::DECAY
    ));
    // The same number through the public entry point, from a scan.
    let scan = techlead_lang::Scan {
        functions: functions(),
        code_lines: LOC,
        ..Default::default()
    };
    assert_eq!(techlead_health::file_health(&scan, LOC), health);
    // What paying the debt down would give.
    let first = total - score::function_penalty(&scan.functions[0], &t).total();
    let then = first - size;
    s.push_str(&format!(
        "\nSplitting `total` into functions within the limits would take P to {first:.3}\n\
         and the file's health to {:.2}; then bringing the file under {} lines of\n\
         code, to {:.2}.\n",
        score::health(first),
        t.file_loc,
        score::health(then)
    ));
    s
}

#[test]
fn the_guide_shows_the_formula_as_computed() {
    let guide = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/guide/health.md"
    ))
    .expect("docs/guide/health.md");
    let table = render();
    assert!(
        guide.contains(&table),
        "docs/guide/health.md does not hold the worked example as computed; paste this:\n\n{table}"
    );
}
