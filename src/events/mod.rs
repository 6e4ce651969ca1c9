//! Input meetings, workshops and breakfast meetings: facilitators publish
//! them, people sign up (a seat or the waitlist), get a calendar invitation
//! and a reminder, and may cancel through their private link.
//! Facilitators then capture what came out of them (`workshop`).

pub mod export;
pub mod forms;
pub mod ics;
pub mod mails;
pub mod message;
pub mod participants;
pub mod retention;
pub mod routes;
pub mod service;
pub mod views;
pub mod workshop;

/// Every event route, public and staff.
pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    routes::public::configure(cfg);
    routes::admin::configure(cfg);
    routes::checkin::configure(cfg);
    routes::participants::configure(cfg);
    routes::results::configure(cfg);
}
