//! Businesses and interview answers downloaded at /admin/eksport and with
//! `innspill export`: the right rows in CSV, XLSX and JSON, contact persons
//! only for editors who ask (logged before the file goes out), and a
//! workbook LibreOffice opens with Norwegian letters intact.

use std::io::Cursor;
use std::process::Command;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use innspill::entities::audit_log;
use innspill::entities::user::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use crate::common::binary::command;
use crate::common::staff::{signed_in, submit};
use crate::common::{TestApp, spawn_app};
use crate::exports::parse_csv;
use crate::exports_cli::libreoffice_csv;
use crate::interviews_api::{
    CONTACT_EMAIL, CONTACT_NAME, CONTACT_PHONE, FINDING, FIRST_ANSWER, FIRST_QUESTION, OTHER_EMAIL,
    SECOND_ANSWER, seed,
};

async fn download(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    submit(app, client, "/admin/eksport", "/admin/eksport", fields).await
}

async fn personal_data_exports(app: &TestApp) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("export.personal_data"))
        .all(&app.db)
        .await
        .expect("audit rows")
}

/// The column of `code` in a header row written in bokmål.
fn column(header: &[String], name: &str) -> usize {
    header
        .iter()
        .position(|cell| cell == name)
        .unwrap_or_else(|| panic!("no column {name} in {header:?}"))
}

