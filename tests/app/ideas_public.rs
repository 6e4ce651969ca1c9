//! Browsing published ideas (list, filters, search, paging, sorting, the idea
//! page) and supporting them, without personal data in the database.

use chrono::{TimeDelta, Utc};
use chrono_tz::Europe::Oslo;
use innspill::entities::input::{self, Status};
use innspill::entities::support;
use innspill::ideas::listing::{self, ListFilter, Sort};
use innspill::ideas::service::{self as ideas, NewIdea};
use innspill::ideas::support::{self as supports, SupportOutcome};
use innspill::inputs::StakeholderGroup;
use innspill::settings::service::ModerationMode;
use innspill::themes::service as themes;
use innspill::themes::values::{Colour, Name, Slug, ThemeFields};
use innspill::web::Lang;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait, IntoActiveModel};
use uuid::Uuid;

use crate::common::staff::csrf_token;
use crate::common::{TestApp, assert_redirect_to, client, spawn_app};

fn new_idea(title: &str, body: &str) -> NewIdea {
    NewIdea {
        title: title.to_owned(),
        body: body.to_owned(),
        themes: Vec::new(),
        group: StakeholderGroup::Resident,
        location: None,
        language: Lang::Nb,
        contact: None,
        idempotency_key: None,
    }
}

/// Stores an idea as the form would; `Post` publishes it at once.
async fn store(app: &TestApp, idea: NewIdea, mode: ModerationMode) -> Uuid {
    ideas::submit(&app.db, idea, mode, None)
        .await
        .expect("submit idea")
        .id
}

async fn published(app: &TestApp, title: &str, body: &str) -> Uuid {
    store(app, new_idea(title, body), ModerationMode::Post).await
}

async fn set_status(app: &TestApp, id: Uuid, status: Status, merged_into: Option<Uuid>) {
    let mut row = input::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("read idea")
        .expect("idea exists")
        .into_active_model();
    row.status = Set(status);
    row.merged_into_id = Set(merged_into);
    row.update(&app.db).await.expect("update idea");
}

async fn support_count(app: &TestApp, id: Uuid) -> i32 {
    input::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("read idea")
        .expect("idea exists")
        .support_count
}

async fn theme(app: &TestApp, slug: &str, name: &str) -> Uuid {
    let name = Name::parse(name).expect("name");
    let fields = ThemeFields {
        name_nb: name.clone(),
        name_nn: name.clone(),
        name_en: name,
        description: String::new(),
        keywords: String::new(),
        colour: Colour::from_palette(0),
    };
    themes::create(&app.db, None, &Slug::parse(slug).expect("slug"), &fields)
        .await
        .expect("create theme")
        .id
}

async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.expect("request");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

/// Presses "Støtt" on the idea page as a browser would: the page, then the form.
async fn press_support(app: &TestApp, client: &reqwest::Client, id: Uuid) -> reqwest::Response {
    let (status, html) = page(app, client, &format!("/ideer/{id}")).await;
    assert_eq!(status, 200, "idea page");
    client
        .post(app.url(&format!("/ideer/{id}/stott")))
        .form(&[("csrf_token", csrf_token(&html))])
        .send()
        .await
        .expect("support")
}

fn position(html: &str, text: &str) -> usize {
    html.find(text)
        .unwrap_or_else(|| panic!("{text} not on the page"))
}

