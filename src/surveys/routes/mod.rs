//! Survey routes: the public answering pages, the builder, results and exports.

pub mod public;

/// Every survey route, public and staff.
pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    public::configure(cfg);
}
