//! Moderating ideas: the queue, publishing, hiding (and telling the sender),
//! editing out personal data, themes, merging duplicates; who may do it, the
//! CSRF check, and the audit entry every action leaves.

use chrono::Utc;
use innspill::domain::Email;
use innspill::entities::input::Channel;
use innspill::entities::input::{self, Status};
use innspill::entities::input_theme::{self, Origin};
use innspill::entities::user::Role;
use innspill::entities::{audit_log, outbox, support};
use innspill::ideas::merge::{self, MergeError};
use innspill::ideas::service::{self, NewContact, NewIdea};
use innspill::inputs::StakeholderGroup;
use innspill::inputs::moderation;
use innspill::settings::service::ModerationMode;
use innspill::themes::service as themes;
use innspill::themes::values::{Colour, Name, Slug, ThemeFields};
use innspill::web::Lang;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::common::staff::{signed_in, submit};
use crate::common::{TestApp, assert_redirect_to, spawn_app};

const SENDER_NAME: &str = "Kari Nordmann";
const SENDER_EMAIL: &str = "kari.nordmann@example.no";

fn body_of(title: &str) -> String {
    format!("{title}: en idé med nok tekst til å bli tatt på alvor.")
}

async fn add_idea(app: &TestApp, title: &str, mode: ModerationMode) -> Uuid {
    add_idea_with(app, title, None, Lang::Nb, mode).await
}

async fn add_idea_with(
    app: &TestApp,
    title: &str,
    contact: Option<NewContact>,
    language: Lang,
    mode: ModerationMode,
) -> Uuid {
    let idea = NewIdea {
        title: title.to_owned(),
        body: body_of(title),
        themes: Vec::new(),
        group: StakeholderGroup::Resident,
        location: Some("Sentrum".to_owned()),
        language,
        contact,
        idempotency_key: None,
    };
    service::submit(&app.db, idea, mode, None)
        .await
        .expect("submit")
        .id
}

fn sender() -> Option<NewContact> {
    Some(NewContact {
        name: Some(SENDER_NAME.to_owned()),
        email: Some(Email::parse(SENDER_EMAIL).expect("email")),
        news_opt_in: true,
        organisation: None,
    })
}

async fn idea(app: &TestApp, id: Uuid) -> input::Model {
    input::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("read idea")
        .expect("idea exists")
}

/// Audit actions about `id`, oldest first.
async fn audit_actions(app: &TestApp, id: Uuid) -> Vec<String> {
    audit_entries(app, id)
        .await
        .into_iter()
        .map(|entry| entry.action)
        .collect()
}

async fn audit_entries(app: &TestApp, id: Uuid) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::EntityType.eq("input"))
        .filter(audit_log::Column::EntityId.eq(id.to_string()))
        .order_by_asc(audit_log::Column::CreatedAt)
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db)
        .await
        .expect("audit log")
}

async fn add_theme(app: &TestApp, slug: &str) -> Uuid {
    let name = Name::parse(slug).expect("name");
    let fields = ThemeFields {
        name_nb: name.clone(),
        name_nn: name.clone(),
        name_en: name,
        description: String::new(),
        keywords: String::new(),
        colour: Colour::parse("#1b4d7a").expect("colour"),
    };
    themes::create(&app.db, None, &Slug::parse(slug).expect("slug"), &fields)
        .await
        .expect("theme")
        .id
}

async fn add_support(app: &TestApp, idea: Uuid, browser: &str) {
    support::Entity::insert(support::ActiveModel {
        id: Set(Uuid::now_v7()),
        input_id: Set(idea),
        browser_hash: Set(browser.to_owned()),
        address_hash: Set(format!("address-{browser}")),
        created_at: Set(Utc::now()),
    })
    .exec(&app.db)
    .await
    .expect("support");
}

async fn supporters(app: &TestApp, idea: Uuid) -> Vec<String> {
    let mut browsers: Vec<String> = support::Entity::find()
        .filter(support::Column::InputId.eq(idea))
        .all(&app.db)
        .await
        .expect("supports")
        .into_iter()
        .map(|row| row.browser_hash)
        .collect();
    browsers.sort();
    browsers
}

