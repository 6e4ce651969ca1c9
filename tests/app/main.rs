//! Integration tests: the real app over HTTP, and the real binary.

// Tests may panic on what they did not expect; that is how they fail.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "../common/mod.rs"]
mod common;

mod accounts;
mod api;
mod appearance;
mod audit;
mod cli;
mod demo;
mod errors;
mod events;
mod events_pages;
mod events_participants;
mod exports;
mod exports_cli;
mod headers;
mod health;
mod ideas_api;
mod ideas_moderation;
mod ideas_public;
mod ideas_search;
mod ideas_submit;
mod inputs_lock;
mod inputs_tags;
mod instances;
mod interviews;
mod interviews_api;
mod interviews_export;
mod interviews_pages;
mod interviews_public;
mod interviews_public_booking;
mod interviews_slot_pages;
mod locales;
mod mail;
mod mail_attachments;
mod mail_erasure;
mod priorities;
mod priorities_assessment;
mod priorities_pairwise;
mod public_cache;
mod public_form;
mod roles;
mod shutdown;
mod signin;
mod site;
mod surveys_answering;
mod surveys_api;
mod surveys_builder;
mod surveys_export;
mod surveys_results;
mod tagging;
mod tagging_cli;
mod tagging_triage;
mod themes;
mod transactions;
mod workshops;
