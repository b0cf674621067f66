//! The delta base cache: decoded pack entries by pack and offset, bounded
//! in bytes, least recently used first out, shared by the walk's threads.
//!
//! Entries are shared (`Arc`), not copied: a level of a delta chain is
//! made once, in its own buffer, and that buffer is what the cache keeps
//! and what a reader of the object gets. Copying each level into an arena
//! and each object out again to gix's buffers was a fifth of a cold walk.
//!
//! As git's delta base cache, this one is an exact LRU, and it keeps the
//! bases a chain was made from, not the object asked for (`odb.rs`): on
//! git.git that halved the deltas applied against a cache of two
//! generations that also kept every object read (454,000 deltas and 7.1 GB
//! made, against 257,000 and 3.9 GB).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

/// A decoded object's bytes, shared with the cache.
pub type Bytes = Arc<Vec<u8>>;

type Key = (u32, u64);

/// A cache that readers on several threads share: threads that walk
/// neighbouring commits read the same trees and the same delta chains, and
/// one cache holds them once, where a cache per thread held each twice in
/// half the room.
#[derive(Clone)]
pub struct Shared(Arc<Mutex<DeltaCache>>);

impl Shared {
    /// A cache of at most `bytes`.
    pub fn new(bytes: usize) -> Self {
        Shared(Arc::new(Mutex::new(DeltaCache::new(bytes))))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, DeltaCache> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn get(&self, pack: u32, offset: u64) -> Option<(gix::object::Kind, Bytes)> {
        self.lock().get((pack, offset))
    }

    /// Entries pushed out are freed after the lock is let go, not while
    /// the other threads wait for it.
    pub(crate) fn insert(&self, pack: u32, offset: u64, kind: gix::object::Kind, data: Bytes) {
        let evicted = {
            let mut cache = self.lock();
            cache.insert((pack, offset), kind, data);
            std::mem::take(&mut cache.evicted)
        };
        drop(evicted);
    }
}

const NIL: usize = usize::MAX;

/// Entries in a slab, linked from the most recently used (`head`) to the
/// least (`tail`).
pub(crate) struct DeltaCache {
    map: HashMap<Key, usize, BuildHasherDefault<OffsetHasher>>,
    nodes: Vec<Node>,
    free: Vec<usize>,
    head: usize,
    tail: usize,
    bytes: usize,
    limit: usize,
    /// Entries just pushed out, for the caller to free.
    evicted: Vec<Bytes>,
}

struct Node {
    key: Key,
    kind: gix::object::Kind,
    data: Option<Bytes>,
    prev: usize,
    next: usize,
}

impl DeltaCache {
    pub(crate) fn new(limit: usize) -> Self {
        DeltaCache {
            map: HashMap::default(),
            nodes: Vec::new(),
            free: Vec::new(),
            head: NIL,
            tail: NIL,
            bytes: 0,
            limit,
            evicted: Vec::new(),
        }
    }

    fn unlink(&mut self, i: usize) {
        let (prev, next) = (self.nodes[i].prev, self.nodes[i].next);
        if prev == NIL {
            self.head = next;
        } else {
            self.nodes[prev].next = next;
        }
        if next == NIL {
            self.tail = prev;
        } else {
            self.nodes[next].prev = prev;
        }
    }

    fn make_recent(&mut self, i: usize) {
        if self.head == i {
            return;
        }
        if self.nodes[i].prev != NIL || self.tail == i {
            self.unlink(i);
        }
        self.nodes[i].prev = NIL;
        self.nodes[i].next = self.head;
        if self.head != NIL {
            self.nodes[self.head].prev = i;
        }
        self.head = i;
        if self.tail == NIL {
            self.tail = i;
        }
    }

    pub(crate) fn get(&mut self, key: Key) -> Option<(gix::object::Kind, Bytes)> {
        let i = *self.map.get(&key)?;
        self.make_recent(i);
        let n = &self.nodes[i];
        n.data.clone().map(|d| (n.kind, d))
    }

    pub(crate) fn insert(&mut self, key: Key, kind: gix::object::Kind, data: Bytes) {
        let len = data.len();
        // One object bigger than a quarter of the cache would only flush the rest.
        if len > self.limit / 4 {
            return;
        }
        match self.map.get(&key) {
            Some(&i) => {
                let n = &mut self.nodes[i];
                let before = n.data.replace(data).map_or(0, |b| b.len());
                n.kind = kind;
                self.bytes = self.bytes - before + len;
                self.make_recent(i);
            }
            None => {
                let node = Node {
                    key,
                    kind,
                    data: Some(data),
                    prev: NIL,
                    next: NIL,
                };
                let i = match self.free.pop() {
                    Some(i) => {
                        self.nodes[i] = node;
                        i
                    }
                    None => {
                        self.nodes.push(node);
                        self.nodes.len() - 1
                    }
                };
                self.map.insert(key, i);
                self.make_recent(i);
                self.bytes += len;
            }
        }
        while self.bytes > self.limit && self.tail != NIL {
            let t = self.tail;
            self.unlink(t);
            let n = &mut self.nodes[t];
            n.prev = NIL;
            n.next = NIL;
            self.map.remove(&n.key);
            if let Some(d) = n.data.take() {
                self.bytes -= d.len();
                self.evicted.push(d);
            }
            self.free.push(t);
        }
    }
}

/// Pack offsets are spread well enough that a multiply and a rotate hash
/// them (FxHash's step); SipHash over them was 4% of a cold walk.
#[derive(Default)]
pub(crate) struct OffsetHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for OffsetHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(SEED);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gix::object::Kind;

