//! Object reading for the walk, with a delta base cache at every level of
//! a delta chain.
//!
//! gix's pack decoder caches the object it was asked for, but not the bases
//! it resolved on the way there. git packs chains up to 50 deep, and the
//! versions of one tree or file sit on one chain, so a walk through history
//! re-inflated most of a chain for every lookup: on git.git that was three
//! quarters of the time. git's own delta base cache keeps every base it
//! resolves; this does the same, by resolving a chain from its bottom up
//! through gix's decoder, one cached step at a time. Objects outside the
//! packs (loose ones, alternates) come from gix's own store.

use gix::odb::pack;
use gix::odb::pack::data::entry::Header;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

/// The repository's packs, opened once and shared by every thread.
pub struct Packs {
    bundles: Vec<pack::Bundle>,
    hash: gix::hash::Kind,
}

impl Packs {
    /// Every `*.idx` with its pack under `objects/pack`. A pack that will not
    /// open is skipped: its objects are still found through gix's store.
    pub fn open(repo: &gix::Repository) -> Packs {
        let hash = repo.object_hash();
        let dir = repo.common_dir().join("objects").join("pack");
        let mut bundles = Vec::new();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut idx: Vec<_> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "idx"))
                .collect();
            // Biggest first: most objects are found in the first index tried.
            idx.sort_by_key(|p| std::cmp::Reverse(size_of(p)));
            for path in idx {
                if let Ok(mut b) = pack::Bundle::at(&path, hash) {
                    // The decoder keys its cache by this id; ours is the index.
                    b.pack.id = bundles.len() as u32;
                    bundles.push(b);
                }
            }
        }
        Packs { bundles, hash }
    }

    fn locate(&self, id: &gix::oid) -> Option<(usize, u64)> {
        self.bundles.iter().enumerate().find_map(|(i, b)| {
            b.index
                .lookup(id)
                .map(|e| (i, b.index.pack_offset_at_index(e)))
        })
    }
}

fn size_of(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

/// One thread's reader: the shared packs, its own cache and inflater, and
/// a gix repository for everything not in a pack.
pub struct Odb<'p> {
    packs: &'p Packs,
    fallback: gix::Repository,
    state: RefCell<State>,
}

struct State {
    cache: DeltaCache,
    inflate: gix::zlib::Inflate,
    chain: Vec<pack::data::Entry>,
    scratch: Vec<u8>,
}

impl<'p> Odb<'p> {
    /// `cache_bytes` bounds this thread's delta base cache.
    pub fn new(packs: &'p Packs, fallback: gix::Repository, cache_bytes: usize) -> Self {
        Odb {
            packs,
            fallback,
            state: RefCell::new(State {
                cache: DeltaCache::new(cache_bytes),
                inflate: gix::zlib::Inflate::default(),
                chain: Vec::new(),
                scratch: Vec::new(),
            }),
        }
    }

    pub fn repo(&self) -> &gix::Repository {
        &self.fallback
    }

    /// Decode the entry at `offset` of pack `pid` into `out`.
    fn decode(&self, pid: usize, offset: u64, out: &mut Vec<u8>) -> gix::Result<gix::object::Kind> {
        let bundle = &self.packs.bundles[pid];
        let data = &bundle.pack;
        let key = pid as u32;
        let mut guard = self.state.borrow_mut();
        let st = &mut *guard;
        let target = data.entry(offset)?;
        // Down the chain to the first entry that is cached or whole.
        st.chain.clear();
        let mut cursor = target.clone();
        while let Header::OfsDelta { base_distance } = cursor.header {
            if st.cache.contains(key, cursor.data_offset) {
                break;
            }
            let base = cursor
                .checked_base_pack_offset(base_distance)
                .ok_or_else(|| gix::error::message("delta base before the pack's start"))?;
            st.chain.push(cursor);
            cursor = data.entry(base)?;
        }
        let resolve = |id: &gix::oid,
                       _: &mut Vec<u8>|
         -> gix::Result<Option<pack::data::decode::entry::ResolvedBase>> {
            Ok(bundle
                .index
                .lookup(id)
                .map(|i| bundle.index.pack_offset_at_index(i))
                .and_then(|o| data.entry(o).ok())
                .map(pack::data::decode::entry::ResolvedBase::InPack))
        };
        if !st.chain.is_empty() {
            // The bottom of the chain is a base: keep it whole in the cache.
            if !cursor.header.is_delta() && !st.cache.contains(key, cursor.data_offset) {
                let kind = cursor.header.as_kind().expect("not a delta");
                let size = usize::try_from(cursor.decompressed_size)
                    .map_err(|_| gix::error::message("object too large"))?;
                st.scratch.resize(size, 0);
                let consumed = data.decompress_entry(&cursor, &mut st.inflate, &mut st.scratch)?;
                st.cache
                    .put_whole(key, cursor.data_offset, &st.scratch, kind, consumed);
            }
            // Then every level above it, each one step from a cached base;
            // each result is cached by the decoder itself.
            for i in (1..st.chain.len()).rev() {
                let entry = st.chain[i].clone();
                data.decode_entry(
                    entry,
                    &mut st.scratch,
                    &mut st.inflate,
                    &resolve,
                    &mut st.cache,
                )?;
            }
        }
        let outcome = data.decode_entry(target, out, &mut st.inflate, &resolve, &mut st.cache)?;
        Ok(outcome.kind)
    }
}

