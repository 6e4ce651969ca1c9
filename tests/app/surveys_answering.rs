//! Answering surveys over HTTP: a resident goes through the paged resident
//! survey (answers kept between pages and on errors, nothing stored before
//! the last page), free-text answers become survey inputs, one response per
//! browser unless through a kiosk link, closed and unopened surveys take
//! nothing, and the business survey leads into the interview registration
//! with its answers carried over.

use std::time::Duration;

use innspill::entities::input::{self, Channel};
use innspill::entities::{survey_response, theme};
use innspill::surveys::model::{Answer, Survey, SurveyStatus};
use innspill::surveys::service::{self, builder, templates::Template};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::common::{TestApp, assert_redirect_to, client, spawn_app_with};

async fn app() -> TestApp {
    let app = spawn_app_with(|s| s.form_min_time = Duration::ZERO).await;
    let file =
        std::fs::File::open(crate::common::demo_data_dir().join("themes.csv")).expect("themes.csv");
    innspill::themes::service::import_csv(&app.db, None, file)
        .await
        .expect("themes");
    app
}

/// A survey from `template`, published.
async fn published(app: &TestApp, template: Template) -> Survey {
    let id = service::templates::create_from(&app.db, None, template)
        .await
        .unwrap();
    builder::set_status(&app.db, None, id, SurveyStatus::Published)
        .await
        .unwrap()
        .unwrap();
    service::get(&app.db, id).await.unwrap().unwrap()
}

fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Every hidden field of the page's form, as a browser sends them back.
fn hidden_fields(html: &str) -> Vec<(String, String)> {
    let mut fields = Vec::new();
    let marker = "type=\"hidden\" name=\"";
    let mut rest = html;
    while let Some(at) = rest.find(marker) {
        rest = &rest[at + marker.len()..];
        let name_end = rest.find('"').unwrap();
        let name = rest[..name_end].to_owned();
        let value_marker = "value=\"";
        let value_start = rest.find(value_marker).unwrap() + value_marker.len();
        let value_end = value_start + rest[value_start..].find('"').unwrap();
        fields.push((name, unescape(&rest[value_start..value_end])));
        rest = &rest[value_end..];
    }
    fields
}

