//! Prioritisation: turns every channel's input into evidence per theme, adds
//! the public pairwise survey and the project group's assessment, ranks the
//! themes by weighted criteria with a sensitivity analysis, and writes the
//! report "Kunnskapsgrunnlag fra mobiliseringen" for the omstillingsplan.

pub mod analysis;
pub mod api;
pub mod assessment;
pub mod criteria;
pub mod evidence;
pub mod pairwise;
pub mod ranking;
pub mod report;
pub mod routes;
pub mod views;

pub use routes::configure;
