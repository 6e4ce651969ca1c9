//! Survey routes: the public answering pages, the builder, results and exports.

pub mod admin;
pub mod admin_sections;
pub mod admin_structure;
mod answered;
pub mod export;
pub mod public;
pub mod results;

/// Every survey route, public and staff.
pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    public::configure(cfg);
    admin::configure(cfg);
    results::configure(cfg);
    export::configure(cfg);
}
