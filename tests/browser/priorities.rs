//! Prioritisation in the browser suite: five active themes with over a
//! dozen published inputs whose tags a person set or confirmed, over several
//! channels and stakeholder groups, so the evidence, the ranking and the
//! report have something to show; the facilitator the report scenario signs
//! in as; and the prioritisation pages to check.

use chrono::{Duration, Utc};
use innspill::entities::input::{Channel, Status};
use innspill::entities::input_theme::Origin;
use innspill::entities::{input, input_theme};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::common;
use crate::common::seed::input_row;

/// The account `scenarios/priorities-report.mjs` signs in with.
pub const FACILITATOR_EMAIL: &str = "prioritering@vefsn.kommune.no";

/// The seeded themes (slug, Bokmål name), in their listed order.
pub const THEMES: [(&str, &str); 5] = [
    ("reiseliv", "Reiseliv og opplevelser"),
    ("sjomat", "Sjømat og havbruk"),
    ("industri", "Grønn industri"),
    ("kompetanse", "Kompetanse og utdanning"),
    ("landbruk", "Landbruk og lokal mat"),
];

/// An input to seed: channel, group, supports, days ago, text and tags.
type Seeded<'a> = (Channel, &'a str, i32, i64, &'a str, &'a [(Uuid, Origin)]);

async fn add_input(
    db: &DatabaseConnection,
    channel: Channel,
    group: &str,
    supports: i32,
    days_ago: i64,
    body: &str,
    tags: &[(Uuid, Origin)],
) {
    let id = Uuid::now_v7();
    let mut row = input_row(id, channel, Status::Published, body);
    let at = Utc::now() - Duration::days(days_ago);
    row.title = Set((channel == Channel::Idea).then(|| body.chars().take(40).collect()));
    row.stakeholder_group = Set(group.into());
    row.support_count = Set(supports);
    row.created_at = Set(at);
    row.published_at = Set(Some(at));
    input::Entity::insert(row)
        .exec_without_returning(db)
        .await
        .expect("input");
    for &(theme_id, origin) in tags {
        input_theme::Entity::insert(input_theme::ActiveModel {
            input_id: Set(id),
            theme_id: Set(theme_id),
            origin: Set(origin),
            confidence: Set(None),
            created_at: Set(Utc::now()),
        })
        .exec_without_returning(db)
        .await
        .expect("tag");
    }
}

/// Seeds the themes, inputs and facilitator; returns the pages to check,
/// signed in with `session` (an admin) and `observer_session`.
pub async fn seed_priorities(
    app: &common::TestApp,
    session: &str,
    observer_session: &str,
) -> Vec<Value> {
    innspill::admin::service::create_user(
        &app.db,
        &innspill::domain::Email::parse(FACILITATOR_EMAIL).expect("email"),
        "Petter Prioriterer",
        innspill::entities::user::Role::Facilitator,
        common::staff::PASSWORD,
    )
    .await
    .expect("facilitator");
    let mut ids = Vec::new();
    for (position, (slug, name)) in (1..).zip(THEMES) {
        ids.push(common::seed::a_theme(&app.db, slug, name, position, true).await);
    }
    let [reise, sjo, industri, kompetanse] = [ids[0], ids[1], ids[2], ids[3]];
    let confirmed = Origin::Confirmed;
    let manual = Origin::Manual;
    // Travel leads on inputs and support, seafood on breadth; industry and
    // skills trail and farming has nothing, so three areas are a real choice.
    let inputs: [Seeded; 14] = [
        (
            Channel::Idea,
            "innbygger",
            12,
            3,
            "Flere guidede turer langs fjorden om sommeren.",
            &[(reise, confirmed)],
        ),
        (
            Channel::Idea,
            "innbygger",
            8,
            5,
            "Bobilparkering med strøm og tømmestasjon ved havna.",
            &[(reise, manual)],
        ),
        (
            Channel::Idea,
            "ungdom",
            5,
            9,
            "Sommerjobber for ungdom i reiselivet.",
            &[(reise, confirmed), (sjo, manual)],
        ),
        (
            Channel::Survey,
            "naeringsdrivende",
            0,
            12,
            "Felles markedsføring av overnattingsstedene.",
            &[(reise, confirmed)],
        ),
        (
            Channel::Workshop,
            "innbygger",
            0,
            20,
            "Kafé og benker på kaia.",
            &[(reise, manual)],
        ),
        (
            Channel::Meeting,
            "ansatt",
            0,
            25,
            "Åpne hotellkjøkkenet for lokale råvarer.",
            &[(reise, confirmed)],
        ),
        (
            Channel::Meeting,
            "ansatt",
            0,
            35,
            "Mottak for kongekrabbe og sjøpølse.",
            &[(sjo, confirmed)],
        ),
        (
            Channel::Interview,
            "naeringsdrivende",
            0,
            7,
            "Vi trenger kaiplass for brønnbåtene.",
            &[(sjo, manual)],
        ),
        (
            Channel::Survey,
            "ungdom",
            0,
            14,
            "Fagbrev i akvakultur på videregående.",
            &[(sjo, confirmed)],
        ),
        (
            Channel::Idea,
            "ansatt",
            3,
            2,
            "Videreforedling av laks her i kommunen.",
            &[(sjo, confirmed), (industri, confirmed)],
        ),
        (
            Channel::Interview,
            "naeringsdrivende",
            0,
            40,
            "Kraft til et nytt industribygg på Øya.",
            &[(industri, manual)],
        ),
        (
            Channel::Meeting,
            "innbygger",
            0,
            50,
            "Solceller på taket av hallene.",
            &[(industri, confirmed)],
        ),
        (
            Channel::Workshop,
            "ungdom",
            1,
            6,
            "Lærlingplasser i bedriftene rundt fjorden.",
            &[(kompetanse, confirmed)],
        ),
        // A suggestion nobody confirmed does not count.
        (
            Channel::Survey,
            "innbygger",
            0,
            4,
            "Mer lys langs turstiene.",
            &[],
        ),
    ];
    for (channel, group, supports, days_ago, body, tags) in inputs {
        add_input(&app.db, channel, group, supports, days_ago, body, tags).await;
    }
    let page = |name: &str, path: &str, lang: &str, session: &str| {
        json!({
            "name": name,
            "path": path,
            "cookies": [
                { "name": "lang", "value": lang },
                { "name": "innspill_session", "value": session },
            ],
        })
    };
    let base = "/admin/prioritering";
    vec![
        page("priorities-nb", base, "nb", session),
        page("priorities-en", base, "en", session),
        page(
            "priorities-scenarios-nb",
            &format!("{base}/scenarier"),
            "nb",
            session,
        ),
        page(
            "priorities-report-nb",
            &format!("{base}/rapport"),
            "nb",
            session,
        ),
        page(
            "priorities-report-nn",
            &format!("{base}/rapport"),
            "nn",
            session,
        ),
        page(
            "priorities-assessment-nb",
            &format!("{base}/vurdering"),
            "nb",
            session,
        ),
        page(
            "priorities-pairwise-nb",
            &format!("{base}/parvis"),
            "nb",
            session,
        ),
        page(
            "priorities-observer-en",
            &format!("{base}/scenarier"),
            "en",
            observer_session,
        ),
        json!({
            "name": "pairwise-public-nb",
            "path": "/parvis",
            "cookies": [{ "name": "lang", "value": "nb" }],
        }),
    ]
}
