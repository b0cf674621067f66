//! Pack entries read with `pread` into a thread's own buffers, not through
//! gix's memory map of the pack.
//!
//! Every page of a map that a walk touches stays in the process's resident
//! set, and a line analysis reads most of a pack: the map alone was 344 MB
//! of git.git `entity-churn`'s 540 MB peak. Read this way, the pages stay
//! in the kernel's page cache, as they do with the map, but the process
//! does not hold them.
//!
//! An entry runs to the next entry's offset, so each entry is one read of
//! exactly its bytes. Reading a window around each entry instead, to serve
//! the entries near it, was tried: on 2 cores it copied more than it saved
//! in calls, whatever the window's size.

use gix::odb::pack;
use std::fs::File;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A pack file opened for reading at offsets.
pub struct PackFile {
    file: File,
    /// Every entry's offset in ascending order, then where the entries end
    /// and the pack's trailing checksum begins; worked out on the first
    /// read (sorting git.git's 840,000 offsets is a tenth of a warm walk
    /// that reads no object at all).
    bounds: OnceLock<Vec<u64>>,
    /// The pack's index, to work them out from, and where its entries end.
    index: PathBuf,
    end: u64,
    hash: gix::hash::Kind,
}

impl PackFile {
    /// `index` is the pack's index, `end` where its entries end.
    pub fn open(
        path: &Path,
        index: &pack::index::File,
        end: u64,
        hash: gix::hash::Kind,
    ) -> std::io::Result<PackFile> {
        let file = File::open(path)?;
        Ok(PackFile {
            file,
            bounds: OnceLock::new(),
            index: index.path().to_owned(),
            end,
            hash,
        })
    }

    fn bounds(&self) -> &[u64] {
        self.bounds.get_or_init(|| {
            // The index opened once already; if it will not open again,
            // no entry is found and every read fails with a message.
            pack::index::File::at(&self.index, self.hash)
                .map(|i| bounds_of(&i, self.end, self.hash))
                .unwrap_or_else(|_| vec![self.end])
        })
    }

    /// Append the entry at `offset` (header and compressed data) to `buf`;
    /// returns its header and where its compressed data lies in `buf`.
    pub fn read(
        &self,
        offset: u64,
        buf: &mut Vec<u8>,
    ) -> gix::Result<(pack::data::Entry, Range<usize>)> {
        // A delta base offset worked out from a corrupt entry may point
        // into the middle of one: only an entry's own start is accepted.
        let len = self
            .extent(offset)
            .ok_or_else(|| gix::error::message("no pack entry starts at a delta's base offset"))?;
        let len = usize::try_from(len).map_err(|_| gix::error::message("pack entry too large"))?;
        let start = buf.len();
        buf.resize(start + len, 0);
        read_exact_at(&self.file, &mut buf[start..], offset)
            .map_err(|e| gix::error::message!("could not read a pack entry: {e}"))?;
        let entry = pack::data::Entry::from_bytes(&buf[start..], offset, self.hash)?;
        let header = (entry.data_offset - offset) as usize;
        if header > len {
            return Err(gix::error::message("a pack entry's header runs past its end").into());
        }
        Ok((entry, start + header..start + len))
    }

    /// How many entries the pack holds.
    pub fn entries(&self) -> usize {
        self.bounds().len().saturating_sub(1)
    }

    /// Entries `from..to` in pack order, read whole with one `pread` into
    /// `buf`: the offset of each entry, where its bytes lie in `buf`.
    pub fn read_entries(
        &self,
        from: usize,
        to: usize,
        buf: &mut Vec<u8>,
    ) -> std::io::Result<Vec<(u64, Range<usize>)>> {
        let to = to.min(self.entries());
        if from >= to {
            return Ok(Vec::new());
        }
        let bounds = self.bounds();
        let (start, end) = (bounds[from], bounds[to]);
        let len = usize::try_from(end.saturating_sub(start))
            .map_err(|_| std::io::Error::other("pack span too large"))?;
        buf.clear();
        buf.resize(len, 0);
        read_exact_at(&self.file, buf, start)?;
        Ok(bounds[from..=to]
            .windows(2)
            .map(|w| {
                (
                    w[0],
                    (w[0] - start) as usize..(w[1].max(w[0]) - start) as usize,
                )
            })
            .collect())
    }

