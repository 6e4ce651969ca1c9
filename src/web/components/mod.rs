//! Small pieces of markup that many pages share; each opens and closes its
//! own tags, so a page composes them without knowing their insides.

pub mod charts;
pub mod pager;
pub mod swatch;
pub mod time;

pub use pager::{PageLinks, pager};
pub use time::{Precision, time};
