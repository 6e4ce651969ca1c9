//! The staff area: sign-in, accounts and roles, dashboard, audit log.

pub mod links;
pub mod mails;
pub mod password;
pub mod routes;
pub mod service;
pub mod throttle;
pub mod tokens;
mod views;
