//! The project group's assessment: each assessor scores each theme 1–5 on the
//! programme's indicators, feasibility and local advantage, with a rationale.

use actix_web::web;

pub fn configure(_cfg: &mut web::ServiceConfig) {}
