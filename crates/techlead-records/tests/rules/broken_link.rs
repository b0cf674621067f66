use crate::{Records, check, nygard};

#[test]
fn broken_link() {
    // A renamed record and a file that was never committed.
    let a = format!(
        "{}\nSee [the old plan](0009-old-plan.md#context) and [my notes](notes/my%20notes.txt).\n",
        nygard(1, "A", "Accepted")
    );
    let hit = Records::new().record("0001-a.md", &a);
    // Links that resolve (with a fragment, a `%20` escape, up a folder),
    // and what is not a file link: web pages, mail, anchors, a
    // site-absolute path, and links in inline and fenced code.
    let a = format!(
        "{}\nSee [B](0002-b.md#decision), [my notes](notes/my%20notes.txt), \
         [the guide](../README.md).\n\
         Also [site](https://example.org/missing.md), [mail](mailto:a@example.org), \
         [top](#context) and [root](/missing.md).\n\n\
         Write links as `[text](0009-missing.md)`.\n\n\
         ```markdown\n[example](0009-missing.md)\n```\n",
        nygard(1, "A", "Accepted")
    );
    let near_miss = Records::new()
        .record("0001-a.md", &a)
        .record("0002-b.md", &nygard(2, "B", "Accepted"))
        .file("docs/adr/notes/my notes.txt", "notes\n")
        .file("docs/README.md", "# Docs\n");
    check("decisions/broken-link", hit, near_miss);
}
