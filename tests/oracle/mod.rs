//! Oracles shared by the seeded tests and the fuzz targets (which include these files by path):
//! what must hold for any input, checked without trusting the code under test.

pub mod invariants;
pub mod matcher;
