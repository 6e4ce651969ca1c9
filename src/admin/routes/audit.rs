//! The audit log page (admins only).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::AppState;
use crate::audit::service;
use crate::error::AppError;
use crate::web::auth::Admin;
use crate::web::{PageContext, html};

use crate::admin::views::audit as views;

const PER_PAGE: u64 = 50;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/logg", web::get().to(audit_log));
}

#[derive(Deserialize)]
struct PageQuery {
    side: Option<u64>,
}

#[tracing::instrument(skip_all)]
async fn audit_log(
    ctx: PageContext,
    state: web::Data<AppState>,
    Admin(me): Admin,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let page = query
        .side
        .unwrap_or(1)
        .clamp(1, crate::ideas::listing::MAX_PAGE);
    let (entries, total) = service::page(&state.db, page - 1, PER_PAGE).await?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    Ok(html(views::audit_log(&ctx, &me, &entries, page, pages)))
}