#[tokio::test]
async fn only_published_ideas_are_listed_and_can_be_opened() {
    let app = spawn_app().await;
    let shown = published(&app, "Publisert idé", "Synlig for alle.").await;
    let pending = store(
        &app,
        new_idea("Ventende idé", "Ikke sett på ennå."),
        ModerationMode::Pre,
    )
    .await;
    let hidden = published(&app, "Skjult idé", "Skjult av moderator.").await;
    set_status(&app, hidden, Status::Hidden, None).await;
    let withdrawn = published(&app, "Trukket idé", "Trukket av avsender.").await;
    set_status(&app, withdrawn, Status::Withdrawn, None).await;

    let response = app.get("/ideer").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["cache-control"].to_str().unwrap(),
        "public, max-age=30"
    );
    let html = response.text().await.unwrap();
    assert!(html.contains("Publisert idé"), "{html}");
    assert!(html.contains(&format!("href=\"/ideer/{shown}\"")));
    assert!(html.contains("Fant 1 idé"));
    for title in ["Ventende idé", "Skjult idé", "Trukket idé"] {
        assert!(!html.contains(title), "{title} is listed");
    }

    let response = app.get(&format!("/ideer/{shown}")).await;
    assert_eq!(response.status(), 200);
    // The idea page carries a form token: never in a shared cache.
    assert_eq!(
        response.headers()["cache-control"].to_str().unwrap(),
        "no-store"
    );
    let html = response.text().await.unwrap();
    assert!(
        html.contains("<h1 class=\"ds-heading\" data-size=\"md\">Publisert idé</h1>"),
        "{html}"
    );
    assert!(html.contains("Synlig for alle."));
    // The date a reader sees is the day in Oslo the idea came in, which
    // differs from the UTC date in the hour or two before midnight UTC.
    let created = input::Entity::find_by_id(shown)
        .one(&app.db)
        .await
        .expect("read idea")
        .expect("idea exists")
        .created_at;
    let day = created.with_timezone(&Oslo).format("%Y-%m-%d").to_string();
    assert!(
        html.contains(&format!("<time datetime=\"{day}\">")),
        "{html}"
    );
    assert!(html.contains("Ingen har støttet ideen ennå."));

    for id in [pending, hidden, withdrawn] {
        let (status, _) = page(&app, &app.client, &format!("/ideer/{id}")).await;
        assert_eq!(status, 404, "{id}");
    }
    for path in [
        "/ideer/ikke-en-id",
        "/ideer/123",
        &format!("/ideer/{}", Uuid::now_v7()),
        &format!("/ideer/{}", shown.simple()),
    ] {
        let (status, _) = page(&app, &app.client, path).await;
        assert_eq!(status, 404, "{path}");
    }
}

#[tokio::test]
async fn a_merged_idea_sends_readers_to_the_one_it_went_into() {
    let app = spawn_app().await;
    let target = published(&app, "Samlet idé", "Hovedideen.").await;
    let original = published(&app, "Opprinnelig idé", "Det samme med andre ord.").await;
    set_status(&app, original, Status::Merged, Some(target)).await;

    let response = app.get(&format!("/ideer/{original}")).await;
    assert_eq!(response.status(), 303);
    assert_redirect_to(&response, &format!("/ideer/{target}"));

    let (_, html) = page(&app, &app.client, &format!("/ideer/{target}")).await;
    assert!(
        html.contains("Ideer som er slått sammen med denne"),
        "{html}"
    );
    assert!(html.contains("Opprinnelig idé"));
    let (_, list) = page(&app, &app.client, "/ideer").await;
    assert!(!list.contains("Opprinnelig idé"));
}

