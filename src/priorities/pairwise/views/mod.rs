//! Markup of the pairwise survey: the public page and the staff page.

pub mod admin;
pub mod public;
