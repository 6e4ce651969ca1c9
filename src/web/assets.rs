//! Static files compiled into the binary and served under content-hashed names,
//! so browsers may cache them for a year and still see every change at once.

use std::collections::HashMap;
use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};

use crate::error::AppError;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: [Asset; 2] = [
    Asset {
        name: "main.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../assets/css/main.css"),
    },
    Asset {
        name: "icon.svg",
        content_type: "image/svg+xml",
        bytes: include_bytes!("../../assets/img/icon.svg"),
    },
];

struct Table {
    /// Plain name to the hashed name used in URLs.
    hashed: HashMap<&'static str, String>,
    /// Hashed name to the asset.
    by_hashed: HashMap<String, &'static Asset>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut hashed = HashMap::new();
    let mut by_hashed = HashMap::new();
    for asset in &ASSETS {
        let digest = hex::encode(Sha256::digest(asset.bytes));
        let (stem, ext) = asset.name.rsplit_once('.').unwrap_or((asset.name, ""));
        let name = format!("{stem}.{}.{ext}", &digest[..12]);
        hashed.insert(asset.name, name.clone());
        by_hashed.insert(name, asset);
    }
    Table { hashed, by_hashed }
});

/// The URL of an asset by its plain name, e.g. `asset_url("main.css")`.
pub fn asset_url(name: &str) -> String {
    match TABLE.hashed.get(name) {
        Some(hashed) => format!("/assets/{hashed}"),
        None => format!("/assets/{name}"),
    }
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
        .body(asset.bytes))
}
