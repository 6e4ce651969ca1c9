//! The facilitators' triage of suggested themes (`/admin/temamerking`):
//! the queue and its filters, confirming, removing and adding themes one by
//! one, for one input and in bulk, who may do it, and bad input refused.

use innspill::entities::input::{Channel, Status};
use innspill::entities::input_theme::{self, Origin};
use innspill::entities::user::Role;
use innspill::entities::{audit_log, input, theme};
use innspill::inputs::tags;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::common::seed::{at, input_row};
use crate::common::staff::{csrf_token, signed_in, submit};
use crate::common::{TestApp, assert_redirect_to, demo_data_dir, spawn_app};

const PAGE: &str = "/admin/temamerking";

/// The inputs of the story: four in the queue, two that are not.
struct Queue {
    themes: Themes,
    /// Idea, pending: sjømat 90 %, reiseliv 40 %.
    harbour: Uuid,
    /// Survey answer: reiseliv 70 %.
    cabins: Uuid,
    /// Workshop note with no tag at all.
    untagged: Uuid,
    /// Idea with a confirmed tag and one weak suggestion (30 %).
    half_done: Uuid,
    /// Idea with only a person's tag: done, not in the queue.
    done: Uuid,
    /// Hidden idea with a suggestion: out of the evidence, not in the queue.
    hidden: Uuid,
}

struct Themes {
    seafood: Uuid,
    tourism: Uuid,
    other: Uuid,
}

async fn seed(app: &TestApp) -> Queue {
    let file = std::fs::File::open(demo_data_dir().join("themes.csv")).expect("themes.csv");
    innspill::themes::service::import_csv(&app.db, None, file)
        .await
        .expect("import themes");
    let id = |slug: &str| {
        let db = app.db.clone();
        let slug = slug.to_owned();
        async move {
            theme::Entity::find()
                .filter(theme::Column::Slug.eq(slug))
                .one(&db)
                .await
                .expect("theme")
                .expect("demo theme")
                .id
        }
    };
    let themes = Themes {
        seafood: id("sjomat").await,
        tourism: id("reiseliv").await,
        other: id("attraktivitet").await,
    };
    let mut day = 0;
    let mut add = |channel: Channel, status: Status, body: &str| {
        day += 1;
        let id = Uuid::now_v7();
        let mut row = input_row(id, channel, status, body);
        row.created_at = Set(at(2026, 3, day, 9, 0));
        (id, row)
    };
    let rows = [
        add(
            Channel::Idea,
            Status::Published,
            "Fotballbane med kunstgress i sentrum.",
        ),
        add(
            Channel::Idea,
            Status::Pending,
            "Ny kai for fiskebåtene og et mottak for laks ved havna.",
        ),
        add(
            Channel::Survey,
            Status::Published,
            "Flere hytter til utleie for turister om sommeren.",
        ),
        add(
            Channel::Workshop,
            Status::Published,
            "Bedre busstilbud om kvelden.",
        ),
        add(
            Channel::Idea,
            Status::Published,
            "Kulturhus med kino og bibliotek.",
        ),
        add(
            Channel::Idea,
            Status::Hidden,
            "Oppdrett av torsk i fjorden.",
        ),
    ];
    let ids: Vec<Uuid> = rows.iter().map(|(id, _)| *id).collect();
    for (_, row) in rows {
        input::Entity::insert(row)
            .exec_without_returning(&app.db)
            .await
            .expect("input");
    }
    let queue = Queue {
        done: ids[0],
        harbour: ids[1],
        cabins: ids[2],
        untagged: ids[3],
        half_done: ids[4],
        hidden: ids[5],
        themes,
    };
    let t = &queue.themes;
    tags::set_manual(&app.db, queue.done, &[t.other])
        .await
        .expect("manual");
    tags::suggest(
        &app.db,
        queue.harbour,
        &[(t.seafood, 0.9), (t.tourism, 0.4)],
    )
    .await
    .expect("suggest");
    tags::suggest(&app.db, queue.cabins, &[(t.tourism, 0.7)])
        .await
        .expect("suggest");
    tags::suggest(
        &app.db,
        queue.half_done,
        &[(t.other, 0.8), (t.tourism, 0.3)],
    )
    .await
    .expect("suggest");
    assert!(
        tags::confirm(&app.db, queue.half_done, t.other)
            .await
            .expect("confirm")
    );
    tags::suggest(&app.db, queue.hidden, &[(t.seafood, 0.95)])
        .await
        .expect("suggest");
    queue
}

/// The ids of the inputs a page lists, in order.
fn listed(html: &str, queue: &Queue) -> Vec<Uuid> {
    let mut found: Vec<(usize, Uuid)> = [
        queue.harbour,
        queue.cabins,
        queue.untagged,
        queue.half_done,
        queue.done,
        queue.hidden,
    ]
    .into_iter()
    .filter_map(|id| {
        html.find(&format!("id=\"innspill-{id}\""))
            .map(|at| (at, id))
    })
    .collect();
    found.sort();
    found.into_iter().map(|(_, id)| id).collect()
}

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.expect("page");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

