//! The staff download at `/admin/eksport`: a form, and the file streamed back.
//!
//! Every signed-in role may export inputs, businesses and interview
//! answers; only editors (admins and facilitators) may add personal data,
//! and each such export is logged before a byte of it is sent.

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
use crate::exports::{Export, Format, RowSource, Table, views};
use crate::inputs::export::{self as inputs_export, InputFilter, InputSource};
use crate::inputs::parse_status;
use crate::interviews::export::{self as interviews_export, AnswerSource, BusinessSource};
use crate::web::auth::Staff;
use crate::web::csrf::CsrfForm;
use crate::web::{Lang, PageContext, html};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/eksport", web::get().to(export_form))
        .route("/admin/eksport", web::post().to(download_export));
}

/// What can be downloaded here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource {
    Inputs,
    Businesses,
    Interviews,
}

impl Resource {
    pub const ALL: [Resource; 3] = [Resource::Inputs, Resource::Businesses, Resource::Interviews];

    /// The code the form sends, and the exporter's resource name.
    pub fn code(self) -> &'static str {
        match self {
            Resource::Inputs => inputs_export::RESOURCE,
            Resource::Businesses => interviews_export::businesses::RESOURCE,
            Resource::Interviews => interviews_export::interviews::RESOURCE,
        }
    }

    /// Whether it has a variant with personal data.
    pub fn has_personal_data(self) -> bool {
        self != Resource::Interviews
    }
}

/// The form as sent. Channels repeat (`channel=idea&channel=survey`).
#[derive(Deserialize, Default, Clone, Debug)]
#[serde(default)]
pub struct ExportForm {
    /// Empty means inputs, the export this page began with.
    pub resource: String,
    pub format: String,
    pub channel: Vec<String>,
    pub status: String,
    pub lang: String,
    pub personal_data: Option<String>,
}

/// What the form asks for, checked.
pub struct ExportRequest {
    pub resource: Resource,
    pub format: Format,
    pub filter: InputFilter,
    pub lang: Lang,
    pub with_personal_data: bool,
}

impl ExportForm {
    fn parse(&self) -> Result<ExportRequest, AppError> {
        let resource = match self.resource.as_str() {
            "" => Resource::Inputs,
            code => Resource::ALL
                .into_iter()
                .find(|resource| resource.code() == code)
                .ok_or_else(|| AppError::Validation(format!("unknown resource {code:?}")))?,
        };
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
            resource,
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
    // Interview answers have no contact columns: nothing to add, nothing to log.
    let with_personal_data = request.with_personal_data && request.resource.has_personal_data();
    if with_personal_data {
        let details = match request.resource {
            Resource::Inputs => format!("web; {}", request.filter.describe()),
            _ => "web".to_owned(),
        };
        super::record_personal_data(
            &state.db,
            Some(me.id),
            request.resource.code(),
            request.format,
            &details,
        )
        .await?;
    }
    tracing::info!(
        resource = request.resource.code(),
        format = request.format.code(),
        personal_data = with_personal_data,
        "export"
    );
    let (db, lang, format) = (state.db.clone(), request.lang, request.format);
    match request.resource {
        Resource::Inputs => respond(
            InputSource::new(db, request.filter, with_personal_data),
            format,
            &inputs_export::table(lang, with_personal_data),
        ),
        Resource::Businesses => respond(
            BusinessSource::new(db, lang, with_personal_data),
            format,
            &interviews_export::businesses::table(lang, with_personal_data),
        ),
        Resource::Interviews => respond(
            AnswerSource::new(db, lang),
            format,
            &interviews_export::interviews::table(lang),
        ),
    }
}

/// The export as a download, streamed batch by batch.
fn respond<S>(source: S, format: Format, table: &Table) -> Result<HttpResponse, AppError>
where
    S: RowSource + 'static,
    S::Row: 'static,
{
    let buf = SharedBuf::default();
    let export = Export::new(source, format, table, buf.clone())?;
    let file_name = format.file_name(table.resource, Utc::now());
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
