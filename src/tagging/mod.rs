//! Theme tagging: suggested themes for every input, from a lexicon of each
//! theme's keywords and a model trained on the tags people confirmed.
//!
//! `engine` is the pure part (text in, themes with confidence out, no
//! database or HTTP); `dataset` reads and writes labelled CSV files and
//! `metrics` scores suggestions against them.

pub mod cli;
pub mod dataset;
pub mod engine;
pub mod metrics;
pub mod service;
pub mod triage;

pub use engine::{Example, Model, Score, ThemeSpec};
