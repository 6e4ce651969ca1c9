//! Survey pages (maud).
pub mod charts;
pub mod results;
pub mod export;
