//! The facilitators' triage of suggested themes: the queue of inputs whose
//! tags nobody has looked at (`queue`), what facilitators do to them
//! (`actions`), the words behind each suggestion (`explain`), and the staff
//! pages under `/admin/temamerking` (`routes`, `views`, `keys.js`).

pub mod actions;
pub mod explain;
pub mod queue;
mod routes;
mod views;

pub use routes::configure;
pub use views::LIST_PATH;
