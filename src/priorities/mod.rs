//! Prioritisation: turns every channel's input into evidence per theme, adds
//! the public pairwise survey and the project group's assessment, ranks the
//! themes by weighted criteria with a sensitivity analysis, and writes the
//! report "Kunnskapsgrunnlag fra mobiliseringen" for the omstillingsplan.

pub mod assessment;
pub mod pairwise;
pub mod routes;

pub use routes::configure;