async fn origin(app: &TestApp, input: Uuid, theme: Uuid) -> Option<Origin> {
    input_theme::Entity::find_by_id((input, theme))
        .one(&app.db)
        .await
        .expect("tag")
        .map(|tag| tag.origin)
}

async fn audited(app: &TestApp, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&app.db)
        .await
        .expect("audit")
}

async fn suggestions_left(app: &TestApp) -> u64 {
    input_theme::Entity::find()
        .filter(input_theme::Column::Origin.eq(Origin::Suggested))
        .count(&app.db)
        .await
        .expect("count")
}

#[tokio::test]
async fn the_queue_lists_live_inputs_with_suggestions_oldest_first_the_untagged_apart_and_filters_narrow_it()
 {
    let app = spawn_app().await;
    let queue = seed(&app).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let (status, html) = page(&client, &app, PAGE).await;
    assert_eq!(status, 200);
    assert_eq!(
        listed(&html, &queue),
        [queue.harbour, queue.cabins, queue.half_done]
    );
    assert!(html.contains("3 innspill venter"), "the count is shown");
    // The inputs with no tag at all are a view of their own.
    let (status, untagged) = page(&client, &app, &format!("{PAGE}?vis=uten-tema")).await;
    assert_eq!(status, 200);
    assert_eq!(listed(&untagged, &queue), [queue.untagged]);
    assert!(untagged.contains("1 innspill venter"));
    assert!(
        !untagged.contains("/bekreft-over"),
        "nothing to confirm there"
    );
    // Each suggestion with its theme, confidence and the words behind it.
    let harbour = &html[html
        .find(&format!("id=\"innspill-{}\"", queue.harbour))
        .expect("card")..];
    let harbour = &harbour[..harbour.find("</article>").expect("end of card")];
    assert!(harbour.contains("Havbruk og sjømat"));
    assert!(harbour.contains("90 %") && harbour.contains("40 %"));
    assert!(
        harbour.find("90 %") < harbour.find("40 %"),
        "best suggestion first"
    );
    assert!(
        harbour.contains("Ordene bak:"),
        "the words behind are shown"
    );
    assert!(
        harbour.contains("kai"),
        "a word of the text drove the seafood theme"
    );

    let filtered = |query: &'static str| {
        let client = client.clone();
        let app = &app;
        async move { page(&client, app, &format!("{PAGE}?{query}")).await.1 }
    };
    assert_eq!(
        listed(&filtered("kanal=idea").await, &queue),
        [queue.harbour, queue.half_done]
    );
    assert_eq!(
        listed(&filtered("tema=reiseliv").await, &queue),
        [queue.harbour, queue.cabins, queue.half_done]
    );
    assert_eq!(
        listed(&filtered("min=50").await, &queue),
        [queue.harbour, queue.cabins]
    );
    // With a theme, the minimum is that theme's confidence.
    assert_eq!(
        listed(&filtered("tema=reiseliv&min=50").await, &queue),
        [queue.cabins]
    );
    let html = filtered("kanal=survey&tema=sjomat").await;
    assert!(listed(&html, &queue).is_empty());
    assert!(html.contains("Ingen innspill venter"));

    // A filter value not understood is named and left out.
    let html = filtered("min=150&tema=finnes-ikke").await;
    assert!(html.contains("Sikkerheten må være et helt tall fra 0 til 100"));
    assert!(html.contains("Temaet finnes ikke"));
    assert_eq!(listed(&html, &queue).len(), 3);
}

