//! Every prioritisation route, from the parts that own them.

mod overview;
mod report;
mod scenarios;

use actix_web::web;

use super::{assessment, pairwise};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(pairwise::configure)
        .configure(assessment::configure)
        .configure(overview::configure)
        .configure(scenarios::configure)
        .configure(report::configure);
}
