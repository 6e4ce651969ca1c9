//! Staff download inputs at /admin/eksport: CSV for Excel, RFC 4180 CSV,
//! XLSX and JSON, with personal data only for editors who ask, and logged.

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use innspill::entities::audit_log;
use innspill::entities::input::{self, Channel, Status};
use innspill::entities::user::Role;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::common::seed::{self, BODY, EMAIL, FORMULA, TITLE, seed_inputs};
use crate::common::staff::{signed_in, submit};
use crate::common::{TestApp, spawn_app};

async fn download(
    app: &TestApp,
    client: &reqwest::Client,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    submit(app, client, "/admin/eksport", "/admin/eksport", fields).await
}

/// Parses CSV the way a reader does: `;` after the byte order mark, or `,`.
pub fn parse_csv(bytes: &[u8], delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .from_reader(bytes)
        .records()
        .map(|record| {
            record
                .expect("CSV record")
                .iter()
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

async fn personal_data_exports(app: &TestApp) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("export.personal_data"))
        .all(&app.db)
        .await
        .expect("audit rows")
}

#[tokio::test]
async fn a_facilitator_downloads_csv_for_norwegian_excel_without_personal_data() {
    let app = spawn_app().await;
    let seeded = seed_inputs(&app.db).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let response = download(&app, &client, &[("format", "csv"), ("lang", "nb")]).await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/csv; charset=utf-8");
    let disposition = headers["content-disposition"].to_str().expect("ascii");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    assert!(disposition.contains("innspill-inputs-20"), "{disposition}");
    assert!(disposition.ends_with(".csv\""), "{disposition}");
    let bytes = response.bytes().await.expect("body");

    let body = bytes
        .strip_prefix("\u{feff}".as_bytes())
        .expect("UTF-8 byte order mark");
    let rows = parse_csv(body, b';');
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert_eq!(&rows[0][..4], ["ID", "Kanal", "Status", "Gruppe"]);
    assert_eq!(rows[0].len(), 14, "no personal columns: {:?}", rows[0]);
    let idea = &rows[1];
    assert_eq!(idea[0], seeded.idea.to_string());
    assert_eq!(idea[1], "idea");
    assert_eq!(idea[5], TITLE);
    assert_eq!(idea[6], BODY);
    assert_eq!(idea[7], "Sørvika");
    // Stored 12:00 UTC on 1 March: 13:00 in Oslo, written as Excel reads a time.
    assert_eq!(idea[8], "2025-03-01 13:00:00");
    assert_eq!(idea[10], "7");
    assert_eq!(idea[11], "reiseliv");
    assert_eq!(idea[12], "reiseliv:manual:, sjomat:suggested:0.82");
    // A resident's text is never a formula in Excel.
    assert_eq!(rows[2][6], format!("'{FORMULA}"));
    let text = String::from_utf8(bytes.to_vec()).expect("UTF-8");
    assert!(!text.contains(EMAIL) && !text.contains("Ødegård"));
    assert!(personal_data_exports(&app).await.is_empty());
}

#[tokio::test]
async fn the_header_follows_the_chosen_language_and_the_column_codes_do_not() {
    let app = spawn_app().await;
    seed_inputs(&app.db).await;
    let (client, _) = signed_in(&app, Role::Observer).await;

    let rfc = download(&app, &client, &[("format", "csv-rfc"), ("lang", "en")]).await;
    assert_eq!(rfc.status(), 200);
    let bytes = rfc.bytes().await.expect("body");
    assert!(
        !bytes.starts_with("\u{feff}".as_bytes()),
        "no BOM for tools"
    );
    let rows = parse_csv(&bytes, b',');
    assert_eq!(&rows[0][..3], ["ID", "Channel", "Status"]);
    assert_eq!(rows[1][8], "2025-03-01T13:00:00+01:00");
    assert_eq!(rows[2][6], FORMULA, "tools get the text as it is");

    let nynorsk = download(&app, &client, &[("format", "csv"), ("lang", "nn")]).await;
    let bytes = nynorsk.bytes().await.expect("body");
    let rows = parse_csv(&bytes[3..], b';');
    assert_eq!(rows[0][7], "Stad");

    let json = download(&app, &client, &[("format", "json"), ("lang", "en")]).await;
    assert_eq!(json.headers()["content-type"], "application/json");
    let value: serde_json::Value = json.json().await.expect("JSON");
    let items = value.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    let idea = items[0].as_object().expect("an object");
    let keys: Vec<&str> = idea.keys().map(String::as_str).collect();
    for code in [
        "id",
        "channel",
        "status",
        "stakeholder_group",
        "language",
        "title",
        "body",
        "location",
        "created_at",
        "published_at",
        "support_count",
        "themes",
        "tags",
        "merged_into_id",
    ] {
        assert!(keys.contains(&code), "{code} missing from {keys:?}");
    }
    assert!(
        !keys.iter().any(|key| key.starts_with("contact_")),
        "{keys:?}"
    );
    assert_eq!(idea["title"], TITLE);
    assert_eq!(idea["support_count"], 7);
    assert_eq!(idea["published_at"], "2025-03-02T09:30:00+01:00");
    assert_eq!(items[1]["title"], serde_json::Value::Null);
}

#[tokio::test]
async fn xlsx_has_typed_cells_a_frozen_header_and_a_named_sheet() {
    let app = spawn_app().await;
    seed_inputs(&app.db).await;
    let (client, _) = signed_in(&app, Role::Facilitator).await;

    let response = download(&app, &client, &[("format", "xlsx")]).await;
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(disposition.ends_with(".xlsx\""), "{disposition}");
    let bytes = response.bytes().await.expect("body").to_vec();

    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.clone())).expect("XLSX");
    assert_eq!(workbook.sheet_names(), vec!["Innspill".to_owned()]);
    let range = workbook.worksheet_range("Innspill").expect("sheet");
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][0], Data::String("ID".into()));
    assert_eq!(rows[1][5], Data::String(TITLE.into()));
    assert_eq!(rows[1][10], Data::Float(7.0), "a number is a number");
    match &rows[1][8] {
        Data::DateTime(date) => {
            let local = date.as_datetime().expect("a date");
            assert_eq!(local.to_string(), "2025-03-01 13:00:00");
        }
        other => panic!("created_at is not a date: {other:?}"),
    }
    assert_eq!(
        rows[2][9],
        Data::Empty,
        "no published_at for a pending input"
    );
    assert_eq!(
        rows[2][6],
        Data::String(FORMULA.into()),
        "text, not a formula"
    );

    let sheet = sheet_xml(&bytes);
    assert!(
        sheet.contains("state=\"frozen\"") && sheet.contains("ySplit=\"1\""),
        "{sheet}"
    );
    assert!(sheet.contains("<autoFilter ref=\"A1:N3\"/>"), "{sheet}");
    assert!(
        sheet.contains("<col min=\"7\" max=\"7\" width=\"80.7"),
        "body column is wide: {sheet}"
    );
}

