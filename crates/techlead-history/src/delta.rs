//! git's delta format, applied: a delta names its base's size and its
//! result's size (each a little-endian base-128 number), then copy
//! instructions (a range of the base) and insert instructions (literal
//! bytes). gix applies deltas only inside its own decoder, which copies
//! every base out of its cache; this lets the walk apply a delta to a base
//! where it lies. The result is built by appending, so it is never zeroed
//! first.

/// Appends the result of applying `delta` to `base` to `out` (empty).
pub fn apply(base: &[u8], delta: &[u8], out: &mut Vec<u8>) -> gix::Result<()> {
    let (base_size, mut i) = size(delta, 0)?;
    if base_size != base.len() as u64 {
        return Err(corrupt(
            "corrupt delta: the base is not the size the delta names",
        ));
    }
    let (result_size, next) = size(delta, i)?;
    i = next;
    let result_size = usize::try_from(result_size)
        .map_err(|_| corrupt("corrupt delta: the result is too large"))?;
    // A corrupt delta can name any size: reserve at most 64 MiB up front
    // and let the instructions, which are checked against the size as they
    // run, grow the rest.
    out.reserve(result_size.min(64 << 20));
    while let Some(&cmd) = delta.get(i) {
        i += 1;
        if cmd & 0x80 != 0 {
            // Copy: bits 0-3 say which offset bytes follow, bits 4-6 which
            // size bytes; a size of 0 means 64 KiB.
            let mut field = |bits: u8, shift: u32| -> gix::Result<usize> {
                if cmd & bits == 0 {
                    return Ok(0);
                }
                let b = *delta
                    .get(i)
                    .ok_or_else(|| corrupt("corrupt delta: a truncated copy"))?;
                i += 1;
                Ok(usize::from(b) << shift)
            };
            let offset = field(0x01, 0)? | field(0x02, 8)? | field(0x04, 16)? | field(0x08, 24)?;
            let mut len = field(0x10, 0)? | field(0x20, 8)? | field(0x40, 16)?;
            if len == 0 {
                len = 0x10000;
            }
            let range = offset
                .checked_add(len)
                .and_then(|end| base.get(offset..end))
                .ok_or_else(|| corrupt("corrupt delta: a copy beyond the base"))?;
            out.extend_from_slice(range);
        } else if cmd != 0 {
            let end = i + usize::from(cmd);
            let bytes = delta
                .get(i..end)
                .ok_or_else(|| corrupt("corrupt delta: a truncated insert"))?;
            out.extend_from_slice(bytes);
            i = end;
        } else {
            return Err(corrupt("corrupt delta: the reserved instruction 0"));
        }
        if out.len() > result_size {
            return Err(corrupt("corrupt delta: more bytes than the delta promised"));
        }
    }
    if out.len() != result_size {
        return Err(corrupt(
            "corrupt delta: fewer bytes than the delta promised",
        ));
    }
    Ok(())
}

/// A size at `i`: seven bits per byte, low first; the high bit says more
/// follow. Returns the size and the index after it.
fn size(delta: &[u8], mut i: usize) -> gix::Result<(u64, usize)> {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let b = *delta
            .get(i)
            .ok_or_else(|| corrupt("corrupt delta: a truncated size"))?;
        i += 1;
        if shift >= 64 {
            return Err(corrupt("corrupt delta: a size too large"));
        }
        value |= u64::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            return Ok((value, i));
        }
    }
}

fn corrupt(what: &'static str) -> gix::Error {
    gix::error::message(what).into()
}

#[cfg(test)]
mod tests {
    fn apply(base: &[u8], delta: &[u8]) -> gix::Result<Vec<u8>> {
        let mut out = Vec::new();
        super::apply(base, delta, &mut out).map(|()| out)
    }

    #[test]
    fn copies_and_inserts() {
        let base = b"hello, world";
        // base 12, result 11; copy offset 7 len 5 ("world"), insert ", hi",
        // copy offset 0 len 2 ("he").
        let delta = [12, 11, 0x91, 7, 5, 4, b',', b' ', b'h', b'i', 0x90, 2];
        assert_eq!(apply(base, &delta).unwrap(), b"world, hihe");
    }

    #[test]
    fn bad_deltas_are_errors() {
        let base = b"abc";
        assert!(apply(base, &[4, 1, 1, b'x']).is_err(), "wrong base size");
        assert!(apply(base, &[3, 2, 1, b'x']).is_err(), "too short");
        assert!(apply(base, &[3, 1, 2, b'x', b'y']).is_err(), "too long");
        assert!(
            apply(base, &[3, 3, 0x91, 2, 3]).is_err(),
            "copy beyond the base"
        );
        assert!(apply(base, &[3, 1, 0]).is_err(), "reserved");
        assert!(apply(base, &[3, 1, 5, b'x']).is_err(), "truncated insert");
        // A result size of 2^40 bytes is refused, not allocated.
        let huge = [3, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20, 1, b'x'];
        assert!(apply(base, &huge).is_err(), "a size nothing produces");
    }

    proptest::proptest! {
        #[test]
        fn never_panics(base in proptest::collection::vec(0u8..=255, 0..64),
                        delta in proptest::collection::vec(0u8..=255, 0..64)) {
            let _ = apply(&base, &delta);
        }
    }
}