async fn manual_themes(app: &TestApp, idea: Uuid) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(idea))
        .filter(input_theme::Column::Origin.eq(Origin::Manual))
        .all(&app.db)
        .await
        .expect("tags")
        .into_iter()
        .map(|tag| tag.theme_id)
        .collect();
    ids.sort();
    ids
}

fn page(id: Uuid) -> String {
    format!("/admin/ideer/{id}")
}

async fn get_text(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.expect("GET");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

/// Every moderation form, as (path, fields) for the idea `id`.
fn every_action(id: Uuid, other: Uuid) -> Vec<(String, Vec<(&'static str, String)>)> {
    vec![
        (format!("{}/publiser", page(id)), vec![]),
        (
            format!("{}/skjul", page(id)),
            vec![
                ("reason", "Inneholder personopplysninger".to_owned()),
                ("tell_sender", "true".to_owned()),
            ],
        ),
        (
            format!("{}/rediger", page(id)),
            vec![
                ("title", "En annen tittel".to_owned()),
                ("body", "En helt annen tekst som er lang nok.".to_owned()),
            ],
        ),
        (format!("{}/tema", page(id)), vec![]),
        (
            format!("{}/slå-sammen", page(id)),
            vec![("into", other.to_string())],
        ),
    ]
}

// ---------------------------------------------------------------- the queue

#[tokio::test]
async fn the_queue_lists_pending_ideas_oldest_first() {
    let app = spawn_app().await;
    let first = add_idea(&app, "Første ventende idé", ModerationMode::Pre).await;
    add_idea(&app, "Andre ventende idé", ModerationMode::Pre).await;
    add_idea(&app, "Allerede publisert idé", ModerationMode::Post).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let (status, html) = get_text(&app, &client, "/admin/ideer").await;

    assert_eq!(status, 200);
    let one = html
        .find("Første ventende idé")
        .expect("first pending idea");
    let two = html
        .find("Andre ventende idé")
        .expect("second pending idea");
    assert!(one < two, "oldest first");
    assert!(
        !html.contains("Allerede publisert idé"),
        "only pending ones"
    );
    assert!(html.contains(&format!("href=\"{}\"", page(first))));
    assert!(html.contains("Venter (2)</a>"));
    assert!(html.contains("Publisert (1)</a>"));

    let (_, published) = get_text(&app, &client, "/admin/ideer?status=published").await;
    assert!(published.contains("Allerede publisert idé"));
    assert!(!published.contains("Første ventende idé"));

    let all = innspill::inputs::queue::queue(
        &app.db,
        Channel::Idea,
        None,
        innspill::web::paging::PageRequest::first(25),
    )
    .await
    .expect("queue");
    let statuses: Vec<Status> = all.inputs.items.iter().map(|idea| idea.status).collect();
    assert_eq!(
        statuses,
        [Status::Pending, Status::Pending, Status::Published],
        "without a filter the pending ones come first"
    );
    assert_eq!(all.counts.total(), 3);
}

#[tokio::test]
async fn the_pages_read_in_every_language() {
    let app = spawn_app().await;
    let id = add_idea_with(
        &app,
        "Idé på tre språk",
        sender(),
        Lang::Nn,
        ModerationMode::Pre,
    )
    .await;
    let other = add_idea(&app, "Ei anna idé", ModerationMode::Pre).await;
    add_theme(&app, "reiseliv").await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    for lang in ["nb", "nn", "en"] {
        let switched = client
            .get(app.url(&format!("/sprak/{lang}?neste=/admin/ideer")))
            .send()
            .await
            .expect("language switch");
        assert!(switched.status().is_redirection());
        for path in ["/admin/ideer".to_owned(), page(id), page(other)] {
            let (status, html) = get_text(&app, &client, &path).await;
            assert_eq!(status, 200, "{path} in {lang}");
            assert!(html.contains(&format!("<html lang=\"{lang}\"")));
            assert!(!html.contains("??"), "a missing string on {path} in {lang}");
        }
    }
}

// ---------------------------------------------------------------- publish and hide

#[tokio::test]
async fn publishing_makes_an_idea_public_with_a_publication_time() {
    let app = spawn_app().await;
    let id = add_idea(&app, "Benker langs elva", ModerationMode::Pre).await;
    assert_eq!(app.get(&format!("/ideer/{id}")).await.status(), 404);
    let (client, me) = signed_in(&app, Role::Facilitator).await;

    let response = submit(
        &app,
        &client,
        &page(id),
        &format!("{}/publiser", page(id)),
        &[],
    )
    .await;

    assert_redirect_to(&response, &page(id));
    let published = idea(&app, id).await;
    assert_eq!(published.status, Status::Published);
    assert!(published.published_at.is_some());
    assert_eq!(audit_actions(&app, id).await, ["idea.publish"]);
    assert_eq!(audit_entries(&app, id).await[0].user_id, Some(me.id));
    let (_, html) = get_text(&app, &client, &page(id)).await;
    assert!(
        html.contains("Ideen er publisert."),
        "the notice after the redirect"
    );
    assert_eq!(app.get(&format!("/ideer/{id}")).await.status(), 200);
}

#[tokio::test]
async fn hiding_keeps_the_reason_and_takes_the_idea_off_the_site() {
    let app = spawn_app().await;
    let id = add_idea(&app, "Idé som skal skjules", ModerationMode::Post).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let response = submit(
        &app,
        &client,
        &page(id),
        &format!("{}/skjul", page(id)),
        &[
            ("reason", "Handler ikke om kommunen"),
            ("tell_sender", "true"),
        ],
    )
    .await;

    assert_redirect_to(&response, &page(id));
    let hidden = idea(&app, id).await;
    assert_eq!(hidden.status, Status::Hidden);
    assert_eq!(
        hidden.moderation_note.as_deref(),
        Some("Handler ikke om kommunen")
    );
    assert_eq!(app.get(&format!("/ideer/{id}")).await.status(), 404);
    let outbox = outbox::Entity::find().all(&app.db).await.expect("outbox");
    assert!(outbox.is_empty(), "no address, so no mail");
    let entries = audit_entries(&app, id).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "idea.hide");
    assert!(
        entries[0]
            .details
            .as_deref()
            .unwrap_or_default()
            .contains("Handler ikke om kommunen")
    );
}

#[tokio::test]
async fn hiding_tells_a_sender_with_an_address_in_their_language() {
    let app = spawn_app().await;
    let told = add_idea_with(&app, "Nynorsk idé", sender(), Lang::Nn, ModerationMode::Pre).await;
    let untold = add_idea_with(&app, "Ein til", sender(), Lang::Nn, ModerationMode::Pre).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let response = submit(
        &app,
        &client,
        &page(told),
        &format!("{}/skjul", page(told)),
        &[
            ("reason", "Ideen liknar for mykje på ein annan."),
            ("tell_sender", "true"),
        ],
    )
    .await;
    assert_redirect_to(&response, &page(told));
    let (_, html) = get_text(&app, &client, &page(told)).await;
    assert!(html.contains("Ideen er skjult, og avsenderen får begrunnelsen på e-post."));
    // The box left unticked: no mail.
    let response = submit(
        &app,
        &client,
        &page(untold),
        &format!("{}/skjul", page(untold)),
        &[("reason", "Ikkje fortel dette.")],
    )
    .await;
    assert_redirect_to(&response, &page(untold));

    let mails = outbox::Entity::find().all(&app.db).await.expect("outbox");
    assert_eq!(
        mails.len(),
        1,
        "one mail, for the idea whose sender is told"
    );
    let mail = &mails[0];
    assert_eq!(mail.recipient, SENDER_EMAIL);
    assert!(
        mail.subject.starts_with("Ideen din til"),
        "{}",
        mail.subject
    );
    assert!(
        mail.body_text
            .contains("Ideen liknar for mykje på ein annan.")
    );
    assert!(mail.body_text.contains("«Nynorsk idé»"));
    assert!(mail.body_html.contains(r#"lang="nn""#));
}

#[tokio::test]
async fn hiding_without_a_reason_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let id = add_idea(&app, "Idé uten grunn", ModerationMode::Pre).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let response = submit(
        &app,
        &client,
        &page(id),
        &format!("{}/skjul", page(id)),
        &[("reason", "   "), ("tell_sender", "true")],
    )
    .await;

    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("Skriv hvorfor ideen skjules"));
    assert!(
        html.contains("href=\"#reason\""),
        "the summary links to the field"
    );
    assert_eq!(idea(&app, id).await.status, Status::Pending);
    assert!(audit_actions(&app, id).await.is_empty());
}

// ---------------------------------------------------------------- edit

#[tokio::test]
async fn editing_keeps_the_original_only_in_the_audit_log() {
    let app = spawn_app().await;
    let id = add_idea(&app, "Ring Ola på 99887766", ModerationMode::Post).await;
    let original_body = body_of("Ring Ola på 99887766");
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let response = submit(
        &app,
        &client,
        &page(id),
        &format!("{}/rediger", page(id)),
        &[
            ("title", "Bedre busstilbud"),
            ("body", "Flere bussavganger om kvelden og i helgene, takk."),
        ],
    )
    .await;

    assert_redirect_to(&response, &page(id));
    let edited = idea(&app, id).await;
    assert_eq!(edited.title.as_deref(), Some("Bedre busstilbud"));
    assert_eq!(
        edited.body,
        "Flere bussavganger om kvelden og i helgene, takk."
    );
    let entries = audit_entries(&app, id).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "idea.edit");
    let details: serde_json::Value =
        serde_json::from_str(entries[0].details.as_deref().expect("details")).expect("JSON");
    assert_eq!(details["original_title"], "Ring Ola på 99887766");
    assert_eq!(details["original_body"], original_body.as_str());

    let public = app.get(&format!("/ideer/{id}")).await;
    assert_eq!(public.status(), 200);
    let public = public.text().await.expect("body");
    assert!(public.contains("Flere bussavganger om kvelden"));
    assert!(!public.contains("99887766"), "the original is not public");
    let (_, detail) = get_text(&app, &client, &page(id)).await;
    assert!(!detail.contains("99887766"), "nor on the moderation page");
    let (status, log) = get_text(&app, &client, "/admin/logg").await;
    assert_eq!(status, 403, "a facilitator cannot read the log");
    assert!(!log.contains("99887766"));
    let (admin, _) = signed_in(&app, Role::Admin).await;
    let (status, log) = get_text(&app, &admin, "/admin/logg").await;
    assert_eq!(status, 200);
    assert!(
        log.contains("99887766"),
        "an admin finds the original in the log"
    );
}

