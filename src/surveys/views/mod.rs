//! Survey pages (maud).
pub mod charts;
pub mod export;
pub mod results;
