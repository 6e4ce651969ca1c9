//! Every prioritisation route, from the parts that own them.

use actix_web::web;

use super::{assessment, pairwise};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.configure(pairwise::configure)
        .configure(assessment::configure);
}
