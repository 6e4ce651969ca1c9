//! Survey pages (maud).

pub mod charts;
pub mod export;
pub mod public;
pub mod questions;
pub mod results;
