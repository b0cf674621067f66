//! Object reading for the walk, with a delta base cache at every level of
//! a delta chain.
//!
//! gix's pack decoder caches the object it was asked for, but not the bases
//! it resolved on the way there. git packs chains up to 50 deep, and the
//! versions of one tree or file sit on one chain, so a walk through history
//! re-inflated most of a chain for every lookup: on git.git that was three
//! quarters of the time. git's own delta base cache keeps every base it
//! resolves; this does the same: gix finds and inflates the entries, and we
//! walk each chain down to a cached or whole entry and back up, applying
//! every delta (`delta.rs`) and caching every level. Objects outside the
//! packs (loose ones, alternates) come from gix's own store, and chains
//! with a base named by id from gix's decoder (ADR 0016). Entries are
//! read with `pread`, not through a memory map (`packfile.rs`).

use crate::delta;
use crate::deltacache::{Bytes, Shared};
use crate::packfile::PackFile;
use gix::odb::pack;
use gix::odb::pack::data::entry::Header;
use std::cell::RefCell;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// The repository's packs, opened once and shared by every thread.
pub struct Packs {
    bundles: Vec<pack::Bundle>,
    /// Per bundle, its pack opened for reading at offsets.
    files: Vec<PackFile>,
    hash: gix::hash::Kind,
}

impl Packs {
    /// Every `*.idx` with its pack under `objects/pack`. A pack that will not
    /// open is skipped: its objects are still found through gix's store.
    pub fn open(repo: &gix::Repository) -> Packs {
        let hash = repo.object_hash();
        let dir = repo.common_dir().join("objects").join("pack");
        let mut bundles = Vec::new();
        let mut files = Vec::new();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut idx: Vec<_> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "idx"))
                .collect();
            // Biggest first: most objects are found in the first index tried.
            idx.sort_by_key(|p| std::cmp::Reverse(size_of(p)));
            for path in idx {
                let Ok(mut b) = pack::Bundle::at(&path, hash) else {
                    continue;
                };
                let end = b.pack.pack_end() as u64;
                let Ok(file) = PackFile::open(b.pack.path(), &b.index, end, hash) else {
                    continue;
                };
                // gix derives a pack's id from its path; ours is its index
                // here, the key our cache and any decoder cache use.
                b.pack.id = bundles.len() as u32;
                bundles.push(b);
                files.push(file);
            }
        }
        Packs {
            bundles,
            files,
            hash,
        }
    }

    /// The biggest pack (opened first), its index and its file.
    pub(crate) fn biggest(&self) -> Option<(&pack::index::File, &PackFile)> {
        Some((&self.bundles.first()?.index, self.files.first()?))
    }

    pub(crate) fn hash(&self) -> gix::hash::Kind {
        self.hash
    }

    fn locate(&self, id: &gix::oid) -> Option<(usize, u64)> {
        self.bundles.iter().enumerate().find_map(|(i, b)| {
            b.index
                .lookup(id)
                .map(|e| (i, b.index.pack_offset_at_index(e)))
        })
    }
}

/// What is wrong with the first damaged pack of the repository, naming
/// its file: an index that will not parse, a pack that is missing, too
/// short, not a pack, or holding another count of objects than its index.
/// gix's own message for such a store is about the revision it could not
/// resolve ("The rev-spec is malformed"), which sends the reader looking
/// in the wrong place.
pub fn damaged_pack(repo: &gix::Repository) -> Option<String> {
    let dir = repo.common_dir().join("objects").join("pack");
    let mut idx: Vec<_> = std::fs::read_dir(&dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "idx"))
        .collect();
    idx.sort();
    for path in idx {
        let shown = path.display();
        let index = match pack::index::File::at(&path, repo.object_hash()) {
            Ok(index) => index,
            Err(e) => return Some(format!("pack index {shown} is damaged: {e}")),
        };
        let pack_path = path.with_extension("pack");
        let shown = pack_path.display();
        let mut header = [0u8; 12];
        let read = std::fs::File::open(&pack_path)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header));
        if let Err(e) = read {
            return Some(format!("pack file {shown} cannot be read whole: {e}"));
        }
        if &header[..4] != b"PACK" {
            return Some(format!(
                "pack file {shown} is damaged: it does not start with PACK"
            ));
        }
        let version = u32::from_be_bytes([header[4], header[5], header[6], header[7]]);
        if !matches!(version, 2 | 3) {
            return Some(format!(
                "pack file {shown} is damaged: version {version}, expected 2 or 3"
            ));
        }
        let count = u32::from_be_bytes([header[8], header[9], header[10], header[11]]);
        if count != index.num_objects() {
            return Some(format!(
                "pack file {shown} is damaged: it says {count} objects, its index {}",
                index.num_objects()
            ));
        }
    }
    None
}