#[tokio::test]
async fn a_bad_edit_is_shown_again_with_messages_and_changes_nothing() {
    let app = spawn_app().await;
    let id = add_idea(&app, "Idé som skal rettes", ModerationMode::Pre).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let long_title = "x".repeat(121);

    for (title, body, message) in [
        (
            "Kort",
            "En tekst som er lang nok til å godtas.",
            "Tittelen må ha mellom 5 og 120 tegn.",
        ),
        (
            long_title.as_str(),
            "En tekst som er lang nok til å godtas.",
            "Tittelen må ha mellom 5 og 120 tegn.",
        ),
        (
            "En god tittel",
            "For kort tekst",
            "Teksten må ha mellom 20 og 4000 tegn.",
        ),
    ] {
        let response = submit(
            &app,
            &client,
            &page(id),
            &format!("{}/rediger", page(id)),
            &[("title", title), ("body", body)],
        )
        .await;
        assert_eq!(response.status(), 422, "{title}");
        let html = response.text().await.expect("body");
        assert!(html.contains(message), "{message}");
        assert!(
            html.contains(&format!("value=\"{title}\"")),
            "the title is kept"
        );
        assert!(html.contains(body), "the text is kept");
        assert!(html.contains("aria-invalid=\"true\""));
    }
    let unchanged = idea(&app, id).await;
    assert_eq!(unchanged.title.as_deref(), Some("Idé som skal rettes"));
    assert!(audit_actions(&app, id).await.is_empty());
}

