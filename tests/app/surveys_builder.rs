//! The survey builder: creating surveys (blank and from the templates),
//! editing sections and questions within the rules that keep collected
//! answers readable, publishing, the kiosk link, and who may do what.

use innspill::entities::user::Role;
use innspill::entities::{audit_log, survey};
use innspill::interviews::{industry, size};
use innspill::surveys::service::builder::{self, NewSurvey, QuestionFields};
use innspill::surveys::service::editing::{self, Moving, OptionEdit, QuestionEdit, Refusal};
use innspill::surveys::service::load;
use innspill::surveys::service::templates::{self, Template};
use innspill::surveys::{Audience, Kind, Survey, SurveyStatus};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

use crate::common::staff::{signed_in, submit};
use crate::common::{TestApp, assert_redirect_to, spawn_app};

async fn get(app: &TestApp, id: Uuid) -> Survey {
    load::get(&app.db, id).await.unwrap().unwrap()
}

async fn audits(app: &TestApp, action: &str) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .count(&app.db)
        .await
        .unwrap()
}

async fn blank(app: &TestApp) -> Uuid {
    builder::create(
        &app.db,
        None,
        NewSurvey {
            title: "Prøve".into(),
            intro: None,
            audience: Audience::General,
            paged: false,
            offer_interview: false,
        },
        "Del 1",
    )
    .await
    .unwrap()
}

fn choice(kind: Kind, prompt: &str, labels: &[&str]) -> QuestionEdit {
    QuestionEdit {
        fields: QuestionFields::new(kind, prompt),
        options: labels.iter().map(|l| OptionEdit::new(l)).collect(),
    }
}

/// The edit that leaves a question as it is.
fn unchanged(survey: &Survey, id: Uuid) -> QuestionEdit {
    let q = survey.question(id).unwrap();
    QuestionEdit {
        fields: QuestionFields {
            kind: q.kind,
            prompt: q.prompt.clone(),
            help: q.help.clone(),
            required: q.required,
            options: Vec::new(),
            allow_other: q.allow_other,
            scale_low: q.scale_low.clone(),
            scale_high: q.scale_high.clone(),
            min_value: q.min_value,
            max_value: q.max_value,
            role: q.role,
            as_input: q.as_input,
        },
        options: q
            .options
            .iter()
            .map(|o| OptionEdit {
                code: Some(o.code.clone()),
                label: o.label.clone(),
                hidden: o.hidden,
            })
            .collect(),
    }
}

async fn first_section(app: &TestApp, id: Uuid) -> Uuid {
    get(app, id).await.sections[0].id
}

async fn add(app: &TestApp, survey: Uuid, edit: QuestionEdit) -> Uuid {
    let section = first_section(app, survey).await;
    editing::add_question(&app.db, None, survey, section, edit)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn a_facilitator_creates_a_blank_survey_and_one_from_each_template() {
    let app = spawn_app().await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let list = "/admin/undersokelser";
    let response = submit(
        &app,
        &client,
        list,
        list,
        &[("title", "Ungdomsundersøkelse"), ("audience", "resident")],
    )
    .await;
    assert_eq!(response.status(), 303);
    let blank_id = survey::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_redirect_to(&response, &format!("/admin/undersokelser/{blank_id}"));
    let blank = get(&app, blank_id).await;
    assert_eq!(
        (blank.title.as_str(), blank.audience, blank.status),
        (
            "Ungdomsundersøkelse",
            Audience::Resident,
            SurveyStatus::Draft
        )
    );
    assert_eq!(blank.sections.len(), 1);

    for template in ["resident", "business"] {
        let response = submit(
            &app,
            &client,
            list,
            "/admin/undersokelser/mal",
            &[("template", template)],
        )
        .await;
        assert_eq!(response.status(), 303, "{template}");
    }
    let all = load::list(&app.db).await.unwrap();
    assert_eq!(all.len(), 3);
    let business = all
        .iter()
        .find(|l| l.survey.audience == "business")
        .unwrap();
    let business = get(&app, business.survey.id).await;
    assert!(business.offer_interview);
    let industry_q = business
        .question_by_role(innspill::surveys::Role::Industry)
        .unwrap();
    let codes: Vec<String> = industry_q.options.iter().map(|o| o.code.clone()).collect();
    let sections: Vec<String> = industry::SECTIONS.iter().map(char::to_string).collect();
    assert_eq!(codes.len(), 22);
    assert_eq!(codes, sections);
    let size_q = business
        .question_by_role(innspill::surveys::Role::Size)
        .unwrap();
    let bands: Vec<&str> = size_q.options.iter().map(|o| o.code.as_str()).collect();
    assert_eq!(bands, size::BANDS.to_vec());
    assert!(
        all.iter()
            .any(|l| l.survey.audience == "resident" && l.survey.title != "Ungdomsundersøkelse")
    );
    assert_eq!(audits(&app, "survey.create").await, 3);

    // The list shows every survey with its status and response count.
    let page = client
        .get(app.url(list))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Ungdomsundersøkelse") && page.contains("Næringslivsundersøkelse"),
        "{page}"
    );
    assert!(page.contains("Utkast"));
}

