//! Businesses and interviews through the shared exporter: one flat row type
//! per resource, read a batch at a time by keyset. Findings need no export
//! of their own: they are inputs of channel `interview`, in the inputs
//! export (`--channel interview`, or the channel box on the page).

pub mod businesses;
pub mod interviews;

pub use businesses::{BusinessRow, BusinessSource};
pub use interviews::{AnswerRow, AnswerSource};
