//! The channel's HTTP handlers, by who uses them.

pub mod browse;
pub mod mine;
pub mod moderate;
pub mod submit;
