//! Business interviews: businesses register (organisation number, industry,
//! size, topics), pick a time slot a facilitator offers, and get a calendar
//! invitation; facilitators run the interview from the guide and record
//! findings, each an input (channel `interview`) tied to the business.

pub mod api;
pub mod calendar;
pub mod export;
pub mod forms;
pub mod guide;
pub mod industry;
pub mod mails;
pub mod routes;
pub mod service;
pub mod size;
pub mod staff_forms;
pub mod views;

/// Every interview route, public and staff.
pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    routes::public::configure(cfg);
    routes::admin::configure(cfg);
}
