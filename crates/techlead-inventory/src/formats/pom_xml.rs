//! Maven `pom.xml`: the project's direct `<dependencies>` (not those under
//! `<dependencyManagement>`, which only pin versions, nor plugins'),
//! named `groupId:artifactId`. Versions come from the element, else from
//! dependencyManagement, with `${property}` resolved from `<properties>`,
//! `${project.version}` and `${project.parent.version}`; what cannot be
//! resolved stays as written. `<scope>test</scope>` is dev.

use crate::{Dep, ParseError};
use roxmltree::{Document, Node};
use std::collections::HashMap;

pub fn parse(text: &str, _manifest: Option<&str>) -> Result<Vec<Dep>, ParseError> {
    let doc = Document::parse(text)
        .map_err(|e| ParseError::new(e.pos().row, format!("not a pom.xml: {e}")))?;
    let project = doc.root_element();
    if project.tag_name().name() != "project" {
        return Err(ParseError::new(
            doc.text_pos_at(project.range().start).row,
            "not a pom.xml: the root element is not <project>",
        ));
    }
    let mut props: HashMap<String, String> = HashMap::new();
    if let Some(p) = child(project, "properties") {
        for n in p.children().filter(Node::is_element) {
            props.insert(n.tag_name().name().to_string(), text_of(n));
        }
    }
    if let Some(v) = child(project, "version") {
        props.insert("project.version".into(), text_of(v));
    }
    if let Some(v) = child(project, "parent").and_then(|p| child(p, "version")) {
        let v = text_of(v);
        props
            .entry("project.version".into())
            .or_insert_with(|| v.clone());
        props.insert("project.parent.version".into(), v);
    }
    let mut managed: HashMap<String, String> = HashMap::new();
    if let Some(deps) =
        child(project, "dependencyManagement").and_then(|m| child(m, "dependencies"))
    {
        for d in deps.children().filter(|n| is(*n, "dependency")) {
            if let (Some(name), Some(v)) = (coordinates(d), child(d, "version")) {
                managed.insert(name, resolve(&text_of(v), &props));
            }
        }
    }
    let mut out = Vec::new();
    if let Some(deps) = child(project, "dependencies") {
        for d in deps.children().filter(|n| is(*n, "dependency")) {
            let Some(name) = coordinates(d) else {
                return Err(ParseError::new(
                    doc.text_pos_at(d.range().start).row,
                    "a <dependency> without groupId or artifactId",
                ));
            };
            let version = match child(d, "version") {
                Some(v) => resolve(&text_of(v), &props),
                None => managed.get(&name).cloned().unwrap_or_default(),
            };
            let scope = child(d, "scope").map(text_of).unwrap_or_default();
            out.push(Dep {
                license: None,
                depends: Vec::new(),
                declared_by: Vec::new(),
                requested: Vec::new(),
                name,
                version,
                direct: Some(true),
                dev: Some(scope == "test"),
                line: doc.text_pos_at(d.range().start).row,
                released: None,
            });
        }
    }
    Ok(out)
}

/// The project's own coordinates, `groupId:artifactId`, and version, the
/// groupId and version inherited from `<parent>` when the project does
/// not set them: in a multi-module build, a dependency on these at this
/// version is a module of the same reactor, built from the tree, not a
/// package from a repository.
pub fn own_coordinates(text: &str) -> Option<(String, String)> {
    let doc = Document::parse(text).ok()?;
    let project = doc.root_element();
    if project.tag_name().name() != "project" {
        return None;
    }
    let inherited = |name: &str| {
        child(project, name)
            .or_else(|| child(project, "parent").and_then(|p| child(p, name)))
            .map(text_of)
    };
    let group = inherited("groupId")?;
    let artifact = text_of(child(project, "artifactId")?);
    Some((
        format!("{group}:{artifact}"),
        inherited("version").unwrap_or_default(),
    ))
}

/// Elements are matched by local name, so a default namespace
/// (`xmlns="http://maven.apache.org/POM/4.0.0"`) changes nothing.
fn is(n: Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(*c, name))
}

fn text_of(n: Node) -> String {
    n.text().unwrap_or_default().trim().to_string()
}

fn coordinates(d: Node) -> Option<String> {
    let g = text_of(child(d, "groupId")?);
    let a = text_of(child(d, "artifactId")?);
    Some(format!("{g}:{a}"))
}

/// `${name}` from the properties, repeatedly (a property may name
/// another), at most a few rounds so a cycle cannot hang.
fn resolve(value: &str, props: &HashMap<String, String>) -> String {
    let mut v = value.to_string();
    for _ in 0..8 {
        let Some(start) = v.find("${") else {
            break;
        };
        let Some(len) = v[start..].find('}') else {
            break;
        };
        let key = &v[start + 2..start + len];
        let Some(replacement) = props.get(key) else {
            break;
        };
        v = format!("{}{}{}", &v[..start], replacement, &v[start + len + 1..]);
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::common::rows;
    use proptest::prelude::*;

    const POM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.3.0</version>
  </parent>
  <groupId>com.acme</groupId>
  <artifactId>orders</artifactId>
  <properties>
    <guava.version>33.2.0-jre</guava.version>
    <junit.version>${junit.base}</junit.version>
    <junit.base>5.10.2</junit.base>
  </properties>
  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.slf4j</groupId>
        <artifactId>slf4j-api</artifactId>
        <version>2.0.13</version>
      </dependency>
    </dependencies>
  </dependencyManagement>
  <dependencies>
    <dependency>
      <groupId>com.google.guava</groupId>
      <artifactId>guava</artifactId>
      <version>${guava.version}</version>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-api</artifactId>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>${junit.version}</version>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>com.acme</groupId>
      <artifactId>common</artifactId>
      <version>${project.version}</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-surefire-plugin</artifactId>
        <dependencies>
          <dependency><groupId>x</groupId><artifactId>y</artifactId></dependency>
        </dependencies>
      </plugin>
    </plugins>
  </build>
</project>
"#;

    #[test]
    fn direct_dependencies_with_properties() {
        assert_eq!(
            rows(&parse(POM, None).unwrap()),
            [
                (
                    "com.google.guava:guava",
                    "33.2.0-jre",
                    Some(true),
                    Some(false),
                    26
                ),
                ("org.slf4j:slf4j-api", "2.0.13", Some(true), Some(false), 31),
                (
                    "org.junit.jupiter:junit-jupiter",
                    "5.10.2",
                    Some(true),
                    Some(true),
                    35
                ),
                ("com.acme:common", "3.3.0", Some(true), Some(false), 41),
            ]
        );
        assert_eq!(
            parse("<project>\n  <dependencies>\n  </dependency>\n", None)
                .unwrap_err()
                .line,
            3
        );
        assert!(parse("<settings/>", None).is_err());
    }

    #[test]
    fn own_coordinates_inherit_the_parent_group() {
        let own = |t| own_coordinates(t).map(|(c, v)| format!("{c}@{v}"));
        assert_eq!(own(POM).as_deref(), Some("com.acme:orders@3.3.0"));
        let child_pom = "<project><parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>2-SNAPSHOT</version></parent><artifactId>web</artifactId></project>";
        assert_eq!(own(child_pom).as_deref(), Some("com.acme:web@2-SNAPSHOT"));
        assert_eq!(
            own_coordinates("<project><artifactId>x</artifactId></project>"),
            None
        );
        assert_eq!(own_coordinates("<settings/>"), None);
    }

    proptest! {
        #[test]
        fn any_text_parses_or_errs(s in any::<String>()) {
            let _ = parse(&s, None);
        }
    }
}
