//! `/admin/undersokelser/{id}/eksport`: the form, and the survey's responses
//! as a file. Every staff role may download it: it holds no personal data.
//! Each download is logged, as the export page's downloads are.

use actix_web::http::header::{
    CACHE_CONTROL, CONTENT_ENCODING, ContentDisposition, DispositionParam, DispositionType,
};
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use super::results::SURVEY;
use crate::AppState;
use crate::audit::service::{self as audit, Entry};
use crate::error::AppError;
use crate::exports::Format;
use crate::surveys::export::{self, Data, RESOURCE};
use crate::surveys::results::read;
use crate::surveys::service;
use crate::surveys::views::export::export_page;
use crate::web::auth::Staff;
use crate::web::csrf::CsrfForm;
use crate::web::{Lang, PageContext, html};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(&format!("{SURVEY}/eksport"), web::get().to(form))
        .route(&format!("{SURVEY}/eksport"), web::post().to(download));
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ExportForm {
    format: String,
    lang: String,
}

#[tracing::instrument(skip_all, fields(survey_id = %id))]
async fn form(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let survey = service::get(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    let responses = service::load::response_count(&state.db, survey.id).await?;
    Ok(html(export_page(&ctx, &me, &survey, responses)))
}

#[tracing::instrument(skip_all, fields(survey_id = %id, user = %me.id))]
async fn download(
    state: web::Data<AppState>,
    Staff(me): Staff,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<ExportForm>,
) -> Result<HttpResponse, AppError> {
    let format = Format::parse(&form.format)
        .ok_or_else(|| AppError::Validation(format!("unknown format {:?}", form.format)))?;
    let lang = match form.lang.as_str() {
        "" => Lang::default(),
        code => Lang::from_code(code)
            .ok_or_else(|| AppError::Validation(format!("unknown language {code:?}")))?,
    };
    let survey = service::get(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    let themes = read::theme_refs(&state.db, lang).await?;
    let responses = read::responses(&state.db, survey.id).await?;
    audit::record(
        &state.db,
        Entry::new(Some(me.id), "survey.export")
            .on("survey", survey.id)
            .details(format!(
                "web format={} rows={}",
                format.code(),
                responses.len()
            )),
    )
    .await?;
    // Writing 10,000 rows takes a moment; it runs off the async worker.
    let body = web::block(move || {
        let data = Data {
            survey: &survey,
            themes: &themes,
            responses: &responses,
        };
        export::write(format, &data, lang, Vec::new())
    })
    .await
    .map_err(|err| AppError::unexpected("survey export", err))??;
    let file_name = format.file_name(RESOURCE, Utc::now());
    let mut response = HttpResponse::Ok();
    response
        .content_type(format.content_type())
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(file_name)],
        })
        .insert_header((CACHE_CONTROL, "no-store"));
    if format == Format::Xlsx {
        response.insert_header((CONTENT_ENCODING, "identity"));
    }
    Ok(response.body(body))
}
