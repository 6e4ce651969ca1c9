//! Survey pages (maud).

pub mod public;
pub mod questions;
