//! The delta base cache: decoded pack entries by pack and offset, bounded
//! in bytes.
//!
//! Entries are shared (`Arc`), not copied: a level of a delta chain is
//! made once, in its own buffer, and that buffer is what the cache keeps
//! and what a reader of the object gets. Copying each level into an arena
//! and each object out again to gix's buffers was a fifth of a cold walk.
//!
//! Two generations stand in for an LRU: entries go to the young one; when
//! it is full it becomes the old one, and the old one is dropped. A hit in
//! the old generation moves (its `Arc`, not its bytes) to the young one.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{Arc, Mutex};

/// A decoded object's bytes, shared with the cache.
pub type Bytes = Arc<Vec<u8>>;

pub(crate) struct DeltaCache {
    young: Generation,
    old: Generation,
    generation_bytes: usize,
    /// The generation last dropped, for its owner to free outside a lock.
    retired: Option<Generation>,
}

type Key = (u32, u64);

#[derive(Default)]
struct Generation {
    index: HashMap<Key, (gix::object::Kind, Bytes), BuildHasherDefault<OffsetHasher>>,
    bytes: usize,
}

impl DeltaCache {
    pub(crate) fn new(bytes: usize) -> Self {
        DeltaCache {
            young: Generation::default(),
            old: Generation::default(),
            generation_bytes: (bytes / 2).max(1),
            retired: None,
        }
    }

    pub(crate) fn get(&mut self, pack: u32, offset: u64) -> Option<(gix::object::Kind, Bytes)> {
        let key = (pack, offset);
        if let Some((kind, bytes)) = self.young.index.get(&key) {
            return Some((*kind, Arc::clone(bytes)));
        }
        let (kind, bytes) = self.old.index.remove(&key)?;
        self.old.bytes -= bytes.len();
        self.insert(pack, offset, kind, Arc::clone(&bytes));
        Some((kind, bytes))
    }

    pub(crate) fn insert(&mut self, pack: u32, offset: u64, kind: gix::object::Kind, data: Bytes) {
        let len = data.len();
        // One object bigger than a quarter generation would only flush the rest.
        if len > self.generation_bytes / 4 {
            return;
        }
        if self.young.bytes + len > self.generation_bytes {
            let young = std::mem::take(&mut self.young);
            self.retired = Some(std::mem::replace(&mut self.old, young));
        }
        if let Some((_, before)) = self.young.index.insert((pack, offset), (kind, data)) {
            self.young.bytes -= before.len();
        }
        self.young.bytes += len;
    }
}

/// A cache that readers on several threads share: threads that walk
/// neighbouring commits read the same trees and the same delta chains, and
/// one cache holds them once, where a cache per thread held each twice in
/// half the room.
#[derive(Clone)]
pub struct Shared(Arc<Mutex<Lru>>);

