//! Schema migrations for innspill; the only place the schema changes.

pub use sea_orm_migration::prelude::*;

mod iden;
mod m20261127_000001_create_programme_settings;
mod m20261127_000002_create_users;
mod m20261127_000003_create_themes;
mod m20261127_000004_create_contacts;
mod m20261127_000005_create_inputs;
mod m20261127_000006_create_input_themes;
mod m20261127_000007_create_outbox;
mod m20261127_000008_create_audit_log;
mod m20261127_000009_create_user_tokens;
mod m20261127_000010_create_sign_in_failures;
mod m20261127_000030_create_api_tokens;
mod m20261127_000040_add_idea_fields_to_inputs;
mod m20261127_000041_create_supports;
mod m20261127_000042_create_rate_events;
mod m20261127_000043_add_session_epoch_to_users;
mod m20261201_000050_create_outbox_attachments;
mod m20261201_000051_add_contact_id_to_outbox;
mod m20261201_000060_add_search_text_to_inputs;
mod m20261201_000061_create_inputs_search_index;
mod m20261201_000062_create_inputs_newest_index;
mod m20261201_000063_create_inputs_supported_index;
mod m20261201_000064_create_revisions;
mod m20261201_000065_create_public_revision_triggers;
mod m20261201_000070_add_main_colour_to_programme_settings;
mod m20261201_000080_create_events;
mod m20261201_000081_create_event_signups;
mod m20261201_000082_add_reference_to_outbox;
mod m20261201_000090_create_workshops;
mod m20261201_000091_create_workshop_tables;
mod m20261201_000092_create_workshop_notes;
mod m20261201_000100_create_businesses;
mod m20261201_000101_create_interview_slots;
mod m20261201_000102_create_interview_questions;
mod m20261201_000103_create_interviews;
mod m20261201_000110_create_tagger_models;
mod m20261201_000111_create_tagger_seed;
mod m20261201_000112_create_tagger_state;
mod m20261201_000113_add_suggested_at_to_inputs;
mod m20261201_000114_create_inputs_suggested_at_index;
mod m20261201_000115_create_input_themes_origin_index;
mod m20261201_000120_create_surveys;
mod m20261201_000130_create_priorities;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261127_000001_create_programme_settings::Migration),
            Box::new(m20261127_000002_create_users::Migration),
            Box::new(m20261127_000003_create_themes::Migration),
            Box::new(m20261127_000004_create_contacts::Migration),
            Box::new(m20261127_000005_create_inputs::Migration),
            Box::new(m20261127_000006_create_input_themes::Migration),
            Box::new(m20261127_000007_create_outbox::Migration),
            Box::new(m20261127_000008_create_audit_log::Migration),
            Box::new(m20261127_000009_create_user_tokens::Migration),
            Box::new(m20261127_000010_create_sign_in_failures::Migration),
            Box::new(m20261127_000030_create_api_tokens::Migration),
            Box::new(m20261127_000040_add_idea_fields_to_inputs::Migration),
            Box::new(m20261127_000041_create_supports::Migration),
            Box::new(m20261127_000042_create_rate_events::Migration),
            Box::new(m20261127_000043_add_session_epoch_to_users::Migration),
            Box::new(m20261201_000050_create_outbox_attachments::Migration),
            Box::new(m20261201_000051_add_contact_id_to_outbox::Migration),
            Box::new(m20261201_000060_add_search_text_to_inputs::Migration),
            Box::new(m20261201_000061_create_inputs_search_index::Migration),
            Box::new(m20261201_000062_create_inputs_newest_index::Migration),
            Box::new(m20261201_000063_create_inputs_supported_index::Migration),
            Box::new(m20261201_000064_create_revisions::Migration),
            Box::new(m20261201_000065_create_public_revision_triggers::Migration),
            Box::new(m20261201_000070_add_main_colour_to_programme_settings::Migration),
            Box::new(m20261201_000080_create_events::Migration),
            Box::new(m20261201_000081_create_event_signups::Migration),
            Box::new(m20261201_000082_add_reference_to_outbox::Migration),
            Box::new(m20261201_000090_create_workshops::Migration),
            Box::new(m20261201_000091_create_workshop_tables::Migration),
            Box::new(m20261201_000092_create_workshop_notes::Migration),
            Box::new(m20261201_000100_create_businesses::Migration),
            Box::new(m20261201_000101_create_interview_slots::Migration),
            Box::new(m20261201_000102_create_interview_questions::Migration),
            Box::new(m20261201_000103_create_interviews::Migration),
            Box::new(m20261201_000110_create_tagger_models::Migration),
            Box::new(m20261201_000111_create_tagger_seed::Migration),
            Box::new(m20261201_000112_create_tagger_state::Migration),
            Box::new(m20261201_000113_add_suggested_at_to_inputs::Migration),
            Box::new(m20261201_000114_create_inputs_suggested_at_index::Migration),
            Box::new(m20261201_000115_create_input_themes_origin_index::Migration),
            Box::new(m20261201_000120_create_surveys::Migration),
            Box::new(m20261201_000130_create_priorities::Migration),
        ]
    }
}
