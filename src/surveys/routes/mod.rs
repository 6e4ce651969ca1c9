//! Survey routes: the public answering pages, the builder, results and exports.

pub mod admin;
pub mod admin_sections;
pub mod admin_structure;

/// Every survey route, public and staff.
pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    admin::configure(cfg);
}