// ---------------------------------------------------------------- themes

#[tokio::test]
async fn setting_themes_replaces_the_manual_tags() {
    let app = spawn_app().await;
    let tourism = add_theme(&app, "reiseliv").await;
    let seafood = add_theme(&app, "sjomat").await;
    let industry = add_theme(&app, "industri").await;
    let id = add_idea(&app, "Idé med temaer", ModerationMode::Pre).await;
    innspill::inputs::tags::set_manual(&app.db, id, &[tourism])
        .await
        .expect("sender's theme");
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let response = submit(
        &app,
        &client,
        &page(id),
        &format!("{}/tema", page(id)),
        &[
            ("themes", &seafood.to_string()),
            ("themes", &industry.to_string()),
        ],
    )
    .await;

    assert_redirect_to(&response, &page(id));
    let mut expected = vec![seafood, industry];
    expected.sort();
    assert_eq!(manual_themes(&app, id).await, expected);
    assert_eq!(audit_actions(&app, id).await, ["idea.themes"]);

    // None ticked: no manual tags left.
    let response = submit(&app, &client, &page(id), &format!("{}/tema", page(id)), &[]).await;
    assert_redirect_to(&response, &page(id));
    assert!(manual_themes(&app, id).await.is_empty());
    assert_eq!(
        audit_actions(&app, id).await,
        ["idea.themes", "idea.themes"]
    );
}

