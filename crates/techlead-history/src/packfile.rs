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
            let mut bounds = pack::index::File::at(&self.index, self.hash)
                .map(|i| sorted_offsets(&i))
                .unwrap_or_default();
            bounds.push(self.end);
            bounds
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

/// Every entry's offset in the pack, ascending: gix's `sorted_offsets`
/// with a radix sort in place of its comparison sort, which was 26 ms of
/// sympy's 642,000 offsets, all of it on the path of a warm walk that
/// reads a handful of objects.
fn sorted_offsets(index: &pack::index::File) -> Vec<u64> {
    let mut offsets: Vec<u64> = (0..index.num_objects())
        .map(|i| index.pack_offset_at_index(i))
        .collect();
    radix_sort(&mut offsets);
    offsets
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
