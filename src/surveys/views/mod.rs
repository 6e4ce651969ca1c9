//! Survey pages (maud).

pub mod admin;
pub mod admin_preview;
pub mod admin_question;
pub mod admin_sections;
pub mod admin_survey;
pub use crate::web::components::charts;
pub mod export;
pub mod public;
pub mod questions;
pub mod results;