#[tokio::test]
async fn setting_themes_keeps_switched_off_tags_and_adopts_ticked_suggestions() {
    let app = spawn_app().await;
    let (_, me) = signed_in(&app, Role::Facilitator).await;
    let old = add_theme(&app, "gammelt").await;
    let suggested = add_theme(&app, "foreslatt").await;
    let chosen = add_theme(&app, "valgt").await;
    let id = add_idea(&app, "Idé med gamle temaer", ModerationMode::Pre).await;
    innspill::inputs::tags::set_manual(&app.db, id, &[old])
        .await
        .expect("tag");
    themes::set_active(&app.db, None, old, false)
        .await
        .expect("switch off");
    input_theme::Entity::insert(input_theme::ActiveModel {
        input_id: Set(id),
        theme_id: Set(suggested),
        origin: Set(Origin::Suggested),
        confidence: Set(Some(0.7)),
        created_at: Set(Utc::now()),
    })
    .exec(&app.db)
    .await
    .expect("suggestion");

    let outcome = moderation::set_themes(&app.db, me.id, Channel::Idea, id, &[chosen, suggested])
        .await
        .expect("set themes");

    assert_eq!(outcome, moderation::Outcome::Changed);
    let mut expected = vec![old, suggested, chosen];
    expected.sort();
    assert_eq!(
        manual_themes(&app, id).await,
        expected,
        "the switched-off theme stays, the ticked suggestion is now manual"
    );
    let again = moderation::set_themes(&app.db, me.id, Channel::Idea, id, &[chosen, suggested])
        .await
        .expect("set themes");
    assert_eq!(again, moderation::Outcome::Unchanged);
    assert_eq!(audit_actions(&app, id).await, ["idea.themes"]);
}

// ---------------------------------------------------------------- merge

