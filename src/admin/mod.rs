//! Accounts of the people who run the platform.

pub mod password;
pub mod service;
