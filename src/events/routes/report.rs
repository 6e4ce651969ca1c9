//! The printable results report of a workshop and its notes as a file.

use actix_web::http::header::{
    CACHE_CONTROL, CONTENT_ENCODING, ContentDisposition, DispositionParam, DispositionType,
};
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::events::service;
use crate::events::views::report as report_views;
use crate::events::workshop::{export as notes_export, results};
use crate::exports::stream::{self, SharedBuf};
use crate::exports::{Export, Format};
use crate::themes::service as themes;
use crate::web::auth::Editor;
use crate::web::{PageContext, html};

#[tracing::instrument(skip_all)]
pub(super) async fn report(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let results = results::results(&state.db, event.id).await?;
    let all = themes::list(&state.db).await?;
    Ok(html(report_views::report(
        &ctx, &me, &event, &results, &all,
    )))
}

#[derive(Deserialize)]
pub(super) struct DownloadQuery {
    format: String,
}

/// The event's notes as CSV for Excel, XLSX or JSON, through the shared
/// exporter; the header and theme names in the page's language.
#[tracing::instrument(skip_all, fields(user = %me.id))]
pub(super) async fn download_notes(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    id: web::Path<Uuid>,
    query: web::Query<DownloadQuery>,
) -> Result<HttpResponse, AppError> {
    let format = Format::parse(&query.format)
        .ok_or_else(|| AppError::Validation(format!("unknown format {:?}", query.format)))?;
    let event = service::find(&state.db, *id).await?;
    let table = notes_export::table(ctx.lang);
    let source = notes_export::NoteSource::new(state.db.clone(), event, ctx.lang);
    let buf = SharedBuf::default();
    let export = Export::new(source, format, &table, buf.clone())?;
    let mut response = HttpResponse::Ok();
    response
        .content_type(format.content_type())
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(
                format.file_name(notes_export::RESOURCE, Utc::now()),
            )],
        })
        .insert_header((CACHE_CONTROL, "no-store"));
    if format == Format::Xlsx {
        // Already a zip: compressing it again costs time and saves nothing.
        response.insert_header((CONTENT_ENCODING, "identity"));
    }
    Ok(response.streaming(stream::body(export, buf)))
}