#[tokio::test]
async fn merging_moves_supports_and_counts_a_browser_once() {
    let app = spawn_app().await;
    let tourism = add_theme(&app, "reiseliv").await;
    let seafood = add_theme(&app, "sjomat").await;
    let duplicate = add_idea(&app, "Gjestehavn i sentrum", ModerationMode::Post).await;
    let target = add_idea(&app, "Gjestehavn ved kaia", ModerationMode::Post).await;
    innspill::inputs::tags::set_manual(&app.db, duplicate, &[tourism])
        .await
        .expect("themes");
    innspill::inputs::tags::set_manual(&app.db, target, &[seafood])
        .await
        .expect("themes");
    for browser in ["a", "b", "both"] {
        add_support(&app, duplicate, browser).await;
    }
    for browser in ["both", "c"] {
        add_support(&app, target, browser).await;
    }
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let (_, html) = get_text(&app, &client, &page(duplicate)).await;
    assert!(
        html.contains(&format!("<option value=\"{target}\"")),
        "offered as target"
    );
    let response = submit(
        &app,
        &client,
        &page(duplicate),
        &format!("{}/slå-sammen", page(duplicate)),
        &[("into", &target.to_string())],
    )
    .await;

    assert_redirect_to(&response, &page(duplicate));
    let source = idea(&app, duplicate).await;
    assert_eq!(source.status, Status::Merged);
    assert_eq!(source.merged_into_id, Some(target));
    assert_eq!(source.support_count, 0);
    let merged = idea(&app, target).await;
    assert_eq!(merged.support_count, 4, "a, b, c, and both once");
    assert_eq!(supporters(&app, target).await, ["a", "b", "both", "c"]);
    assert!(supporters(&app, duplicate).await.is_empty());
    let mut expected = vec![tourism, seafood];
    expected.sort();
    assert_eq!(manual_themes(&app, target).await, expected);
    let originals = moderation::originals(&app.db, Channel::Idea, target)
        .await
        .expect("originals");
    assert_eq!(originals.len(), 1);
    assert_eq!(originals[0].id, duplicate);
    assert_eq!(audit_actions(&app, duplicate).await, ["idea.merge"]);
    let details = audit_entries(&app, duplicate).await[0]
        .details
        .clone()
        .unwrap_or_default();
    assert!(details.contains(&target.to_string()));

    let (_, html) = get_text(&app, &client, &page(target)).await;
    assert!(
        html.contains(&format!("href=\"{}\"", page(duplicate))),
        "links the original"
    );
    let (_, html) = get_text(&app, &client, &page(duplicate)).await;
    assert!(
        html.contains(&format!("href=\"{}\"", page(target))),
        "links the target"
    );
}