fn size_of(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

/// One thread's reader: the shared packs, a delta base cache (its own, or
/// one shared with other threads' readers), its own inflater and buffers,
/// and a gix repository for everything not in a pack.
pub struct Odb<'p> {
    packs: &'p Packs,
    fallback: gix::Repository,
    cache: Shared,
    state: RefCell<State>,
}

struct State {
    inflate: gix::zlib::Inflate,
    /// The chain's levels, down to a cached or whole entry: pack offset,
    /// header, and where its compressed data lies in `packed`.
    chain: Vec<(u64, pack::data::Entry, Range<usize>)>,
    /// The entries of the chain as read from the pack.
    packed: Vec<u8>,
    /// An inflated delta.
    scratch: Vec<u8>,
}

impl<'p> Odb<'p> {
    /// `cache_bytes` bounds this reader's own delta base cache.
    pub fn new(packs: &'p Packs, fallback: gix::Repository, cache_bytes: usize) -> Self {
        Self::sharing(packs, fallback, Shared::new(cache_bytes))
    }

    /// A reader whose delta base cache is `cache`, which other threads'
    /// readers may share.
    pub fn sharing(packs: &'p Packs, fallback: gix::Repository, cache: Shared) -> Self {
        Odb {
            packs,
            fallback,
            cache,
            state: RefCell::new(State {
                inflate: gix::zlib::Inflate::default(),
                chain: Vec::new(),
                packed: Vec::new(),
                scratch: Vec::new(),
            }),
        }
    }

    pub fn repo(&self) -> &gix::Repository {
        &self.fallback
    }

    /// An object's kind and bytes, shared with the delta cache rather than
    /// copied out of it; None when the repository does not have it.
    pub fn object(&self, id: &gix::oid) -> gix::Result<Option<(gix::object::Kind, Bytes)>> {
        match self.packs.locate(id) {
            Some((pid, offset)) => self.decode(pid, offset).map(Some),
            None => {
                let mut buf = Vec::new();
                let kind = match gix::objs::Find::try_find(&self.fallback.objects, id, &mut buf)? {
                    Some(data) => data.kind,
                    None => return Ok(None),
                };
                Ok(Some((kind, Arc::new(buf))))
            }
        }
    }