#[tokio::test]
async fn the_list_pages_through_the_ideas_newest_first() {
    let app = spawn_app().await;
    for n in 1..=25 {
        published(&app, &format!("Idé nummer {n:02}"), "Tekst.").await;
    }

    let (status, first) = page(&app, &app.client, "/ideer").await;
    assert_eq!(status, 200);
    assert!(
        first.contains("Fant 25 ideer. Viser 1–20 av 25."),
        "{first}"
    );
    assert!(first.contains("Side 1 av 2"));
    assert!(
        first.contains("rel=\"next\" href=\"/ideer?side=2\""),
        "{first}"
    );
    assert!(!first.contains("rel=\"prev\""));
    assert!(position(&first, "Idé nummer 25") < position(&first, "Idé nummer 24"));
    assert!(first.contains("Idé nummer 06"));
    assert!(!first.contains("Idé nummer 05"));

    let (_, second) = page(&app, &app.client, "/ideer?side=2").await;
    assert!(second.contains("Viser 21–25 av 25."), "{second}");
    assert!(second.contains("rel=\"prev\" href=\"/ideer\""), "{second}");
    assert!(!second.contains("rel=\"next\""));
    assert!(second.contains("Idé nummer 01"));
    assert!(!second.contains("Idé nummer 06"));
    assert!(second.contains("<title>Ideer, side 2"));

    // Past the end, and nonsense, still give a page.
    let (status, past) = page(&app, &app.client, "/ideer?side=9").await;
    assert_eq!(status, 200);
    assert!(past.contains("Gå til første side"));
    let (status, _) = page(&app, &app.client, "/ideer?side=x&sort=tull&gruppe=ingen").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn the_list_filters_by_theme_and_by_group() {
    let app = spawn_app().await;
    let tourism = theme(&app, "reiseliv", "Reiseliv").await;
    let seafood = theme(&app, "sjomat", "Sjømat").await;
    let mut by_resident = new_idea("Turistløype langs elva", "Merk en sti.");
    by_resident.themes = vec![tourism];
    store(&app, by_resident, ModerationMode::Post).await;
    let mut by_business = new_idea("Fiskemottak på kaia", "Mer sjømat lokalt.");
    by_business.themes = vec![seafood];
    by_business.group = StakeholderGroup::BusinessOwner;
    store(&app, by_business, ModerationMode::Post).await;

    let (_, all) = page(&app, &app.client, "/ideer").await;
    assert!(all.contains("Turistløype") && all.contains("Fiskemottak"));
    assert!(all.contains("href=\"/ideer?tema=reiseliv\""), "{all}");
    assert!(all.contains(">Sjømat</a>"));

    let (_, html) = page(&app, &app.client, "/ideer?tema=reiseliv").await;
    assert!(html.contains("Turistløype"));
    assert!(!html.contains("Fiskemottak"), "{html}");
    assert!(
        html.contains("<option value=\"reiseliv\" selected>"),
        "{html}"
    );

    let (_, html) = page(&app, &app.client, "/ideer?gruppe=naeringsdrivende").await;
    assert!(html.contains("Fiskemottak"));
    assert!(!html.contains("Turistløype"));

    let (_, html) = page(
        &app,
        &app.client,
        "/ideer?tema=reiseliv&gruppe=naeringsdrivende",
    )
    .await;
    assert!(html.contains("Fant ingen ideer."));
    assert!(html.contains("Ingen ideer passer med søket eller filteret ditt."));

    // The service the API shares says the same.
    let filter = ListFilter {
        theme: Some("sjomat".into()),
        ..ListFilter::default()
    };
    let page = listing::published(&app.db, &filter).await.unwrap();
    let total = page.total();
    let found = page.items;
    assert_eq!(total, 1);
    assert_eq!(found[0].title, "Fiskemottak på kaia");
    assert_eq!(found[0].group, StakeholderGroup::BusinessOwner);
    assert_eq!(found[0].themes[0].slug, "sjomat");
}

#[tokio::test]
async fn search_matches_words_in_any_case_and_no_wildcards() {
    let app = spawn_app().await;
    published(&app, "Ny brygge", "Bygg en Fiskebrygge i sentrum.").await;
    published(&app, "Ørretfiske i elva", "Selg fiskekort på nett.").await;
    published(&app, "Strøm", "Kommunen bør bli 100% fornybar.").await;

    for query in ["fiskebrygge", "FISKEBRYGGE", "brygge+sentrum"] {
        let (_, html) = page(&app, &app.client, &format!("/ideer?q={query}")).await;
        assert!(html.contains("Ny brygge"), "{query}: {html}");
        assert!(!html.contains("Ørretfiske"), "{query}");
    }
    // Norwegian capitals fold too, on SQLite as on PostgreSQL.
    let (_, html) = page(&app, &app.client, "/ideer?q=%C3%B8rret").await;
    assert!(html.contains("Ørretfiske"), "{html}");
    assert!(html.contains("Fant 1 idé"));
    // And the accented ones Norwegian borrows: "KAFÉ" is found by "kafé".
    published(&app, "Nytt KAFÉ på kaia", "Et sted å møtes året rundt.").await;
    let (_, html) = page(&app, &app.client, "/ideer?q=kaf%C3%A9").await;
    assert!(html.contains("Nytt KAFÉ på kaia"), "{html}");

    // Search is by words: `%` and `_` are neither patterns nor words, so
    // they find nothing (and break nothing).
    for query in ["%25", "_", "%25_%25"] {
        let (status, html) = page(&app, &app.client, &format!("/ideer?q={query}")).await;
        assert_eq!(status, 200, "{query}");
        assert!(html.contains("Fant ingen ideer."), "{query}: {html}");
    }
    // The search box keeps what was typed.
    let (_, html) = page(&app, &app.client, "/ideer?q=%C3%B8rret").await;
    assert!(html.contains("value=\"ørret\""));
}

#[tokio::test]
async fn most_supported_comes_first_when_asked() {
    let app = spawn_app().await;
    let little = published(&app, "Lite støttet", "En.").await;
    let much = published(&app, "Mye støttet", "To.").await;
    published(&app, "Ikke støttet", "Tre.").await;
    for n in 0..3 {
        let outcome = supports::toggle(&app.db, much, &format!("b{n}"), &format!("a{n}"))
            .await
            .unwrap();
        assert_eq!(outcome, SupportOutcome::Added);
    }
    supports::toggle(&app.db, little, "b9", "a9").await.unwrap();

    let (_, html) = page(&app, &app.client, "/ideer?sort=mest-stottet").await;
    assert!(position(&html, "Mye støttet") < position(&html, "Lite støttet"));
    assert!(position(&html, "Lite støttet") < position(&html, "Ikke støttet"));
    assert!(html.contains("3 støtter"));
    assert!(html.contains("<option value=\"mest-stottet\" selected>"));
    let (_, newest) = page(&app, &app.client, "/ideer").await;
    assert!(position(&newest, "Ikke støttet") < position(&newest, "Mye støttet"));

    let filter = ListFilter {
        sort: Sort::MostSupported,
        ..ListFilter::default()
    };
    let found = listing::published(&app.db, &filter).await.unwrap().items;
    assert_eq!(found[0].id, much);
    assert_eq!(found[0].support_count, 3);
}

#[tokio::test]
async fn what_senders_wrote_is_escaped_on_the_list_and_the_idea_page() {
    let app = spawn_app().await;
    let mut idea = new_idea(
        "<script>alert('tittel')</script>",
        "<img src=x onerror=alert('tekst')> og litt mer",
    );
    idea.location = Some("\"><b>sted</b>".into());
    let id = store(&app, idea, ModerationMode::Post).await;

    for path in ["/ideer".to_owned(), format!("/ideer/{id}")] {
        let (_, html) = page(&app, &app.client, &path).await;
        assert!(!html.contains("<script>alert"), "{path}: {html}");
        assert!(!html.contains("<img src=x"), "{path}");
        assert!(!html.contains("<b>sted</b>"), "{path}");
        assert!(
            html.contains("&lt;script&gt;alert('tittel')&lt;/script&gt;"),
            "{path}: {html}"
        );
        assert!(html.contains("&lt;img src=x"), "{path}");
        assert!(html.contains("&lt;b&gt;sted&lt;/b&gt;"), "{path}");
    }
}

#[tokio::test]
async fn support_is_one_per_browser_and_one_per_address() {
    let app = spawn_app().await;
    let id = published(&app, "Lekeplass i parken", "Med huske.").await;

    let response = press_support(&app, &app.client, id).await;
    assert_redirect_to(&response, &format!("/ideer/{id}"));
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("stotte="))
        .expect("supporter cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(cookie.contains("Max-Age=31536000"), "{cookie}");
    let browser = cookie["stotte=".len()..]
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(support_count(&app, id).await, 1);
    let (_, html) = page(&app, &app.client, &format!("/ideer/{id}")).await;
    assert!(html.contains("Takk! Støtten din er registrert."), "{html}");
    assert!(html.contains("Du støtter denne ideen."));
    assert!(html.contains("Fjern støtten"));
    assert!(html.contains("1 person støtter ideen."));

    // Pressing again takes the support back.
    let response = press_support(&app, &app.client, id).await;
    assert_redirect_to(&response, &format!("/ideer/{id}"));
    assert_eq!(support_count(&app, id).await, 0);
    let (_, html) = page(&app, &app.client, &format!("/ideer/{id}")).await;
    assert!(html.contains("Støtten din er fjernet."));
    assert!(!html.contains("Du støtter denne ideen."));

    press_support(&app, &app.client, id).await;
    assert_eq!(support_count(&app, id).await, 1);

    // Another browser at the same address changes nothing today.
    let other = client();
    let response = press_support(&app, &other, id).await;
    assert_redirect_to(&response, &format!("/ideer/{id}"));
    assert_eq!(support_count(&app, id).await, 1);
    let (_, html) = page(&app, &other, &format!("/ideer/{id}")).await;
    assert!(
        html.contains("Ideen har allerede fått støtte fra samme nettverk"),
        "{html}"
    );
    assert!(!html.contains("Du støtter denne ideen."));

    // Only keyed hashes are stored: not the cookie, not the address.
    let rows = support::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    for row in rows {
        for value in [&row.browser_hash, &row.address_hash] {
            assert_eq!(value.len(), 64);
            assert!(!value.contains("127.0.0.1"));
            assert!(!value.contains(&browser));
        }
    }
    let list_html = page(&app, &app.client, "/ideer").await.1;
    assert!(list_html.contains("1 støtte"));
}

#[tokio::test]
async fn support_without_a_form_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let id = published(&app, "Benker i sentrum", "Flere benker.").await;
    page(&app, &app.client, &format!("/ideer/{id}")).await;
    for body in [vec![], vec![("csrf_token", "feil")]] {
        let response = app
            .client
            .post(app.url(&format!("/ideer/{id}/stott")))
            .form(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
    }
    assert_eq!(support_count(&app, id).await, 0);
    assert!(
        support::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn only_published_ideas_take_support() {
    let app = spawn_app().await;
    let open = published(&app, "Åpen idé", "Kan støttes.").await;
    let pending = store(
        &app,
        new_idea("Ventende", "Ikke ennå."),
        ModerationMode::Pre,
    )
    .await;
    let (_, html) = page(&app, &app.client, &format!("/ideer/{open}")).await;
    for path in [
        format!("/ideer/{pending}/stott"),
        format!("/ideer/{}/stott", Uuid::now_v7()),
        "/ideer/ikke-en-id/stott".to_owned(),
    ] {
        let response = app
            .client
            .post(app.url(&path))
            .form(&[("csrf_token", csrf_token(&html))])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{path}");
    }
    assert_eq!(support_count(&app, pending).await, 0);
    assert!(
        support::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        supports::toggle(&app.db, pending, "b", "a").await,
        Err(innspill::error::AppError::NotFound)
    ));
}

#[tokio::test]
async fn an_address_blocks_other_browsers_only_within_the_window() {
    let app = spawn_app().await;
    let id = published(&app, "Bysykkel", "Sykler til utlån.").await;
    let toggle = |browser: &'static str| supports::toggle(&app.db, id, browser, "adresse");
    assert_eq!(toggle("en").await.unwrap(), SupportOutcome::Added);
    assert_eq!(
        toggle("to").await.unwrap(),
        SupportOutcome::AlreadyFromAddress
    );
    assert!(supports::supported_by(&app.db, id, "en").await.unwrap());
    assert!(!supports::supported_by(&app.db, id, "to").await.unwrap());

    // A day later the same address may support again from another browser.
    let mut row = support::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.created_at = Set(Utc::now() - TimeDelta::hours(25));
    row.update(&app.db).await.unwrap();
    assert_eq!(toggle("to").await.unwrap(), SupportOutcome::Added);
    assert_eq!(support_count(&app, id).await, 2);
    assert_eq!(toggle("en").await.unwrap(), SupportOutcome::Removed);
    assert_eq!(toggle("to").await.unwrap(), SupportOutcome::Removed);
    assert_eq!(support_count(&app, id).await, 0);
}

#[tokio::test]
async fn the_landing_page_links_to_sharing_and_browsing_ideas() {
    let app = spawn_app().await;
    let (_, html) = page(&app, &app.client, "/").await;
    assert!(html.contains("href=\"/ideer/ny\""), "{html}");
    assert!(html.contains("Del en idé"));
    assert!(html.contains("href=\"/ideer\""));
    assert!(html.contains("Se ideene"));
    let english = app.get_in("/", "en").await.text().await.unwrap();
    assert!(english.contains("Share an idea") && english.contains("See the ideas"));
}

#[tokio::test]
async fn the_list_is_empty_until_something_is_published() {
    let app = spawn_app().await;
    let (status, html) = page(&app, &app.client, "/ideer").await;
    assert_eq!(status, 200);
    assert!(html.contains("Ingen ideer er publisert ennå."));
    assert!(html.contains("Fant ingen ideer."));
    assert!(!html.contains("class=\"ds-pagination\""));
}

#[tokio::test]
async fn an_absurd_page_number_is_answered_not_crashed_on() {
    let app = crate::common::spawn_app().await;
    let response = app.get("/ideer?side=922337203685477581").await;
    assert_eq!(response.status(), 200);
    let response = app.get("/api/v1/ideas?page=461168601842738792").await;
    assert_eq!(response.status(), 422);
}

#[tokio::test]
async fn merging_an_unapproved_duplicate_does_not_publish_its_title() {
    use innspill::entities::user::Role;
    use innspill::ideas::merge;
    use innspill::ideas::service::{NewIdea, submit};
    use innspill::inputs::StakeholderGroup;
    use innspill::settings::service::ModerationMode;

    let app = crate::common::spawn_app().await;
    let admin = crate::common::staff::create_user(&app, Role::Admin).await;
    let idea = |title: &str| NewIdea {
        title: title.to_owned(),
        body: "En beskrivelse som er lang nok for et skjema.".to_owned(),
        themes: Vec::new(),
        group: StakeholderGroup::Resident,
        location: None,
        language: innspill::web::Lang::Nb,
        contact: None,
        idempotency_key: None,
    };
    let target = submit(
        &app.db,
        idea("Publisert idé om havna"),
        ModerationMode::Post,
        None,
    )
    .await
    .expect("target")
    .id;
    let pending = submit(
        &app.db,
        idea("Hemmelig tittel med navn"),
        ModerationMode::Pre,
        None,
    )
    .await
    .expect("pending")
    .id;
    let shown = submit(
        &app.db,
        idea("Synlig duplikat om havna"),
        ModerationMode::Post,
        None,
    )
    .await
    .expect("shown")
    .id;
    merge::merge(&app.db, admin.id, pending, target)
        .await
        .expect("merge pending");
    merge::merge(&app.db, admin.id, shown, target)
        .await
        .expect("merge shown");

    let page = app
        .get(&format!("/ideer/{target}"))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("Synlig duplikat om havna"),
        "a public duplicate is listed"
    );
    assert!(
        !page.contains("Hemmelig tittel med navn"),
        "an unapproved one is not"
    );
}