#[tokio::test]
async fn a_survey_without_a_title_gets_a_message_and_nothing_is_created() {
    let app = spawn_app().await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let list = "/admin/undersokelser";
    let response = submit(
        &app,
        &client,
        list,
        list,
        &[("title", "  "), ("audience", "resident")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let page = response.text().await.unwrap();
    assert!(
        page.contains("Skriv en tittel.") && page.contains("error-summary-title"),
        "{page}"
    );
    assert!(page.contains("href=\"#title\""));
    assert_eq!(survey::Entity::find().count(&app.db).await.unwrap(), 0);
}

#[tokio::test]
async fn observers_read_the_builder_but_change_nothing() {
    let app = spawn_app().await;
    let id = templates::create_from(&app.db, None, Template::Resident)
        .await
        .unwrap();
    let question = get(&app, id).await.asked().next().unwrap().id;
    let (observer, _) = signed_in(&app, Role::Observer).await;
    for path in [
        "/admin/undersokelser".to_owned(),
        format!("/admin/undersokelser/{id}"),
        format!("/admin/undersokelser/{id}/forhandsvisning"),
    ] {
        let response = observer.get(app.url(&path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        let page = response.text().await.unwrap();
        assert!(page.contains("Innbyggerundersøkelse"), "{path}");
        assert!(
            !page.contains("/innstillinger\"") && !page.contains("Legg til et spørsmål"),
            "{path}: no forms"
        );
    }
    let editor_page = format!("/admin/undersokelser/{id}/sporsmal/{question}");
    assert_eq!(
        observer
            .get(app.url(&editor_page))
            .send()
            .await
            .unwrap()
            .status(),
        403
    );
    let list = "/admin/undersokelser";
    for (action, fields) in [
        (
            list.to_owned(),
            vec![("title", "Ny"), ("audience", "general")],
        ),
        (format!("{list}/{id}/status"), vec![("status", "published")]),
        (format!("{list}/{id}/sporsmal/{question}/slett"), vec![]),
        (format!("{list}/{id}/kiosk"), vec![]),
    ] {
        let response = submit(&app, &observer, list, &action, &fields).await;
        assert_eq!(response.status(), 403, "{action}");
    }
    let after = get(&app, id).await;
    assert_eq!(after.status, SurveyStatus::Draft);
    assert!(after.question(question).is_some());
    assert!(!after.kiosk_open);
    assert_eq!(survey::Entity::find().count(&app.db).await.unwrap(), 1);
}

#[tokio::test]
async fn a_form_without_the_csrf_token_is_refused() {
    let app = spawn_app().await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let id = blank(&app).await;
    let response = client
        .post(app.url("/admin/undersokelser"))
        .form(&[("title", "Ny"), ("audience", "general")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = client
        .post(app.url(&format!("/admin/undersokelser/{id}/deler")))
        .form(&[("csrf_token", "feil"), ("section_title", "Del 2")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(survey::Entity::find().count(&app.db).await.unwrap(), 1);
    assert_eq!(get(&app, id).await.sections.len(), 1);
}

#[tokio::test]
async fn a_published_survey_refuses_deleting_incompatible_kinds_and_removing_options_and_nothing_changes()
 {
    let app = spawn_app().await;
    let id = blank(&app).await;
    let q = add(
        &app,
        id,
        choice(Kind::SingleChoice, "Bor du her?", &["Ja", "Nei"]),
    )
    .await;
    let text = add(
        &app,
        id,
        QuestionEdit {
            fields: QuestionFields::new(Kind::ShortText, "Hvor?"),
            options: vec![],
        },
    )
    .await;
    builder::set_status(&app.db, None, id, SurveyStatus::Published)
        .await
        .unwrap()
        .unwrap();
    let before = get(&app, id).await;
    assert!(before.is_locked());

    let refused = editing::delete_question(&app.db, None, id, q)
        .await
        .unwrap();
    assert_eq!(refused, Err(Refusal::QuestionInUse));

    let mut to_number = unchanged(&before, q);
    to_number.fields.kind = Kind::Number;
    to_number.fields.prompt = "Endret".into();
    let refused = editing::update_question(&app.db, None, id, q, to_number)
        .await
        .unwrap();
    assert_eq!(refused, Err(Refusal::IncompatibleKind));

    let mut fewer = unchanged(&before, q);
    fewer.options.pop();
    fewer.fields.prompt = "Endret".into();
    let refused = editing::update_question(&app.db, None, id, q, fewer)
        .await
        .unwrap();
    assert_eq!(refused, Err(Refusal::OptionInUse));
    assert_eq!(get(&app, id).await, before, "a refusal changes nothing");
    assert_eq!(audits(&app, "survey.question_edit").await, 0);

    // What old answers survive is allowed: hiding an option, rewording it,
    // adding one, hiding the question, a text kind to the other.
    let mut allowed = unchanged(&before, q);
    allowed.options[1].hidden = true;
    allowed.options[0].label = "Ja, i kommunen".into();
    allowed.options.push(OptionEdit::new("Vet ikke"));
    editing::update_question(&app.db, None, id, q, allowed)
        .await
        .unwrap()
        .unwrap();
    let mut longer = unchanged(&before, text);
    longer.fields.kind = Kind::LongText;
    editing::update_question(&app.db, None, id, text, longer)
        .await
        .unwrap()
        .unwrap();
    editing::set_question_hidden(&app.db, None, id, q, true)
        .await
        .unwrap();
    let after = get(&app, id).await;
    let question = after.question(q).unwrap();
    let options: Vec<(&str, &str, bool)> = question
        .options
        .iter()
        .map(|o| (o.code.as_str(), o.label.as_str(), o.hidden))
        .collect();
    assert_eq!(
        options,
        [
            ("ja", "Ja, i kommunen", false),
            ("nei", "Nei", true),
            ("vet_ikke", "Vet ikke", false)
        ]
    );
    assert!(question.hidden);
    assert_eq!(after.question(text).unwrap().kind, Kind::LongText);
    editing::set_question_hidden(&app.db, None, id, q, false)
        .await
        .unwrap();
    assert!(!get(&app, id).await.question(q).unwrap().hidden);
    assert_eq!(audits(&app, "survey.question_edit").await, 2);
    assert_eq!(audits(&app, "survey.question_hide").await, 1);
    assert_eq!(audits(&app, "survey.question_unhide").await, 1);
}

#[tokio::test]
async fn in_a_draft_everything_may_be_deleted_and_codes_stay_and_are_never_reused() {
    let app = spawn_app().await;
    let id = blank(&app).await;
    let first = add(
        &app,
        id,
        choice(Kind::SingleChoice, "Bor du her?", &["Ja", "Nei"]),
    )
    .await;
    let second = add(
        &app,
        id,
        choice(Kind::MultipleChoice, "Hva trenger du?", &["Bolig", "Jobb"]),
    )
    .await;
    let survey = get(&app, id).await;
    assert_eq!(survey.question(first).unwrap().code, "q1");
    assert_eq!(survey.question(second).unwrap().code, "q2");

    editing::delete_question(&app.db, None, id, second)
        .await
        .unwrap()
        .unwrap();
    let third = add(
        &app,
        id,
        QuestionEdit {
            fields: QuestionFields::new(Kind::LongText, "Annet?"),
            options: vec![],
        },
    )
    .await;
    assert_eq!(
        get(&app, id).await.question(third).unwrap().code,
        "q3",
        "q2 is never given out again"
    );

    // In a draft an option may go and a kind may change freely; kept codes stay.
    let mut edit = unchanged(&get(&app, id).await, first);
    edit.options.remove(0);
    edit.options[0].label = "Nei, ikke nå".into();
    edit.options.push(OptionEdit::new("Nei"));
    edit.options.push(OptionEdit::new("Ja"));
    editing::update_question(&app.db, None, id, first, edit)
        .await
        .unwrap()
        .unwrap();
    let codes: Vec<String> = get(&app, id)
        .await
        .question(first)
        .unwrap()
        .options
        .iter()
        .map(|o| o.code.clone())
        .collect();
    assert_eq!(codes, ["nei", "nei_2", "ja_2"]);
    let mut number = unchanged(&get(&app, id).await, first);
    number.fields.kind = Kind::Number;
    editing::update_question(&app.db, None, id, first, number)
        .await
        .unwrap()
        .unwrap();
    let survey = get(&app, id).await;
    assert_eq!(survey.question(first).unwrap().kind, Kind::Number);
    assert!(survey.question(first).unwrap().options.is_empty());
    assert_eq!(survey.question(first).unwrap().code, "q1");
    assert_eq!(audits(&app, "survey.question_delete").await, 1);
    assert_eq!(audits(&app, "survey.question_add").await, 3);
}

#[tokio::test]
async fn roles_need_a_single_choice_and_belong_to_one_question_and_fill_their_options() {
    let app = spawn_app().await;
    let id = blank(&app).await;
    let mut group = choice(Kind::SingleChoice, "Hvem svarer du som?", &[]);
    group.fields.role = Some(innspill::surveys::Role::StakeholderGroup);
    let q = add(&app, id, group.clone()).await;
    let options = &get(&app, id).await.question(q).unwrap().options.clone();
    let codes: Vec<&str> = options.iter().map(|o| o.code.as_str()).collect();
    let groups: Vec<&str> = innspill::inputs::StakeholderGroup::ALL
        .iter()
        .map(|g| g.code())
        .collect();
    assert_eq!(codes, groups);
    let section = first_section(&app, id).await;
    let again = editing::add_question(&app.db, None, id, section, group.clone())
        .await
        .unwrap();
    assert_eq!(again, Err(Refusal::RoleTaken));
    group.fields.kind = Kind::MultipleChoice;
    let many = editing::add_question(&app.db, None, id, section, group)
        .await
        .unwrap();
    assert_eq!(many, Err(Refusal::RoleNeedsSingleChoice));
    let empty = editing::add_question(
        &app.db,
        None,
        id,
        section,
        choice(Kind::SingleChoice, "Tomt", &[]),
    )
    .await
    .unwrap();
    assert_eq!(empty, Err(Refusal::NoOptions));
    assert_eq!(get(&app, id).await.questions().count(), 1);
}

#[tokio::test]
async fn sections_and_questions_move_and_a_section_with_questions_is_not_deleted() {
    let app = spawn_app().await;
    let id = blank(&app).await;
    let a = add(&app, id, choice(Kind::SingleChoice, "A", &["x"])).await;
    let b = add(&app, id, choice(Kind::SingleChoice, "B", &["x"])).await;
    let second = editing::add_section(&app.db, None, id, "Del 2", None)
        .await
        .unwrap();
    let c = editing::add_question(
        &app.db,
        None,
        id,
        second,
        choice(Kind::SingleChoice, "C", &["x"]),
    )
    .await
    .unwrap()
    .unwrap();
    let order = |s: &Survey| {
        s.questions()
            .map(|q| (q.prompt.clone(), q.position))
            .collect::<Vec<_>>()
    };
    let named = |v: &[(&str, i32)]| {
        v.iter()
            .map(|(p, n)| (p.to_string(), *n))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        order(&get(&app, id).await),
        named(&[("A", 1), ("B", 2), ("C", 3)])
    );

    editing::move_one(&app.db, None, id, Moving::Question(b), -1)
        .await
        .unwrap();
    assert_eq!(
        order(&get(&app, id).await),
        named(&[("B", 1), ("A", 2), ("C", 3)])
    );
    // At the top already, or alone in its section: nothing moves.
    editing::move_one(&app.db, None, id, Moving::Question(b), -1)
        .await
        .unwrap();
    editing::move_one(&app.db, None, id, Moving::Question(c), 1)
        .await
        .unwrap();
    assert_eq!(
        order(&get(&app, id).await),
        named(&[("B", 1), ("A", 2), ("C", 3)])
    );

    editing::move_one(&app.db, None, id, Moving::Section(second), -1)
        .await
        .unwrap();
    let survey = get(&app, id).await;
    assert_eq!(survey.sections[0].id, second);
    assert_eq!(order(&survey), named(&[("C", 1), ("B", 2), ("A", 3)]));
    assert_eq!(audits(&app, "survey.section_move").await, 1);
    assert_eq!(audits(&app, "survey.question_move").await, 3);

    let refused = editing::delete_section(&app.db, None, id, second)
        .await
        .unwrap();
    assert_eq!(refused, Err(Refusal::SectionNotEmpty));
    let empty = editing::add_section(&app.db, None, id, "Tom", None)
        .await
        .unwrap();
    editing::delete_section(&app.db, None, id, empty)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(get(&app, id).await.sections.len(), 2);
    let _ = a;
}

#[tokio::test]
async fn publishing_asks_for_a_question_and_a_survey_closes_and_reopens() {
    let app = spawn_app().await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let id = blank(&app).await;
    let page = format!("/admin/undersokelser/{id}");
    let status = format!("{page}/status");
    let response = submit(&app, &client, &page, &status, &[("status", "published")]).await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("kan ikke publiseres før den stiller minst ett spørsmål"),
        "{body}"
    );
    assert_eq!(get(&app, id).await.status, SurveyStatus::Draft);

    let section = first_section(&app, id).await;
    let add = format!("{page}/sporsmal");
    let section_id = section.to_string();
    let response = submit(
        &app,
        &client,
        &page,
        &add,
        &[
            ("section", &section_id),
            ("kind", "long_text"),
            ("prompt", "Hva vil du si?"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let question = get(&app, id).await.questions().next().unwrap().clone();
    assert!(question.as_input, "a new long text becomes an input");
    assert_redirect_to(&response, &format!("{page}/sporsmal/{}", question.id));

    for (to, expected) in [
        ("published", SurveyStatus::Published),
        ("closed", SurveyStatus::Closed),
        ("published", SurveyStatus::Published),
    ] {
        let response = submit(&app, &client, &page, &status, &[("status", to)]).await;
        assert_eq!(response.status(), 303, "{to}");
        assert_eq!(get(&app, id).await.status, expected);
    }
    let body = client
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains(&format!("href=\"/undersokelse/{id}\"")),
        "the public link shows once published"
    );
    assert_eq!(audits(&app, "survey.status").await, 3);
}

#[tokio::test]
async fn a_kiosk_link_is_shown_once_and_stops_working_when_closed() {
    let app = spawn_app().await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let id = templates::create_from(&app.db, None, Template::Resident)
        .await
        .unwrap();
    builder::set_status(&app.db, None, id, SurveyStatus::Published)
        .await
        .unwrap()
        .unwrap();
    let page = format!("/admin/undersokelser/{id}");
    let response = submit(&app, &client, &page, &format!("{page}/kiosk"), &[]).await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    let marker = format!("/undersokelse/{id}/kiosk/");
    let start = body.find(&marker).expect("the link is shown") + marker.len();
    let token: String = body[start..].chars().take_while(|c| *c != '"').collect();
    assert!(builder::kiosk_matches(&app.db, id, &token).await.unwrap());
    let again = client
        .get(app.url(&page))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!again.contains(&token), "shown only once");
    assert!(get(&app, id).await.kiosk_open);

    let response = submit(&app, &client, &page, &format!("{page}/kiosk/lukk"), &[]).await;
    assert_eq!(response.status(), 303);
    assert!(!builder::kiosk_matches(&app.db, id, &token).await.unwrap());
    assert!(!get(&app, id).await.kiosk_open);
    assert_eq!(audits(&app, "survey.kiosk_open").await, 1);
    assert_eq!(audits(&app, "survey.kiosk_close").await, 1);
}

#[tokio::test]
async fn bad_question_input_and_refusals_get_messages_at_the_fields_and_change_nothing() {
    let app = spawn_app().await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let id = blank(&app).await;
    let q = add(
        &app,
        id,
        QuestionEdit {
            fields: QuestionFields::new(Kind::Number, "Hvor mange ansatte?"),
            options: vec![],
        },
    )
    .await;
    let editor = format!("/admin/undersokelser/{id}/sporsmal/{q}");
    let before = get(&app, id).await;
    let response = submit(
        &app,
        &client,
        &editor,
        &editor,
        &[
            ("kind", "number"),
            ("prompt", ""),
            ("min_value", "10"),
            ("max_value", "2,5"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    for message in [
        "Skriv spørsmålet.",
        "Største tall kan ikke være mindre enn minste tall.",
    ] {
        assert!(body.contains(message), "{message}: {body}");
    }
    assert!(body.contains("href=\"#prompt\"") && body.contains("href=\"#max_value\""));
    assert!(body.contains("id=\"max_value-error\""));
    assert_eq!(get(&app, id).await, before);

    builder::set_status(&app.db, None, id, SurveyStatus::Published)
        .await
        .unwrap()
        .unwrap();
    let before = get(&app, id).await;
    let response = submit(
        &app,
        &client,
        &editor,
        &editor,
        &[("kind", "long_text"), ("prompt", "Hvor mange?")],
    )
    .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    assert!(
        body.contains("svarene som er gitt passer ikke til denne typen"),
        "{body}"
    );
    assert!(body.contains("href=\"#kind\""));
    assert_eq!(get(&app, id).await, before);

    let delete = format!("{editor}/slett");
    let page = format!("/admin/undersokelser/{id}");
    let response = submit(&app, &client, &page, &delete, &[]).await;
    assert_eq!(response.status(), 409);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("kan ikke slettes. Skjul det i stedet.")
    );
    assert_eq!(get(&app, id).await, before);

    let response = submit(
        &app,
        &client,
        &editor,
        &editor,
        &[
            ("kind", "number"),
            ("prompt", "Hvor mange ansatte har dere?"),
            ("min_value", "0"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let saved = get(&app, id).await;
    assert_eq!(
        saved.question(q).unwrap().prompt,
        "Hvor mange ansatte har dere?"
    );
    assert_eq!(saved.question(q).unwrap().min_value, Some(0.0));
}

#[tokio::test]
async fn every_builder_page_renders_in_each_language() {
    let app = spawn_app().await;
    let (client, _) = signed_in(&app, Role::Admin).await;
    let id = templates::create_from(&app.db, None, Template::Business)
        .await
        .unwrap();
    let survey = get(&app, id).await;
    let section = survey.sections[0].id;
    let mut paths = vec![
        "/admin/undersokelser".to_owned(),
        format!("/admin/undersokelser/{id}"),
        format!("/admin/undersokelser/{id}/forhandsvisning"),
        format!("/admin/undersokelser/{id}/deler/{section}"),
    ];
    paths.extend(
        survey
            .questions()
            .map(|q| format!("/admin/undersokelser/{id}/sporsmal/{}", q.id)),
    );
    for lang in ["nb", "nn", "en"] {
        // Choose the language as a person does, so the session cookie stays.
        client
            .get(app.url(&format!("/sprak/{lang}")))
            .send()
            .await
            .unwrap();
        for path in &paths {
            let response = app.client.get(app.url(path)).send().await.unwrap();
            assert!(response.status().is_redirection(), "{path} needs a sign-in");
            let response = client.get(app.url(path)).send().await.unwrap();
            assert_eq!(response.status(), 200, "{path} in {lang}");
            let body = response.text().await.unwrap();
            assert!(!body.contains("??"), "{path} in {lang} lacks a string");
            assert!(
                body.contains(&format!("lang=\"{lang}\"")),
                "{path} in {lang}"
            );
        }
    }
}
