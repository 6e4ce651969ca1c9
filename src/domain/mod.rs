//! Values that are checked once, when they are made, and cannot hold a bad value after.

mod email;

pub use email::Email;
