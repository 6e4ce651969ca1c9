//! Markup of the event pages: public ones and the facilitators'.

pub mod admin;
pub mod checkin;
pub mod participants;
pub mod public;
pub mod report;
pub mod results;
