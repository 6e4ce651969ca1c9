//! The public site around the channels: front page, privacy, accessibility, language, health.

pub mod routes;
mod views;
