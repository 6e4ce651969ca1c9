//! sea-orm entities, one file per table.

pub mod api_token;
pub mod audit_log;
pub mod contact;
pub mod event;
pub mod event_signup;
pub mod event_theme;
pub mod input;
pub mod input_theme;
pub mod outbox;
pub mod outbox_attachment;
pub mod programme_settings;
pub mod rate_event;
pub mod sign_in_failure;
pub mod support;
pub mod theme;
pub mod user;
pub mod user_token;
pub mod workshop;
pub mod workshop_note;
pub mod workshop_table;
