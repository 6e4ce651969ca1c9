//! The facilitators' triage of suggested themes: the queue of inputs whose
//! tags nobody has looked at (`queue`), what facilitators do to them
//! (`actions`), and the staff pages under `/admin/temamerking` (`routes`,
//! `views`, `assets/js/triage.js`). The words behind each suggestion come
//! from the shared model (`tagging::service::Tagger::explain`).

pub mod actions;
pub mod queue;
mod routes;
mod views;

pub use routes::configure;
pub use views::LIST_PATH;
