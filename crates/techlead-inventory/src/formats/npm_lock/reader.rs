//! The `packages` section of a v2/v3 lockfile read straight into entries
//! that borrow from the text, with only the fields the inventory uses.
//!
//! Why by hand rather than `serde_json::Value`: a lockfile of 100,000
//! packages became a tree of 100,000 B-tree maps (31 MB of them), every
//! key and string copied, every edge looked up by `memcmp` down a B-tree,
//! and all of it freed again (debt 0007). Here a key or string without
//! escapes is a slice of the text, the dependency names of all entries
//! share one vector, and everything else is skipped unread.
//!
//! Every value is read leniently, as `Value`'s `as_str`/`as_bool` read it:
//! a field of an unexpected type is absent, never an error; a repeated
//! key keeps its last value. Anything else (a syntax error, a document
//! that is not an object, no `packages` object) is `None`, and the caller
//! reads the file the general way for its message or its v1 layout.

use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// The entries of `packages`, in file order, and the dependency names
/// they list.
pub(super) struct Packages<'a> {
    pub entries: Vec<Entry<'a>>,
    /// Each entry's sections are ranges in here, sorted and without
    /// repeats (as the keys of a JSON object read into a map).
    pub names: Vec<Cow<'a, str>>,
}

#[derive(Default)]
pub(super) struct Entry<'a> {
    pub key: Cow<'a, str>,
    /// False: the value under the key was not an object.
    pub object: bool,
    pub version: Option<Cow<'a, str>>,
    pub license: Option<Cow<'a, str>>,
    pub link: bool,
    pub dev: bool,
    pub dev_optional: bool,
    /// `dependencies`, `optionalDependencies`, `peerDependencies`: what
    /// it needs, in the order Node resolves them for the graph.
    pub needs: [Range<u32>; 3],
    /// `devDependencies`: declared by a workspace folder only.
    pub dev_needs: Range<u32>,
}

impl<'a> Packages<'a> {
    pub fn names(&self, range: &Range<u32>) -> &[Cow<'a, str>] {
        &self.names[range.start as usize..range.end as usize]
    }
}

/// The values a visitor has no use for, each read past and answered with
/// `$none`: arrays and scalars (`text` adds strings and booleans).
macro_rules! skip {
    ($none:expr) => {
        fn visit_seq<S: SeqAccess<'de>>(self, seq: S) -> Result<Self::Value, S::Error> {
            IgnoredAny.visit_seq(seq).map(|_| $none)
        }

        fn visit_i64<E: Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($none)
        }

        fn visit_u64<E: Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($none)
        }

        fn visit_f64<E: Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($none)
        }

        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok($none)
        }
    };
    ($none:expr, text) => {
        skip!($none);

        fn visit_str<E: Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($none)
        }

        fn visit_bool<E: Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($none)
        }
    };
}

/// The `packages` of a lockfile, or None (see the module comment).
pub(super) fn read(text: &str) -> Option<Packages<'_>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let packages = de.deserialize_any(Document).ok()??;
    de.end().ok()?;
    Some(packages)
}

/// The top level: only `packages` is read.
struct Document;

impl<'de> Visitor<'de> for Document {
    type Value = Option<Packages<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut packages = None;
        while let Some(key) = map.next_key_seed(Text)? {
            if key == "packages" {
                packages = map.next_value_seed(PackagesSeed)?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(packages)
    }

    skip!(None, text);
}

struct PackagesSeed;

impl<'de> DeserializeSeed<'de> for PackagesSeed {
    type Value = Option<Packages<'de>>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PackagesSeed {
    type Value = Option<Packages<'de>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the packages object")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut out = Packages {
            entries: Vec::with_capacity(map.size_hint().unwrap_or(0)),
            names: Vec::new(),
        };
        while let Some(key) = map.next_key_seed(Text)? {
            let mut entry = map.next_value_seed(EntrySeed(&mut out.names))?;
            entry.key = key;
            out.entries.push(entry);
        }
        Ok(Some(out))
    }

    // Not an object: a v1 file or not a lockfile; the general reader decides.
    skip!(None, text);
}

/// One entry; its dependency names go to the shared vector.
struct EntrySeed<'n, 'a>(&'n mut Vec<Cow<'a, str>>);

impl<'de> DeserializeSeed<'de> for EntrySeed<'_, 'de> {
    type Value = Entry<'de>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed<'_, 'de> {
    type Value = Entry<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a package entry")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut e = Entry {
            object: true,
            ..Entry::default()
        };
        while let Some(key) = map.next_key_seed(Text)? {
            match &*key {
                "version" => e.version = map.next_value_seed(Lenient)?.text(),
                "license" => e.license = map.next_value_seed(Lenient)?.text(),
                "link" => e.link = map.next_value_seed(Lenient)?.flag(),
                "dev" => e.dev = map.next_value_seed(Lenient)?.flag(),
                "devOptional" => e.dev_optional = map.next_value_seed(Lenient)?.flag(),
                "dependencies" => e.needs[0] = map.next_value_seed(Names(self.0))?,
                "optionalDependencies" => e.needs[1] = map.next_value_seed(Names(self.0))?,
                "peerDependencies" => e.needs[2] = map.next_value_seed(Names(self.0))?,
                "devDependencies" => e.dev_needs = map.next_value_seed(Names(self.0))?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(e)
    }

    skip!(Entry::default(), text);
}

/// The keys of an object (`"dependencies": {"a": "^1"}`), pushed to the
/// shared vector; the range they take there, sorted and without repeats.
/// Not an object: an empty range.
struct Names<'n, 'a>(&'n mut Vec<Cow<'a, str>>);

impl<'de> DeserializeSeed<'de> for Names<'_, 'de> {
    type Value = Range<u32>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Names<'_, 'de> {
    type Value = Range<u32>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of dependencies")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let names = self.0;
        let start = names.len();
        while let Some(key) = map.next_key_seed(Text)? {
            map.next_value::<IgnoredAny>()?;
            names.push(key);
        }
        // npm writes them sorted; anything else is put in the order (and
        // with the repeats dropped) a map would give.
        if !names[start..].is_sorted_by(|a, b| a < b) {
            let mut tail = names.split_off(start);
            tail.sort();
            tail.dedup();
            names.extend(tail);
        }
        Ok(start as u32..names.len() as u32)
    }

    skip!(0..0, text);
}

/// A key: borrowed from the text unless it holds escapes.
struct Text;

impl<'de> DeserializeSeed<'de> for Text {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Text {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// A field's value of whatever type: strings and booleans kept, the rest
/// skipped.
enum Value<'a> {
    Text(Cow<'a, str>),
    Bool(bool),
    Other,
}

impl<'a> Value<'a> {
    fn text(self) -> Option<Cow<'a, str>> {
        match self {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }

    fn flag(self) -> bool {
        matches!(self, Value::Bool(true))
    }
}

struct Lenient;

impl<'de> DeserializeSeed<'de> for Lenient {
    type Value = Value<'de>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Self::Value, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Lenient {
    type Value = Value<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Value::Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Value::Text(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Value::Text(Cow::Owned(v)))
    }

    fn visit_bool<E: Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Self::Value, M::Error> {
        IgnoredAny.visit_map(map).map(|_| Value::Other)
    }

    skip!(Value::Other);
}