impl Shared {
    /// A cache of at most `bytes`.
    pub fn new(bytes: usize) -> Self {
        Shared(Arc::new(Mutex::new(Lru::new(bytes))))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Lru> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    // A generation dropped (thousands of buffers) is freed after the lock
    // is let go, not while the other threads wait for it.

    pub(crate) fn get(&self, pack: u32, offset: u64) -> Option<(gix::object::Kind, Bytes)> {
        let (hit, retired) = {
            let mut cache = self.lock();
            (cache.get(pack, offset), cache.take_retired())
        };
        drop(retired);
        hit
    }

    pub(crate) fn insert(&self, pack: u32, offset: u64, kind: gix::object::Kind, data: Bytes) {
        let retired = {
            let mut cache = self.lock();
            cache.insert(pack, offset, kind, data);
            cache.take_retired()
        };
        drop(retired);
    }
}

/// Either cache (experiment).
pub(crate) enum Lru {
    Gen(DeltaCache),
    Exact(Exact),
}

impl Lru {
    fn new(bytes: usize) -> Self {
        if std::env::var("TL_X_LRU").is_ok_and(|v| v == "1") {
            Lru::Exact(Exact::new(bytes))
        } else {
            Lru::Gen(DeltaCache::new(bytes))
        }
    }
    fn get(&mut self, pack: u32, offset: u64) -> Option<(gix::object::Kind, Bytes)> {
        match self {
            Lru::Gen(c) => c.get(pack, offset),
            Lru::Exact(c) => c.get((pack, offset)),
        }
    }
    fn insert(&mut self, pack: u32, offset: u64, kind: gix::object::Kind, data: Bytes) {
        match self {
            Lru::Gen(c) => c.insert(pack, offset, kind, data),
            Lru::Exact(c) => c.insert((pack, offset), kind, data),
        }
    }
    fn take_retired(&mut self) -> Vec<Bytes> {
        match self {
            Lru::Gen(c) => c
                .retired
                .take()
                .map(|g| g.index.into_values().map(|(_, b)| b).collect())
                .unwrap_or_default(),
            Lru::Exact(c) => std::mem::take(&mut c.retired),
        }
    }
}

const NIL: usize = usize::MAX;

/// An exact LRU by bytes: entries in a slab, linked from the most recently
/// used (`head`) to the least (`tail`), as git's delta base cache is.
pub(crate) struct Exact {
    map: HashMap<Key, usize, BuildHasherDefault<OffsetHasher>>,
    nodes: Vec<Node>,
    free: Vec<usize>,
    head: usize,
    tail: usize,
    bytes: usize,
    limit: usize,
    retired: Vec<Bytes>,
}

struct Node {
    key: Key,
    kind: gix::object::Kind,
    data: Option<Bytes>,
    prev: usize,
    next: usize,
}

impl Exact {
    fn new(limit: usize) -> Self {
        Exact {
            map: HashMap::default(),
            nodes: Vec::new(),
            free: Vec::new(),
            head: NIL,
            tail: NIL,
            bytes: 0,
            limit,
            retired: Vec::new(),
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

    fn push_front(&mut self, i: usize) {
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

    fn get(&mut self, key: Key) -> Option<(gix::object::Kind, Bytes)> {
        let i = *self.map.get(&key)?;
        if self.head != i {
            self.unlink(i);
            self.push_front(i);
        }
        let n = &self.nodes[i];
        n.data.clone().map(|d| (n.kind, d))
    }

    fn insert(&mut self, key: Key, kind: gix::object::Kind, data: Bytes) {
        let len = data.len();
        if len > self.limit / 4 {
            return;
        }
        if let Some(&i) = self.map.get(&key) {
            let before = self.nodes[i].data.replace(data);
            self.bytes -= before.map_or(0, |b| b.len());
            self.bytes += len;
            self.nodes[i].kind = kind;
            if self.head != i {
                self.unlink(i);
                self.push_front(i);
            }
        } else {
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
            self.push_front(i);
            self.bytes += len;
        }
        while self.bytes > self.limit && self.tail != NIL {
            let t = self.tail;
            self.unlink(t);
            let n = &mut self.nodes[t];
            self.map.remove(&n.key);
            if let Some(d) = n.data.take() {
                self.bytes -= d.len();
                self.retired.push(d);
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

    #[test]
    fn holds_its_budget_and_keeps_what_was_read_lately() {
        // Generations of 100 bytes.
        let mut cache = DeltaCache::new(200);
        for i in 0..4 {
            cache.insert(0, i, Kind::Tree, bytes(25, i as u8));
        }
        assert_eq!(cache.get(0, 2).map(|(_, b)| b[0]), Some(2));
        // A fifth entry fills a new generation; the first four are old.
        cache.insert(0, 4, Kind::Blob, bytes(25, 4));
        // Reading an old entry moves it to the young generation.
        assert_eq!(cache.get(0, 1).map(|(k, b)| (k, b[0])), Some((Kind::Tree, 1)));
        for i in 5..8 {
            cache.insert(0, i, Kind::Blob, bytes(25, i as u8));
        }
        // 4, 1, 5, 6 filled the young generation; 7 started a new one and
        // dropped 0, 2 and 3.
        assert!(cache.get(0, 0).is_none());
        assert!(cache.get(0, 3).is_none());
        assert_eq!(cache.get(0, 1).map(|(_, b)| b[0]), Some(1));
        assert_eq!(cache.get(0, 7).map(|(_, b)| b[0]), Some(7));
        // Another pack's entry at the same offset is another entry.
        assert!(cache.get(1, 7).is_none());
        // Too big for a quarter of a generation: not kept.
        cache.insert(0, 9, Kind::Blob, bytes(26, 9));
        assert!(cache.get(0, 9).is_none());
        let held = cache.young.bytes + cache.old.bytes;
        let counted: usize = (cache.young.index.values())
            .chain(cache.old.index.values())
            .map(|(_, b)| b.len())
            .sum();
        assert_eq!(held, counted);
        assert!(held <= 200);
    }

    #[test]
    fn a_key_inserted_twice_is_counted_once() {
        let mut cache = DeltaCache::new(200);
        cache.insert(0, 1, Kind::Tree, bytes(10, 1));
        cache.insert(0, 1, Kind::Tree, bytes(20, 2));
        assert_eq!(cache.young.bytes, 20);
        assert_eq!(cache.get(0, 1).map(|(_, b)| b[0]), Some(2));
    }
}