    /// Decode the entry at `offset` of pack `pid`.
    ///
    /// Down the delta chain to the first entry that is cached or whole,
    /// then back up, applying each delta to the level below it. Every base
    /// made is cached on the way, in the buffer it was made in; the object
    /// asked for is not (as in git): the walk reads most objects once or
    /// twice, and bases make the next read cheap, where objects kept for
    /// a second read crowded them out.
    /// (gix's own decoder caches only the object asked for, so a walk
    /// through history re-inflated most of each chain; and it copies every
    /// base out of its cache.)
    fn decode(&self, pid: usize, offset: u64) -> gix::Result<(gix::object::Kind, Bytes)> {
        let file = &self.packs.files[pid];
        let pack = pid as u32;
        let mut guard = self.state.borrow_mut();
        let cache = &self.cache;
        let State {
            inflate,
            chain,
            packed,
            scratch,
        } = &mut *guard;
        if let Some(hit) = cache.get(pack, offset) {
            return Ok(hit);
        }
        chain.clear();
        packed.clear();
        let mut at = offset;
        // The level below the chain's lowest delta: cached, or whole.
        let (kind, mut below) = loop {
            let (entry, data) = file.read(at, packed)?;
            match entry.header {
                Header::OfsDelta { base_distance } => {
                    let base = entry
                        .checked_base_pack_offset(base_distance)
                        .filter(|&base| base < at)
                        .ok_or_else(|| {
                            gix::error::message("a delta base outside the pack's entries before it")
                        })?;
                    chain.push((at, entry, data));
                    if let Some(hit) = cache.get(pack, base) {
                        break hit;
                    }
                    at = base;
                }
                // A base named by id: rare outside thin packs; gix resolves it.
                Header::RefDelta { .. } => {
                    drop(guard);
                    return self.decode_by_gix(pid, offset);
                }
                _ => {
                    let kind = entry.header.as_kind().expect("not a delta");
                    let mut whole = vec![0; object_size(&entry, data.len())?];
                    inflate_into(inflate, &packed[data], &mut whole)?;
                    let whole = Arc::new(whole);
                    if at != offset {
                        cache.insert(pack, at, kind, Arc::clone(&whole));
                    }
                    break (kind, whole);
                }
            }
        };
        for (at, entry, data) in chain.iter().rev() {
            let size = object_size(entry, data.len())?;
            if scratch.len() < size {
                scratch.resize(size, 0);
            }
            inflate_into(inflate, &packed[data.clone()], &mut scratch[..size])?;
            let mut next = Vec::new();
            delta::apply(&below, &scratch[..size], &mut next)?;
            below = Arc::new(next);
            if *at != offset {
                cache.insert(pack, *at, kind, Arc::clone(&below));
            }
        }
        Ok((kind, below))
    }

    /// gix's decoder, for chains with a base named by id.
    fn decode_by_gix(&self, pid: usize, offset: u64) -> gix::Result<(gix::object::Kind, Bytes)> {
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
        let mut out = Vec::new();
        let outcome = bundle.pack.decode_entry(
            entry,
            &mut out,
            &mut self.state.borrow_mut().inflate,
            &resolve,
            &mut pack::cache::Never,
        )?;
        Ok((outcome.kind, Arc::new(out)))
    }
}

/// An entry's inflated size, refused when deflate could not reach it from
/// the entry's `packed` bytes (at most 1032:1): a corrupt header must give
/// an error, not an allocation that aborts.
pub(crate) fn object_size(entry: &pack::data::Entry, packed: usize) -> gix::Result<usize> {
    let reachable = (packed as u64).saturating_mul(1032).saturating_add(64);
    if entry.decompressed_size > reachable {
        return Err(
            gix::error::message("a pack entry claims more bytes than its data holds").into(),
        );
    }
    Ok(usize::try_from(entry.decompressed_size)
        .map_err(|_| gix::error::message("object too large"))?)
}

/// Inflate one entry's compressed data into exactly `out`: a stream that
/// ends early or runs long is corrupt.
pub(crate) fn inflate_into(
    inflate: &mut gix::zlib::Inflate,
    input: &[u8],
    out: &mut [u8],
) -> gix::Result<()> {
    inflate.reset();
    let (status, _, written) = inflate.once(input, out)?;
    if status != gix::zlib::Status::StreamEnd || written != out.len() {
        return Err(gix::error::message("a pack entry's size disagrees with its data").into());
    }
    Ok(())
}

impl gix::objs::Find for Odb<'_> {
    fn try_find<'a>(
        &self,
        id: &gix::oid,
        buffer: &'a mut Vec<u8>,
    ) -> gix::Result<Option<gix::objs::Data<'a>>> {
        match self.packs.locate(id) {
            Some((pid, offset)) => {
                let (kind, bytes) = self.decode(pid, offset)?;
                buffer.clear();
                buffer.extend_from_slice(&bytes);
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
