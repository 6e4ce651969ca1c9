//! Pages of business interviews (maud).

pub mod admin;
pub mod public;
