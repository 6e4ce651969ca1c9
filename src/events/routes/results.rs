//! The facilitators' workshop results pages: the capture page and its
//! forms (method, tables, pasting notes, dot votes, deleting a note), a
//! table's form, the printable report and the notes as a file.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::http::header::{
    CACHE_CONTROL, CONTENT_ENCODING, ContentDisposition, DispositionParam, DispositionType,
};
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::entities::event;
use crate::error::AppError;
use crate::events::service;
use crate::events::views::report as report_views;
use crate::events::views::results::{self as views, CapturePage, results_path};
use crate::events::workshop::forms::{MethodForm, PasteForm, TableForm, VotesForm, paste_problem};
use crate::events::workshop::notes::{self, Pasted};
use crate::events::workshop::tables::{self, Direction};
use crate::events::workshop::{self, export as notes_export, results};
use crate::exports::stream::{self, SharedBuf};
use crate::exports::{Export, Format};
use crate::themes::service as themes;
use crate::web::auth::Editor;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other, session};

const RESULTS: &str = "/admin/arrangementer/{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}/resultater";
const TABLE: &str = "/bord/{table:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

/// The session key holding what the last paste stored, for its notice.
const PASTED: &str = "workshop_pasted";

pub fn configure(cfg: &mut web::ServiceConfig) {
    let at = |rest: &str| format!("{RESULTS}{rest}");
    cfg.route(RESULTS, web::get().to(capture_page))
        .route(&at("/metode"), web::post().to(save_method))
        .route(&at("/bord"), web::post().to(add_table))
        .route(&at(TABLE), web::get().to(table_form))
        .route(&at(TABLE), web::post().to(save_table))
        .route(&at(&format!("{TABLE}/flytt")), web::post().to(move_table))
        .route(&at(&format!("{TABLE}/fjern")), web::post().to(remove_table))
        .route(&at("/lapper"), web::post().to(paste_notes))
        .route(&at("/lapper/slett"), web::post().to(delete_note))
        .route(&at("/stemmer"), web::post().to(save_votes))
        .route(&at("/rapport"), web::get().to(report))
        .route(&at("/eksport"), web::get().to(download_notes));
}

/// What the capture page shows besides the stored results: the forms as
/// sent (when one comes back) and their messages.
#[derive(Default)]
struct Sent {
    method: Option<MethodForm>,
    table: Option<TableForm>,
    paste: Option<PasteForm>,
    votes: Option<VotesForm>,
    errors: FormErrors,
}

async fn render_capture(
    ctx: &PageContext,
    state: &AppState,
    me: &crate::entities::user::Model,
    event: &event::Model,
    sent: Sent,
    notice: Option<String>,
) -> Result<HttpResponse, AppError> {
    let results = results::results(&state.db, event.id).await?;
    let all = themes::list(&state.db).await?;
    let active: Vec<_> = all.iter().filter(|theme| theme.active).cloned().collect();
    let method = sent
        .method
        .unwrap_or_else(|| MethodForm::from_method(results.method));
    let paste = match sent.paste {
        Some(paste) => paste,
        None => PasteForm::blank(notes::likely_group(&state.db, event.id).await?),
    };
    let table = sent.table.unwrap_or_default();
    let page = CapturePage {
        event,
        results: &results,
        themes: &all,
        active: &active,
        method: &method,
        table: &table,
        paste: &paste,
        votes: sent.votes.as_ref(),
        errors: &sent.errors,
        notice,
    };
    let markup = views::capture(ctx, me, &page);
    Ok(if sent.errors.is_empty() {
        html(markup)
    } else {
        html_status(StatusCode::UNPROCESSABLE_ENTITY, markup)
    })
}

/// The notice left by the last change, with the counts a paste left.
fn take_notice(ctx: &PageContext, session: &Session) -> Option<String> {
    let key = session::take_flash(session)?;
    if key != "workshops.notice.pasted" {
        return Some(ctx.t(&key).to_owned());
    }
    let (stored, duplicates) = session
        .remove_as::<(usize, usize)>(PASTED)
        .and_then(Result::ok)
        .unwrap_or_default();
    let mut text = if stored == 1 {
        ctx.t("workshops.notice.pasted_one").to_owned()
    } else {
        ctx.tr("workshops.notice.pasted", &[("count", &stored.to_string())])
    };
    match duplicates {
        0 => {}
        1 => {
            text.push(' ');
            text.push_str(ctx.t("workshops.notice.duplicates_one"));
        }
        _ => {
            text.push(' ');
            text.push_str(&ctx.tr(
                "workshops.notice.duplicates",
                &[("count", &duplicates.to_string())],
            ));
        }
    }
    Some(text)
}

