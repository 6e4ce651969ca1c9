//! Staff interview pages: businesses, slots, the guide and interview records.

use actix_web::web;

pub fn configure(_cfg: &mut web::ServiceConfig) {}
