//! The facilitators' workshop results pages: the capture page and its
//! forms (method, tables, pasting notes, dot votes, deleting a note), a
//! routes of a table's form, the printable report and the notes as a file.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use super::report;
use super::tables as table_routes;
use crate::AppState;
use crate::entities::event;
use crate::error::AppError;
use crate::events::service;
use crate::events::views::results::{self as views, CapturePage, results_path};
use crate::events::workshop::forms::{MethodForm, PasteForm, TableForm, VotesForm, paste_problem};
use crate::events::workshop::notes::{self, Pasted};
use crate::events::workshop::tables::{self};
use crate::events::workshop::{self, results};
use crate::themes::service as themes;
use crate::web::auth::Editor;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other, session};

pub(super) const RESULTS: &str = "/admin/arrangementer/{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}/resultater";
pub(super) const TABLE: &str =
    "/bord/{table:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

/// The session key holding what the last paste stored, for its notice.
const PASTED: &str = "workshop_pasted";

pub fn configure(cfg: &mut web::ServiceConfig) {
    let at = |rest: &str| format!("{RESULTS}{rest}");
    cfg.route(RESULTS, web::get().to(capture_page))
        .route(&at("/metode"), web::post().to(save_method))
        .route(&at("/bord"), web::post().to(table_routes::add_table))
        .route(&at(TABLE), web::get().to(table_routes::table_form))
        .route(&at(TABLE), web::post().to(table_routes::save_table))
        .route(
            &at(&format!("{TABLE}/flytt")),
            web::post().to(table_routes::move_table),
        )
        .route(
            &at(&format!("{TABLE}/fjern")),
            web::post().to(table_routes::remove_table),
        )
        .route(&at("/lapper"), web::post().to(paste_notes))
        .route(&at("/lapper/slett"), web::post().to(delete_note))
        .route(&at("/stemmer"), web::post().to(save_votes))
        .route(&at("/rapport"), web::get().to(report::report))
        .route(&at("/eksport"), web::get().to(report::download_notes));
}

/// What the capture page shows besides the stored results: the forms as
/// sent (when one comes back) and their messages.
#[derive(Default)]
pub(super) struct Sent {
    pub(super) method: Option<MethodForm>,
    pub(super) table: Option<TableForm>,
    pub(super) paste: Option<PasteForm>,
    pub(super) votes: Option<VotesForm>,
    pub(super) errors: FormErrors,
}

pub(super) async fn render_capture(
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

pub(super) fn back_to(event_id: Uuid, anchor: &str) -> HttpResponse {
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
