//! Public interview pages: registration, picking a time, the private page.

use actix_web::web;

pub fn configure(_cfg: &mut web::ServiceConfig) {}