#[tokio::test]
async fn an_editor_confirms_removes_and_adds_themes_and_lands_back_where_they_were() {
    let app = spawn_app().await;
    let queue = seed(&app).await;
    let t = &queue.themes;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let filtered = format!("{PAGE}?kanal=idea");
    let harbour = queue.harbour.to_string();
    let next = queue.half_done.to_string();

    // Confirming one of two suggestions: back to the same input, still waiting.
    let action = format!("{PAGE}/{harbour}/bekreft?kanal=idea");
    let fields = [("tema", t.seafood.to_string()), ("neste", next.clone())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = submit(&app, &client, &filtered, &action, &fields).await;
    assert_redirect_to(&response, &format!("{filtered}#innspill-{harbour}"));
    assert_eq!(
        origin(&app, queue.harbour, t.seafood).await,
        Some(Origin::Confirmed)
    );
    let (_, html) = page(&client, &app, &filtered).await;
    assert!(html.contains("Forslaget er bekreftet."));

    // Removing the last one: the input leaves the queue, on to the next.
    let action = format!("{PAGE}/{harbour}/fjern?kanal=idea");
    let fields = [("tema", t.tourism.to_string()), ("neste", next.clone())];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let response = submit(&app, &client, &filtered, &action, &fields).await;
    assert_redirect_to(&response, &format!("{filtered}#innspill-{next}"));
    assert_eq!(origin(&app, queue.harbour, t.tourism).await, None);
    let (_, html) = page(&client, &app, &filtered).await;
    assert_eq!(listed(&html, &queue), [queue.half_done]);

    // Removing it again changes nothing and records nothing.
    let response = submit(&app, &client, &filtered, &action, &fields).await;
    assert!(response.status().is_redirection());
    let (_, html) = page(&client, &app, &filtered).await;
    assert!(html.contains("Ingenting ble endret"));

    // Adding a theme to an input with none makes it the person's tag.
    let untagged = queue.untagged.to_string();
    let action = format!("{PAGE}/{untagged}/legg-til");
    let theme = t.other.to_string();
    let response = submit(
        &app,
        &client,
        PAGE,
        &action,
        &[("tema", &theme), ("neste", "")],
    )
    .await;
    assert_redirect_to(&response, PAGE);
    assert_eq!(
        origin(&app, queue.untagged, t.other).await,
        Some(Origin::Manual)
    );

    assert_eq!(audited(&app, "tagging.confirm").await, 1);
    assert_eq!(audited(&app, "tagging.remove").await, 1);
    assert_eq!(audited(&app, "tagging.add").await, 1);
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("tagging.add"))
        .one(&app.db)
        .await
        .expect("audit")
        .expect("entry");
    assert_eq!(entry.entity_id, Some(untagged));
    assert_eq!(entry.details.as_deref(), Some("theme=attraktivitet"));
}

#[tokio::test]
async fn confirm_all_confirms_every_suggestion_of_one_input_and_nothing_else() {
    let app = spawn_app().await;
    let queue = seed(&app).await;
    let t = &queue.themes;
    let (client, _) = signed_in(&app, Role::Admin).await;
    let action = format!("{PAGE}/{}/bekreft-alle", queue.harbour);
    let next = queue.cabins.to_string();
    let response = submit(&app, &client, PAGE, &action, &[("neste", &next)]).await;
    assert_redirect_to(&response, &format!("{PAGE}#innspill-{next}"));
    assert_eq!(
        origin(&app, queue.harbour, t.seafood).await,
        Some(Origin::Confirmed)
    );
    assert_eq!(
        origin(&app, queue.harbour, t.tourism).await,
        Some(Origin::Confirmed)
    );
    assert_eq!(
        origin(&app, queue.cabins, t.tourism).await,
        Some(Origin::Suggested)
    );
    let (_, html) = page(&client, &app, PAGE).await;
    assert!(html.contains("2 forslag er bekreftet."));
    assert_eq!(audited(&app, "tagging.confirm_all").await, 1);
}

#[tokio::test]
async fn bulk_confirm_takes_the_suggestions_at_or_above_the_threshold_among_the_filtered_inputs() {
    let app = spawn_app().await;
    let queue = seed(&app).await;
    let t = &queue.themes;
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    // Ideas only, 40 % and up: the harbour's two; the survey's 70 % is not an idea.
    let filtered = format!("{PAGE}?kanal=idea");
    let action = format!("{PAGE}/bekreft-over?kanal=idea");
    let response = submit(&app, &client, &filtered, &action, &[("terskel", "40")]).await;
    assert_redirect_to(&response, &filtered);
    let (_, html) = page(&client, &app, &filtered).await;
    assert!(
        html.contains("2 forslag er bekreftet."),
        "the count is told"
    );
    assert_eq!(
        origin(&app, queue.harbour, t.seafood).await,
        Some(Origin::Confirmed)
    );
    assert_eq!(
        origin(&app, queue.harbour, t.tourism).await,
        Some(Origin::Confirmed)
    );
    assert_eq!(
        origin(&app, queue.half_done, t.tourism).await,
        Some(Origin::Suggested)
    );
    assert_eq!(
        origin(&app, queue.cabins, t.tourism).await,
        Some(Origin::Suggested)
    );

    // Everything from 0 %: the rest of the live inputs, never the hidden one.
    let response = submit(
        &app,
        &client,
        PAGE,
        &format!("{PAGE}/bekreft-over"),
        &[("terskel", "0")],
    )
    .await;
    assert_redirect_to(&response, PAGE);
    let (_, html) = page(&client, &app, PAGE).await;
    assert!(html.contains("2 forslag er bekreftet."));
    assert_eq!(
        origin(&app, queue.hidden, t.seafood).await,
        Some(Origin::Suggested)
    );
    assert_eq!(suggestions_left(&app).await, 1);
    assert_eq!(audited(&app, "tagging.bulk_confirm").await, 2);
    // No suggestion is left to look at; the input without any tag waits
    // in its own view.
    assert!(listed(&html, &queue).is_empty());
    let (_, untagged) = page(&client, &app, &format!("{PAGE}?vis=uten-tema")).await;
    assert_eq!(listed(&untagged, &queue), [queue.untagged]);
    let _ = queue.done;
}

