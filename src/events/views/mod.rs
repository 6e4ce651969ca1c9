//! Markup of the event pages: public ones and the facilitators'.

pub mod admin;
pub mod public;
pub mod report;
pub mod results;
