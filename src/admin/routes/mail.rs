//! Mail that could not be delivered, for admins to see and send again.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::audit::service::{self as audit, Entry};
use crate::error::AppError;
use crate::mail;
use crate::web::auth::Admin;
use crate::web::csrf::CsrfForm;
use crate::web::{PageContext, html, see_other, session};

use crate::admin::views::mail as views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/e-post", web::get().to(failed_mail))
        .route("/admin/e-post/{id}/send-igjen", web::post().to(retry_mail));
}

#[tracing::instrument(skip_all)]
async fn failed_mail(
    ctx: PageContext,
    state: web::Data<AppState>,
    Admin(me): Admin,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let failed = mail::failed_mail(&state.db).await?;
    let flash = session::take_flash(&session);
    Ok(html(views::failed_mail(
        &ctx,
        &me,
        &failed,
        flash.as_deref(),
    )))
}

#[derive(Deserialize)]
struct Empty {}

#[tracing::instrument(skip_all)]
async fn retry_mail(
    state: web::Data<AppState>,
    Admin(me): Admin,
    session: Session,
    id: web::Path<Uuid>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let txn = crate::db::begin(&state.db).await?;
    if !mail::retry(&txn, *id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        Entry::new(Some(me.id), "mail.retry").on("outbox", *id),
    )
    .await?;
    txn.commit().await?;
    session::flash(&session, "mail_admin.requeued");
    Ok(see_other("/admin/e-post"))
}
