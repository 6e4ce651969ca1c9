//! Prioritisation: the evidence from seeded inputs, businesses and tags;
//! weight scenarios through the forms; the report's JSON ranked again from
//! its own numbers, by the library and by an independent computation; the
//! seeded sensitivity analysis reproduced; the workbook read back.

use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use innspill::entities::input::{Channel, Status};
use innspill::entities::input_theme::Origin;
use innspill::entities::user::Role;
use innspill::entities::{
    business, business_theme, contact, input, input_theme, priority_scenario, workshop_note,
};
use innspill::priorities::criteria::{Criterion, Weights};
use innspill::priorities::ranking::{mcda, sensitivity};
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait};
use serde_json::Value;
use uuid::Uuid;

use crate::common::seed::{a_theme, a_workshop, input_row};
use crate::common::spawn_app;
use crate::common::staff::{signed_in, submit};

struct Input<'a> {
    channel: Channel,
    status: Status,
    group: &'a str,
    contact: Option<Uuid>,
    supports: i32,
    days_ago: i64,
    tags: &'a [(Uuid, Origin)],
}

async fn add_input(db: &DatabaseConnection, spec: Input<'_>) -> Uuid {
    let id = Uuid::now_v7();
    let mut row = input_row(id, spec.channel, spec.status, &format!("Innspill {id}"));
    let at = Utc::now() - Duration::days(spec.days_ago);
    row.stakeholder_group = Set(spec.group.into());
    row.contact_id = Set(spec.contact);
    row.support_count = Set(spec.supports);
    row.created_at = Set(at);
    input::Entity::insert(row)
        .exec_without_returning(db)
        .await
        .expect("input");
    for &(theme_id, origin) in spec.tags {
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
    id
}

async fn a_contact(db: &DatabaseConnection) -> Uuid {
    let id = Uuid::now_v7();
    contact::Entity::insert(contact::ActiveModel {
        id: Set(id),
        name: Set(Some("Kari".into())),
        email: Set(None),
        phone: Set(None),
        organisation: Set(None),
        consent_at: Set(Some(Utc::now())),
        news_opt_in: Set(false),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await
    .expect("contact");
    id
}

async fn a_business(
    db: &DatabaseConnection,
    org: &str,
    employees: Option<i32>,
    band: Option<&str>,
    status: business::Status,
    themes: &[Uuid],
) {
    let id = Uuid::now_v7();
    business::Entity::insert(business::ActiveModel {
        id: Set(id),
        org_number: Set(org.into()),
        name: Set(format!("Bedrift {org}")),
        industry: Set("C".into()),
        employees: Set(employees),
        size_band: Set(band.map(str::to_owned)),
        preferred_format: Set(business::Format::Video),
        message: Set(None),
        status: Set(status),
        wants_contact: Set(false),
        contact_id: Set(None),
        language: Set("nb".into()),
        private_token_hash: Set(format!("{id}")),
        idempotency_key: Set(None),
        calendar_sequence: Set(0),
        consent_at: Set(Utc::now()),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
    })
    .exec_without_returning(db)
    .await
    .expect("business");
    for &theme_id in themes {
        business_theme::Entity::insert(business_theme::ActiveModel {
            business_id: Set(id),
            theme_id: Set(theme_id),
        })
        .exec_without_returning(db)
        .await
        .expect("business theme");
    }
}

struct World {
    fisk: Uuid,
    reise: Uuid,
}

/// Two active themes and one inactive; inputs that count and inputs that
/// must not (hidden, merely suggested, inactive theme); three businesses.
async fn world(db: &DatabaseConnection) -> World {
    let fisk = a_theme(db, "fisk", "Tema fisk", 1, true).await;
    let reise = a_theme(db, "reise", "Tema reise", 2, true).await;
    let gone = a_theme(db, "gammel", "Tema gammel", 3, false).await;
    let kari = a_contact(db).await;
    let base = Input {
        channel: Channel::Idea,
        status: Status::Published,
        group: "innbygger",
        contact: None,
        supports: 0,
        days_ago: 5,
        tags: &[],
    };
    // fisk: four inputs from three senders (Kari twice), two groups.
    add_input(
        db,
        Input {
            contact: Some(kari),
            supports: 7,
            tags: &[(fisk, Origin::Confirmed)],
            ..base
        },
    )
    .await;
    add_input(
        db,
        Input {
            contact: Some(kari),
            tags: &[(fisk, Origin::Manual), (reise, Origin::Manual)],
            ..base
        },
    )
    .await;
    add_input(
        db,
        Input {
            group: "ungdom",
            channel: Channel::Survey,
            days_ago: 40,
            tags: &[(fisk, Origin::Confirmed)],
            ..base
        },
    )
    .await;
    add_input(
        db,
        Input {
            channel: Channel::Interview,
            group: "naeringsdrivende",
            days_ago: 100,
            tags: &[(fisk, Origin::Confirmed), (gone, Origin::Confirmed)],
            ..base
        },
    )
    .await;
    // Not counted: hidden, pending, a suggestion only.
    add_input(
        db,
        Input {
            status: Status::Hidden,
            tags: &[(fisk, Origin::Confirmed)],
            ..base
        },
    )
    .await;
    add_input(
        db,
        Input {
            status: Status::Pending,
            tags: &[(reise, Origin::Confirmed)],
            ..base
        },
    )
    .await;
    add_input(
        db,
        Input {
            tags: &[(reise, Origin::Suggested)],
            ..base
        },
    )
    .await;
    // reise: a workshop note with three dot votes counts them; a hidden
    // note's five do not.
    let workshop = a_workshop(db).await;
    for (status, votes) in [(Status::Published, 3), (Status::Hidden, 5)] {
        let note = add_input(
            db,
            Input {
                channel: Channel::Workshop,
                status,
                tags: &[(reise, Origin::Confirmed)],
                ..base
            },
        )
        .await;
        workshop_note::Entity::insert(workshop_note::ActiveModel {
            input_id: Set(note),
            event_id: Set(workshop),
            table_id: Set(None),
            votes: Set(votes),
        })
        .exec_without_returning(db)
        .await
        .expect("note");
    }
    a_business(
        db,
        "111111111",
        Some(40),
        None,
        business::Status::Registered,
        &[fisk],
    )
    .await;
    a_business(
        db,
        "222222222",
        None,
        Some("5-9"),
        business::Status::Scheduled,
        &[fisk, reise],
    )
    .await;
    a_business(
        db,
        "333333333",
        Some(500),
        None,
        business::Status::Declined,
        &[reise],
    )
    .await;
    World { fisk, reise }
}

/// A list of `Count`s as a map from key to count.
fn counts(list: &Value) -> BTreeMap<String, u64> {
    list.as_array()
        .expect("counts")
        .iter()
        .map(|c| {
            (
                c["key"].as_str().expect("key").to_owned(),
                c["count"].as_u64().expect("n"),
            )
        })
        .collect()
}

fn row<'a>(evidence: &'a Value, slug: &str) -> &'a Value {
    evidence["themes"]
        .as_array()
        .expect("themes")
        .iter()
        .find(|t| t["theme"]["slug"] == slug)
        .expect("theme row")
}

async fn report_json(app: &crate::common::TestApp, client: &reqwest::Client, query: &str) -> Value {
    let response = client
        .get(app.url(&format!("/admin/prioritering/rapport.json{query}")))
        .send()
        .await
        .expect("report");
    assert_eq!(response.status(), 200);
    response.json().await.expect("json")
}

#[tokio::test]
async fn evidence_counts_what_people_confirmed_on_published_inputs() {
    let app = spawn_app().await;
    world(&app.db).await;
    let (observer, _) = signed_in(&app, Role::Observer).await;
    let report = report_json(&app, &observer, "").await;
    let ev = &report["evidence"];
    assert_eq!(
        ev["themes"].as_array().map(Vec::len),
        Some(2),
        "inactive theme left out"
    );
    let p = &ev["participation"];
    // Published inputs only: five counted, plus the suggested-only idea.
    assert_eq!(p["inputs"], 6);
    assert_eq!(p["tagged"], 5);
    let month = |days: i64| {
        (Utc::now() - Duration::days(days))
            .format("%Y-%m")
            .to_string()
    };
    let mut months = BTreeMap::new();
    for days in [5, 5, 5, 5, 40, 100] {
        *months.entry(month(days)).or_insert(0u64) += 1;
    }
    assert_eq!(counts(&p["by_month"]), months);
    assert_eq!(p["businesses"], 2);
    let fisk = row(ev, "fisk");
    assert_eq!(fisk["inputs"], 4);
    assert_eq!(fisk["contributors"], 3);
    assert_eq!(
        counts(&fisk["by_channel"]),
        BTreeMap::from([
            ("idea".into(), 2),
            ("interview".into(), 1),
            ("survey".into(), 1)
        ])
    );
    // Groups 2, 1, 1 of 4: exp(entropy).
    let expected = (-(0.5f64 * 0.5f64.ln() + 2.0 * 0.25 * 0.25f64.ln())).exp();
    assert!((fisk["breadth"].as_f64().expect("breadth") - expected).abs() < 1e-9);
    assert_eq!(fisk["businesses"], 2);
    assert_eq!(fisk["employees"], 47, "40 plus the middle of 5–9");
    assert_eq!(fisk["last_30_days"], 2);
    assert_eq!(fisk["previous_30_days"], 1);
    let mut trend = BTreeMap::new();
    for days in [5, 5, 40, 100] {
        *trend.entry(month(days)).or_insert(0u64) += 1;
    }
    assert_eq!(counts(&fisk["trend"]), trend);
    assert_eq!(fisk["quotes"][0]["supports"], 7, "most supported first");
    assert_eq!(fisk["quotes"].as_array().map(Vec::len), Some(4));
    assert_eq!(fisk["dot_votes"], 0);
    let reise = row(ev, "reise");
    assert_eq!(
        reise["inputs"], 2,
        "pending, hidden and suggested do not count"
    );
    assert_eq!(
        reise["dot_votes"], 3,
        "the hidden note's votes do not count"
    );
    assert_eq!(
        reise["businesses"], 1,
        "the declined business does not count"
    );
    assert_eq!(reise["employees"], 7);
    // The overview shows the same figures.
    let page = observer
        .get(app.url("/admin/prioritering"))
        .send()
        .await
        .expect("page");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(html.contains(r#"data-col="contributors">3<"#), "{html}");
    assert!(html.contains(r#"data-col="employees">47<"#));
}

fn weights_of(ranking: &Value) -> Weights {
    let mut weights = [0.0; 14];
    for c in ranking["criteria"].as_array().expect("criteria") {
        let criterion = Criterion::parse(c["criterion"].as_str().expect("code")).expect("known");
        weights[criterion.index()] = c["weight"].as_f64().expect("weight");
    }
    weights
}

fn raw_of(theme: &Value) -> [Option<f64>; 14] {
    Criterion::ALL.map(|c| theme["raw"][c.code()].as_f64())
}

/// The ranking done again by hand from the JSON, without the library:
/// min–max per criterion with missing values at 0, weights scaled to one.
fn independent_scores(themes: &[Value], weights: &Weights) -> Vec<f64> {
    let total: f64 = weights.iter().sum();
    let mut scores = vec![0.0; themes.len()];
    for c in Criterion::ALL {
        let values: Vec<Option<f64>> = themes.iter().map(|t| t["raw"][c.code()].as_f64()).collect();
        let present: Vec<f64> = values.iter().flatten().copied().collect();
        let (Some(lo), Some(hi)) = (
            present.iter().copied().reduce(f64::min),
            present.iter().copied().reduce(f64::max),
        ) else {
            continue;
        };
        if hi <= lo {
            continue;
        }
        for (score, v) in scores.iter_mut().zip(&values) {
            if let Some(v) = v {
                *score += weights[c.index()] / total * (v - lo) / (hi - lo);
            }
        }
    }
    scores
}

#[tokio::test]
async fn a_saved_scenario_ranks_and_its_json_ranks_again_to_the_same_places() {
    let app = spawn_app().await;
    let w = world(&app.db).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let list = "/admin/prioritering/scenarier";
    // All weights zero: refused with a message, nothing stored.
    let mut zero: Vec<(String, String)> = Criterion::ALL
        .iter()
        .map(|c| (c.code().to_owned(), "0".to_owned()))
        .collect();
    zero.extend(
        [
            ("name", "Null"),
            ("areas", "3"),
            ("samples", "2000"),
            ("concentration", "20"),
            ("seed", "42"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned())),
    );
    let fields: Vec<(&str, &str)> = zero.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let refused = submit(&app, &client, list, list, &fields).await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .expect("body")
            .contains("Minst ett kriterium")
    );
    assert_eq!(
        priority_scenario::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0
    );
    // Inputs and employees only, with a decimal comma.
    let mut good = zero.clone();
    for (k, v) in &mut good {
        match k.as_str() {
            "inputs" => *v = "2,5".into(),
            "employees" => *v = "1".into(),
            "name" => *v = "Innspill og ansatte".into(),
            _ => {}
        }
    }
    let fields: Vec<(&str, &str)> = good.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let saved = submit(&app, &client, list, list, &fields).await;
    assert_eq!(
        saved.status(),
        303,
        "{}",
        saved.text().await.unwrap_or_default()
    );
    let location = saved.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let page = client
        .get(app.url(&location))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(page.contains("Scenario: Innspill og ansatte"));
    // The same name again is refused.
    let again = submit(&app, &client, list, list, &fields).await;
    assert_eq!(again.status(), 422);
    assert_eq!(
        priority_scenario::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        1
    );
    // Choose it for the report.
    let chosen = submit(&app, &client, &location, &format!("{location}/velg"), &[]).await;
    assert_eq!(chosen.status(), 303);

    let report = report_json(&app, &client, "").await;
    let ranking = &report["ranking"];
    assert_eq!(ranking["scenario"]["name"], "Innspill og ansatte");
    let themes = ranking["themes"].as_array().expect("themes").clone();
    assert_eq!(
        themes[0]["theme"]["id"],
        w.fisk.to_string(),
        "more inputs and employees"
    );
    assert_eq!(themes[1]["theme"]["id"], w.reise.to_string());
    assert_eq!(themes[0]["place"], 1);
    // fisk leads on both criteria: 1.0; reise on neither: 0.
    assert!((themes[0]["score"].as_f64().expect("score") - 1.0).abs() < 1e-12);
    let weights = weights_of(ranking);
    assert_eq!(weights[Criterion::Inputs.index()], 2.5);
    let raw: Vec<[Option<f64>; 14]> = themes.iter().map(raw_of).collect();
    let again = mcda::rank(&raw, &weights).expect("ranks");
    let by_hand = independent_scores(&themes, &weights);
    for (i, t) in themes.iter().enumerate() {
        let score = t["score"].as_f64().expect("score");
        assert!((again.scores[i] - score).abs() < 1e-12);
        assert!((by_hand[i] - score).abs() < 1e-12);
        assert_eq!(again.places[i] as u64, t["place"].as_u64().expect("place"));
    }
    // The sensitivity analysis is reproduced from the seed in the export.
    let settings: sensitivity::SensitivitySettings =
        serde_json::from_value(ranking["sensitivity"].clone()).expect("settings");
    assert_eq!((settings.samples, settings.seed), (2000, 42));
    let odds = sensitivity::analyse(&again.normalised, &weights, settings).expect("odds");
    for (i, t) in themes.iter().enumerate() {
        assert_eq!(
            odds.themes[i].top_three,
            t["top_three"].as_f64().expect("p3")
        );
        assert_eq!(odds.themes[i].top_four, t["top_four"].as_f64().expect("p4"));
    }
    let second = report_json(&app, &client, "").await;
    assert_eq!(
        second["ranking"]["themes"], ranking["themes"],
        "same seed, same figures"
    );
}

#[tokio::test]
async fn observers_read_the_report_but_change_no_scenario_and_forms_need_their_token() {
    let app = spawn_app().await;
    world(&app.db).await;
    let (observer, _) = signed_in(&app, Role::Observer).await;
    let list = "/admin/prioritering/scenarier";
    let page = observer.get(app.url(list)).send().await.expect("list");
    assert_eq!(page.status(), 200);
    let html = page.text().await.expect("html");
    assert!(!html.contains("Lagre scenario"), "no form for observers");
    let refused = submit(
        &app,
        &observer,
        list,
        list,
        &[
            ("name", "Nei"),
            ("inputs", "1"),
            ("areas", "3"),
            ("samples", "100"),
            ("concentration", "5"),
            ("seed", "1"),
        ],
    )
    .await;
    assert_eq!(refused.status(), 403);
    let (editor, _) = signed_in(&app, Role::Facilitator).await;
    let forged = editor
        .post(app.url(list))
        .form(&[
            ("name", "Uten nøkkel"),
            ("inputs", "1"),
            ("areas", "3"),
            ("samples", "100"),
            ("concentration", "5"),
            ("seed", "1"),
        ])
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), 403);
    assert_eq!(
        priority_scenario::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        0
    );
    // The printable report works with the default weights before any scenario.
    let report = observer
        .get(app.url("/admin/prioritering/rapport"))
        .send()
        .await
        .expect("report");
    assert_eq!(report.status(), 200);
    let html = report.text().await.expect("html");
    assert!(html.contains("Kunnskapsgrunnlag fra mobiliseringen"));
    assert!(html.contains("Standardvekter"));
    assert!(
        html.contains(r#"class="stack page-break""#),
        "parts start new printed pages"
    );
}

#[tokio::test]
async fn the_workbook_has_a_sheet_per_table_with_the_ranking_as_numbers() {
    use calamine::{DataType, Reader, Xlsx};
    let app = spawn_app().await;
    world(&app.db).await;
    let (client, _) = signed_in(&app, Role::Observer).await;
    let response = client
        .get(app.url("/admin/prioritering/rapport.xlsx"))
        .send()
        .await
        .expect("xlsx");
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.expect("bytes").to_vec();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("workbook");
    assert_eq!(
        book.sheet_names(),
        [
            "Deltakelse",
            "Kunnskapsgrunnlag",
            "Vekter",
            "Rangering",
            "Følsomhet",
            "Tiltak"
        ]
    );
    let ranking = book.worksheet_range("Rangering").expect("sheet");
    let json = report_json(&app, &client, "").await;
    let themes = json["ranking"]["themes"].as_array().expect("themes");
    assert_eq!(ranking.height(), themes.len() + 1);
    for (r, t) in themes.iter().enumerate() {
        let name = ranking.get((r + 1, 1)).expect("name").to_string();
        assert_eq!(name, t["theme"]["name"].as_str().expect("name"));
        let score = ranking
            .get((r + 1, 2))
            .and_then(|c| c.get_float())
            .expect("score");
        assert!((score - t["score"].as_f64().expect("score")).abs() < 1e-12);
    }
}

async fn token_for(app: &crate::common::TestApp, role: Role) -> String {
    let user = crate::common::staff::create_user(app, role).await;
    innspill::api::tokens::create(&app.db, None, &user, "Test")
        .await
        .expect("token")
        .1
}

#[tokio::test]
async fn the_api_gives_evidence_saves_scenarios_for_editors_and_ranks_as_the_report() {
    let app = spawn_app().await;
    let w = world(&app.db).await;
    let observer = token_for(&app, Role::Observer).await;
    let editor = token_for(&app, Role::Facilitator).await;
    let get = |path: &str, token: &str| app.client.get(app.url(path)).bearer_auth(token).send();
    assert_eq!(
        app.client
            .get(app.url("/api/v1/priorities/evidence"))
            .send()
            .await
            .expect("get")
            .status(),
        401
    );
    let evidence: Value = get("/api/v1/priorities/evidence", &observer)
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(row(&evidence, "fisk")["contributors"], 3);

    let new = serde_json::json!({ "name": "Bare bedrifter", "weights": { "businesses": 1, "employees": 3 }, "seed": 9, "samples": 500 });
    let post = |token: &str, body: &Value| {
        app.client
            .post(app.url("/api/v1/priorities/scenarios"))
            .bearer_auth(token)
            .json(body)
            .send()
    };
    assert_eq!(post(&observer, &new).await.expect("post").status(), 403);
    let bad = serde_json::json!({ "name": "Ukjent", "weights": { "lykke": 1 } });
    assert_eq!(post(&editor, &bad).await.expect("post").status(), 422);
    let zero = serde_json::json!({ "name": "Null", "weights": { "inputs": 0 } });
    assert_eq!(post(&editor, &zero).await.expect("post").status(), 422);
    let created = post(&editor, &new).await.expect("post");
    assert_eq!(created.status(), 201);
    let scenario: Value = created.json().await.expect("json");
    assert_eq!(scenario["weights"]["employees"], 3.0);
    assert_eq!(scenario["areas"], 4);
    assert_eq!(
        post(&editor, &new).await.expect("post").status(),
        409,
        "the name is taken"
    );
    let id = scenario["id"].as_str().expect("id");
    let listed: Value = get("/api/v1/priorities/scenarios", &observer)
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(listed.as_array().map(Vec::len), Some(1));

    let ranking: Value = get(
        &format!("/api/v1/priorities/scenarios/{id}/ranking"),
        &observer,
    )
    .await
    .expect("get")
    .json()
    .await
    .expect("json");
    assert_eq!(ranking["themes"][0]["theme"]["id"], w.fisk.to_string());
    assert_eq!(ranking["themes"][1]["theme"]["id"], w.reise.to_string());
    assert_eq!(ranking["sensitivity"]["seed"], 9);
    let report: Value = get(
        &format!("/api/v1/priorities/report?scenario={id}"),
        &observer,
    )
    .await
    .expect("get")
    .json()
    .await
    .expect("json");
    assert_eq!(report["ranking"]["themes"], ranking["themes"]);
    let unknown = get(
        &format!("/api/v1/priorities/scenarios/{}/ranking", Uuid::now_v7()),
        &observer,
    )
    .await
    .expect("get");
    assert_eq!(unknown.status(), 404);
}
