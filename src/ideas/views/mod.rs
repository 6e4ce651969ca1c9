//! The channel's pages (maud), by who sees them.

pub mod browse;
pub mod mine;
pub mod moderate;
pub mod queue;
pub mod submit;
