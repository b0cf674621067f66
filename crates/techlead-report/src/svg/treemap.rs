//! A squarified treemap of files by folder (Bruls, Huizing and van Wijk),
//! as code-maat's and CodeScene's maps: the area is a file's lines of
//! code, the colour whatever the caller says (change times complexity, the
//! main developer). Folders are nested, labelled groups that the page's
//! script zooms into (`data-box`); without script the whole map shows.

use super::{attr, esc, n};
use std::collections::BTreeMap;

pub struct Leaf {
    pub path: String,
    pub size: f64,
    pub fill: String,
    pub title: String,
}

#[derive(Default)]
struct Folder {
    folders: BTreeMap<String, Folder>,
    files: Vec<usize>,
    size: f64,
}

/// A folder's child: a folder by name, or a file by index.
type Child<'f> = Result<(&'f String, &'f Folder), usize>;

#[derive(Clone, Copy)]
struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

const W: f64 = 960.0;
const H: f64 = 600.0;
const HEADER: f64 = 15.0;

pub fn map(label: &str, leaves: &[Leaf]) -> String {
    let mut root = Folder::default();
    for (i, leaf) in leaves.iter().enumerate() {
        if leaf.size <= 0.0 {
            continue;
        }
        let parts: Vec<&str> = leaf.path.split('/').collect();
        let mut f = &mut root;
        f.size += leaf.size;
        for p in &parts[..parts.len() - 1] {
            f = f.folders.entry(p.to_string()).or_default();
            f.size += leaf.size;
        }
        f.files.push(i);
    }
    let mut s = format!(
        "<svg class=\"treemap\" viewBox=\"0 0 {W} {H}\" data-home=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\">",
        attr(label)
    );
    if root.size > 0.0 {
        draw(
            &mut s,
            "",
            "",
            &root,
            Rect {
                x: 0.0,
                y: 0.0,
                w: W,
                h: H,
            },
            leaves,
            true,
        );
    }
    s.push_str("</svg>");
    s
}

/// `parent` is the enclosing box's path: a box is labelled with the rest.
fn draw(s: &mut String, parent: &str, path: &str, f: &Folder, r: Rect, leaves: &[Leaf], top: bool) {
    // A chain of single folders is one box (`src/main/java/com`).
    let (mut path, mut f) = (path.to_string(), f);
    while f.files.is_empty() && f.folders.len() == 1 {
        let (name, only) = f.folders.iter().next().expect("one folder");
        path = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}/{name}")
        };
        f = only;
    }
    let labelled = !top && r.w > 48.0 && r.h > 30.0;
    let inner = if top {
        r
    } else if labelled {
        Rect {
            x: r.x + 1.5,
            y: r.y + HEADER,
            w: (r.w - 3.0).max(0.0),
            h: (r.h - HEADER - 1.5).max(0.0),
        }
    } else {
        Rect {
            x: r.x + 1.0,
            y: r.y + 1.0,
            w: (r.w - 2.0).max(0.0),
            h: (r.h - 2.0).max(0.0),
        }
    };
    if !top {
        let files = count_files(f);
        s.push_str(&format!(
            "<g class=\"folder\" tabindex=\"0\" role=\"button\" aria-label=\"{}: {files} file{}; zoom in\" data-box=\"{} {} {} {}\"><rect class=\"folder-box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"><title>{}/ ({files} file{})</title></rect>",
            attr(&path),
            if files == 1 { "" } else { "s" },
            n(r.x), n(r.y), n(r.w.max(1.0)), n(r.h.max(1.0)),
            n(r.x), n(r.y), n(r.w), n(r.h),
            esc(&path),
            if files == 1 { "" } else { "s" },
        ));
        if labelled {
            let max = ((r.w - 6.0) / 6.2).max(1.0) as usize;
            let name = path
                .strip_prefix(parent)
                .map_or(path.as_str(), |p| p.trim_start_matches('/'));
            s.push_str(&format!(
                "<text class=\"folder-label\" x=\"{}\" y=\"{}\">{}</text>",
                n(r.x + 3.0),
                n(r.y + 11.0),
                esc(&super::clip(name, max))
            ));
        }
    }
    // Children: folders and files together, biggest first.
    let mut items: Vec<(f64, Child)> = f
        .folders
        .iter()
        .map(|(name, sub)| (sub.size, Ok((name, sub))))
        .chain(f.files.iter().map(|&i| (leaves[i].size, Err(i))))
        .collect();
    items.sort_by(|a, b| b.0.total_cmp(&a.0));
    let sizes: Vec<f64> = items.iter().map(|(sz, _)| *sz).collect();
    for ((_, item), rect) in items.iter().zip(squarify(&sizes, inner)) {
        if rect.w < 0.5 || rect.h < 0.5 {
            continue;
        }
        match item {
            Ok((name, sub)) => {
                let p = if path.is_empty() {
                    (*name).clone()
                } else {
                    format!("{path}/{name}")
                };
                draw(s, &path, &p, sub, rect, leaves, false);
            }
            Err(i) => {
                let leaf = &leaves[*i];
                s.push_str(&format!(
                    "<rect class=\"leaf\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"><title>{}</title></rect>",
                    n(rect.x), n(rect.y), n(rect.w), n(rect.h),
                    attr(&leaf.fill),
                    esc(&leaf.title)
                ));
                // The file's name where it fits (about 6 units a
                // character at the label's size), so the map reads
                // without hovering.
                let fits = ((rect.w - 6.0) / 6.0) as usize;
                if rect.h >= 16.0 && fits >= 4 {
                    let name = leaf.path.rsplit('/').next().unwrap_or(&leaf.path);
                    s.push_str(&format!(
                        "<text class=\"leaf-label\" x=\"{}\" y=\"{}\">{}</text>",
                        n(rect.x + 3.0),
                        n(rect.y + 12.0),
                        esc(&super::clip(name, fits))
                    ));
                }
            }
        }
    }
    if !top {
        s.push_str("</g>");
    }
}

