//! Renderings that stand on their own: self-contained SVG and HTML, with
//! every text escaped. The technology radar first; the assessment report
//! later.

pub mod radar;
