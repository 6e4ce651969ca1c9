//! The staff interview pages over HTTP: the businesses, one business, the
//! guide editor and the interview record; who may read and who may change.
//! Slots and series are in `interviews_slot_pages.rs`.

use std::time::Duration;

use innspill::domain::{Email, OrgNumber, Phone};
use innspill::entities::business::{self, Format, Status};
use innspill::entities::input::{self, Channel};
use innspill::entities::user::Role;
use innspill::entities::{audit_log, input_theme, interview_answer, interview_question, theme};
use innspill::interviews::service::{self, Registration};
use innspill::web::Lang;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::common::staff::{signed_in, submit};
use crate::common::{TestApp, spawn_app_with};

pub(crate) async fn app() -> TestApp {
    spawn_app_with(|s| s.form_min_time = Duration::ZERO).await
}

/// A business registered through the service, as the public form does.
pub(crate) async fn register(app: &TestApp, org: &str, name: &str, email: &str) -> Uuid {
    service::register(
        &app.db,
        Registration {
            org_number: OrgNumber::parse(org).unwrap(),
            name: name.to_owned(),
            industry: 'C',
            employees: Some(12),
            size_band: None,
            contact_name: "Kari Nordmann".to_owned(),
            email: Email::parse(email).unwrap(),
            phone: Some(Phone::parse("912 34 567").unwrap()),
            themes: Vec::new(),
            message: Some("Vi vil gjerne snakke om kai og næringsareal.".to_owned()),
            format: Format::AtCompany,
            language: Lang::Nb,
            idempotency_key: None,
        },
        None,
    )
    .await
    .unwrap()
    .business_id
}

pub(crate) async fn page(app: &TestApp, client: &reqwest::Client, path: &str) -> (u16, String) {
    let response = client.get(app.url(path)).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn status_of(app: &TestApp, id: Uuid) -> Status {
    business::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .status
}

async fn two_themes(app: &TestApp) -> Vec<theme::Model> {
    let file = std::fs::File::open(crate::common::demo_data_dir().join("themes.csv")).unwrap();
    innspill::themes::service::import_csv(&app.db, None, file)
        .await
        .unwrap();
    innspill::themes::service::list_active(&app.db)
        .await
        .unwrap()
        .into_iter()
        .take(2)
        .collect()
}

#[tokio::test]
async fn every_interview_page_renders_for_an_editor_with_the_contact_details() {
    let app = app().await;
    let id = register(&app, "974760673", "Fjordfisk AS", "kari@fjordfisk.no").await;
    let (staff, me) = signed_in(&app, Role::Facilitator).await;
    let day = chrono::Utc::now() + chrono::Duration::days(10);
    let slot = service::create_slots(
        &app.db,
        &[(day, day + chrono::Duration::minutes(45))],
        &service::Place {
            location: Some("Rådhuset, møterom 2".into()),
            online_url: None,
            facilitator_id: Some(me.id),
        },
        me.id,
    )
    .await
    .unwrap()[0];
    let question = innspill::interviews::guide::questions(&app.db, false)
        .await
        .unwrap()[0]
        .id;

    let (status, list) = page(&app, &staff, "/admin/intervjuer").await;
    assert_eq!(status, 200);
    assert!(
        list.contains("Fjordfisk AS") && list.contains("Industri"),
        "{list}"
    );
    assert!(list.contains("12 ansatte") && list.contains("Hos oss i bedriften"));
    assert!(
        list.contains("href=\"/admin/intervjuer\""),
        "the section is in the shell"
    );
    let (_, detail) = page(&app, &staff, &format!("/admin/intervjuer/{id}")).await;
    assert!(
        detail.contains("Kari Nordmann")
            && detail.contains("kari@fjordfisk.no")
            && detail.contains("+4791234567"),
        "{detail}"
    );
    assert!(detail.contains(&slot.to_string()), "the free slot to book");
    for path in [
        "/admin/intervjuer?status=registered&bransje=C".to_owned(),
        "/admin/intervjuer/tider".to_owned(),
        "/admin/intervjuer/tider/ny".to_owned(),
        "/admin/intervjuer/tider/serie".to_owned(),
        format!("/admin/intervjuer/tider/{slot}"),
        "/admin/intervjuer/guide".to_owned(),
        format!("/admin/intervjuer/guide/{question}"),
        format!("/admin/intervjuer/{id}/intervju"),
    ] {
        let (status, html) = page(&app, &staff, &path).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains("<h1"), "{path}");
    }
    let (_, filtered) = page(&app, &staff, "/admin/intervjuer?status=declined").await;
    assert!(!filtered.contains("Fjordfisk AS"), "the tab filters");
}

