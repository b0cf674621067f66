//! Who is who for the scorecard, by the history context's rules: the
//! identities of the log (authors and committers) go through history's
//! identity merge, so the scorecard's people, bots and active contributors
//! are the ones `techlead history` counts.

use std::collections::HashMap;
use techlead_history::identity;
use techlead_history::log::Signature;

/// Each identity's person (the one name history shows them under).
#[derive(Default)]
pub struct People {
    exact: HashMap<(String, String), String>,
    /// Lowercased address to person, for identities named in messages.
    by_email: HashMap<String, String>,
}

impl People {
    pub fn new<'a>(signatures: impl Iterator<Item = &'a Signature>) -> People {
        let mut sets: Vec<techlead_history::ChangeSet> = signatures
            .map(|s| techlead_history::ChangeSet {
                author: s.name.clone(),
                email: s.email.clone(),
                time: s.time,
                ..Default::default()
            })
            .collect();
        let original: Vec<(String, String)> = sets
            .iter()
            .map(|s| (s.author.clone(), s.email.clone()))
            .collect();
        identity::classify(&mut sets, true);
        let mut exact = HashMap::new();
        let mut by_email = HashMap::new();
        for (id, set) in original.into_iter().zip(sets) {
            if set.bot {
                continue;
            }
            by_email
                .entry(id.1.trim().to_lowercase())
                .or_insert_with(|| set.author.clone());
            exact.insert(id, set.author);
        }
        People { exact, by_email }
    }
}

impl techlead_practices::Identities for People {
    fn who(&self, name: &str, email: &str) -> (String, bool) {
        if identity::is_bot(name, email) {
            return (name.to_string(), true);
        }
        let known = self
            .exact
            .get(&(name.to_string(), email.to_string()))
            .or_else(|| self.by_email.get(&email.trim().to_lowercase()));
        (known.cloned().unwrap_or_else(|| name.to_string()), false)
    }
}
