//! A workshop's tables: adding, editing (the host's summary), moving and
//! removing them.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use super::results::*;
use crate::AppState;
use crate::error::AppError;
use crate::events::service;
use crate::events::views::results::{self as views};
use crate::events::workshop::forms::TableForm;
use crate::events::workshop::tables::{self, Direction};
use crate::themes::service as themes;
use crate::web::auth::Editor;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, session};

#[tracing::instrument(skip_all)]
pub(super) async fn add_table(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<TableForm>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let active = themes::list_active(&state.db).await?;
    match form.check(&ctx, &active) {
        Ok(details) => {
            tables::add_table(&state.db, event.id, &details, me.id).await?;
            session::flash(&session, "workshops.notice.table_added");
            Ok(back_to(event.id, "tables"))
        }
        Err(errors) => {
            let sent = Sent {
                table: Some(form),
                errors,
                ..Sent::default()
            };
            render_capture(&ctx, &state, &me, &event, sent, None).await
        }
    }
}

/// The themes a table's form offers: the active ones, and the table's own
/// even when it has been deactivated since, so saving does not drop it.
pub(super) async fn table_themes(
    state: &AppState,
    current: Option<Uuid>,
) -> Result<Vec<crate::entities::theme::Model>, AppError> {
    Ok(themes::list(&state.db)
        .await?
        .into_iter()
        .filter(|theme| theme.active || Some(theme.id) == current)
        .collect())
}

#[tracing::instrument(skip_all)]
pub(super) async fn table_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<HttpResponse, AppError> {
    let (event_id, table_id) = path.into_inner();
    let event = service::find(&state.db, event_id).await?;
    let table = tables::find_table(&state.db, event.id, table_id).await?;
    let offered = table_themes(&state, table.theme_id).await?;
    let form = TableForm::from_table(&table);
    Ok(html(views::table_page(
        &ctx,
        &me,
        &event,
        &table,
        &offered,
        &form,
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all)]
pub(super) async fn save_table(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    path: web::Path<(Uuid, Uuid)>,
    CsrfForm(form): CsrfForm<TableForm>,
) -> Result<HttpResponse, AppError> {
    let (event_id, table_id) = path.into_inner();
    let event = service::find(&state.db, event_id).await?;
    let table = tables::find_table(&state.db, event.id, table_id).await?;
    let offered = table_themes(&state, table.theme_id).await?;
    match form.check(&ctx, &offered) {
        Ok(details) => {
            tables::update_table(&state.db, event.id, table.id, &details, me.id).await?;
            session::flash(&session, "workshops.notice.table_saved");
            Ok(back_to(event.id, "tables"))
        }
        Err(errors) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::table_page(&ctx, &me, &event, &table, &offered, &form, &errors),
        )),
    }
}

#[derive(Deserialize)]
pub(super) struct MoveForm {
    direction: String,
}

#[tracing::instrument(skip_all)]
pub(super) async fn move_table(
    state: web::Data<AppState>,
    Editor(me): Editor,
    path: web::Path<(Uuid, Uuid)>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (event_id, table_id) = path.into_inner();
    let direction = match form.direction.as_str() {
        "up" => Direction::Up,
        "down" => Direction::Down,
        other => return Err(AppError::Validation(format!("direction {other:?}"))),
    };
    tables::move_table(&state.db, event_id, table_id, direction, me.id).await?;
    Ok(back_to(event_id, "tables"))
}

#[derive(Deserialize)]
pub(super) struct Empty {}

#[tracing::instrument(skip_all)]
pub(super) async fn remove_table(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    path: web::Path<(Uuid, Uuid)>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let (event_id, table_id) = path.into_inner();
    tables::remove_table(&state.db, event_id, table_id, me.id).await?;
    session::flash(&session, "workshops.notice.table_removed");
    Ok(back_to(event_id, "tables"))
}