#[tokio::test]
async fn merging_refuses_itself_and_closed_or_unknown_targets() {
    let app = spawn_app().await;
    let (_, me) = signed_in(&app, Role::Facilitator).await;
    let one = add_idea(&app, "Første idé", ModerationMode::Post).await;
    let two = add_idea(&app, "Andre idé", ModerationMode::Post).await;
    let three = add_idea(&app, "Tredje idé", ModerationMode::Post).await;

    assert!(matches!(
        merge::merge(&app.db, me.id, one, one).await,
        Err(MergeError::SameInput)
    ));
    assert!(matches!(
        merge::merge(&app.db, me.id, one, Uuid::now_v7()).await,
        Err(MergeError::TargetNotFound)
    ));
    merge::merge(&app.db, me.id, two, three)
        .await
        .expect("merge");
    assert!(matches!(
        merge::merge(&app.db, me.id, one, two).await,
        Err(MergeError::TargetClosed)
    ));
    assert!(matches!(
        merge::merge(&app.db, me.id, two, one).await,
        Err(MergeError::SourceClosed)
    ));
    assert_eq!(idea(&app, one).await.status, Status::Published);

    // Merging the target on: what was merged into it follows.
    merge::merge(&app.db, me.id, three, one)
        .await
        .expect("merge");
    let originals = moderation::originals(&app.db, Channel::Idea, one)
        .await
        .expect("originals");
    let mut ids: Vec<Uuid> = originals.iter().map(|idea| idea.id).collect();
    ids.sort();
    let mut expected = vec![two, three];
    expected.sort();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn merging_without_a_target_shows_the_form_again() {
    let app = spawn_app().await;
    let id = add_idea(&app, "Idé uten mål", ModerationMode::Post).await;
    add_idea(&app, "Et mulig mål", ModerationMode::Post).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let response = submit(
        &app,
        &client,
        &page(id),
        &format!("{}/slå-sammen", page(id)),
        &[("into", "")],
    )
    .await;

    assert_eq!(response.status(), 422);
    let html = response.text().await.expect("body");
    assert!(html.contains("Velg ideen denne skal slås sammen med."));
    assert_eq!(idea(&app, id).await.status, Status::Published);
    assert!(audit_actions(&app, id).await.is_empty());
}

// ---------------------------------------------------------------- who may

#[tokio::test]
async fn a_facilitator_sees_the_contact_details() {
    let app = spawn_app().await;
    let id = add_idea_with(
        &app,
        "Idé med avsender",
        sender(),
        Lang::Nb,
        ModerationMode::Pre,
    )
    .await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let (status, html) = get_text(&app, &client, &page(id)).await;

    assert_eq!(status, 200);
    assert!(html.contains(SENDER_NAME));
    assert!(html.contains(SENDER_EMAIL));
    assert!(html.contains("Vil ha nyheter om programmet"));
}

#[tokio::test]
async fn an_observer_gets_403_on_every_moderation_page_and_form() {
    let app = spawn_app().await;
    let id = add_idea_with(
        &app,
        "Idé observatøren ikke ser",
        sender(),
        Lang::Nb,
        ModerationMode::Pre,
    )
    .await;
    let other = add_idea(&app, "Annen idé", ModerationMode::Pre).await;
    let (client, _) = signed_in(&app, Role::Observer).await;

    for path in ["/admin/ideer".to_owned(), page(id)] {
        let (status, html) = get_text(&app, &client, &path).await;
        assert_eq!(status, 403, "{path}");
        assert!(!html.contains(SENDER_EMAIL), "{path}");
        assert!(!html.contains(SENDER_NAME), "{path}");
        assert!(!html.contains("Idé observatøren ikke ser"), "{path}");
    }
    let (_, dashboard) = get_text(&app, &client, "/admin").await;
    assert!(
        !dashboard.contains("href=\"/admin/ideer\""),
        "no link to it"
    );
    for (action, fields) in every_action(id, other) {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        // A valid token from a page the observer may see: only the role refuses.
        let response = submit(&app, &client, "/admin", &action, &fields).await;
        assert_eq!(response.status(), 403, "{action}");
    }
    let unchanged = idea(&app, id).await;
    assert_eq!(unchanged.status, Status::Pending);
    assert_eq!(
        unchanged.title.as_deref(),
        Some("Idé observatøren ikke ser")
    );
    assert!(audit_actions(&app, id).await.is_empty());
    assert!(
        outbox::Entity::find()
            .all(&app.db)
            .await
            .expect("outbox")
            .is_empty()
    );
}

#[tokio::test]
async fn a_form_without_the_csrf_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let id = add_idea_with(
        &app,
        "Idé mot forfalskning",
        sender(),
        Lang::Nb,
        ModerationMode::Pre,
    )
    .await;
    let other = add_idea(&app, "Annen idé", ModerationMode::Pre).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    // The session has a token; the forms below just do not carry it.
    assert_eq!(get_text(&app, &client, &page(id)).await.0, 200);

    for (action, fields) in every_action(id, other) {
        let response = client
            .post(app.url(&action))
            .form(&fields)
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status(), 403, "{action}");
        let response = client
            .post(app.url(&action))
            .form(&[("csrf_token", "forfalsket")])
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status(), 403, "{action} with a wrong token");
    }
    let unchanged = idea(&app, id).await;
    assert_eq!(unchanged.status, Status::Pending);
    assert_eq!(unchanged.title.as_deref(), Some("Idé mot forfalskning"));
    assert!(audit_actions(&app, id).await.is_empty());
    assert!(
        outbox::Entity::find()
            .all(&app.db)
            .await
            .expect("outbox")
            .is_empty()
    );
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in() {
    let app = spawn_app().await;
    let id = add_idea(&app, "Idé bak innlogging", ModerationMode::Pre).await;
    for path in ["/admin/ideer".to_owned(), page(id)] {
        let response = app.get(&path).await;
        assert!(
            response.status().is_redirection() || response.status() == 401,
            "{path}: {}",
            response.status()
        );
    }
}

// ---------------------------------------------------------------- audit

