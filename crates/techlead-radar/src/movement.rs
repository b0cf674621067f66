//! Movement of a technology on the radar: new, moved in (towards the first
//! ring), moved out (towards Hold), or unchanged, against a baseline. One
//! type for the records, the exports and the rendered radar.

use crate::Technology;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Movement {
    New,
    /// Towards the first ring (adopt).
    MovedIn,
    /// Towards the last ring (hold).
    MovedOut,
    Unchanged,
}

impl Movement {
    /// From the ring positions before and now (0 is the first ring).
    pub fn between(before: Option<usize>, now: Option<usize>) -> Movement {
        match (before, now) {
            (Some(b), Some(n)) if n < b => Movement::MovedIn,
            (Some(b), Some(n)) if n > b => Movement::MovedOut,
            _ => Movement::Unchanged,
        }
    }

    /// Zalando's and Backstage's `moved`: 1 in, -1 out, 0 otherwise.
    pub fn moved(self) -> i8 {
        match self {
            Movement::MovedIn => 1,
            Movement::MovedOut => -1,
            Movement::New | Movement::Unchanged => 0,
        }
    }

    /// As the radar's legend words it.
    pub fn label(self) -> &'static str {
        match self {
            Movement::New => "new",
            Movement::MovedIn => "moved in",
            Movement::MovedOut => "moved out",
            Movement::Unchanged => "no change",
        }
    }
}

/// The position of `ring` among `rings`.
pub fn ring_index(rings: &[String], ring: Option<&str>) -> Option<usize> {
    let ring = ring?;
    rings.iter().position(|r| r == ring)
}

impl Technology {
    /// Movement since `since` (YYYY-MM-DD) from the record's History lines.
    pub fn moved_since(&self, since: &str, rings: &[String]) -> Movement {
        if self.is_new_since(since) {
            return Movement::New;
        }
        let now = ring_index(rings, self.ring.as_deref());
        let before = self
            .history
            .last()
            .filter(|m| m.date.as_str() >= since)
            .and_then(|m| m.text.split('→').next())
            .and_then(|from| {
                let from = from.trim().to_ascii_lowercase();
                rings.iter().position(|r| *r == from)
            });
        Movement::between(before, now)
    }

    /// Movement against the same record as it was at a baseline (from git):
    /// `None` when the record did not exist then.
    pub fn moved_from(&self, before: Option<&Technology>, rings: &[String]) -> Movement {
        match before {
            None => Movement::New,
            Some(old) => Movement::between(
                ring_index(rings, old.ring.as_deref()),
                ring_index(rings, self.ring.as_deref()),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn between_ring_positions() {
        assert_eq!(Movement::between(Some(2), Some(0)), Movement::MovedIn);
        assert_eq!(Movement::between(Some(0), Some(3)), Movement::MovedOut);
        assert_eq!(Movement::between(Some(1), Some(1)), Movement::Unchanged);
        assert_eq!(Movement::between(None, Some(1)), Movement::Unchanged);
        assert_eq!(Movement::MovedOut.moved(), -1);
    }
}
