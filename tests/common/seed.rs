//! Inputs of several channels with tags and a contact, for the export tests.

use chrono::{DateTime, TimeZone, Utc};
use innspill::entities::input::{Channel, Status};
use innspill::entities::input_theme::Origin;
use innspill::entities::{contact, input, input_theme, theme};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};
use uuid::Uuid;

pub const EMAIL: &str = "ase.odegard@eksempel.no";
pub const TITLE: &str = "Ærlig talt: ØKT turisme på Åsen";
pub const BODY: &str = "Vi må satse på sjømat og blåbær, æøå ÆØÅ.";
/// A survey answer that looks like a spreadsheet formula.
pub const FORMULA: &str = "=1+2 er ikke en formel";

pub struct Seeded {
    pub idea: Uuid,
    pub survey: Uuid,
}

pub fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("time")
}

pub fn input_row(id: Uuid, channel: Channel, status: Status, body: &str) -> input::ActiveModel {
    input::ActiveModel {
        id: Set(id),
        channel: Set(channel),
        title: Set(None),
        body: Set(body.to_owned()),
        stakeholder_group: Set("innbygger".into()),
        status: Set(status),
        language: Set("nb".into()),
        contact_id: Set(None),
        created_at: Set(at(2025, 3, 1, 12, 0)),
        updated_at: Set(at(2025, 3, 1, 12, 0)),
        location: Set(None),
        support_count: Set(0),
        merged_into_id: Set(None),
        moderation_note: Set(None),
        published_at: Set(None),
        private_token_hash: Set(None),
        idempotency_key: Set(None),
    }
}

/// An active or retired theme named `name` in every language.
pub async fn a_theme(
    db: &DatabaseConnection,
    slug: &str,
    name: &str,
    position: i32,
    active: bool,
) -> Uuid {
    let id = Uuid::now_v7();
    theme::Entity::insert(theme::ActiveModel {
        id: Set(id),
        slug: Set(slug.into()),
        name_nb: Set(name.into()),
        name_nn: Set(name.into()),
        name_en: Set(name.into()),
        description: Set(String::new()),
        keywords: Set(String::new()),
        colour: Set("#336699".into()),
        position: Set(position),
        active: Set(active),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await
    .expect("theme");
    id
}

async fn tag(db: &DatabaseConnection, input: Uuid, theme: Uuid, origin: Origin, c: Option<f64>) {
    input_theme::Entity::insert(input_theme::ActiveModel {
        input_id: Set(input),
        theme_id: Set(theme),
        origin: Set(origin),
        confidence: Set(c),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await
    .expect("tag");
}

/// A published idea with a contact and two tags (one a suggestion), then a
/// pending survey answer without either.
pub async fn seed_inputs(db: &DatabaseConnection) -> Seeded {
    let reiseliv = a_theme(db, "reiseliv", "reiseliv", 1, true).await;
    let sjomat = a_theme(db, "sjomat", "sjomat", 2, true).await;
    let contact_id = Uuid::now_v7();
    contact::Entity::insert(contact::ActiveModel {
        id: Set(contact_id),
        name: Set(Some("Åse Ødegård".into())),
        email: Set(Some(EMAIL.into())),
        phone: Set(Some("+47 912 34 567".into())),
        organisation: Set(Some("Blåbær AS".into())),
        consent_at: Set(Some(at(2025, 3, 1, 12, 0))),
        news_opt_in: Set(false),
        created_at: Set(at(2025, 3, 1, 12, 0)),
    })
    .exec_without_returning(db)
    .await
    .expect("contact");
    let idea = Uuid::now_v7();
    let mut row = input_row(idea, Channel::Idea, Status::Published, BODY);
    row.title = Set(Some(TITLE.into()));
    row.contact_id = Set(Some(contact_id));
    row.location = Set(Some("Sørvika".into()));
    row.support_count = Set(7);
    row.published_at = Set(Some(at(2025, 3, 2, 8, 30)));
    input::Entity::insert(row)
        .exec_without_returning(db)
        .await
        .expect("idea");
    tag(db, idea, reiseliv, Origin::Manual, None).await;
    tag(db, idea, sjomat, Origin::Suggested, Some(0.82)).await;
    let survey = Uuid::now_v7();
    input::Entity::insert(input_row(survey, Channel::Survey, Status::Pending, FORMULA))
        .exec_without_returning(db)
        .await
        .expect("survey");
    Seeded { idea, survey }
}

/// A published workshop that ended yesterday, for notes to belong to.
pub async fn a_workshop(db: &DatabaseConnection) -> Uuid {
    use innspill::entities::event;
    let id = Uuid::now_v7();
    let now = Utc::now();
    event::Entity::insert(event::ActiveModel {
        id: Set(id),
        kind: Set(event::Kind::Workshop),
        title: Set("Verksted".into()),
        description: Set(String::new()),
        location: Set(None),
        online_url: Set(None),
        starts_at: Set(now - chrono::Duration::hours(27)),
        ends_at: Set(now - chrono::Duration::hours(24)),
        capacity: Set(None),
        signup_deadline: Set(None),
        waitlist: Set(false),
        ask_diet: Set(false),
        ask_accessibility: Set(false),
        ask_organisation: Set(false),
        status: Set(event::Status::Published),
        sequence: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await
    .expect("workshop");
    id
}
