//! The staff download at `/admin/eksport`: a form, and the file streamed back.
//!
//! Every signed-in role may export inputs; only editors (admins and
//! facilitators) may add personal data, and each such export is logged.

use actix_web::http::header::{
    CACHE_CONTROL, CONTENT_ENCODING, ContentDisposition, DispositionParam, DispositionType,
};
use actix_web::{HttpResponse, web};
use chrono::Utc;
use sea_orm::ActiveEnum;
use serde::Deserialize;

use crate::AppState;
use crate::entities::input::Channel;
use crate::error::AppError;
use crate::exports::stream::{self, SharedBuf};
use crate::exports::{Export, Format, views};
use crate::inputs::export::{self as inputs_export, InputFilter, InputSource};
use crate::inputs::parse_status;
use crate::web::auth::Staff;
use crate::web::csrf::CsrfForm;
use crate::web::{Lang, PageContext, html};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/eksport", web::get().to(export_form))
        .route("/admin/eksport", web::post().to(download_export));
}

/// The form as sent. Channels repeat (`channel=idea&channel=survey`).
#[derive(Deserialize, Default, Clone, Debug)]
#[serde(default)]
pub struct ExportForm {
    pub format: String,
    pub channel: Vec<String>,
    pub status: String,
    pub lang: String,
    pub personal_data: Option<String>,
}

/// What the form asks for, checked.
pub struct ExportRequest {
    pub format: Format,
    pub filter: InputFilter,
    pub lang: Lang,
    pub with_personal_data: bool,
}

impl ExportForm {
    fn parse(&self) -> Result<ExportRequest, AppError> {
        let format = Format::parse(&self.format)
            .ok_or_else(|| AppError::Validation(format!("unknown format {:?}", self.format)))?;
        let channels = self
            .channel
            .iter()
            .map(|code| {
                Channel::try_from_value(code)
                    .map_err(|_| AppError::Validation(format!("unknown channel {code:?}")))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let status = match self.status.as_str() {
            "" | "all" => None,
            code => Some(
                parse_status(code)
                    .ok_or_else(|| AppError::Validation(format!("unknown status {code:?}")))?,
            ),
        };
        let lang = match self.lang.as_str() {
            "" => Lang::default(),
            code => Lang::from_code(code)
                .ok_or_else(|| AppError::Validation(format!("unknown language {code:?}")))?,
        };
        Ok(ExportRequest {
            format,
            filter: InputFilter { channels, status },
            lang,
            with_personal_data: self.personal_data.is_some(),
        })
    }
}

#[tracing::instrument(skip_all)]
async fn export_form(ctx: PageContext, Staff(me): Staff) -> HttpResponse {
    html(views::export_page(&ctx, &me))
}

#[tracing::instrument(skip_all, fields(user = %me.id))]
async fn download_export(
    state: web::Data<AppState>,
    Staff(me): Staff,
    CsrfForm(form): CsrfForm<ExportForm>,
) -> Result<HttpResponse, AppError> {
    let request = form.parse()?;
    if request.with_personal_data && !me.role.can_edit() {
        // Least privilege: an observer's export never carries contact details,
        // and asking for them is refused rather than quietly ignored.
        return Err(AppError::Forbidden);
    }
    if request.with_personal_data {
        super::record_personal_data(
            &state.db,
            Some(me.id),
            inputs_export::RESOURCE,
            request.format,
            &format!("web; {}", request.filter.describe()),
        )
        .await?;
    }
    tracing::info!(
        format = request.format.code(),
        personal_data = request.with_personal_data,
        "inputs export"
    );
    let table = inputs_export::table(request.lang, request.with_personal_data);
    let source = InputSource::new(state.db.clone(), request.filter, request.with_personal_data);
    let buf = SharedBuf::default();
    let export = Export::new(source, request.format, &table, buf.clone())?;
    let file_name = request
        .format
        .file_name(inputs_export::RESOURCE, Utc::now());
    let mut response = HttpResponse::Ok();
    response
        .content_type(request.format.content_type())
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(file_name)],
        })
        .insert_header((CACHE_CONTROL, "no-store"));
    if request.format == Format::Xlsx {
        // Already a zip: compressing it again costs time and saves nothing.
        response.insert_header((CONTENT_ENCODING, "identity"));
    }
    Ok(response.streaming(stream::body(export, buf)))
}