#[tokio::test]
async fn observers_read_the_queue_but_cannot_change_it_and_posts_need_the_csrf_token() {
    let app = spawn_app().await;
    let queue = seed(&app).await;
    let t = &queue.themes;
    let (observer, _) = signed_in(&app, Role::Observer).await;
    let (status, html) = page(&observer, &app, PAGE).await;
    assert_eq!(status, 200);
    assert_eq!(listed(&html, &queue).len(), 3);
    assert!(html.contains("Havbruk og sjømat"));
    assert!(!html.contains("/bekreft"), "no actions for observers");
    assert!(!html.contains("/legg-til"));

    let theme = t.seafood.to_string();
    let token = csrf_token(&html);
    for (action, fields) in [
        (
            format!("{PAGE}/{}/bekreft", queue.harbour),
            vec![("tema", theme.as_str())],
        ),
        (
            format!("{PAGE}/{}/fjern", queue.harbour),
            vec![("tema", theme.as_str())],
        ),
        (
            format!("{PAGE}/{}/legg-til", queue.untagged),
            vec![("tema", theme.as_str())],
        ),
        (format!("{PAGE}/{}/bekreft-alle", queue.harbour), vec![]),
        (format!("{PAGE}/bekreft-over"), vec![("terskel", "0")]),
    ] {
        let mut body = vec![("csrf_token", token.as_str())];
        body.extend(fields.iter().copied());
        let response = observer
            .post(app.url(&action))
            .form(&body)
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 403, "observer: {action}");

        let (editor, _) = signed_in(&app, Role::Facilitator).await;
        let mut body = vec![("csrf_token", "not-the-token")];
        body.extend(fields.iter().copied());
        let response = editor
            .post(app.url(&action))
            .form(&body)
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 403, "wrong token: {action}");
        let response = editor
            .post(app.url(&action))
            .form(&fields)
            .send()
            .await
            .expect("post");
        assert_eq!(response.status(), 403, "no token: {action}");
    }
    assert_eq!(suggestions_left(&app).await, 5, "nothing changed");
    assert_eq!(origin(&app, queue.untagged, t.seafood).await, None);
}

#[tokio::test]
async fn bad_input_gets_a_clear_message_and_changes_nothing() {
    let app = spawn_app().await;
    let queue = seed(&app).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let add = format!("{PAGE}/{}/legg-til", queue.untagged);
    let unknown = Uuid::now_v7().to_string();
    for theme in [unknown.as_str(), "ikke-en-id", ""] {
        let response = submit(&app, &client, PAGE, &add, &[("tema", theme)]).await;
        assert!(response.status().is_redirection(), "{theme}");
        let (_, html) = page(&client, &app, PAGE).await;
        assert!(
            html.contains("Temaet finnes ikke eller er slått av"),
            "a message for {theme:?}"
        );
    }
    // A theme that is switched off is not offered, and not taken either.
    innspill::themes::service::set_active(&app.db, None, queue.themes.other, false)
        .await
        .expect("switch off");
    let other = queue.themes.other.to_string();
    submit(&app, &client, PAGE, &add, &[("tema", &other)]).await;
    let (_, html) = page(&client, &app, PAGE).await;
    assert!(html.contains("Temaet finnes ikke eller er slått av"));

    let bulk = format!("{PAGE}/bekreft-over");
    for threshold in ["150", "-1", "mye", ""] {
        submit(&app, &client, PAGE, &bulk, &[("terskel", threshold)]).await;
        let (_, html) = page(&client, &app, PAGE).await;
        assert!(
            html.contains("Sikkerheten må være et helt tall fra 0 til 100"),
            "a message for {threshold:?}"
        );
    }
    // A filter that cannot be read would widen a bulk confirmation: refused.
    let response = submit(
        &app,
        &client,
        PAGE,
        &format!("{bulk}?tema=finnes-ikke"),
        &[("terskel", "0")],
    )
    .await;
    assert_redirect_to(&response, PAGE);
    let (_, html) = page(&client, &app, PAGE).await;
    assert!(html.contains("Rett filteret"));

    assert_eq!(suggestions_left(&app).await, 5, "nothing changed");
    assert!(
        tags::tags_of_one(&app.db, queue.untagged)
            .await
            .expect("tags")
            .is_empty()
    );
    let tagging_entries = audit_log::Entity::find()
        .filter(audit_log::Column::Action.starts_with("tagging."))
        .count(&app.db)
        .await
        .expect("audit");
    assert_eq!(tagging_entries, 0);
}
