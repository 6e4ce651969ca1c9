//! Values that are checked once, when they are made, and cannot hold a bad value after.

mod email;
mod org_number;
mod phone;
mod secret_token;

pub use email::Email;
pub use org_number::{InvalidOrgNumber, OrgNumber};
pub use phone::{InvalidPhone, Phone};
pub use secret_token::SecretToken;