impl gix::objs::Find for Odb<'_> {
    fn try_find<'a>(
        &self,
        id: &gix::oid,
        buffer: &'a mut Vec<u8>,
    ) -> gix::Result<Option<gix::objs::Data<'a>>> {
        match self.packs.locate(id) {
            Some((pid, offset)) => {
                let kind = self.decode(pid, offset, buffer)?;
                Ok(Some(gix::objs::Data {
                    kind,
                    object_hash: self.packs.hash,
                    data: buffer.as_slice(),
                }))
            }
            None => self.fallback.objects.try_find(id, buffer),
        }
    }
}

/// A byte-bounded cache of decoded pack entries, keyed by pack and data
/// offset. Two generations stand in for an LRU: entries go into the young
/// one; when it is full it becomes the old one, and the old one is
/// dropped. A hit in the old generation moves the entry back to the young.
struct DeltaCache {
    young: HashMap<(u32, u64), Cached>,
    old: HashMap<(u32, u64), Cached>,
    young_bytes: usize,
    generation_bytes: usize,
}

struct Cached {
    kind: gix::object::Kind,
    data: Vec<u8>,
    compressed: usize,
}

impl DeltaCache {
    fn new(bytes: usize) -> Self {
        DeltaCache {
            young: HashMap::new(),
            old: HashMap::new(),
            young_bytes: 0,
            generation_bytes: (bytes / 2).max(1),
        }
    }

    fn contains(&self, pack: u32, offset: u64) -> bool {
        self.young.contains_key(&(pack, offset)) || self.old.contains_key(&(pack, offset))
    }

    fn insert(&mut self, key: (u32, u64), value: Cached) {
        let len = value.data.len();
        // One object bigger than a generation would only flush the rest.
        if len > self.generation_bytes / 4 {
            return;
        }
        if self.young_bytes + len > self.generation_bytes {
            self.old = std::mem::take(&mut self.young);
            self.young_bytes = 0;
        }
        self.young_bytes += len;
        if let Some(previous) = self.young.insert(key, value) {
            self.young_bytes -= previous.data.len();
        }
    }

    fn put_whole(
        &mut self,
        pack: u32,
        offset: u64,
        data: &[u8],
        kind: gix::object::Kind,
        compressed: usize,
    ) {
        self.insert(
            (pack, offset),
            Cached {
                kind,
                data: data.to_vec(),
                compressed,
            },
        );
    }
}

impl pack::cache::DecodeEntry for DeltaCache {
    fn put(
        &mut self,
        pack: u32,
        offset: u64,
        data: &[u8],
        kind: gix::object::Kind,
        compressed: usize,
    ) {
        self.put_whole(pack, offset, data, kind, compressed);
    }

    fn get(
        &mut self,
        pack: u32,
        offset: u64,
        out: &mut Vec<u8>,
    ) -> Option<(gix::object::Kind, usize)> {
        let key = (pack, offset);
        if let Some(c) = self.young.get(&key) {
            out.clear();
            out.extend_from_slice(&c.data);
            return Some((c.kind, c.compressed));
        }
        let c = self.old.remove(&key)?;
        out.clear();
        out.extend_from_slice(&c.data);
        let found = (c.kind, c.compressed);
        self.insert(key, c);
        Some(found)
    }
}
