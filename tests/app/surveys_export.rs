//! The survey export: one row per response with a stable column per answer
//! value, in CSV, XLSX (with the codebook sheet) and JSON; no personal data;
//! a question hidden after it was answered keeps its column; every download
//! is logged and needs the form's CSRF token.

use std::collections::BTreeSet;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use innspill::entities::user::Role;
use innspill::entities::{audit_log, survey_question};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::common::spawn_app;
use crate::common::staff::{signed_in, submit};
use crate::exports::parse_csv;
use crate::surveys_results::{q, seed};

fn export_path(id: uuid::Uuid) -> String {
    format!("/admin/undersokelser/{id}/eksport")
}

async fn download(
    app: &crate::common::TestApp,
    client: &reqwest::Client,
    id: uuid::Uuid,
    format: &str,
) -> Vec<u8> {
    let path = export_path(id);
    let response = submit(
        app,
        client,
        &path,
        &path,
        &[("format", format), ("lang", "nb")],
    )
    .await;
    assert_eq!(response.status(), 200, "{format}");
    response.bytes().await.unwrap().to_vec()
}

#[tokio::test]
async fn the_csv_has_a_row_per_response_with_a_column_per_answer_value() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let (client, _) = signed_in(&app, Role::Observer).await;
    let bytes = download(&app, &client, s.survey.id, "csv-rfc").await;
    let rows = parse_csv(&bytes, b',');
    assert_eq!(rows.len(), 5, "header and four responses");
    let header = &rows[0];
    let col = |code: &str| {
        header
            .iter()
            .position(|h| h == code)
            .unwrap_or_else(|| panic!("no column {code} in {header:?}"))
    };
    assert_eq!(
        header[..5],
        ["Svar-ID", "Sendt", "Språk", "Kiosk", "Interessentgruppe"]
    );
    let (t1, t2) = (&s.themes[0].slug, &s.themes[1].slug);
    let first = &rows[1];
    assert_eq!(first[4], "naeringsdrivende");
    assert_eq!(first[col("q1")], "naeringsdrivende");
    assert_eq!(first[col("q4")], "flere");
    assert_eq!(first[col("q5")], "3");
    assert_eq!(first[col("q6_kompetanse")], "1");
    assert_eq!(first[col("q6_lokaler")], "1");
    assert_eq!(first[col("q6_finansiering")], "0");
    assert_eq!(first[col("q6_other")], "");
    assert_eq!(first[col("q7")], "4");
    assert_eq!(first[col("q8")], "Tekst A");
    assert_eq!(first[col(&format!("q9_{t1}"))], "5");
    assert_eq!(first[col(&format!("q9_{t2}"))], "3");
    assert_eq!(first[col(&format!("q10_{t1}"))], "1");
    assert_eq!(first[col(&format!("q10_{t2}"))], "2");
    let second = &rows[2];
    assert_eq!(second[col("q6_other")], "Havn");
    assert_eq!(second[col("q5")], "-1");
    // Not answered: empty, not 0.
    let fourth = &rows[4];
    assert_eq!(fourth[col("q6_kompetanse")], "");
    assert_eq!(fourth[col("q5")], "");

    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("survey.export"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(logged.len(), 1);
}

#[tokio::test]
async fn the_workbook_has_the_responses_and_a_codebook_and_json_has_no_personal_data() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;
    let bytes = download(&app, &client, s.survey.id, "xlsx").await;
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["Svar", "codebook"]);
    let sheet = book.worksheet_range("Svar").unwrap();
    assert_eq!(sheet.height(), 5);
    let codebook = book.worksheet_range("codebook").unwrap();
    let row = codebook
        .rows()
        .find(|row| row[0] == Data::String("q6_kompetanse".into()))
        .expect("codebook row for q6_kompetanse");
    assert_eq!(row[1], Data::String("q6".into()));
    assert_eq!(row[3], Data::String("multiple_choice".into()));
    let q4 = codebook
        .rows()
        .find(|row| row[0] == Data::String("q4".into()))
        .unwrap();
    assert!(q4[4].to_string().contains("flere=Flere ansatte"), "{q4:?}");

    let json: Value =
        serde_json::from_slice(&download(&app, &client, s.survey.id, "json").await).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 4);
    let keys: BTreeSet<&str> = items[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for key in &keys {
        let fixed = [
            "response_id",
            "submitted_at",
            "language",
            "kiosk",
            "stakeholder_group",
        ];
        assert!(
            fixed.contains(key) || key.starts_with('q'),
            "unexpected column {key}"
        );
    }
    for word in ["email", "e-post", "name", "phone", "ip", "user"] {
        assert!(!keys.iter().any(|k| k.contains(word)), "{word} in {keys:?}");
    }
    assert_eq!(items[0]["q4"], "flere");
    assert_eq!(items[0]["q7"], 4);
}

#[tokio::test]
async fn a_question_hidden_after_answers_keeps_its_column_and_the_form_needs_its_token() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    // The builder hides rather than deletes; here the row is changed directly.
    let row = survey_question::Entity::find_by_id(q(&s.survey, "q8").id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut hidden: survey_question::ActiveModel = row.into();
    hidden.hidden = Set(true);
    hidden.update(&app.db).await.unwrap();

    let (client, _) = signed_in(&app, Role::Observer).await;
    let json: Value =
        serde_json::from_slice(&download(&app, &client, s.survey.id, "json").await).unwrap();
    assert_eq!(json[0]["q8"], "Tekst A");
    assert_eq!(json[3]["q8"], Value::Null);

    let forged = client
        .post(app.url(&export_path(s.survey.id)))
        .form(&[("format", "csv")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let bad = submit(
        &app,
        &client,
        &export_path(s.survey.id),
        &export_path(s.survey.id),
        &[("format", "pdf")],
    )
    .await;
    assert!(bad.status().is_client_error());
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("survey.export"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(logged.len(), 1, "only the download that went out");
}
