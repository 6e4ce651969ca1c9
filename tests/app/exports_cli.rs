//! `innspill export inputs` through the real binary, and the files it writes
//! opened by LibreOffice when it is installed.

use std::io::Cursor;
use std::path::Path;
use std::process::Command;

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use innspill::entities::audit_log;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::TestDatabase;
use crate::common::binary::command;
use crate::common::seed::{EMAIL, TITLE, seed_inputs};
use crate::exports::parse_csv;

async fn seeded_database() -> TestDatabase {
    let database = TestDatabase::create().await;
    let db = innspill::db::connect(&database.url).await.expect("connect");
    innspill::db::migrate(&db).await.expect("migrate");
    seed_inputs(&db).await;
    db.close().await.expect("close");
    database
}

fn export(database: &TestDatabase, args: &[&str]) -> std::process::Output {
    let output = command(&database.url, database.data_dir())
        .args(["export", "inputs"])
        .args(args)
        .output()
        .expect("run innspill export");
    assert!(
        output.status.success(),
        "export {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

async fn logged(database: &TestDatabase) -> Vec<audit_log::Model> {
    let db = innspill::db::connect(&database.url).await.expect("connect");
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("export.personal_data"))
        .all(&db)
        .await
        .expect("audit rows")
}

#[tokio::test]
async fn the_cli_writes_each_format_and_logs_personal_data_exports() {
    let database = seeded_database().await;

    let json = export(&database, &["--format", "json", "--channel", "survey"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON on stdout");
    assert_eq!(value.as_array().map(Vec::len), Some(1));
    assert!(String::from_utf8_lossy(&json.stderr).contains("Exported 1 inputs"));
    assert!(logged(&database).await.is_empty());

    let file = database.data_dir().join("med-kontakt.csv");
    let csv = export(
        &database,
        &[
            "--with-personal-data",
            "--output",
            file.to_str().expect("path"),
        ],
    );
    assert!(csv.stdout.is_empty());
    let bytes = std::fs::read(&file).expect("the file");
    let rows = parse_csv(&bytes[3..], b';');
    assert_eq!(rows[0].len(), 19);
    assert_eq!(rows[0][15], "E-post");
    assert_eq!(rows[1][15], EMAIL);
    // For Excel, a leading `+` would start a formula; the apostrophe keeps it text.
    assert_eq!(rows[1][16], "'+47 912 34 567");
    let entries = logged(&database).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].user_id, None);
    let details = entries[0].details.as_deref().unwrap_or_default();
    assert!(
        details.starts_with("cli;") && details.contains("format=csv"),
        "{details}"
    );

    // Piped, so not a terminal: the workbook's bytes come out as they are.
    let xlsx = export(&database, &["--format", "xlsx", "--lang", "en"]);
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx.stdout)).expect("XLSX");
    assert_eq!(workbook.sheet_names(), vec!["Contributions".to_owned()]);
    let range = workbook.worksheet_range("Contributions").expect("sheet");
    assert_eq!(range.height(), 3);
}

#[test]
fn a_bad_format_is_refused_with_the_choices() {
    let output = Command::new(crate::common::binary::BIN)
        .args(["export", "inputs", "--format", "pdf"])
        .output()
        .expect("run");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("csv-rfc") && stderr.contains("xlsx"),
        "{stderr}"
    );
}

/// LibreOffice converts `file` to UTF-8 CSV with `,` in `out`, and returns it.
pub fn libreoffice_csv(file: &Path, infilter: Option<&str>, work: &Path) -> String {
    let out = work.join("out");
    let mut soffice = Command::new("soffice");
    soffice
        .arg(format!(
            "-env:UserInstallation=file://{}",
            work.join("profile").display()
        ))
        .arg("--headless");
    if let Some(filter) = infilter {
        soffice.arg(format!("--infilter={filter}"));
    }
    let status = soffice
        .args([
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
        ])
        .arg(&out)
        .arg(file)
        .output()
        .expect("run soffice");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let name = file.with_extension("csv");
    std::fs::read_to_string(out.join(name.file_name().expect("name"))).expect("converted file")
}

#[tokio::test]
async fn libreoffice_opens_the_xlsx_and_the_csv_with_norwegian_letters_intact() {
    if Command::new("soffice").arg("--version").output().is_err() {
        // CI installs LibreOffice, so there the check must run, never pass unseen.
        assert!(
            std::env::var_os("CI").is_none(),
            "soffice is missing; .ci/run installs libreoffice-calc-nogui"
        );
        eprintln!("soffice is not installed; skipping the LibreOffice check");
        return;
    }
    let database = seeded_database().await;
    let work = tempfile::tempdir().expect("temporary directory");
    let xlsx = work.path().join("innspill.xlsx");
    let csv = work.path().join("excel.csv");
    export(
        &database,
        &["--format", "xlsx", "--output", xlsx.to_str().expect("path")],
    );
    export(
        &database,
        &["--format", "csv", "--output", csv.to_str().expect("path")],
    );

    let from_xlsx = libreoffice_csv(&xlsx, None, work.path());
    let rows = parse_csv(from_xlsx.as_bytes(), b',');
    assert_eq!(rows.len(), 3, "{from_xlsx}");
    assert_eq!(rows[0][0], "ID");
    assert_eq!(rows[1][5], TITLE);
    assert_eq!(
        rows[1][8], "2025-03-01 13:00",
        "the date format: {from_xlsx}"
    );
    assert_eq!(rows[1][10], "7");

    // `;` separated, UTF-8: how a Norwegian LibreOffice or Excel reads it.
    let from_csv = libreoffice_csv(&csv, Some("CSV:59,34,76,1"), work.path());
    let rows = parse_csv(from_csv.as_bytes(), b',');
    assert_eq!(rows.len(), 3, "{from_csv}");
    assert_eq!(rows[0][0], "ID", "the byte order mark is not read as text");
    assert_eq!(rows[0][4], "Språk");
    assert_eq!(rows[1][5], TITLE);
}
