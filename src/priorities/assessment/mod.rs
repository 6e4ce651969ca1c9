//! The project group's assessment: each assessor scores each theme 1–5 on the
//! programme's indicators, feasibility and local advantage, with a rationale.

pub mod api;
pub mod criteria;
pub mod forms;
pub mod routes;
pub mod service;
pub mod summary;
pub mod views;

pub use criteria::Criterion;
pub use routes::configure;
pub use service::{Entry, entries, save, summary};
pub use summary::{CriterionSummary, ThemeAssessment};
