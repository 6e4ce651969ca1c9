//! The interview part of the JSON API (`/api/v1/`).
//!
//! Free interview slots are public: a business's own site or a newsletter
//! may show when there are times to book, and they say nothing about who
//! booked the others (`free_slots`, `security(())` in the document, no token
//! read). Everything else needs a token: any role reads, as on the staff
//! pages; creating a slot needs an admin's or a facilitator's.
//!
//! Personal data stays out of these operations whatever the token's role:
//! a business's contact person (name, e-mail, phone) is in the `contacts`
//! table, which nothing here reads. An editor who needs it downloads the
//! businesses export with personal data, which is logged; the API has no
//! such log per read, and a token is easier to leak than a session.

pub mod bodies;
mod businesses;
pub mod new_slot;
pub mod query;
mod records;
mod slots;

pub use businesses::{__path_get_business, __path_list_businesses, get_business, list_businesses};
pub use records::{
    __path_get_interview, __path_list_findings, __path_list_interviews, get_interview,
    list_findings, list_interviews,
};
pub use slots::{
    __path_create_slot, __path_free_slots, __path_list_slots, create_slot, free_slots, list_slots,
};
