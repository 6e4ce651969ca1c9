//! Values that are checked once, when they are made, and cannot hold a bad value after.

mod email;
mod secret_token;

pub use email::Email;
pub use secret_token::SecretToken;
