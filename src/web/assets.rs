//! Static files compiled into the binary and served under content-hashed names,
//! so browsers may cache them for a year and still see every change at once.
//!
//! Every page loads one stylesheet, `app.css`: Designsystemet's CSS and its
//! default theme (vendored in `assets/vendor/`, see `update.sh` there) followed
//! by our own few files. Designsystemet puts its rules in cascade layers, so
//! ours, unlayered, win wherever they overlap without needing `!important`.

use std::collections::HashMap;
use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};

use crate::error::AppError;

/// The parts of `app.css`, in cascade order.
const STYLESHEET_PARTS: [&str; 5] = [
    include_str!("../../assets/vendor/designsystemet/designsystemet.css"),
    include_str!("../../assets/vendor/designsystemet/theme.css"),
    include_str!("../../assets/css/base.css"),
    include_str!("../../assets/css/layout.css"),
    include_str!("../../assets/css/print.css"),
];

/// Files served as they are. A stylesheet names them by their plain name in
/// `url("…")`; the bundle is rewritten to their hashed names.
const FILES: [(&str, &str, &[u8]); 5] = [
    (
        "icon.svg",
        "image/svg+xml",
        include_bytes!("../../assets/img/icon.svg"),
    ),
    (
        "inter-latin-wght-normal.woff2",
        "font/woff2",
        include_bytes!("../../assets/vendor/inter/inter-latin-wght-normal.woff2"),
    ),
    (
        "inter-latin-ext-wght-normal.woff2",
        "font/woff2",
        include_bytes!("../../assets/vendor/inter/inter-latin-ext-wght-normal.woff2"),
    ),
    (
        "triage.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/js/triage.js"),
    ),
    (
        "print.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../assets/js/print.js"),
    ),
];

struct Asset {
    content_type: &'static str,
    /// Shared, so serving the file copies no bytes.
    bytes: Bytes,
}

struct Table {
    /// Plain name to the hashed name used in URLs.
    hashed: HashMap<&'static str, String>,
    /// Hashed name to the asset.
    by_hashed: HashMap<String, Asset>,
}

impl Table {
    fn add(&mut self, name: &'static str, content_type: &'static str, bytes: Vec<u8>) {
        let digest = hex::encode(Sha256::digest(&bytes));
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let hashed = format!("{stem}.{}.{ext}", &digest[..12]);
        self.hashed.insert(name, hashed.clone());
        self.by_hashed.insert(
            hashed,
            Asset {
                content_type,
                bytes: Bytes::from(bytes),
            },
        );
    }
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut table = Table {
        hashed: HashMap::new(),
        by_hashed: HashMap::new(),
    };
    for (name, content_type, bytes) in FILES {
        table.add(name, content_type, bytes.to_vec());
    }
    let mut css = STYLESHEET_PARTS.join("\n");
    for (name, _, _) in FILES {
        css = css.replace(
            &format!("url(\"{name}\")"),
            &format!("url(\"{}\")", asset_url_in(&table, name)),
        );
    }
    table.add("app.css", "text/css; charset=utf-8", css.into_bytes());
    table
});

fn asset_url_in(table: &Table, name: &str) -> String {
    match table.hashed.get(name) {
        Some(hashed) => format!("/assets/{hashed}"),
        None => format!("/assets/{name}"),
    }
}

/// The URL of an asset by its plain name, e.g. `asset_url("app.css")`.
pub fn asset_url(name: &str) -> String {
    asset_url_in(&TABLE, name)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/assets/{name}", web::get().to(serve_asset));
}

async fn serve_asset(name: web::Path<String>) -> Result<HttpResponse, AppError> {
    let asset = TABLE
        .by_hashed
        .get(name.as_str())
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type(asset.content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(asset.bytes.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundle_names_every_file_it_uses_by_its_hashed_name() {
        let bundle = &TABLE.by_hashed[&TABLE.hashed["app.css"]].bytes;
        let css = std::str::from_utf8(bundle).expect("utf-8");
        for (name, _, _) in FILES.iter().filter(|(name, _, _)| name.ends_with(".woff2")) {
            assert!(
                !css.contains(&format!("url(\"{name}\")")),
                "{name} left unhashed"
            );
            assert!(css.contains(&asset_url(name)), "{name} not used");
        }
        // Designsystemet comes first, so our unlayered rules follow its layers.
        assert!(css.starts_with("@layer ds.theme, ds.base, ds.components;"));
    }
}