#[tokio::test]
async fn the_businesses_csv_has_a_row_per_business_with_its_interview_and_no_contact_columns() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let page = client
        .get(app.url("/admin/eksport"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    for value in ["inputs", "businesses", "interviews"] {
        assert!(
            page.contains(&format!("name=\"resource\" value=\"{value}\"")),
            "{value}: {page}"
        );
    }

    let response = download(
        &app,
        &client,
        &[("resource", "businesses"), ("format", "csv")],
    )
    .await;
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(
        disposition.contains("innspill-businesses-20"),
        "{disposition}"
    );
    assert_eq!(response.headers()["cache-control"], "no-store");
    let bytes = response.bytes().await.expect("body");
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
    for secret in [
        CONTACT_NAME,
        CONTACT_EMAIL,
        CONTACT_PHONE,
        OTHER_EMAIL,
        "Per Verksted",
    ] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
    let rows = parse_csv(
        bytes.strip_prefix("\u{feff}".as_bytes()).expect("BOM"),
        b';',
    );
    assert_eq!(rows.len(), 3, "{rows:?}");
    let header = &rows[0];
    assert_eq!(header.len(), 22, "no contact columns: {header:?}");
    assert_eq!(&header[..3], ["ID", "Organisasjonsnummer", "Navn"]);
    let fjordbris = &rows[1];
    let at = |name: &str| fjordbris[column(header, name)].as_str();
    assert_eq!(fjordbris[0], s.fjordbris.to_string());
    assert_eq!(at("Organisasjonsnummer"), "974760673");
    assert_eq!(at("Navn"), "Fjordbris Reiseliv AS");
    assert_eq!(at("Næring (kode)"), "I");
    assert_eq!(at("Næring"), "Overnattings- og serveringsvirksomhet");
    assert_eq!(at("Ansatte"), "12");
    assert_eq!(at("Størrelse"), "10-19");
    assert_eq!(at("Ansatte (anslag)"), "12");
    assert_eq!(at("Ønsket møteform"), "video");
    assert_eq!(at("Status"), "interviewed");
    assert_eq!(at("Temaer"), "reiseliv, kompetanse");
    let oslo = s
        .slot_start
        .with_timezone(&chrono_tz::Europe::Oslo)
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    assert_eq!(
        at("Intervju starter"),
        oslo,
        "Norwegian time, as Excel reads it"
    );
    assert_eq!(at("Holdt"), oslo);
    assert_eq!(at("Intervjustatus"), "completed");
    assert_eq!(at("Endring i ansatte"), "3");
    assert_eq!(at("Oppsummering"), "Vil vokse, mangler folk.");
    assert_eq!(at("Funn"), "2");
    let verkstedet = &rows[2];
    let at = |name: &str| verkstedet[column(header, name)].as_str();
    assert_eq!(verkstedet[0], s.verkstedet.to_string());
    assert_eq!(at("Navn"), "Verkstedet på Øya AS");
    assert_eq!(at("Ansatte"), "");
    assert_eq!(at("Ansatte (anslag)"), "15");
    assert_eq!(at("Status"), "registered");
    assert_eq!(at("Intervju starter"), "");
    assert_eq!(at("Intervjustatus"), "");
    assert_eq!(at("Funn"), "0");
    assert!(personal_data_exports(&app).await.is_empty());

    // The findings are inputs of channel interview, in the inputs export.
    let response = download(
        &app,
        &client,
        &[("format", "json"), ("channel", "interview")],
    )
    .await;
    let inputs: Value = response.json().await.expect("JSON");
    let bodies: Vec<&str> = inputs
        .as_array()
        .expect("array")
        .iter()
        .map(|input| input["body"].as_str().expect("body"))
        .collect();
    assert_eq!(bodies.len(), 2, "{inputs}");
    assert_eq!(bodies[0], FINDING);
    assert_eq!(inputs[0]["channel"], "interview");
    assert_eq!(inputs[0]["themes"], "kompetanse");
}

#[tokio::test]
async fn the_interviews_export_has_one_row_per_answer_with_the_question_as_asked() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let (client, _) = signed_in(&app, Role::Observer).await;

    let response = download(
        &app,
        &client,
        &[
            ("resource", "interviews"),
            ("format", "json"),
            ("lang", "en"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let rows: Value = response.json().await.expect("JSON");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 2, "one row per answer: {rows:?}");
    let first = &rows[0];
    assert_eq!(first["interview_id"], s.interview.to_string());
    assert_eq!(first["business_id"], s.fjordbris.to_string());
    assert_eq!(first["org_number"], "974760673");
    assert_eq!(first["business_name"], "Fjordbris Reiseliv AS");
    assert_eq!(first["interview_status"], "completed");
    assert!(first["held_at"].is_string());
    assert!(
        first["question_position"].as_i64() < rows[1]["question_position"].as_i64(),
        "in the guide's order: {rows:?}"
    );
    assert_eq!(first["topic"], "markets");
    assert_eq!(first["topic_name"], "Markets and customers");
    assert_eq!(
        first["question"], FIRST_QUESTION,
        "the words asked, not today's"
    );
    assert_eq!(first["answer"], FIRST_ANSWER);
    assert_eq!(rows[1]["topic"], "competence");
    assert_eq!(rows[1]["answer"], SECOND_ANSWER);

    // The same rows in a workbook with its own sheet and a header in bokmål.
    let response = download(
        &app,
        &client,
        &[("resource", "interviews"), ("format", "xlsx")],
    )
    .await;
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.expect("body").to_vec();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("XLSX");
    assert_eq!(workbook.sheet_names(), vec!["Intervjusvar".to_owned()]);
    let range = workbook.worksheet_range("Intervjusvar").expect("sheet");
    let sheet: Vec<&[Data]> = range.rows().collect();
    assert_eq!(sheet.len(), 3);
    assert_eq!(sheet[0][9], Data::String("Spørsmål".into()));
    assert!(
        matches!(sheet[1][6], Data::Float(_)),
        "a number is a number"
    );
    assert_eq!(sheet[1][8], Data::String("Marked og kunder".into()));
    assert_eq!(sheet[1][10], Data::String(FIRST_ANSWER.into()));
    assert!(
        matches!(sheet[1][5], Data::DateTime(_)),
        "{:?}",
        sheet[1][5]
    );

    // An observer may have it: it holds nobody's contact details.
    assert!(personal_data_exports(&app).await.is_empty());
}

#[tokio::test]
async fn contact_persons_go_to_editors_who_ask_and_each_such_download_is_logged() {
    let app = spawn_app().await;
    seed(&app).await;
    let (client, facilitator) = signed_in(&app, Role::Facilitator).await;

    let response = download(
        &app,
        &client,
        &[
            ("resource", "businesses"),
            ("format", "json"),
            ("personal_data", "on"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let rows: Value = response.json().await.expect("JSON");
    assert_eq!(rows[0]["contact_name"], CONTACT_NAME);
    assert_eq!(rows[0]["contact_email"], CONTACT_EMAIL);
    assert_eq!(rows[0]["contact_phone"], CONTACT_PHONE);
    assert_eq!(rows[1]["contact_email"], OTHER_EMAIL);
    let logged = personal_data_exports(&app).await;
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].user_id, Some(facilitator.id));
    assert_eq!(logged[0].entity_id.as_deref(), Some("businesses"));
    let details = logged[0].details.as_deref().unwrap_or_default();
    assert!(
        details.contains("web") && details.contains("format=json"),
        "{details}"
    );

    // Interview answers have no contact columns, so asking adds and logs nothing.
    let response = download(
        &app,
        &client,
        &[
            ("resource", "interviews"),
            ("format", "csv-rfc"),
            ("personal_data", "on"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let rows = parse_csv(&response.bytes().await.expect("body"), b',');
    assert_eq!(rows[0].len(), 12);
    assert_eq!(personal_data_exports(&app).await.len(), 1);

    // An observer is refused the contact persons, and nothing is logged.
    let (observer, _) = signed_in(&app, Role::Observer).await;
    let refused = download(
        &app,
        &observer,
        &[
            ("resource", "businesses"),
            ("format", "csv"),
            ("personal_data", "on"),
        ],
    )
    .await;
    assert_eq!(refused.status(), 403);
    let text = refused.text().await.expect("body");
    assert!(!text.contains(CONTACT_EMAIL));
    assert_eq!(personal_data_exports(&app).await.len(), 1);
    let allowed = download(
        &app,
        &observer,
        &[("resource", "businesses"), ("format", "json")],
    )
    .await;
    assert_eq!(allowed.status(), 200);
    let rows: Value = allowed.json().await.expect("JSON");
    let keys: Vec<&String> = rows[0].as_object().expect("object").keys().collect();
    assert!(
        !keys.iter().any(|key| key.starts_with("contact_")),
        "{keys:?}"
    );

    // An unknown resource is refused, not taken for some other export.
    let wrong = download(
        &app,
        &client,
        &[("resource", "contacts"), ("format", "csv")],
    )
    .await;
    assert_eq!(wrong.status(), 422);
}

#[tokio::test]
async fn the_command_line_exports_both_and_logs_contact_persons() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let run = |args: &[&str]| {
        let output = command(&app.database.url, app.database.data_dir())
            .arg("export")
            .args(args)
            .output()
            .expect("run innspill export");
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output
    };

    let output = run(&["interviews", "--format", "csv-rfc", "--lang", "en"]);
    let rows = parse_csv(&output.stdout, b',');
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][0], "Interview ID");
    assert_eq!(rows[1][0], s.interview.to_string());
    assert!(String::from_utf8_lossy(&output.stderr).contains("Exported 2 interview answers"));

    let output = run(&["businesses", "--format", "json"]);
    let rows: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(rows.as_array().map(Vec::len), Some(2));
    assert!(rows[0].get("contact_email").is_none());
    assert!(personal_data_exports(&app).await.is_empty());

    let output = run(&["businesses", "--format", "json", "--with-personal-data"]);
    let rows: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(rows[0]["contact_email"], CONTACT_EMAIL);
    let logged = personal_data_exports(&app).await;
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].user_id, None, "the command line has no user");
    assert_eq!(logged[0].entity_id.as_deref(), Some("businesses"));
}

#[tokio::test]
async fn libreoffice_opens_the_businesses_workbook_with_norwegian_letters_intact() {
    if Command::new("soffice").arg("--version").output().is_err() {
        // CI installs LibreOffice, so there the check must run, never pass unseen.
        assert!(
            std::env::var_os("CI").is_none(),
            "soffice is missing; .ci/run installs libreoffice-calc-nogui"
        );
        eprintln!("soffice is not installed; skipping the LibreOffice check");
        return;
    }
    let app = spawn_app().await;
    let s = seed(&app).await;
    let (client, _) = signed_in(&app, Role::Admin).await;
    let response = download(
        &app,
        &client,
        &[
            ("resource", "businesses"),
            ("format", "xlsx"),
            ("personal_data", "on"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let work = tempfile::tempdir().expect("temporary directory");
    let file = work.path().join("bedrifter.xlsx");
    std::fs::write(&file, response.bytes().await.expect("body")).expect("write");

    let csv = libreoffice_csv(&file, None, work.path());
    let rows = parse_csv(csv.as_bytes(), b',');
    assert_eq!(rows.len(), 3, "{csv}");
    assert_eq!(rows[0][0], "ID");
    assert_eq!(rows[0][1], "Organisasjonsnummer");
    assert_eq!(rows[0].len(), 25, "with the contact columns: {:?}", rows[0]);
    assert_eq!(rows[1][0], s.fjordbris.to_string());
    assert_eq!(rows[1][1], "974760673", "the number stays as written");
    assert_eq!(rows[2][2], "Verkstedet på Øya AS");
    assert_eq!(rows[1][22], CONTACT_NAME);
    let oslo = s
        .slot_start
        .with_timezone(&chrono_tz::Europe::Oslo)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    assert_eq!(rows[1][15], oslo, "a date LibreOffice reads: {csv}");
}
