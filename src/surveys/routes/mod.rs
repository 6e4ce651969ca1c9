//! Survey routes: the public answering pages, the builder, results and exports.

/// Every survey route, public and staff.
pub fn configure(_cfg: &mut actix_web::web::ServiceConfig) {}
