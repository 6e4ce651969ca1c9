//! The tagger inside the platform: every new input, whatever its channel,
//! gets suggested themes from the background worker; people's tags retrain
//! the model; every instance on one database uses the same model.

use std::future::Future;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use innspill::entities::event::Kind;
use innspill::entities::input::{Channel, Status};
use innspill::entities::input_theme::Origin;
use innspill::entities::user::Role;
use innspill::entities::{input, theme};
use innspill::events::service::{self as events, EventDetails};
use innspill::events::workshop::notes::{self as workshop, Paste};
use innspill::inputs::{StakeholderGroup, tags};
use innspill::tagging::service::{self as tagger, Tagger, store};
use innspill::web::Lang;
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QuerySelect, TransactionTrait};
use uuid::Uuid;

use crate::common::staff::{create_user, csrf_token, hidden_value};
use crate::common::{TestApp, spawn_app_with_tagger, start_tagger};

/// Waits for `check` to give something; a guard against a worker that never
/// does its job, not a measure of how fast it is.
async fn eventually<T, F, Fut>(what: &str, mut check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        if let Some(found) = check().await {
            return found;
        }
        assert!(Instant::now() < deadline, "gave up waiting for {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn app() -> (TestApp, innspill::tagging::service::TaggerWorker) {
    let (app, worker) = spawn_app_with_tagger(|s| s.form_min_time = Duration::ZERO).await;
    let file =
        std::fs::File::open(crate::common::demo_data_dir().join("themes.csv")).expect("themes.csv");
    innspill::themes::service::import_csv(&app.db, None, file)
        .await
        .expect("themes");
    (app, worker)
}

async fn scored_at(db: &DatabaseConnection, id: Uuid) -> Option<DateTime<Utc>> {
    input::Entity::find_by_id(id)
        .select_only()
        .column_as(Expr::col(Alias::new("suggested_at")), "suggested_at")
        .into_tuple::<Option<DateTime<Utc>>>()
        .one(db)
        .await
        .expect("input")
        .flatten()
}

/// The input's suggestions, slug and confidence, once the tagger has scored it.
async fn suggestions(app: &TestApp, id: Uuid) -> Vec<(String, f64)> {
    eventually("the tagger to score the input", || async {
        scored_at(&app.db, id).await?;
        Some(())
    })
    .await;
    suggested_now(&app.db, id).await
}

async fn suggested_now(db: &DatabaseConnection, id: Uuid) -> Vec<(String, f64)> {
    tags::tags_of_one(db, id)
        .await
        .expect("tags")
        .into_iter()
        .filter(|tag| tag.origin == Origin::Suggested)
        .map(|tag| {
            (
                tag.theme.slug,
                tag.confidence.expect("a suggestion has a confidence"),
            )
        })
        .collect()
}

fn assert_plausible(what: &str, found: &[(String, f64)], expected: &str) {
    assert!(!found.is_empty(), "{what}: no suggestions");
    assert!(
        found.iter().all(|(_, c)| (0.0..=1.0).contains(c)),
        "{what}: {found:?}"
    );
    assert!(
        found.iter().any(|(slug, _)| slug == expected),
        "{what}: expected {expected} among {found:?}"
    );
}

/// An idea sent through the public form, as a resident sends it.
async fn submit_idea(app: &TestApp, title: &str, body: &str) -> Uuid {
    let client = crate::common::client();
    let page = client
        .get(app.url("/ideer/ny"))
        .send()
        .await
        .expect("form")
        .text()
        .await
        .expect("body");
    let response = client
        .post(app.url("/ideer"))
        .form(&[
            ("csrf_token", csrf_token(&page).as_str()),
            ("skjema_tid", hidden_value(&page, "skjema_tid").as_str()),
            (
                "idempotency_key",
                hidden_value(&page, "idempotency_key").as_str(),
            ),
            ("title", title),
            ("body", body),
            ("group", "innbygger"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 303, "the idea is received");
    input::Entity::find()
        .all(&app.db)
        .await
        .expect("inputs")
        .into_iter()
        .find(|input| input.title.as_deref() == Some(title))
        .expect("the idea is stored")
        .id
}

#[tokio::test]
async fn new_inputs_of_every_channel_get_suggested_themes_with_confidence() {
    let (app, _worker) = app().await;
    let staff = create_user(&app, Role::Facilitator).await;

    let idea = submit_idea(
        &app,
        "Mer sjømat fra fjorden",
        "Vi bør satse på lakseoppdrett, fiskemottak og foredling av sjømat her.",
    )
    .await;

    let starts_at = Utc::now() - chrono::Duration::days(1);
    let event = events::create(
        &app.db,
        &EventDetails {
            kind: Kind::Workshop,
            title: "Verksted".to_owned(),
            description: "Kafédialog.".to_owned(),
            location: None,
            online_url: None,
            starts_at,
            ends_at: starts_at + chrono::Duration::hours(2),
            capacity: None,
            signup_deadline: None,
            waitlist: false,
            ask_diet: false,
            ask_accessibility: false,
            ask_organisation: false,
            themes: Vec::new(),
        },
        staff.id,
    )
    .await
    .expect("event");
    let note_text = "Flere turister vil ha overnatting, guider og opplevelser i sommersesongen";
    workshop::paste(
        &app.db,
        event.id,
        &Paste {
            text: note_text.to_owned(),
            table_id: None,
            themes: Vec::new(),
            group: StakeholderGroup::Resident,
            language: Lang::Nb,
            key: None,
        },
        staff.id,
    )
    .await
    .expect("paste")
    .expect("stored");
    let note = input::Entity::find()
        .all(&app.db)
        .await
        .expect("inputs")
        .into_iter()
        .find(|input| input.channel == Channel::Workshop)
        .expect("the note")
        .id;

    let finding = interview_finding(
        &app,
        staff.id,
        "Bedriften mangler næringsareal og bredbånd, og veien til industriområdet er dårlig.",
    )
    .await;

    assert_plausible("idea", &suggestions(&app, idea).await, "sjomat");
    assert_plausible("workshop note", &suggestions(&app, note).await, "reiseliv");
    assert_plausible(
        "interview finding",
        &suggestions(&app, finding).await,
        "infrastruktur",
    );
}

async fn interview_finding(app: &TestApp, staff: Uuid, text: &str) -> Uuid {
    use innspill::domain::{Email, OrgNumber};
    use innspill::entities::business::Format;
    use innspill::interviews::service::{self, Registration};
    let registration = Registration {
        org_number: OrgNumber::parse("974760673").expect("org number"),
        name: "Verft AS".to_owned(),
        industry: 'C',
        employees: Some(40),
        size_band: None,
        contact_name: "Kari".to_owned(),
        email: Email::parse("kari@verft.example.no").expect("email"),
        phone: None,
        themes: Vec::new(),
        message: None,
        format: Format::AtCompany,
        language: Lang::Nb,
        idempotency_key: None,
    };
    let business = service::register(&app.db, registration, None)
        .await
        .expect("registered")
        .business_id;
    let record = service::record_for(&app.db, business, staff)
        .await
        .expect("record");
    service::add_finding(&app.db, record.id, text, &[], Lang::Nb, staff)
        .await
        .expect("finding")
}

/// Inputs people have tagged with `theme` (and the tagger has seen), as a
/// facilitator's triage leaves them.
async fn labelled(db: &DatabaseConnection, theme: &theme::Model, texts: &[String]) {
    let txn = db.begin().await.expect("begin");
    for text in texts {
        let id = Uuid::now_v7();
        input::Entity::insert(crate::common::seed::input_row(
            id,
            Channel::Idea,
            Status::Published,
            text,
        ))
        .exec_without_returning(&txn)
        .await
        .expect("input");
        txn.execute(
            Query::update()
                .table(input::Entity)
                .value(Alias::new("suggested_at"), Utc::now())
                .and_where(Expr::col(input::Column::Id).eq(id)),
        )
        .await
        .expect("seen by the tagger");
        tags::set_manual(&txn, id, &[theme.id]).await.expect("tag");
    }
    txn.commit().await.expect("commit");
}

async fn theme(db: &DatabaseConnection, slug: &str) -> theme::Model {
    store::active_themes(db)
        .await
        .expect("themes")
        .into_iter()
        .find(|theme| theme.slug == slug)
        .expect("theme")
}

async fn latest_model(db: &DatabaseConnection) -> Option<store::ModelInfo> {
    store::latest(db).await.expect("latest model")
}

#[tokio::test]
async fn tags_people_set_retrain_the_model_and_change_suggestions() {
    let (app, _worker) = app().await;
    let probe_text = "Vi trenger mer kvitrebrus, for kvitrebrus gir glede.";
    let probe = submit_idea(&app, "Kvitrebrus", probe_text).await;
    let before = suggestions(&app, probe).await;
    assert!(
        !before.iter().any(|(slug, _)| slug == "landbruk"),
        "a made-up word is no farming before anyone says so: {before:?}"
    );
    let first = latest_model(&app.db).await.expect("a model was trained");

    // Facilitators decide that kvitrebrus is farming, again and again.
    let landbruk = theme(&app.db, "landbruk").await;
    let texts: Vec<String> = (0..12)
        .map(|n| format!("Kvitrebrus nummer {n}: mer kvitrebrus, alltid kvitrebrus."))
        .collect();
    labelled(&app.db, &landbruk, &texts).await;
    tagger::labels_changed(&app.db)
        .await
        .expect("labels changed");

    let retrained = eventually("a retrained model", || async {
        latest_model(&app.db).await.filter(|m| m.id != first.id)
    })
    .await;
    assert_eq!(
        retrained.trained_on,
        first.trained_on + 12,
        "the new model learnt from the seed and the twelve labelled inputs"
    );
    // The untriaged probe is suggested again by the new model.
    let after = eventually("the probe suggested as farming", || async {
        let now = suggested_now(&app.db, probe).await;
        now.iter()
            .any(|(slug, _)| slug == "landbruk")
            .then_some(now)
    })
    .await;
    assert_plausible("probe after retraining", &after, "landbruk");
    // And so is a new input about the same thing.
    let fresh = submit_idea(&app, "Kvitrebrus igjen", probe_text).await;
    assert_plausible("new input", &suggestions(&app, fresh).await, "landbruk");
}

#[tokio::test]
async fn two_instances_on_one_database_suggest_with_the_same_model() {
    let (app, worker_a) = app().await;
    let first = eventually("the first model", || latest_model(&app.db)).await;

    // Instance B: its own server, pool, model cache and worker.
    let mut settings =
        innspill::config::Settings::for_database(&app.database.url, app.database.data_dir());
    settings.form_min_time = Duration::ZERO;
    let b_db = innspill::db::connect(&app.database.url)
        .await
        .expect("connect");
    let b = innspill::Application::build(settings, b_db.clone()).expect("instance B");
    let b_tagger: Tagger = b.tagger();
    tokio::spawn(b.run_until_stopped());

    // A retrains; then only B's worker runs.
    let retrained = app
        .tagger
        .retrain(&app.app_db)
        .await
        .expect("retrain")
        .expect("there are themes");
    assert_ne!(retrained.id, first.id);
    worker_a.stop().await;
    let worker_b = innspill::tagging::service::TaggerWorker::start(
        b_db.clone(),
        b_tagger.clone(),
        innspill::tagging::service::WorkerSettings {
            poll_interval: Duration::from_millis(100),
            ..Default::default()
        },
    );

    let text = "Hotellet trenger flere turister og bedre guider om vinteren.";
    let idea = submit_idea(&app, "Vinterturisme", text).await;
    let from_b = suggestions(&app, idea).await;
    worker_b.stop().await;

    let b_model = b_tagger
        .current(&b_db)
        .await
        .expect("B's model")
        .expect("there are themes");
    assert_eq!(b_model.info.id, retrained.id, "B uses the model A stored");
    let a_model = app
        .tagger
        .current(&app.app_db)
        .await
        .expect("A's model")
        .expect("there are themes");
    let expected: Vec<(String, f64)> = a_model
        .model
        .score(&format!("Vinterturisme\n{text}"))
        .into_iter()
        .filter(|score| score.suggested)
        .map(|score| (score.slug, score.confidence))
        .collect();
    let mut found = from_b.clone();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let mut expected_sorted = expected.clone();
    expected_sorted.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(found.len(), expected_sorted.len(), "{found:?} {expected:?}");
    for ((slug, confidence), (want_slug, want)) in found.iter().zip(&expected_sorted) {
        assert_eq!(slug, want_slug);
        assert!(
            (confidence - want).abs() < 1e-9,
            "{slug}: {confidence} {want}"
        );
    }
    // The triage page's explanation is the same from either instance.
    let explained_a = app
        .tagger
        .explain(&app.app_db, &[text.to_owned()])
        .await
        .expect("A");
    let explained_b = b_tagger
        .explain(&b_db, &[text.to_owned()])
        .await
        .expect("B");
    assert_eq!(explained_a, explained_b);
}

#[tokio::test]
async fn a_worker_started_later_scores_inputs_that_were_waiting() {
    // No worker at first: the input waits in the queue, as after a crash.
    let app = crate::common::spawn_app_with(|s| s.form_min_time = Duration::ZERO).await;
    let file =
        std::fs::File::open(crate::common::demo_data_dir().join("themes.csv")).expect("themes.csv");
    innspill::themes::service::import_csv(&app.db, None, file)
        .await
        .expect("themes");
    let idea = submit_idea(
        &app,
        "Gründerhus",
        "Et gründerhus med kontorplass og veiledning for nye bedrifter.",
    )
    .await;
    assert_eq!(scored_at(&app.db, idea).await, None, "waiting in the queue");
    let _worker = start_tagger(&app);
    assert_plausible("waiting idea", &suggestions(&app, idea).await, "grunder");
}
