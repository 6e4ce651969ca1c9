//! The audit log page (admins only).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::AppState;
use crate::audit::service;
use crate::error::AppError;
use crate::web::auth::Admin;
use crate::web::paging::PageRequest;
use crate::web::{PageContext, html};

use crate::admin::views::audit as views;

const PER_PAGE: u64 = 50;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(views::PATH, web::get().to(audit_log));
}

/// A string, not a number: `?side=x` or an absurd number is read as a page
/// (the first or the last), not refused with a 400.
#[derive(Deserialize)]
struct PageQuery {
    side: Option<String>,
}

#[tracing::instrument(skip_all)]
async fn audit_log(
    ctx: PageContext,
    state: web::Data<AppState>,
    Admin(me): Admin,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let request = PageRequest::parse(query.side.as_deref(), PER_PAGE);
    let entries = service::page(&state.db, request).await?;
    Ok(html(views::audit_log(&ctx, &me, &entries)))
}
