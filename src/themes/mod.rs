//! Themes: the candidate priority areas (innsatsområder) inputs are tagged
//! with, and the staff pages and CSV import that keep them.

pub mod changes;
pub mod forms;
pub mod import;
pub mod import_apply;
pub mod problems;
pub mod routes;
pub mod service;
pub mod values;
mod views;

pub use changes::{CreateError, NewTheme};
pub use service::{ImportError, ImportReport};
pub use values::{Colour, Description, Keywords, Name, Slug, ThemeFields};
