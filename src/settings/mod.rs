//! Programme settings: the name, municipality and texts every page shows.

pub mod service;