    /// The length of the entry that starts at `offset`, if one does.
    ///
    /// Entries are spread evenly enough over a pack that the position an
    /// offset's share of the pack suggests is close: a gallop from there
    /// and a binary search over the few entries between take a handful of
    /// probes, where a binary search over the whole array (1.5 million
    /// offsets on the synthetic history) took twenty, most of them misses
    /// in the processor's caches.
    fn extent(&self, offset: u64) -> Option<u64> {
        let bounds = self.bounds();
        let entries = bounds.len().checked_sub(1)?;
        let end = bounds[entries];
        if offset >= end || offset < bounds[0] {
            return None;
        }
        let guess = ((offset as u128 * entries as u128) / end as u128) as usize;
        let guess = guess.min(entries - 1);
        // Find lo <= i < hi with bounds[lo] <= offset < bounds[hi].
        let (mut lo, mut hi) = (guess, guess + 1);
        let mut step = 1;
        while bounds[lo] > offset {
            hi = lo;
            lo = lo.saturating_sub(step);
            step *= 2;
        }
        step = 1;
        while bounds[hi] <= offset {
            lo = hi;
            hi = (hi + step).min(entries);
            step *= 2;
        }
        let i = lo + bounds[lo..hi].partition_point(|&o| o <= offset) - 1;
        // A corrupt index can hold an offset past the pack's end, which
        // leaves the bounds out of order: no length from it.
        (bounds[i] == offset)
            .then(|| bounds[i + 1].checked_sub(offset))
            .flatten()
            .filter(|&len| len > 0 && len <= end - offset)
    }
}

/// Every entry's offset in the pack, ascending, then `end`: in the order
/// the pack's reverse index (`.rev`, which git writes beside the index
/// since 2.41) gives, when it has one that agrees with the index; else
/// sorted here. gix's `sorted_offsets` (a comparison sort) was 26 ms of
/// sympy's 642,000 offsets, all of it on the path of a warm walk that
/// reads a handful of objects; the reverse index makes it one pass.
fn bounds_of(index: &pack::index::File, end: u64, hash: gix::hash::Kind) -> Vec<u64> {
    let n = index.num_objects();
    let mut bounds = Vec::with_capacity(n as usize + 1);
    if let Some(rev) = reverse_index(&index.path().with_extension("rev"), n, hash) {
        bounds.extend(
            rev.chunks_exact(4)
                .map(|p| index.pack_offset_at_index(u32::from_be_bytes([p[0], p[1], p[2], p[3]]))),
        );
        // Strictly rising: the index's offsets, each once, in order. A
        // reverse index that is stale or damaged is not trusted.
        if bounds.windows(2).all(|w| w[0] < w[1]) {
            bounds.push(end);
            return bounds;
        }
        bounds.clear();
    }
    bounds.extend((0..n).map(|i| index.pack_offset_at_index(i)));
    radix_sort(&mut bounds);
    bounds.push(end);
    bounds
}

/// The positions table of a pack's reverse index: `n` big-endian index
/// positions in pack order, each checked to be below `n`. None when the
/// file is missing or not a version 1 reverse index of `n` objects.
fn reverse_index(path: &Path, n: u32, hash: gix::hash::Kind) -> Option<Vec<u8>> {
    let mut bytes = std::fs::read(path).ok()?;
    let table = 4 * n as usize;
    let id: u32 = match hash {
        gix::hash::Kind::Sha1 => 1,
        #[allow(unreachable_patterns)]
        _ => 2,
    };
    let header = [&b"RIDX"[..], &1u32.to_be_bytes(), &id.to_be_bytes()].concat();
    if bytes.len() != 12 + table + 2 * hash.len_in_bytes() || bytes[..12] != header[..] {
        return None;
    }
    bytes.truncate(12 + table);
    bytes.drain(..12);
    bytes
        .chunks_exact(4)
        .all(|p| u32::from_be_bytes([p[0], p[1], p[2], p[3]]) < n)
        .then_some(bytes)
}