#[tokio::test]
async fn every_action_writes_an_audit_row() {
    let app = spawn_app().await;
    let theme = add_theme(&app, "reiseliv").await;
    let id = add_idea_with(
        &app,
        "Idé gjennom hele løpet",
        sender(),
        Lang::Nb,
        ModerationMode::Pre,
    )
    .await;
    let other = add_idea(&app, "Idé å slå sammen med", ModerationMode::Pre).await;
    let (client, me) = signed_in(&app, Role::Facilitator).await;
    let theme_id = theme.to_string();
    let other_id = other.to_string();
    let steps: [(&str, Vec<(&str, &str)>); 6] = [
        ("publiser", vec![]),
        (
            "skjul",
            vec![("reason", "Midlertidig skjult"), ("tell_sender", "true")],
        ),
        ("publiser", vec![]),
        (
            "rediger",
            vec![
                ("title", "Ny og bedre tittel"),
                ("body", "En ny tekst uten personopplysninger."),
            ],
        ),
        ("tema", vec![("themes", theme_id.as_str())]),
        ("slå-sammen", vec![("into", other_id.as_str())]),
    ];
    for (action, fields) in &steps {
        let response = submit(
            &app,
            &client,
            &page(id),
            &format!("{}/{action}", page(id)),
            fields,
        )
        .await;
        assert_redirect_to(&response, &page(id));
    }

    assert_eq!(
        audit_actions(&app, id).await,
        [
            "idea.publish",
            "idea.hide",
            "idea.publish",
            "idea.edit",
            "idea.themes",
            "idea.merge"
        ]
    );
    let entries = audit_entries(&app, id).await;
    assert!(entries.iter().all(|entry| entry.user_id == Some(me.id)));
    assert_eq!(
        outbox::Entity::find()
            .all(&app.db)
            .await
            .expect("outbox")
            .len(),
        1
    );
    // Publishing again changes nothing and logs nothing.
    let response = submit(
        &app,
        &client,
        &page(other),
        &format!("{}/publiser", page(other)),
        &[],
    )
    .await;
    assert_redirect_to(&response, &page(other));
    let response = submit(
        &app,
        &client,
        &page(other),
        &format!("{}/publiser", page(other)),
        &[],
    )
    .await;
    assert_redirect_to(&response, &page(other));
    assert_eq!(audit_actions(&app, other).await, ["idea.publish"]);
}

#[tokio::test]
async fn an_idea_the_sender_changed_after_the_facilitator_read_it_is_not_published() {
    let app = spawn_app().await;
    let id = add_idea(&app, "Ren og pen tekst", ModerationMode::Pre).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let (_, html) = get_text(&app, &client, &page(id)).await;
    let read_version = crate::common::staff::hidden_value(&html, "version");
    let token = crate::common::staff::csrf_token(&html);

    // Meanwhile the sender rewrites the pending idea through the private link.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let current = idea(&app, id).await;
    service::edit_by_sender(
        &app.db,
        current,
        service::SenderEdit {
            title: "Noe helt annet".to_owned(),
            body: body_of("Noe helt annet"),
            location: None,
            themes: Vec::new(),
        },
    )
    .await
    .expect("sender edit");

    let response = client
        .post(app.url(&format!("{}/publiser", page(id))))
        .form(&[
            ("csrf_token", token.as_str()),
            ("version", read_version.as_str()),
        ])
        .send()
        .await
        .expect("publish");
    assert_redirect_to(&response, &page(id));
    assert_eq!(
        idea(&app, id).await.status,
        Status::Pending,
        "not published unread"
    );
    let (_, html) = get_text(&app, &client, &page(id)).await;
    assert!(
        html.contains("etter at du åpnet den"),
        "the facilitator is told why"
    );

    // Having read the new text, the facilitator can publish it.
    let (_, html) = get_text(&app, &client, &page(id)).await;
    let fresh = crate::common::staff::hidden_value(&html, "version");
    assert_ne!(fresh, read_version);
    let response = client
        .post(app.url(&format!("{}/publiser", page(id))))
        .form(&[
            (
                "csrf_token",
                crate::common::staff::csrf_token(&html).as_str(),
            ),
            ("version", fresh.as_str()),
        ])
        .send()
        .await
        .expect("publish");
    assert_redirect_to(&response, &page(id));
    assert_eq!(idea(&app, id).await.status, Status::Published);
}
