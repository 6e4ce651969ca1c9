//! The JSON API under `/api/v1/` for integrations, its bearer tokens and the admin page that manages them.

pub mod auth;
pub mod openapi;
pub mod routes;
pub mod tokens;
pub mod v1;
mod views;
