//! Browser suite: every page in headless Chromium under axe-core (WCAG 2.1 A

// Tests may panic on what they did not expect; that is how they fail.
#![allow(clippy::expect_used, clippy::unwrap_used)]
//! and AA), every page's HTML through the Nu HTML Checker, and user scenarios.
//!
//! Run with `cargo test --features browser-tests --test browser`; it needs
//! Chromium, Java and Node (see tests/browser/README.md). Later features add
//! their pages to `pages()` and their scenarios to `SCENARIOS`.

#[path = "../common/mod.rs"]
mod common;

use std::path::Path;

use innspill::settings::service::{self as settings, Programme};
use serde_json::{Value, json};

use common::{repo_root, spawn_app};

const SCENARIOS: &[&str] = &["language-switch"];

/// (name, path, language cookie, expected status)
fn pages() -> Vec<(&'static str, &'static str, &'static str, u16)> {
    vec![
        ("landing-nb", "/", "nb", 200),
        ("landing-nn", "/", "nn", 200),
        ("landing-en", "/", "en", 200),
        ("privacy-nb", "/personvern", "nb", 200),
        ("privacy-en", "/personvern", "en", 200),
        ("accessibility-nn", "/tilgjengelighet", "nn", 200),
        ("not-found-nb", "/finnes-ikke", "nb", 404),
        ("not-found-en", "/finnes-ikke", "en", 404),
    ]
}

async fn seed_programme(db: &sea_orm::DatabaseConnection) {
    let programme = Programme {
        programme_name: "Omstilling Vefsn 2030".to_owned(),
        municipality_name: "Vefsn".to_owned(),
        municipality_number: "1824".to_owned(),
        period_start: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
        period_end: chrono::NaiveDate::from_ymd_opt(2031, 12, 31),
        contact_email: Some("omstilling@vefsn.kommune.no".to_owned()),
        privacy_text: None,
        accessibility_url: None,
        ..Programme::default()
    };
    settings::save(db, &programme)
        .await
        .expect("settings saved");
}

async fn ensure_node_modules(dir: &Path) {
    if dir.join("node_modules").exists() {
        return;
    }
    let status = tokio::process::Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--prefix"])
        .arg(dir)
        .status()
        .await
        .expect("run npm ci");
    assert!(status.success(), "npm ci in tests/browser failed");
}

#[tokio::test]
async fn every_page_passes_axe_and_the_html_checker() {
    let browser_dir = repo_root().join("tests/browser");
    ensure_node_modules(&browser_dir).await;

    let app = spawn_app().await;
    seed_programme(&app.db).await;

    let pages: Vec<Value> = pages()
        .into_iter()
        .map(|(name, path, lang, status)| {
            json!({
                "name": name,
                "path": path,
                "cookies": [{ "name": "lang", "value": lang }],
                "expect_status": status,
            })
        })
        .collect();
    let spec = json!({
        "base_url": app.address,
        "screenshot_dir": std::env::var("INNSPILL_SCREENSHOT_DIR").ok(),
        "pages": pages,
        "scenarios": SCENARIOS,
    });
    let spec_path = app.database.data_dir().join("browser-spec.json");
    std::fs::write(&spec_path, serde_json::to_vec_pretty(&spec).expect("json"))
        .expect("write spec");

    // Async, so this test's runtime keeps serving the app while Chromium loads it.
    let output = tokio::process::Command::new("node")
        .arg(browser_dir.join("check.mjs"))
        .arg(&spec_path)
        .current_dir(repo_root())
        .output()
        .await
        .expect("run node tests/browser/check.mjs");
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    eprintln!("{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "browser checks failed:\n{report}");
}
