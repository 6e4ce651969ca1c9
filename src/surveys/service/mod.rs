//! Survey service code, no HTTP: reading surveys, building them, and storing responses.

pub mod builder;
pub mod editing;
pub mod load;
pub mod responses;
pub mod templates;

pub use load::{get, list};
