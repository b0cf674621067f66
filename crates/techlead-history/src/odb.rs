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

use crate::delta;
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
    chain: Vec<(u64, pack::data::Entry)>,
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
    ///
    /// Down the delta chain to the first entry that is cached or whole,
    /// then back up, applying each delta to the level below it. Every
    /// level is cached as it is made, by move: the bases are read where
    /// they lie in the cache, and only the result is copied, once, into
    /// `out`. (gix's own decoder copies a base out of its cache and each
    /// result into it; on git.git that was an eighth of the time.)
    fn decode(&self, pid: usize, offset: u64, out: &mut Vec<u8>) -> gix::Result<gix::object::Kind> {
        let data = &self.packs.bundles[pid].pack;
        let pack = pid as u32;
        let mut guard = self.state.borrow_mut();
        let st = &mut *guard;
        if let Some(c) = st.cache.get(pack, offset) {
            out.clear();
            out.extend_from_slice(&c.data);
            return Ok(c.kind);
        }
        st.chain.clear();
        let mut at = offset;
        // The object below the chain: in the cache, or read whole now.
        let mut below: Option<(u64, Cached)> = None;
        loop {
            let entry = data.entry(at)?;
            match entry.header {
                Header::OfsDelta { base_distance } => {
                    let base = entry
                        .checked_base_pack_offset(base_distance)
                        .ok_or_else(|| gix::error::message("delta base before the pack's start"))?;
                    st.chain.push((at, entry));
                    if st.cache.get(pack, base).is_some() {
                        break;
                    }
                    at = base;
                }
                // A base named by id: rare outside thin packs; gix resolves it.
                Header::RefDelta { .. } => return self.decode_by_gix(st, pid, offset, out),
                _ => {
                    let kind = entry.header.as_kind().expect("not a delta");
                    let mut whole = vec![0; object_size(&entry)?];
                    data.decompress_entry(&entry, &mut st.inflate, &mut whole)?;
                    below = Some((at, Cached { kind, data: whole }));
                    break;
                }
            }
        }
        // Up the chain. `below` is the level just made, not yet cached; the
        // first delta's base is either that or in the cache.
        let base_at = |chain: &[(u64, pack::data::Entry)], i: usize| -> u64 {
            let (at, entry) = &chain[i];
            match entry.header {
                Header::OfsDelta { base_distance } => at - base_distance,
                _ => unreachable!("only offset deltas are on the chain"),
            }
        };
        for i in (0..st.chain.len()).rev() {
            let (at, entry) = st.chain[i].clone();
            let size = object_size(&entry)?;
            if st.scratch.len() < size {
                st.scratch.resize(size, 0);
            }
            data.decompress_entry(&entry, &mut st.inflate, &mut st.scratch[..size])?;
            let delta = &st.scratch[..size];
            let made = match &below {
                Some((_, base)) => Cached {
                    kind: base.kind,
                    data: delta::apply(&base.data, delta)?,
                },
                None => {
                    let base = st
                        .cache
                        .get(pack, base_at(&st.chain, i))
                        .expect("the chain stops at a cached base");
                    Cached {
                        kind: base.kind,
                        data: delta::apply(&base.data, delta)?,
                    }
                }
            };
            if let Some((base_at, base)) = below.replace((at, made)) {
                st.cache.insert((pack, base_at), base);
            }
        }
        let (at, target) = below.expect("the target was made");
        out.clear();
        out.extend_from_slice(&target.data);
        let kind = target.kind;
        st.cache.insert((pack, at), target);
        Ok(kind)
    }

    /// gix's decoder, for chains with a base named by id.
    fn decode_by_gix(
        &self,
        st: &mut State,
        pid: usize,
        offset: u64,
        out: &mut Vec<u8>,
    ) -> gix::Result<gix::object::Kind> {
        let bundle = &self.packs.bundles[pid];
        let entry = bundle.pack.entry(offset)?;
        let resolve = |id: &gix::oid,
                       _: &mut Vec<u8>|
         -> gix::Result<Option<pack::data::decode::entry::ResolvedBase>> {
            Ok(bundle
                .index
                .lookup(id)
                .map(|i| bundle.index.pack_offset_at_index(i))
                .and_then(|o| bundle.pack.entry(o).ok())
                .map(pack::data::decode::entry::ResolvedBase::InPack))
        };
        let outcome = bundle.pack.decode_entry(
            entry,
            out,
            &mut st.inflate,
            &resolve,
            &mut pack::cache::Never,
        )?;
        Ok(outcome.kind)
    }
}

fn object_size(entry: &pack::data::Entry) -> gix::Result<usize> {
    Ok(usize::try_from(entry.decompressed_size)
        .map_err(|_| gix::error::message("object too large"))?)
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

/// A byte-bounded cache of decoded pack entries, keyed by pack and pack
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

    fn get(&mut self, pack: u32, offset: u64) -> Option<&Cached> {
        let key = (pack, offset);
        if !self.young.contains_key(&key) {
            let c = self.old.remove(&key)?;
            self.insert(key, c);
        }
        // An object too big to keep is not in either generation.
        self.young.get(&key)
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
}
