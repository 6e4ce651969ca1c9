//! Programme settings: the name, municipality and texts every page shows.

pub mod accent;
pub mod colour;
pub mod routes;
pub mod service;
mod views;
