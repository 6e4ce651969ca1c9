//! Survey pages (maud).

pub mod questions;
