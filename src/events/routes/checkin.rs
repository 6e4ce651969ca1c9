//! Handlers of the pages for the door: check-in on a phone, and the list
//! to print. Both hold personal data, so only editors open them.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use url::form_urlencoded;
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::events::participants::{self, DoorAction, DoorList};
use crate::events::routes::mail_context;
use crate::events::service;
use crate::events::views::checkin::{self as views, DoorNotice, checkin_path, row_id};
use crate::web::auth::Editor;
use crate::web::csrf::CsrfForm;
use crate::web::{PageContext, html, see_other};

const EVENT: &str =
    "/admin/arrangementer/{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";
const SIGNUP: &str = "{signup:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

/// Where the session keeps the last button pressed at the door.
const DOOR_NOTICE: &str = "door_notice";

/// A search longer than any name is cut, not refused.
const MAX_QUERY: usize = 200;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(&format!("{EVENT}/innsjekk"), web::get().to(door))
        .route(&format!("{EVENT}/innsjekk/utskrift"), web::get().to(print))
        .route(
            &format!("{EVENT}/innsjekk/{SIGNUP}"),
            web::post().to(check_in),
        );
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Search {
    q: String,
}

fn query_of(raw: &str) -> String {
    raw.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_QUERY)
        .collect()
}

fn take_notice(session: &Session) -> Option<DoorNotice> {
    let stored = session.remove_as::<String>(DOOR_NOTICE)?.ok()?;
    let (signup, action) = stored.split_once(':')?;
    Some(DoorNotice {
        signup: Uuid::parse_str(signup).ok()?,
        action: DoorAction::parse(action)?,
    })
}

fn leave_notice(session: &Session, notice: DoorNotice) {
    let _ = session.insert(
        DOOR_NOTICE,
        format!("{}:{}", notice.signup, notice.action.code()),
    );
}

#[tracing::instrument(skip_all, fields(event = %id))]
async fn door(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    search: web::Query<Search>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let query = query_of(&search.q);
    let list = DoorList::new(service::participants(&state.db, event.id).await?, &query);
    let notice = take_notice(&session);
    Ok(html(views::door(&ctx, &me, &event, &list, &query, notice)))
}

#[tracing::instrument(skip_all, fields(event = %id))]
async fn print(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let list = DoorList::new(service::participants(&state.db, event.id).await?, "");
    Ok(html(views::print(&ctx, &me, &event, &list, Utc::now())))
}

#[derive(Deserialize)]
struct DoorForm {
    action: String,
    #[serde(default)]
    q: String,
}

/// Checks someone in (or undoes it) and goes back to the same list, the
/// search kept and scrolled to the person's row.
#[tracing::instrument(skip_all, fields(event = %path.0, signup = %path.1))]
async fn check_in(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    path: web::Path<(Uuid, Uuid)>,
    CsrfForm(form): CsrfForm<DoorForm>,
) -> Result<HttpResponse, AppError> {
    let (event_id, signup_id) = path.into_inner();
    let action = DoorAction::parse(&form.action).ok_or(AppError::Refused)?;
    let context = mail_context(&state, &ctx.programme);
    let changed = participants::check_in(
        &state.db,
        event_id,
        signup_id,
        action,
        me.id,
        context.as_ref(),
    )
    .await?;
    if changed {
        leave_notice(
            &session,
            DoorNotice {
                signup: signup_id,
                action,
            },
        );
    }
    let query = query_of(&form.q);
    let mut location = checkin_path(event_id);
    if !query.is_empty() {
        location.push_str("?q=");
        location.extend(form_urlencoded::byte_serialize(query.as_bytes()));
    }
    location.push('#');
    location.push_str(&row_id(signup_id));
    Ok(see_other(&location))
}
