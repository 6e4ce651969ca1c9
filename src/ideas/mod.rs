//! Residents' ideas: the public form, the sender's private link, public
//! browsing with support, and moderation. Every idea is an `input` with
//! channel `idea`, so tagging, prioritisation and exports see it too.
//!
//! The layout is the one every channel copies: `service.rs` (no HTTP),
//! `forms.rs`, `mails.rs`, `routes/` and `views/` split by who uses them
//! (`submit` and `mine` for the sender, `browse` for the public,
//! `moderate` for facilitators), and one `configure` below.

pub mod api;
pub mod api_query;
pub mod filter;
pub mod forms;
pub mod listing;
pub mod mails;
pub mod merge;
pub mod routes;
pub mod service;
pub mod support;
mod views;

/// Every route of the channel, in one place. `/ideer/{id}` takes only a
/// UUID, so the order of registration does not matter.
pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    routes::submit::configure(cfg);
    routes::mine::configure(cfg);
    routes::browse::configure(cfg);
    routes::moderate::configure(cfg);
}
