//! The public pairwise survey (wiki survey): visitors pick the theme that
//! matters more, or propose an option of their own; a Bradley–Terry fit turns
//! the votes into scores.

pub mod api;
pub mod bradley_terry;
pub mod routes;
pub mod service;
mod stream;
pub mod views;

use actix_web::web;

pub use service::scores::{OptionScore, PairwiseScores, scores};

pub fn configure(cfg: &mut web::ServiceConfig) {
    routes::public::configure(cfg);
    routes::admin::configure(cfg);
}
