//! Rule fixtures (filled in below).
