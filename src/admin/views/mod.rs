//! Markup of the staff area.

pub mod audit;
pub mod dashboard;
pub mod mail;
pub mod password;
pub mod signin;
pub mod users;
