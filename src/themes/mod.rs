//! Themes: the candidate priority areas (innsatsområder) inputs are tagged
//! with, and the staff pages and CSV import that keep them.

pub mod forms;
pub mod import;
pub mod problems;
pub mod routes;
pub mod service;
pub mod values;
mod views;

pub use service::{ImportError, ImportReport};
pub use values::{Colour, Name, Slug, ThemeFields};
