//! The audit log: who did what, when, to which record.

pub mod service;
