//! Input meetings, workshops and breakfast meetings: facilitators publish
//! them, people sign up (a seat or the waitlist), get a calendar invitation
//! and a reminder, and may cancel through their private link.

pub mod ics;
pub mod mails;
pub mod service;
