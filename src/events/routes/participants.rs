//! Handlers of what facilitators do with an event's participants as a
//! group: download them through the shared exporter (logged, as it is
//! personal data) and send them all a message through the outbox.

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
use crate::error::AppError;
use crate::events::export::{self as participants_export, ParticipantSource};
use crate::events::message::{self, MessageForm};
use crate::events::service;
use crate::events::views::participants::{self as views, message_path};
use crate::exports::stream::{self, SharedBuf};
use crate::exports::{self, Export, Format};
use crate::web::auth::Editor;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other};

const EVENT: &str =
    "/admin/arrangementer/{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

/// Where the session keeps how many a message just went to.
const MESSAGE_SENT: &str = "message_sent";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(
        &format!("{EVENT}/deltakerliste"),
        web::post().to(download_participants),
    )
    .route(&format!("{EVENT}/e-post"), web::get().to(message_form))
    .route(&format!("{EVENT}/e-post"), web::post().to(send_message));
}

#[derive(Deserialize)]
struct ExportForm {
    format: String,
}

/// The participants of one event as a file. Logged before a byte is
/// written: a download cut short may still have left personal data behind.
#[tracing::instrument(skip_all, fields(event = %id, user = %me.id))]
async fn download_participants(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<ExportForm>,
) -> Result<HttpResponse, AppError> {
    let format = Format::parse(&form.format)
        .ok_or_else(|| AppError::Validation(format!("unknown format {:?}", form.format)))?;
    let event = service::find(&state.db, *id).await?;
    exports::record_personal_data(
        &state.db,
        Some(me.id),
        participants_export::RESOURCE,
        format,
        &format!("web; event={}", event.id),
    )
    .await?;
    tracing::info!(format = format.code(), "participants export");
    let table = participants_export::table(ctx.lang);
    let source = ParticipantSource::new(state.db.clone(), event.id);
    let buf = SharedBuf::default();
    let export = Export::new(source, format, &table, buf.clone())?;
    let file_name = format.file_name(&file_resource(&event.title), Utc::now());
    let mut response = HttpResponse::Ok();
    response
        .content_type(format.content_type())
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(file_name)],
        })
        .insert_header((CACHE_CONTROL, "no-store"));
    if format == Format::Xlsx {
        // Already a zip: compressing it again costs time and saves nothing.
        response.insert_header((CONTENT_ENCODING, "identity"));
    }
    Ok(response.streaming(stream::body(export, buf)))
}

/// `deltakere-<title in ASCII>`, so files of several events tell apart.
fn file_resource(title: &str) -> String {
    let mut slug = String::new();
    for c in title.to_lowercase().chars() {
        let mapped = match c {
            'æ' => "ae",
            'ø' => "o",
            'å' => "a",
            c if c.is_ascii_alphanumeric() => {
                slug.push(c);
                continue;
            }
            _ => "-",
        };
        slug.push_str(mapped);
    }
    let slug = slug
        .split('-')
        .filter(|part| !part.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "deltakere".to_owned()
    } else {
        format!("deltakere-{slug}")
    }
}

fn seats(participants: &[service::Participant]) -> usize {
    participants
        .iter()
        .filter(|p| p.signup.status.holds_seat())
        .count()
}

#[tracing::instrument(skip_all, fields(event = %id))]
async fn message_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let participants = service::participants(&state.db, event.id).await?;
    let sent = session.remove_as::<u64>(MESSAGE_SENT).and_then(Result::ok);
    Ok(html(views::message_page(
        &ctx,
        &me,
        &event,
        seats(&participants),
        &MessageForm::blank(),
        &FormErrors::new(),
        sent,
    )))
}

#[tracing::instrument(skip_all, fields(event = %id, user = %me.id))]
async fn send_message(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<MessageForm>,
) -> Result<HttpResponse, AppError> {
    let event = service::find(&state.db, *id).await?;
    let message = match form.check(ctx.lang) {
        Ok(message) => message,
        Err(errors) => {
            let participants = service::participants(&state.db, event.id).await?;
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::message_page(
                    &ctx,
                    &me,
                    &event,
                    seats(&participants),
                    &form,
                    &errors,
                    None,
                ),
            ));
        }
    };
    let sent = message::mail_seat_holders(
        &state.db,
        event.id,
        &message,
        &ctx.programme,
        form.key(),
        me.id,
    )
    .await?;
    let _ = session.insert(MESSAGE_SENT, sent);
    Ok(see_other(&message_path(event.id)))
}

#[cfg(test)]
mod tests {
    use super::file_resource;

    #[test]
    fn file_names_spell_the_title_in_ascii() {
        assert_eq!(
            file_resource("Workshop om sjømat & reiseliv på Ørnes!"),
            "deltakere-workshop-om-sjomat-reiseliv-pa-ornes"
        );
        assert_eq!(file_resource("«»"), "deltakere");
    }
}
