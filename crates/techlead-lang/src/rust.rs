//! The rust scanner.

use crate::Scan;

pub fn scan(src: &str) -> Scan {
    let _ = src;
    Scan::default()
}