#[tokio::test]
async fn an_observer_reads_the_lists_without_contact_details_and_cannot_change_anything() {
    let app = app().await;
    let id = register(&app, "974760673", "Fjordfisk AS", "kari@fjordfisk.no").await;
    let (observer, _) = signed_in(&app, Role::Observer).await;
    let (status, list) = page(&app, &observer, "/admin/intervjuer").await;
    assert_eq!(status, 200);
    assert!(list.contains("Fjordfisk AS"));
    let (status, detail) = page(&app, &observer, &format!("/admin/intervjuer/{id}")).await;
    assert_eq!(status, 200);
    assert!(detail.contains("Fjordfisk AS"));
    for personal in [
        "Kari Nordmann",
        "kari@fjordfisk.no",
        "+4791234567",
        "næringsareal",
    ] {
        assert!(
            !detail.contains(personal),
            "{personal} shown to an observer"
        );
    }
    for path in ["/admin/intervjuer/tider", "/admin/intervjuer/guide"] {
        assert_eq!(page(&app, &observer, path).await.0, 200, "{path}");
    }
    for path in [
        format!("/admin/intervjuer/{id}/intervju"),
        "/admin/intervjuer/tider/ny".to_owned(),
        "/admin/intervjuer/tider/serie".to_owned(),
    ] {
        assert_eq!(page(&app, &observer, &path).await.0, 403, "{path}");
    }
    let base = format!("/admin/intervjuer/{id}");
    let question = Uuid::now_v7().to_string();
    for (action, fields) in [
        (format!("{base}/status"), vec![("status", "declined")]),
        (format!("{base}/slett-kontakt"), vec![]),
        (format!("{base}/avlys"), vec![]),
        (format!("{base}/intervju"), vec![("summary", "Hei")]),
        (format!("{base}/intervju/funn"), vec![("finding", "Hei")]),
        (
            "/admin/intervjuer/guide".to_owned(),
            vec![("topic", "markets"), ("text", "Hvem er kundene?")],
        ),
        (
            "/admin/intervjuer/tider".to_owned(),
            vec![
                ("date", "2031-04-01"),
                ("start_time", "09:00"),
                ("length", "45"),
            ],
        ),
        (
            format!("/admin/intervjuer/guide/{question}/aktiv"),
            vec![("active", "nei")],
        ),
    ] {
        let response = submit(&app, &observer, "/admin/intervjuer", &action, &fields).await;
        assert_eq!(response.status(), 403, "{action}");
    }
    assert_eq!(status_of(&app, id).await, Status::Registered);
    let kept = business::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(kept.contact_id.is_some(), "the contact is not erased");
    assert_eq!(
        innspill::entities::interview_slot::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test]
async fn forms_without_their_csrf_token_are_refused_and_change_nothing() {
    let app = app().await;
    let id = register(&app, "974760673", "Fjordfisk AS", "kari@fjordfisk.no").await;
    let (staff, _) = signed_in(&app, Role::Facilitator).await;
    page(&app, &staff, "/admin/intervjuer").await;
    let base = format!("/admin/intervjuer/{id}");
    let questions = interview_question::Entity::find()
        .count(&app.db)
        .await
        .unwrap();
    for (action, fields) in [
        (format!("{base}/status"), vec![("status", "declined")]),
        (format!("{base}/slett-kontakt"), vec![]),
        (
            "/admin/intervjuer/guide".to_owned(),
            vec![("topic", "markets"), ("text", "Hvem er kundene?")],
        ),
        (
            "/admin/intervjuer/tider/serie".to_owned(),
            vec![("days", "2031-04-01"), ("first", "09:00")],
        ),
        (format!("{base}/intervju/funn"), vec![("finding", "Hei")]),
    ] {
        let response = staff
            .post(app.url(&action))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{action}");
        let mut wrong = fields.clone();
        wrong.push(("csrf_token", "feil"));
        let response = staff
            .post(app.url(&action))
            .form(&wrong)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{action} with a wrong token");
    }
    assert_eq!(status_of(&app, id).await, Status::Registered);
    assert_eq!(
        interview_question::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        questions
    );
    assert_eq!(input::Entity::find().count(&app.db).await.unwrap(), 0);
}

async fn guide(app: &TestApp) -> Vec<interview_question::Model> {
    interview_question::Entity::find()
        .order_by_asc(interview_question::Column::Position)
        .all(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_guide_editor_adds_changes_moves_and_switches_questions_off() {
    let app = app().await;
    let (staff, _) = signed_in(&app, Role::Facilitator).await;
    let before = guide(&app).await.len();
    let path = "/admin/intervjuer/guide";

    // Bad input: messages at the fields, the text kept, nothing stored.
    let response = submit(
        &app,
        &staff,
        path,
        path,
        &[("topic", "vær"), ("text", "  "), ("help", "Tips")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Velg et emne fra listen.") && html.contains("Skriv spørsmålet"),
        "{html}"
    );
    assert!(html.contains(">Tips</textarea>"), "the help text is kept");
    assert_eq!(guide(&app).await.len(), before);

    for text in ["Hvem er kundene deres i dag?", "Hva trenger dere av areal?"] {
        let response = submit(
            &app,
            &staff,
            path,
            path,
            &[("topic", "markets"), ("text", text), ("help", "")],
        )
        .await;
        assert_eq!(response.status(), 303);
    }
    let all = guide(&app).await;
    assert_eq!(all.len(), before + 2);
    let (first, second) = (all[before].clone(), all[before + 1].clone());
    assert_eq!(second.text, "Hva trenger dere av areal?");

    let edit = format!("{path}/{}", second.id);
    let response = submit(
        &app,
        &staff,
        &edit,
        &edit,
        &[
            ("topic", "premises"),
            ("text", "Hva trenger dere av areal og lokaler?"),
            ("help", "Spør om kai."),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let response = submit(
        &app,
        &staff,
        path,
        &format!("{edit}/flytt"),
        &[("direction", "opp")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let response = submit(
        &app,
        &staff,
        path,
        &format!("{path}/{}/aktiv", first.id),
        &[("active", "nei")],
    )
    .await;
    assert_eq!(response.status(), 303);

    let all = guide(&app).await;
    assert_eq!(all[before].id, second.id, "moved up one place");
    assert_eq!(all[before + 1].id, first.id);
    assert_eq!(all[before].topic, "premises");
    assert_eq!(all[before].help.as_deref(), Some("Spør om kai."));
    assert!(!all[before + 1].active, "switched off");
    let (_, html) = page(&app, &staff, path).await;
    assert!(
        html.contains("Slått av") && html.contains("Slå på"),
        "{html}"
    );
}

#[tokio::test]
async fn the_record_keeps_answers_and_findings_become_tagged_interview_inputs() {
    let app = app().await;
    let id = register(&app, "974760673", "Fjordfisk AS", "kari@fjordfisk.no").await;
    let themes = two_themes(&app).await;
    let (staff, me) = signed_in(&app, Role::Facilitator).await;
    let questions = innspill::interviews::guide::questions(&app.db, false)
        .await
        .unwrap();
    let (q1, q2) = (questions[0].clone(), questions[1].clone());
    let path = format!("/admin/intervjuer/{id}/intervju");
    let (status, html) = page(&app, &staff, &path).await;
    assert_eq!(status, 200);
    assert!(html.contains(&q1.text), "the guide's questions are asked");
    let a1 = format!("svar-{}", q1.id);
    let a2 = format!("svar-{}", q2.id);

    // A bad number: the message at the field, the answers kept, nothing saved.
    let response = submit(
        &app,
        &staff,
        &path,
        &path,
        &[
            (&a1, "Mest turister om sommeren."),
            ("employee_change", "mange"),
            ("action", "lagre"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Skriv et helt tall") && html.contains("Mest turister om sommeren."),
        "{html}"
    );
    assert_eq!(
        interview_answer::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );

    let response = submit(
        &app,
        &staff,
        &path,
        &path,
        &[
            (&a1, "Mest turister om sommeren."),
            (&a2, "Mer kaiplass."),
            ("summary", "Vil vokse."),
            ("employee_change", "-2"),
            ("action", "lagre"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let record = service::record_of(&app.db, id).await.unwrap().unwrap();
    assert_eq!(record.employee_change, Some(-2));
    assert_eq!(record.summary.as_deref(), Some("Vil vokse."));
    let answers = service::answers(&app.db, record.id).await.unwrap();
    assert_eq!(answers.len(), 2);
    assert_eq!(
        status_of(&app, id).await,
        Status::Registered,
        "saving is not completing"
    );

    // A question switched off later: its answer is still shown, read-only.
    let text = innspill::interviews::guide::QuestionText {
        topic: "markets",
        text: q2.text.clone(),
        help: None,
    };
    innspill::interviews::guide::update_question(&app.db, q2.id, &text, false, me.id)
        .await
        .unwrap();
    let (_, html) = page(&app, &staff, &path).await;
    assert!(
        html.contains("Mer kaiplass.") && !html.contains(&a2),
        "{html}"
    );
    assert!(html.contains(">Mest turister om sommeren.</textarea>"));

    // A finding with two themes becomes an interview input with those tags.
    let (t1, t2) = (themes[0].id.to_string(), themes[1].id.to_string());
    let response = submit(
        &app,
        &staff,
        &path,
        &format!("{path}/funn"),
        &[
            ("finding", "Mangler kaiplass for større båter."),
            ("themes", &t1),
            ("themes", &t2),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let response = submit(
        &app,
        &staff,
        &path,
        &format!("{path}/funn"),
        &[("finding", "Vil ansette lærlinger.")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let inputs = input::Entity::find()
        .filter(input::Column::Channel.eq(Channel::Interview))
        .order_by_asc(input::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(inputs.len(), 2);
    assert_eq!(inputs[0].body, "Mangler kaiplass for større båter.");
    let mut tagged: Vec<Uuid> = input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(inputs[0].id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.theme_id)
        .collect();
    tagged.sort();
    let mut expected = vec![themes[0].id, themes[1].id];
    expected.sort();
    assert_eq!(tagged, expected);
    let (_, html) = page(&app, &staff, &path).await;
    assert!(
        html.contains("Mangler kaiplass for større båter.") && html.contains(&themes[0].name_nb),
        "{html}"
    );

    // An empty finding is refused at the field.
    let response = submit(
        &app,
        &staff,
        &path,
        &format!("{path}/funn"),
        &[("finding", " ")],
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(response.text().await.unwrap().contains("Skriv funnet"));

    // Deleting one removes its input.
    let delete = format!("{path}/funn/{}/slett", inputs[1].id);
    assert_eq!(
        submit(&app, &staff, &path, &delete, &[]).await.status(),
        303
    );
    assert_eq!(
        input::Entity::find()
            .filter(input::Column::Channel.eq(Channel::Interview))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );

    // Marking the interview held makes the business interviewed.
    let response = submit(
        &app,
        &staff,
        &path,
        &path,
        &[
            (&a1, "Mest turister om sommeren."),
            ("employee_change", "-2"),
            ("action", "fullfor"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(status_of(&app, id).await, Status::Interviewed);
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("interview.complete"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(logged, 1);
    let (_, html) = page(&app, &staff, &format!("/admin/intervjuer/{id}")).await;
    assert!(html.contains("Intervjuet"), "{html}");
}

#[tokio::test]
async fn a_facilitator_declines_reopens_and_erases_the_contact() {
    let app = app().await;
    let id = register(&app, "974760673", "Fjordfisk AS", "kari@fjordfisk.no").await;
    let (staff, _) = signed_in(&app, Role::Facilitator).await;
    let base = format!("/admin/intervjuer/{id}");
    let response = submit(
        &app,
        &staff,
        &base,
        &format!("{base}/status"),
        &[("status", "declined")],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(status_of(&app, id).await, Status::Declined);
    let response = submit(
        &app,
        &staff,
        &base,
        &format!("{base}/status"),
        &[("status", "interviewed")],
    )
    .await;
    assert_eq!(response.status(), 422, "interviewed comes from the record");
    let response = submit(
        &app,
        &staff,
        &base,
        &format!("{base}/status"),
        &[("status", "registered")],
    )
    .await;
    assert_eq!(response.status(), 303);
    assert_eq!(status_of(&app, id).await, Status::Registered);

    let response = submit(&app, &staff, &base, &format!("{base}/slett-kontakt"), &[]).await;
    assert_eq!(response.status(), 303);
    let (_, html) = page(&app, &staff, &base).await;
    assert!(
        !html.contains("kari@fjordfisk.no") && html.contains("Kontaktopplysningene er slettet."),
        "{html}"
    );
    let kept = business::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.contact_id, None);
}
