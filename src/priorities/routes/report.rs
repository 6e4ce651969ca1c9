//! `/admin/prioritering/rapport` as a page, `.xlsx` and `.json`, for every
//! staff role: the report holds no personal data. `?scenario=<id>` picks
//! the weights; without it the scenario chosen for the report is used.

use actix_web::http::header::{
    CACHE_CONTROL, CONTENT_ENCODING, ContentDisposition, DispositionParam, DispositionType,
};
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::audit::service::{self as audit, Entry};
use crate::error::AppError;
use crate::priorities::ranking::scenario;
use crate::priorities::report::{self, xlsx};
use crate::priorities::views::report::{PATH, ReportPage, page};
use crate::web::auth::Staff;
use crate::web::{PageContext, html};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(PATH, web::get().to(show))
        .route(&format!("{PATH}.xlsx"), web::get().to(workbook))
        .route(&format!("{PATH}.json"), web::get().to(json));
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Query {
    scenario: String,
}

impl Query {
    fn scenario(&self) -> Result<Option<Uuid>, AppError> {
        match self.scenario.trim() {
            "" => Ok(None),
            id => Uuid::parse_str(id)
                .map(Some)
                .map_err(|_| AppError::Validation(format!("no scenario {id:?}"))),
        }
    }
}

async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let (chosen, built) = build(&ctx, &state, &query).await?;
    let scenarios = scenario::list(&state.db).await?;
    Ok(html(page(
        &ctx,
        &me,
        &ReportPage {
            report: &built,
            scenario: &chosen,
            scenarios: &scenarios,
        },
    )))
}

/// The scenario asked for (or the report's own) and the report under it.
async fn build(
    ctx: &PageContext,
    state: &AppState,
    query: &Query,
) -> Result<(scenario::Scenario, report::Report), AppError> {
    let chosen = report::scenario_for(&state.db, ctx.lang, query.scenario()?).await?;
    let built = report::build(&state.db, ctx.lang, &chosen).await?;
    Ok((chosen, built))
}

/// The report for a download, with the download logged.
async fn exported(
    ctx: &PageContext,
    state: &AppState,
    query: &Query,
    me: &crate::entities::user::Model,
    format: &str,
) -> Result<report::Report, AppError> {
    let (chosen, built) = build(ctx, state, query).await?;
    audit::record(
        &state.db,
        Entry::new(Some(me.id), "priorities.report.export")
            .details(format!("{format} {}", chosen.name)),
    )
    .await?;
    Ok(built)
}

fn download(content_type: &str, extension: &str, body: Vec<u8>) -> HttpResponse {
    let name = format!(
        "kunnskapsgrunnlag-{}.{extension}",
        Utc::now().format("%Y-%m-%d")
    );
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(name)],
        })
        .insert_header((CACHE_CONTROL, "no-store"))
        // Already compressed (XLSX) or small: sent as it is.
        .insert_header((CONTENT_ENCODING, "identity"))
        .body(body)
}

async fn workbook(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let built = exported(&ctx, &state, &query, &me, "xlsx").await?;
    let lang = ctx.lang;
    let bytes = web::block(move || xlsx::write(&built, lang))
        .await
        .map_err(|err| AppError::unexpected("report workbook", err))?
        .map_err(|err| AppError::unexpected("report workbook", err))?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        bytes,
    ))
}

async fn json(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let built = exported(&ctx, &state, &query, &me, "json").await?;
    let body = serde_json::to_vec_pretty(&built)
        .map_err(|err| AppError::unexpected("report JSON", err))?;
    Ok(download("application/json", "json", body))
}