fn back_to(event_id: Uuid, anchor: &str) -> HttpResponse {
    see_other(&format!("{}#{anchor}", results_path(event_id)))
}

#[tracing::instrument(skip_all)]
async fn capture_page(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let notice = take_notice(&ctx, &session);
    render_capture(&ctx, &state, &me, &event, Sent::default(), notice).await
}

#[tracing::instrument(skip_all)]
async fn save_method(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<MethodForm>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    match form.check(&ctx) {
        Ok(method) => {
            workshop::set_method(&state.db, event.id, method, me.id).await?;
            session::flash(&session, "workshops.notice.method_saved");
            Ok(back_to(event.id, "method-heading"))
        }
        Err(errors) => {
            let sent = Sent {
                method: Some(form),
                errors,
                ..Sent::default()
            };
            render_capture(&ctx, &state, &me, &event, sent, None).await
        }
    }
}

#[tracing::instrument(skip_all)]
async fn add_table(
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
async fn table_themes(
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
async fn table_form(
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
async fn save_table(
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
struct MoveForm {
    direction: String,
}

#[tracing::instrument(skip_all)]
async fn move_table(
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
struct Empty {}

#[tracing::instrument(skip_all)]
async fn remove_table(
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

#[tracing::instrument(skip_all)]
async fn paste_notes(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<PasteForm>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let current = tables::tables(&state.db, event.id).await?;
    let active = themes::list_active(&state.db).await?;
    let refused = |form: PasteForm, errors: FormErrors| Sent {
        paste: Some(form),
        errors,
        ..Sent::default()
    };
    let paste = match form.check(&ctx, &current, &active) {
        Ok(paste) => paste,
        Err(errors) => {
            return render_capture(&ctx, &state, &me, &event, refused(form, errors), None).await;
        }
    };
    match notes::paste(&state.db, event.id, &paste, me.id).await? {
        Ok(Pasted {
            stored,
            duplicates,
            replayed,
        }) => {
            if replayed {
                session::flash(&session, "workshops.notice.already_pasted");
            } else {
                let _ = session.insert(PASTED, (stored, duplicates));
                session::flash(&session, "workshops.notice.pasted");
            }
            Ok(back_to(event.id, "saved-notes"))
        }
        Err(problem) => {
            let mut errors = FormErrors::new();
            let (field, message) = paste_problem(&ctx, &problem);
            errors.add(field, message);
            render_capture(&ctx, &state, &me, &event, refused(form, errors), None).await
        }
    }
}

#[derive(Deserialize)]
struct DeleteForm {
    note: Uuid,
}

#[tracing::instrument(skip_all)]
async fn delete_note(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> Result<HttpResponse, AppError> {
    notes::delete_note(&state.db, *id, form.note, me.id).await?;
    session::flash(&session, "workshops.notice.note_deleted");
    Ok(back_to(*id, "saved-notes"))
}

#[tracing::instrument(skip_all)]
async fn save_votes(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let form = VotesForm::from_pairs(pairs);
    let notes_now = results::notes(&state.db, event.id).await?;
    let order: Vec<(Uuid, &str)> = notes_now
        .iter()
        .map(|note| (note.input_id, note.body.as_str()))
        .collect();
    match form.check(&ctx, &order) {
        Ok(votes) => {
            notes::set_votes(&state.db, event.id, &votes, me.id).await?;
            session::flash(&session, "workshops.notice.votes_saved");
            Ok(back_to(event.id, "saved-notes"))
        }
        Err(errors) => {
            let sent = Sent {
                votes: Some(form),
                errors,
                ..Sent::default()
            };
            render_capture(&ctx, &state, &me, &event, sent, None).await
        }
    }
}

#[tracing::instrument(skip_all)]
async fn report(
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
struct DownloadQuery {
    format: String,
}

/// The event's notes as CSV for Excel, XLSX or JSON, through the shared
/// exporter; the header and theme names in the page's language.
#[tracing::instrument(skip_all, fields(user = %me.id))]
async fn download_notes(
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