    fn bytes(n: usize, fill: u8) -> Bytes {
        Arc::new(vec![fill; n])
    }

    fn held(cache: &mut DeltaCache, offset: u64) -> Option<u8> {
        cache.get((0, offset)).map(|(_, b)| b[0])
    }

    /// The entries from the most recently used, walking the links both ways.
    fn order(cache: &DeltaCache) -> Vec<u64> {
        let mut forward = Vec::new();
        let mut i = cache.head;
        while i != NIL {
            forward.push(cache.nodes[i].key.1);
            i = cache.nodes[i].next;
        }
        let mut backward = Vec::new();
        let mut i = cache.tail;
        while i != NIL {
            backward.push(cache.nodes[i].key.1);
            i = cache.nodes[i].prev;
        }
        backward.reverse();
        assert_eq!(forward, backward);
        assert_eq!(forward.len(), cache.map.len());
        forward
    }

    #[test]
    fn the_least_recently_used_go_first() {
        let mut cache = DeltaCache::new(100);
        for i in 0..4 {
            cache.insert((0, i), Kind::Tree, bytes(25, i as u8));
        }
        assert_eq!(order(&cache), [3, 2, 1, 0]);
        // Reading 0 makes it the most recent: 1 goes when 4 comes.
        assert_eq!(held(&mut cache, 0), Some(0));
        cache.insert((0, 4), Kind::Blob, bytes(25, 4));
        assert_eq!(order(&cache), [4, 0, 3, 2]);
        assert_eq!(held(&mut cache, 1), None);
        // A bigger entry pushes out as many as it needs.
        cache.insert((0, 5), Kind::Blob, bytes(25, 5));
        cache.insert((0, 6), Kind::Blob, bytes(20, 6));
        assert_eq!(order(&cache), [6, 5, 4, 0]);
        assert_eq!(cache.bytes, 95);
        assert_eq!(cache.evicted.len(), 3);
        // Another pack's entry at the same offset is another entry.
        assert!(cache.get((1, 6)).is_none());
        // Too big for a quarter of the cache: not kept, nothing pushed out.
        cache.insert((0, 9), Kind::Blob, bytes(26, 9));
        assert_eq!(held(&mut cache, 9), None);
        assert_eq!(order(&cache), [6, 5, 4, 0]);
        // Slots are reused: no more nodes than ever held at once.
        assert!(cache.nodes.len() <= 5);
    }

    #[test]
    fn a_key_inserted_twice_is_counted_once() {
        let mut cache = DeltaCache::new(200);
        cache.insert((0, 1), Kind::Tree, bytes(10, 1));
        cache.insert((0, 2), Kind::Tree, bytes(10, 2));
        cache.insert((0, 1), Kind::Tree, bytes(20, 3));
        assert_eq!(cache.bytes, 30);
        assert_eq!(order(&cache), [1, 2]);
        assert_eq!(held(&mut cache, 1), Some(3));
    }

    proptest::proptest! {
        /// Whatever the reads and writes, the cache holds at most its
        /// budget, counts its bytes right, keeps its links whole, and
        /// answers with the bytes last stored under a key.
        #[test]
        fn stays_within_its_budget(ops in proptest::collection::vec((0u64..12, 0usize..40, proptest::bool::ANY), 0..200)) {
            let mut cache = DeltaCache::new(120);
            let mut last: std::collections::HashMap<u64, usize> = Default::default();
            for (key, len, read) in ops {
                if read {
                    if let Some((_, b)) = cache.get((0, key)) {
                        proptest::prop_assert_eq!(Some(&b.len()), last.get(&key));
                    }
                } else {
                    cache.insert((0, key), Kind::Blob, bytes(len, 0));
                    if len <= 30 {
                        last.insert(key, len);
                    }
                }
                let counted: usize = cache.nodes.iter().filter_map(|n| n.data.as_ref()).map(|b| b.len()).sum();
                proptest::prop_assert_eq!(cache.bytes, counted);
                proptest::prop_assert!(cache.bytes <= 120);
                order(&cache);
            }
        }
    }
}
