//! Markdown from the repository (decision records, radar rationales) to
//! HTML that is inert whatever the file holds: pulldown-cmark renders,
//! ammonia keeps only harmless tags and attributes (no script, no event
//! handler, no `javascript:` link, no style, no id), images are replaced
//! by their alt text (they would be network requests) and headings move two levels down
//! under the record's own heading.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;
use std::collections::HashSet;

/// The text after a YAML front matter block, if the file starts with one.
pub fn body(text: &str) -> &str {
    let t = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = t
        .strip_prefix("---\n")
        .or_else(|| t.strip_prefix("---\r\n"))
    else {
        return t;
    };
    let mut at = 0;
    for line in rest.split_inclusive('\n') {
        at += line.len();
        if line.trim_end() == "---" || line.trim_end() == "..." {
            return &rest[at..];
        }
    }
    t
}

/// `text` as sanitised HTML. `link` maps a relative link target (such as
/// `0002-use-postgres.md`) to an anchor in the report, when it names
/// something the report shows; other relative links are dropped, since
/// they point into a repository the reader may not have.
pub fn to_html(text: &str, link: &(dyn Fn(&str) -> Option<String> + Sync)) -> String {
    // Inside an image: whether its alt text has begun.
    let mut alt: Option<bool> = None;
    let parser = Parser::new_ext(
        body(text),
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS,
    )
    .flat_map(|event| match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => vec![Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        })],
        Event::End(TagEnd::Heading(level)) => vec![Event::End(TagEnd::Heading(demote(level)))],
        // Raw HTML in markdown is shown as text, not interpreted.
        Event::Html(h) | Event::InlineHtml(h) => vec![Event::Text(h)],
        // An image would be a request (or a file the report does not
        // carry): its alt text stands in, marked, so a list of examples
        // does not become a list of empty bullets.
        Event::Start(Tag::Image { .. }) => {
            alt = Some(false);
            vec![Event::Start(Tag::Emphasis)]
        }
        Event::End(TagEnd::Image) => {
            let close = if alt == Some(true) { "]" } else { "[image]" };
            alt = None;
            vec![Event::Text(close.into()), Event::End(TagEnd::Emphasis)]
        }
        other if alt == Some(false) => {
            alt = Some(true);
            vec![Event::Text("[image: ".into()), other]
        }
        other => vec![other],
    });
    let mut raw = String::new();
    pulldown_cmark::html::push_html(&mut raw, parser);
    clean(&raw, link)
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Relative links: to an anchor of the report, or dropped.
struct Rewrite<'l>(&'l (dyn Fn(&str) -> Option<String> + Sync));

impl<'a> ammonia::UrlRelativeEvaluate<'a> for Rewrite<'a> {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        if url.starts_with('#') {
            return None;
        }
        (self.0)(url).map(Cow::Owned)
    }
}

fn clean(html: &str, link: &(dyn Fn(&str) -> Option<String> + Sync)) -> String {
    let schemes: HashSet<&str> = ["http", "https", "mailto"].into_iter().collect();
    ammonia::Builder::default()
        .rm_tags(["img"])
        .url_schemes(schemes)
        .url_relative(ammonia::UrlRelative::Custom(Box::new(Rewrite(link))))
        .link_rel(Some("noopener noreferrer"))
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_markdown_renders_inert() {
        let text = "---\nstatus: accepted\n---\n# <script>alert(1)</script>\n\n<img src=x onerror=\"document.title='pwned'\">\n\n[click](javascript:document.title='pwned') [next](0002-next.md) [away](../README.md)\n\n<a href=\"x\" onclick=\"alert(1)\" id=\"overview\">x</a>\n\n![img](https://example.invalid/tracker.png)\n";
        let html = to_html(text, &|u| {
            u.strip_suffix(".md")
                .filter(|s| !s.contains('/'))
                .map(|s| format!("#adr-{s}"))
        });
        for bad in [
            "<script",
            "<img",
            "example.invalid",
            "README",
            "status: accepted",
        ] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        for tag in crate::tags(&html) {
            assert!(!crate::active(tag), "{tag}");
            assert!(
                crate::attributes(tag).iter().all(|(n, _)| n != "id"),
                "{tag}"
            );
        }
        assert!(
            html.contains("<h3>&lt;script&gt;alert(1)&lt;/script&gt;</h3>"),
            "{html}"
        );
        assert!(html.contains("href=\"#adr-0002-next\""), "{html}");
    }

    /// adr/madr's ADR-0008 lists its examples as images, some inside
    /// links: the report showed empty bullets and empty links.
    #[test]
    fn images_show_their_alt_text() {
        let text = "* ![Example badge](0008-badge.png)\n* [![status: superseded](https://img.shields.io/x.svg)](https://github.com/x)\n* ![](y.png)\n";
        let html = to_html(text, &|_| None);
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("<li><em>[image: Example badge]</em></li>"),
            "{html}"
        );
        assert!(
            html.contains(">[image: status: superseded]</em></a>"),
            "{html}"
        );
        assert!(html.contains("<li><em>[image]</em></li>"), "{html}");
    }

    #[test]
    fn front_matter_is_not_body() {
        assert_eq!(body("---\na: 1\n---\n# T\n"), "# T\n");
        assert_eq!(body("# T\n---\n"), "# T\n---\n");
        assert_eq!(body("---\nnot closed\n"), "---\nnot closed\n");
    }
}
