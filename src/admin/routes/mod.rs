//! Handlers of the staff area.

use actix_web::web;

mod audit;
mod dashboard;
mod mail;
mod password;
mod signin;
mod users;

pub fn configure(cfg: &mut web::ServiceConfig) {
    signin::configure(cfg);
    password::configure(cfg);
    dashboard::configure(cfg);
    users::configure(cfg);
    audit::configure(cfg);
    mail::configure(cfg);
}