/// Sends the page's form with its hidden fields, `answers` and the button `action`.
async fn send(
    app: &TestApp,
    browser: &reqwest::Client,
    path: &str,
    page: &str,
    answers: &[(&str, &str)],
    action: &str,
) -> reqwest::Response {
    let mut body = hidden_fields(page);
    body.extend(
        answers
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    body.push(("handling".into(), action.into()));
    browser
        .post(app.url(path))
        .form(&body)
        .send()
        .await
        .unwrap()
}

async fn text(response: reqwest::Response, status: u16) -> String {
    let got = response.status();
    let body = response.text().await.unwrap();
    let summary = body
        .find("error-summary")
        .map_or("", |at| &body[at..(at + 600).min(body.len())]);
    assert_eq!(got, status, "{summary}");
    body
}

async fn responses(app: &TestApp, survey: Uuid) -> Vec<survey_response::Model> {
    survey_response::Entity::find()
        .filter(survey_response::Column::SurveyId.eq(survey))
        .all(&app.db)
        .await
        .unwrap()
}

/// The code of the question whose prompt starts with `prompt`.
fn code(survey: &Survey, prompt: &str) -> String {
    survey
        .asked()
        .find(|q| q.prompt.starts_with(prompt))
        .unwrap_or_else(|| panic!("no question {prompt}"))
        .code
        .clone()
}

async fn theme_id(app: &TestApp, slug: &str) -> Uuid {
    theme::Entity::find()
        .filter(theme::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The message shown under `field`, if any.
fn message_at(html: &str, field: &str) -> Option<String> {
    let marker = format!("id=\"{field}-error\">");
    let start = html.find(&marker)? + marker.len();
    let end = start + html[start..].find('<')?;
    Some(html[start..end].to_owned())
}

#[tokio::test]
async fn a_resident_answers_the_paged_survey_and_free_text_becomes_survey_inputs() {
    let app = app().await;
    let survey = published(&app, Template::Resident).await;
    let path = format!("/undersokelse/{}", survey.id);
    let browser = client();
    let (group, age, best, first, importance, ranking) = (
        code(&survey, "Hvem svarer du som"),
        code(&survey, "Hvor gammel"),
        code(&survey, "Hva er det beste"),
        code(&survey, "Hva bør omstillingsprogrammet gjøre først"),
        code(&survey, "Hvor viktig er hvert"),
        code(&survey, "Hvilke områder bør"),
    );

    let page1 = text(browser.get(app.url(&path)).send().await.unwrap(), 200).await;
    assert!(page1.contains("Side 1 av 3"), "progress on the first page");
    assert!(
        page1.contains("<legend"),
        "questions are fieldsets with legends"
    );

    // The required group left out: the page comes back with the message and the age kept.
    let refused = text(
        send(&app, &browser, &path, &page1, &[(&age, "30-44")], "neste").await,
        422,
    )
    .await;
    assert_eq!(
        message_at(&refused, &group).as_deref(),
        Some("Svar på dette spørsmålet.")
    );
    assert!(refused.contains("error-summary"));
    assert!(refused.contains("value=\"30-44\" checked"), "age kept");

    let page2 = text(
        send(
            &app,
            &browser,
            &path,
            &refused,
            &[(&group, "innbygger"), (&age, "30-44")],
            "neste",
        )
        .await,
        200,
    )
    .await;
    assert!(page2.contains("Side 2 av 3"));
    // Back to page 1 and the answers are still there.
    let back = text(
        send(&app, &browser, &path, &page2, &[], "forrige").await,
        200,
    )
    .await;
    assert!(back.contains("Side 1 av 3"));
    assert!(back.contains("value=\"innbygger\" checked"));
    // A browser sends the checked radios again.
    let page2 = text(
        send(
            &app,
            &browser,
            &path,
            &back,
            &[(&group, "innbygger"), (&age, "30-44")],
            "neste",
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        responses(&app, survey.id).await.len(),
        0,
        "nothing stored yet"
    );

    let page3 = text(
        send(
            &app,
            &browser,
            &path,
            &page2,
            &[(&best, "Naturen & fjorden <3")],
            "neste",
        )
        .await,
        200,
    )
    .await;
    assert!(page3.contains("Side 3 av 3"));
    let reiseliv = format!("{importance}.reiseliv");
    let sjomat = format!("{importance}.sjomat");
    let rank_first = format!("{ranking}.industri");
    let done = send(
        &app,
        &browser,
        &path,
        &page3,
        &[
            (&reiseliv, "5"),
            (&sjomat, "2"),
            (&rank_first, "1"),
            (&first, "Bygg ut gang- og sykkelvei til skolen."),
        ],
        "send",
    )
    .await;
    assert_redirect_to(&done, &format!("{path}/takk"));
    let thanks = text(
        browser
            .get(app.url(&format!("{path}/takk")))
            .send()
            .await
            .unwrap(),
        200,
    )
    .await;
    assert!(thanks.contains("Takk for svarene"));
    assert!(
        !thanks.contains("/intervju?"),
        "no interview offer for residents"
    );

    let stored = responses(&app, survey.id).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].stakeholder_group.as_deref(), Some("innbygger"));
    assert!(!stored[0].kiosk);
    let answers: innspill::surveys::Answers = serde_json::from_str(&stored[0].answers).unwrap();
    let by_code = |c: &str| answers.get(&survey.asked().find(|q| q.code == c).unwrap().id);
    assert_eq!(
        by_code(&age),
        Some(&Answer::Choice {
            code: "30-44".into(),
            other: None
        })
    );
    let Some(Answer::Themes(rated)) = by_code(&importance) else {
        panic!("theme importance stored");
    };
    assert_eq!(rated.get(&theme_id(&app, "reiseliv").await), Some(&5));
    assert_eq!(rated.get(&theme_id(&app, "sjomat").await), Some(&2));
    assert_eq!(rated.len(), 2);
    assert_eq!(
        by_code(&ranking),
        Some(&Answer::Ranking(vec![theme_id(&app, "industri").await]))
    );

    // Both free texts became published survey inputs, tied to the answers.
    let inputs = input::Entity::find()
        .filter(input::Column::Channel.eq(Channel::Survey))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(inputs.len(), 2);
    let Some(Answer::Text { text: said, input }) = by_code(&best) else {
        panic!("text stored");
    };
    assert_eq!(said, "Naturen & fjorden <3");
    let linked = inputs.iter().find(|i| Some(i.id) == *input).unwrap();
    assert_eq!(linked.body, "Naturen & fjorden <3");
    assert_eq!(linked.stakeholder_group, "innbygger");
    assert!(linked.contact_id.is_none(), "anonymous");

    // The same browser is told it has answered, and cannot answer again.
    let again = text(browser.get(app.url(&path)).send().await.unwrap(), 200).await;
    assert!(again.contains("allerede svart"));
    let resent = send(&app, &browser, &path, &page3, &[], "send").await;
    assert_eq!(resent.status(), 409);
    assert_eq!(responses(&app, survey.id).await.len(), 1);
    // Another browser may.
    let other = text(client().get(app.url(&path)).send().await.unwrap(), 200).await;
    assert!(other.contains("Side 1 av 3"));
}

#[tokio::test]
async fn bad_answers_get_a_message_at_their_field_and_nothing_is_stored() {
    let app = app().await;
    let survey = published(&app, Template::Business).await;
    let path = format!("/undersokelse/{}", survey.id);
    let browser = client();
    let (role, industry, size, change) = (
        code(&survey, "Hvilken rolle"),
        code(&survey, "Hvilken bransje"),
        code(&survey, "Hvor mange ansatte"),
        code(&survey, "Omtrent hvor mange"),
    );
    let page1 = text(browser.get(app.url(&path)).send().await.unwrap(), 200).await;
    let refused = text(
        send(
            &app,
            &browser,
            &path,
            &page1,
            &[
                (&role, "eier"),
                (&industry, "W"),
                (&size, "10-19"),
                (&change, "mange"),
            ],
            "neste",
        )
        .await,
        422,
    )
    .await;
    assert_eq!(
        message_at(&refused, &role).as_deref(),
        Some("Velg et av alternativene.")
    );
    assert_eq!(
        message_at(&refused, &industry).as_deref(),
        Some("Velg et av alternativene.")
    );
    assert!(
        message_at(&refused, &change)
            .unwrap()
            .contains("Skriv et tall")
    );
    assert!(message_at(&refused, &size).is_none());
    assert!(
        refused.contains("value=\"mange\""),
        "the typed value is kept"
    );

    let out_of_range = text(
        send(
            &app,
            &browser,
            &path,
            &page1,
            &[
                (&role, "naeringsdrivende"),
                (&industry, "C"),
                (&size, "10-19"),
                (&change, "20000"),
            ],
            "neste",
        )
        .await,
        422,
    )
    .await;
    assert!(
        message_at(&out_of_range, &change)
            .unwrap()
            .contains("utenfor")
    );

    // A valid first page, then a hidden answer altered before the last page:
    // the last page checks everything again and sends the respondent back.
    let page2 = text(
        send(
            &app,
            &browser,
            &path,
            &page1,
            &[
                (&role, "naeringsdrivende"),
                (&industry, "C"),
                (&size, "10-19"),
                (&change, "-2,5"),
            ],
            "neste",
        )
        .await,
        200,
    )
    .await;
    let page3 = text(send(&app, &browser, &path, &page2, &[], "neste").await, 200).await;
    let ranking = code(&survey, "Hvilke områder bør");
    let gap = text(
        send(
            &app,
            &browser,
            &path,
            &page3,
            &[
                (&format!("{ranking}.reiseliv"), "1"),
                (&format!("{ranking}.sjomat"), "3"),
            ],
            "neste",
        )
        .await,
        422,
    )
    .await;
    assert_eq!(
        message_at(&gap, &format!("{ranking}.sjomat")).as_deref(),
        Some("Gi plassene i rekkefølge fra 1, uten hull og uten å bruke samme plass to ganger.")
    );
    let page4 = text(send(&app, &browser, &path, &page3, &[], "neste").await, 200).await;
    let tampered = page4.replace("value=\"C\"", "value=\"Z\"");
    let sent_back = text(
        send(&app, &browser, &path, &tampered, &[], "send").await,
        422,
    )
    .await;
    assert!(sent_back.contains("Side 1 av 4"));
    assert!(message_at(&sent_back, &industry).is_some());
    assert_eq!(responses(&app, survey.id).await.len(), 0);
    let survey_inputs = input::Entity::find()
        .filter(input::Column::Channel.eq(Channel::Survey))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(survey_inputs, 0);

    // Sent as it was, it is stored once, however often it is sent.
    let first = send(&app, &browser, &path, &page4, &[], "send").await;
    assert_redirect_to(&first, &format!("{path}/takk"));
    let stored = responses(&app, survey.id).await;
    assert_eq!(stored.len(), 1);
    let answers: innspill::surveys::Answers = serde_json::from_str(&stored[0].answers).unwrap();
    let change_id = survey.asked().find(|q| q.code == change).unwrap().id;
    assert_eq!(answers.get(&change_id), Some(&Answer::Number(-2.5)));
    assert_eq!(
        stored[0].stakeholder_group.as_deref(),
        Some("naeringsdrivende")
    );
}

#[tokio::test]
async fn the_business_survey_leads_into_the_interview_registration_with_its_answers() {
    let app = app().await;
    let survey = published(&app, Template::Business).await;
    let path = format!("/undersokelse/{}", survey.id);
    let (role, industry, size, importance, interest) = (
        code(&survey, "Hvilken rolle"),
        code(&survey, "Hvilken bransje"),
        code(&survey, "Hvor mange ansatte"),
        code(&survey, "Hvor viktig er hvert"),
        code(&survey, "Er bedriften interessert"),
    );
    let run = async |interested: &str| {
        let browser = client();
        let page1 = text(browser.get(app.url(&path)).send().await.unwrap(), 200).await;
        let first = [
            (role.as_str(), "naeringsdrivende"),
            (industry.as_str(), "C"),
            (size.as_str(), "10-19"),
        ];
        let page2 = text(
            send(&app, &browser, &path, &page1, &first, "neste").await,
            200,
        )
        .await;
        let page3 = text(send(&app, &browser, &path, &page2, &[], "neste").await, 200).await;
        let high = format!("{importance}.industri");
        let low = format!("{importance}.reiseliv");
        let page4 = text(
            send(
                &app,
                &browser,
                &path,
                &page3,
                &[(&high, "5"), (&low, "1")],
                "neste",
            )
            .await,
            200,
        )
        .await;
        let done = send(
            &app,
            &browser,
            &path,
            &page4,
            &[(&interest, interested)],
            "send",
        )
        .await;
        assert_redirect_to(&done, &format!("{path}/takk"));
        let thanks = browser
            .get(app.url(&format!("{path}/takk")))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        (browser, thanks)
    };

    let (browser, thanks) = run("ja").await;
    let start = thanks.find("/intervju?").expect("an interview link");
    let end = start + thanks[start..].find('"').unwrap();
    let link = unescape(&thanks[start..end]);
    let industri = theme_id(&app, "industri").await.to_string();
    assert!(link.contains("industry=C"), "{link}");
    assert!(link.contains("size_band=10-19"), "{link}");
    assert!(link.contains(&industri), "{link}");
    assert!(
        !link.contains(&theme_id(&app, "reiseliv").await.to_string()),
        "a theme rated 1 is not carried"
    );
    let form = text(browser.get(app.url(&link)).send().await.unwrap(), 200).await;
    assert!(
        form.contains("<option value=\"C\" selected"),
        "industry chosen"
    );
    assert!(
        form.contains("<option value=\"10-19\" selected"),
        "size chosen"
    );
    assert!(
        form.contains(&format!("value=\"{industri}\" checked")),
        "theme ticked"
    );

    let (_, declined) = run("nei").await;
    assert!(!declined.contains("/intervju?"), "no offer after a no");
    assert_eq!(responses(&app, survey.id).await.len(), 2);
}

#[tokio::test]
async fn a_kiosk_link_takes_response_after_response_from_one_browser() {
    let app = app().await;
    let survey = published(&app, Template::Resident).await;
    let token = builder::open_kiosk(&app.db, None, survey.id).await.unwrap();
    let path = format!("/undersokelse/{}/kiosk/{}", survey.id, token.expose());
    let group = code(&survey, "Hvem svarer du som");
    let browser = client();
    for _ in 0..2 {
        let mut page = text(browser.get(app.url(&path)).send().await.unwrap(), 200).await;
        let mut answers = vec![(group.as_str(), "ungdom")];
        for action in ["neste", "neste"] {
            page = text(
                send(&app, &browser, &path, &page, &answers, action).await,
                200,
            )
            .await;
            answers.clear();
        }
        let done = send(&app, &browser, &path, &page, &[], "send").await;
        assert_redirect_to(&done, &format!("{path}/takk"));
        let thanks = text(
            browser
                .get(app.url(&format!("{path}/takk")))
                .send()
                .await
                .unwrap(),
            200,
        )
        .await;
        assert!(
            thanks.contains(&format!("href=\"{path}\"")),
            "a fresh start"
        );
    }
    let stored = responses(&app, survey.id).await;
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|r| r.kiosk));

    // The public address still takes this browser's own response.
    let public = format!("/undersokelse/{}", survey.id);
    let page = text(browser.get(app.url(&public)).send().await.unwrap(), 200).await;
    assert!(page.contains("Side 1 av 3"));

    let wrong = format!("/undersokelse/{}/kiosk/feil", survey.id);
    assert_eq!(
        browser.get(app.url(&wrong)).send().await.unwrap().status(),
        404
    );
    builder::close_kiosk(&app.db, None, survey.id)
        .await
        .unwrap();
    assert_eq!(
        browser.get(app.url(&path)).send().await.unwrap().status(),
        404
    );
}

