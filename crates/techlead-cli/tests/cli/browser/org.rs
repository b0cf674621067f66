//! The organisation dashboard in a real browser: every section renders, no
//! error is logged (the policy allows the inline style by its hash), the
//! page reads the same without JavaScript (it has none), follows the dark
//! setting, and a repository whose name and team are markup changes
//! nothing. Screenshots: target/browser/org-*.png.

use super::cdp::Browser;
use super::{artefacts, chromium, url};
use crate::org_report::{organisation, push, repository};
use serde_json::json;

const SECTIONS: &[&str] = &[
    "overview",
    "repositories",
    "practices",
    "radar",
    "dependencies",
    "decisions",
    "hotspots",
    "knowledge",
];

fn assert_sections_render(b: &mut Browser, s: &str, when: &str) {
    let v = b.eval(
        s,
        &format!(
            "{}.map(id => {{ const el = document.getElementById(id); return el ? [el.getBoundingClientRect().height, el.innerText.trim().length] : [0, 0]; }})",
            serde_json::to_string(SECTIONS).unwrap()
        ),
    );
    for (id, x) in SECTIONS.iter().zip(v.as_array().unwrap()) {
        let (height, text) = (x[0].as_f64().unwrap(), x[1].as_u64().unwrap());
        assert!(
            height > 40.0 && text > 20,
            "{when}: #{id} is empty ({height}px, {text} characters)"
        );
    }
}

#[test]
fn the_org_dashboard_works_in_a_browser() {
    let Some(bin) = chromium() else {
        return;
    };
    let out = artefacts();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("org.db").display().to_string();
    let (payments, _web) = organisation(&[&store]);
    // A repository named and teamed with markup pushes too.
    let evil = repository("x", "y", true);
    evil.write(
        "techlead.toml",
        "[snapshot]\nrepository = '<img src=x onerror=\"document.title=1\"><script>document.title=2</script>'\n\n[store]\nteam = '\" onmouseover=\"document.title=3'\ntags = ['javascript:alert(1)']\n",
    );
    push(&evil, &[&store]);
    payments.ok(&["org", "report", "--store", &store, "--out", "org.html"]);
    let page = url(&payments.path("org.html"));

    let mut b = Browser::launch(&bin);
    let s = b.page(1200, 800);
    b.open(&s, &page);
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(
        b.eval(&s, "document.title"),
        json!("Organisation dashboard — techlead")
    );
    assert_sections_render(&mut b, &s, "with JavaScript");
    assert_eq!(
        b.eval(&s, "document.querySelectorAll('[onerror],[onload],[onmouseover],img,iframe,object,embed,script').length + document.querySelectorAll('a[href^=\"javascript:\"]').length"),
        json!(0)
    );
    assert_eq!(
        b.eval(
            &s,
            "document.querySelectorAll('#repositories tbody tr').length"
        ),
        json!(3)
    );
    assert_eq!(
        b.eval(&s, "document.querySelectorAll('svg.spark').length > 0"),
        json!(true)
    );
    let errors = b.errors(&s);
    assert!(errors.is_empty(), "errors in the console: {errors:#?}");
    b.screenshot(&s, "#overview", 700.0, &out.join("org-overview.png"));
    b.screenshot(
        &s,
        "#repositories",
        700.0,
        &out.join("org-repositories.png"),
    );
    b.screenshot(&s, "#radar", 700.0, &out.join("org-radar.png"));
    let light = b.eval(&s, "getComputedStyle(document.body).backgroundColor");
    b.call(
        Some(&s),
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    assert_ne!(
        light,
        b.eval(&s, "getComputedStyle(document.body).backgroundColor")
    );
    b.screenshot(
        &s,
        "#repositories",
        700.0,
        &out.join("org-repositories-dark.png"),
    );

    // Without JavaScript the page is the same page.
    let off = b.page(1200, 800);
    b.call(
        Some(&off),
        "Emulation.setScriptExecutionDisabled",
        json!({"value": true}),
    );
    b.open(&off, &page);
    assert_sections_render(&mut b, &off, "without JavaScript");
}
