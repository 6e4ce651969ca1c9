//! The multi-criteria ranking: criteria normalised over the themes, a
//! weighted sum, and how stable the top places are when the weights move.

pub mod mcda;
pub mod result;
pub mod scenario;
pub mod sensitivity;

pub use mcda::{Ranked, normalise, rank};
pub use sensitivity::{Sensitivity, SensitivitySettings, ThemeOdds};