fn count_files(f: &Folder) -> usize {
    f.files.len() + f.folders.values().map(count_files).sum::<usize>()
}

/// Rectangles for `sizes` (biggest first) filling `r`, each as close to a
/// square as the row allows.
fn squarify(sizes: &[f64], r: Rect) -> Vec<Rect> {
    let total: f64 = sizes.iter().sum();
    let mut out = vec![
        Rect {
            x: r.x,
            y: r.y,
            w: 0.0,
            h: 0.0
        };
        sizes.len()
    ];
    if total <= 0.0 || r.w <= 0.0 || r.h <= 0.0 {
        return out;
    }
    let scale = r.w * r.h / total;
    let areas: Vec<f64> = sizes.iter().map(|s| s * scale).collect();
    let worst = |row: &[f64], short: f64| {
        let sum: f64 = row.iter().sum();
        let (max, min) = row
            .iter()
            .fold((0.0f64, f64::MAX), |(a, b), &v| (a.max(v), b.min(v)));
        (short * short * max / (sum * sum)).max(sum * sum / (short * short * min))
    };
    let mut rest = r;
    let mut i = 0;
    while i < areas.len() {
        let short = rest.w.min(rest.h).max(f64::EPSILON);
        let mut end = i + 1;
        let mut best = worst(&areas[i..end], short);
        while end < areas.len() {
            let next = worst(&areas[i..=end], short);
            if next > best {
                break;
            }
            best = next;
            end += 1;
        }
        let sum: f64 = areas[i..end].iter().sum();
        if rest.w >= rest.h {
            let cw = (sum / rest.h.max(f64::EPSILON)).min(rest.w);
            let mut y = rest.y;
            for k in i..end {
                let h = areas[k] / cw.max(f64::EPSILON);
                out[k] = Rect {
                    x: rest.x,
                    y,
                    w: cw,
                    h,
                };
                y += h;
            }
            rest.x += cw;
            rest.w -= cw;
        } else {
            let rh = (sum / rest.w.max(f64::EPSILON)).min(rest.h);
            let mut x = rest.x;
            for k in i..end {
                let w = areas[k] / rh.max(f64::EPSILON);
                out[k] = Rect {
                    x,
                    y: rest.y,
                    w,
                    h: rh,
                };
                x += w;
            }
            rest.y += rh;
            rest.h -= rh;
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squares_fill_the_rectangle_without_overlap() {
        let sizes = [6.0, 6.0, 4.0, 3.0, 2.0, 2.0, 1.0];
        let r = Rect {
            x: 0.0,
            y: 0.0,
            w: 600.0,
            h: 400.0,
        };
        let rects = squarify(&sizes, r);
        let area: f64 = rects.iter().map(|q| q.w * q.h).sum();
        assert!((area - 240_000.0).abs() < 1.0, "{area}");
        for (i, a) in rects.iter().enumerate() {
            assert!(a.x >= -0.01 && a.y >= -0.01 && a.x + a.w <= 600.01 && a.y + a.h <= 400.01);
            for b in &rects[i + 1..] {
                let overlap = (a.x + a.w).min(b.x + b.w) - a.x.max(b.x);
                let overlap_y = (a.y + a.h).min(b.y + b.h) - a.y.max(b.y);
                assert!(overlap <= 0.01 || overlap_y <= 0.01);
            }
        }
    }

    #[test]
    fn folders_nest_and_names_are_escaped() {
        let leaves = vec![
            Leaf {
                path: "src/a.rs".into(),
                size: 10.0,
                fill: "#fff".into(),
                title: "<a>".into(),
            },
            Leaf {
                path: "src/b/c.rs".into(),
                size: 5.0,
                fill: "#000".into(),
                title: "c".into(),
            },
            Leaf {
                path: "x\"><script>.rs".into(),
                size: 5.0,
                fill: "#000".into(),
                title: "x".into(),
            },
        ];
        let svg = map("map", &leaves);
        assert!(
            svg.contains("aria-label=\"src: 2 files; zoom in\""),
            "{svg}"
        );
        assert!(!svg.contains("<script>") && !svg.contains("<a>"));
        assert_eq!(svg.matches("class=\"leaf\"").count(), 3);
        // Big files are named on the map, escaped like everything else.
        assert!(svg.contains(">a.rs</text>"), "{svg}");
        assert!(svg.contains(">x\"&gt;&lt;script&gt;.rs</text>"), "{svg}");
    }
}
