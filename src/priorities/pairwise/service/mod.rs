//! The pairwise survey without HTTP: its options, its votes, the choice of
//! the next pair and the scores.

pub mod options;
pub mod pair;
pub mod scores;
pub mod votes;

/// Virtual wins and losses each option gets against a virtual opponent of
/// strength 1, as in `bradley_terry`: enough to keep an option that always
/// won finite, little enough that a few real votes outweigh it.
pub const PRIOR: f64 = 0.5;
