//! Pages of business interviews (maud).

pub mod admin;
pub mod guide;
pub mod public;
pub mod record;
pub mod slots;
