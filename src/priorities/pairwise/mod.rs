//! The public pairwise survey (wiki survey): visitors pick the theme that
//! matters more, or propose an option of their own; a Bradley–Terry fit turns
//! the votes into scores.

pub mod bradley_terry;

use actix_web::web;

pub fn configure(_cfg: &mut web::ServiceConfig) {}
