//! The pairwise survey's routes: the public page and the staff page.

pub mod admin;
pub mod public;