/// Sorts `v` by its least significant digits first, 11 bits at a time,
/// for as many digits as its largest value has (three for a pack under
/// 8 GiB).
fn radix_sort(v: &mut Vec<u64>) {
    const BITS: u32 = 11;
    const MASK: u64 = (1 << BITS) - 1;
    let max = v.iter().copied().max().unwrap_or(0);
    let digits = (u64::BITS - max.leading_zeros()).div_ceil(BITS);
    let mut other = vec![0u64; v.len()];
    for d in 0..digits {
        let shift = d * BITS;
        let mut starts = vec![0usize; 1 << BITS];
        for &x in v.iter() {
            starts[((x >> shift) & MASK) as usize] += 1;
        }
        let mut at = 0;
        for s in starts.iter_mut() {
            let n = *s;
            *s = at;
            at += n;
        }
        for &x in v.iter() {
            let slot = &mut starts[((x >> shift) & MASK) as usize];
            other[*slot] = x;
            *slot += 1;
        }
        std::mem::swap(v, &mut other);
    }
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> std::io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn with_bounds(bounds: Vec<u64>) -> PackFile {
        PackFile {
            file: tempfile::tempfile().expect("a temp file"),
            end: *bounds.last().expect("an end"),
            bounds: OnceLock::from(bounds),
            index: PathBuf::new(),
            hash: gix::hash::Kind::Sha1,
        }
    }

    #[test]
    fn an_entry_runs_to_the_next_one() {
        let pack = with_bounds(vec![12, 20, 21, 100, 180]);
        assert_eq!(pack.extent(12), Some(8));
        assert_eq!(pack.extent(20), Some(1));
        assert_eq!(pack.extent(100), Some(80));
        // Not an entry's start, before the first, at or past the end.
        assert_eq!(pack.extent(13), None);
        assert_eq!(pack.extent(0), None);
        assert_eq!(pack.extent(180), None);
        assert_eq!(pack.extent(500), None);
        assert_eq!(with_bounds(vec![12]).extent(12), None);
        // An index offset past the pack's end (corrupt) leaves the bounds
        // out of order: no length, and no panic.
        let corrupt = with_bounds(vec![12, 500, 20, 100]);
        assert_eq!(corrupt.extent(12), None);
        assert_eq!(corrupt.extent(20), None);
    }

    /// The bounds of a real pack: from its reverse index, and sorted here
    /// when there is none or it does not agree with the index.
    #[test]
    fn bounds_from_the_reverse_index_or_sorted_are_gix_s() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let git = |args: &[&str]| {
            techlead_testing::git(d, "Ann", "ann@example.com", "2024-01-01T00:00:00Z", args)
        };
        git(&["init", "-q"]);
        for i in 0..30 {
            std::fs::write(
                d.join(format!("f{}.txt", i % 7)),
                format!("{i}\n").repeat(i + 1),
            )
            .unwrap();
            git(&["add", "-A"]);
            git(&["commit", "-q", "-m", &format!("c{i}")]);
        }
        git(&["-c", "pack.writeReverseIndex=true", "repack", "-adq"]);
        let packs = d.join(".git/objects/pack");
        let find = |ext: &str| {
            std::fs::read_dir(&packs)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.extension().is_some_and(|e| e == ext))
        };
        let (idx, rev) = (find("idx").unwrap(), find("rev").expect("git wrote a .rev"));
        let hash = gix::hash::Kind::Sha1;
        let index = pack::index::File::at(&idx, hash).unwrap();
        let mut want = index.sorted_offsets();
        want.push(999_999);
        let n = index.num_objects();
        assert!(reverse_index(&rev, n, hash).is_some());
        assert_eq!(bounds_of(&index, 999_999, hash), want);
        // Two positions swapped: out of order, so sorted here instead.
        let good = std::fs::read(&rev).unwrap();
        let mut swapped = good.clone();
        swapped.copy_within(12..16, 100);
        swapped[12..16].copy_from_slice(&good[100..104]);
        std::fs::write(&rev, &swapped).unwrap();
        assert!(reverse_index(&rev, n, hash).is_some());
        assert_eq!(bounds_of(&index, 999_999, hash), want);
        // A position past the index, a cut file, another version, none.
        let mut past = good.clone();
        past[12..16].copy_from_slice(&n.to_be_bytes());
        let mut version = good.clone();
        version[7] = 2;
        for bad in [past, good[..good.len() - 1].to_vec(), version] {
            std::fs::write(&rev, &bad).unwrap();
            assert!(reverse_index(&rev, n, hash).is_none());
            assert_eq!(bounds_of(&index, 999_999, hash), want);
        }
        std::fs::remove_file(&rev).unwrap();
        assert_eq!(bounds_of(&index, 999_999, hash), want);
    }

    proptest! {
        /// The radix sort sorts as the standard library does, offsets past
        /// 4 GiB and duplicates included.
        #[test]
        fn radix_sort_agrees_with_sort(
            mut v in prop::collection::vec(
                prop_oneof![0u64..5000, 0u64..(1 << 33), any::<u64>()],
                0..3000,
            ),
        ) {
            let mut want = v.clone();
            want.sort_unstable();
            radix_sort(&mut v);
            prop_assert_eq!(v, want);
        }

        /// The gallop finds what a plain binary search finds, however
        /// unevenly the entries lie.
        #[test]
        fn extent_agrees_with_a_binary_search(
            mut offsets in prop::collection::btree_set(12u64..1_000_000, 1..200),
            probes in prop::collection::vec(0u64..1_100_000, 1..50),
            skew in 0u32..3,
        ) {
            // Crowd the entries at one end, as a pack of many small trees
            // and a few big blobs would.
            let offsets: Vec<u64> = std::mem::take(&mut offsets)
                .into_iter()
                .map(|o| o.pow(skew + 1) / 1_000_000u64.pow(skew))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let end = offsets.last().unwrap() + 7;
            let mut bounds = offsets.clone();
            bounds.push(end);
            let pack = with_bounds(bounds.clone());
            let mut all = probes;
            all.extend(offsets.iter().copied());
            for probe in all {
                let want = bounds
                    .binary_search(&probe)
                    .ok()
                    .filter(|&i| i + 1 < bounds.len())
                    .map(|i| bounds[i + 1] - probe);
                prop_assert_eq!(pack.extent(probe), want);
            }
        }
    }
}