fn sheet_xml(xlsx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(xlsx)).expect("zip");
    let mut xml = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .expect("sheet1")
        .read_to_string(&mut xml)
        .expect("read");
    xml
}

#[tokio::test]
async fn personal_data_only_when_an_editor_asks_and_the_export_is_logged() {
    let app = spawn_app().await;
    seed_inputs(&app.db).await;
    let (client, facilitator) = signed_in(&app, Role::Facilitator).await;

    let page = client
        .get(app.url("/admin/eksport"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(page.contains("name=\"personal_data\""), "{page}");
    assert!(page.contains("<legend class=\"ds-label\">Format</legend>"));
    assert!(
        page.contains("aria-describedby=\"format-xlsx-description\"")
            && page.contains("id=\"format-xlsx-description\""),
        "each format has its description: {page}"
    );

    let response = download(
        &app,
        &client,
        &[
            ("format", "json"),
            ("personal_data", "on"),
            ("channel", "idea"),
        ],
    )
    .await;
    assert_eq!(response.status(), 200);
    let value: serde_json::Value = response.json().await.expect("JSON");
    let items = value.as_array().expect("array");
    assert_eq!(items.len(), 1, "only the idea channel");
    assert_eq!(items[0]["contact_email"], EMAIL);
    assert_eq!(items[0]["contact_name"], "Åse Ødegård");
    assert_eq!(items[0]["contact_organisation"], "Blåbær AS");

    let logged = personal_data_exports(&app).await;
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].user_id, Some(facilitator.id));
    assert_eq!(logged[0].entity_id.as_deref(), Some("inputs"));
    let details = logged[0].details.as_deref().unwrap_or_default();
    assert!(
        details.contains("channel=idea") && details.contains("format=json"),
        "{details}"
    );
}

#[tokio::test]
async fn an_observer_exports_without_personal_data_and_is_refused_it() {
    let app = spawn_app().await;
    seed_inputs(&app.db).await;
    let (client, _) = signed_in(&app, Role::Observer).await;

    let page = client
        .get(app.url("/admin/eksport"))
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("body");
    assert!(
        page.contains("href=\"/admin/eksport\" aria-current=\"page\""),
        "in the nav: {page}"
    );
    assert!(!page.contains("name=\"personal_data\""), "{page}");

    let refused = download(&app, &client, &[("format", "csv"), ("personal_data", "on")]).await;
    assert_eq!(refused.status(), 403);
    assert!(personal_data_exports(&app).await.is_empty());

    let allowed = download(&app, &client, &[("format", "csv"), ("status", "pending")]).await;
    assert_eq!(allowed.status(), 200);
    let text = allowed.text().await.expect("body");
    assert!(!text.contains(EMAIL));
    let rows = parse_csv(&text.as_bytes()[3..], b';');
    assert_eq!(
        rows.len(),
        2,
        "header and the pending survey answer: {rows:?}"
    );
    assert_eq!(rows[1][1], "survey");
}

#[tokio::test]
async fn thousands_of_inputs_come_through_in_batches_once_each_in_id_order() {
    let app = spawn_app().await;
    let mut ids: Vec<Uuid> = (0..2_345).map(|_| Uuid::now_v7()).collect();
    for chunk in ids.chunks(400) {
        input::Entity::insert_many(chunk.iter().map(|id| {
            seed::input_row(
                *id,
                Channel::Workshop,
                Status::Published,
                "Notat fra verkstedet på Øya",
            )
        }))
        .exec_without_returning(&app.db)
        .await
        .expect("insert");
    }
    let (client, _) = signed_in(&app, Role::Admin).await;
    let response = download(
        &app,
        &client,
        &[("format", "csv-rfc"), ("channel", "workshop")],
    )
    .await;
    let bytes = response.bytes().await.expect("body");
    let rows = parse_csv(&bytes, b',');
    let exported: Vec<String> = rows[1..].iter().map(|row| row[0].clone()).collect();
    ids.sort();
    let expected: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    assert_eq!(exported, expected);
}