#[tokio::test]
async fn drafts_closed_and_unopened_surveys_take_no_answers() {
    let app = app().await;
    let draft = service::templates::create_from(&app.db, None, Template::Resident)
        .await
        .unwrap();
    let browser = client();
    let status = |path: String| {
        let browser = browser.clone();
        let url = app.url(&path);
        async move { browser.get(url).send().await.unwrap() }
    };
    assert_eq!(status(format!("/undersokelse/{draft}")).await.status(), 404);
    assert_eq!(
        status("/undersokelse/ikke-en-id".into()).await.status(),
        404
    );

    let survey = published(&app, Template::Resident).await;
    let path = format!("/undersokelse/{}", survey.id);
    let page = text(status(path.clone()).await, 200).await;

    builder::set_dates(
        &app.db,
        None,
        survey.id,
        Some(chrono::Utc::now() + chrono::TimeDelta::days(2)),
        None,
    )
    .await
    .unwrap();
    let early = text(status(path.clone()).await, 200).await;
    assert!(early.contains("ikke åpnet ennå"));

    builder::set_dates(&app.db, None, survey.id, None, None)
        .await
        .unwrap();
    builder::set_status(&app.db, None, survey.id, SurveyStatus::Closed)
        .await
        .unwrap()
        .unwrap();
    let closed = text(status(path.clone()).await, 200).await;
    assert!(closed.contains("avsluttet"));
    let group = code(&survey, "Hvem svarer du som");
    let refused = send(
        &app,
        &browser,
        &path,
        &page,
        &[(&group, "innbygger")],
        "neste",
    )
    .await;
    assert_eq!(refused.status(), 409);
    assert_eq!(responses(&app, survey.id).await.len(), 0);
}
