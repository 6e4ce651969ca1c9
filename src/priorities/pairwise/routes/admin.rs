//! `/admin/prioritering/parvis`: the scores, the proposals waiting for a
//! decision, and every vote as CSV. Every staff role reads; only editors
//! decide, and each decision is logged.

use actix_session::Session;
use actix_web::http::header::{
    CACHE_CONTROL, ContentDisposition, DispositionParam, DispositionType,
};
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::audit::service::{self as audit, Entry};
use crate::entities::pairwise_vote::Outcome;
use crate::error::AppError;
use crate::priorities::pairwise::service::{options, scores, votes};
use crate::priorities::pairwise::views::admin::{AdminPage, admin_page};
use crate::web::auth::{Editor, Staff};
use crate::web::csrf::CsrfForm;
use crate::web::private::{put_receipt, take_receipt};
use crate::web::{PageContext, html, see_other};

pub const PATH: &str = "/admin/prioritering/parvis";
const FLASH: &str = "pairwise_admin_flash";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(PATH, web::get().to(overview))
        .route(&format!("{PATH}/forslag/{{id}}"), web::post().to(decide))
        .route(&format!("{PATH}/stemmer.csv"), web::get().to(votes_csv));
}

#[tracing::instrument(skip_all)]
async fn overview(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    Staff(me): Staff,
) -> Result<HttpResponse, AppError> {
    let scores = scores::scores(&state.db, ctx.lang).await?;
    let waiting = options::waiting(&state.db).await?;
    let flash = take_receipt::<String>(&session, FLASH);
    Ok(html(admin_page(
        &ctx,
        &me,
        &AdminPage {
            scores: &scores,
            waiting: &waiting,
            flash: flash.as_deref().map(|key| ctx.t(key)),
        },
    )))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct DecisionForm {
    decision: String,
}

#[tracing::instrument(skip_all, fields(option_id = %id, user = %me.id))]
async fn decide(
    state: web::Data<AppState>,
    session: Session,
    Editor(me): Editor,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> Result<HttpResponse, AppError> {
    let approve = match form.decision.as_str() {
        "approve" => true,
        "reject" => false,
        other => return Err(AppError::Validation(format!("unknown decision {other:?}"))),
    };
    let txn = crate::db::begin(&state.db).await?;
    let decided = options::decide(&txn, *id, approve).await?;
    let flash = match decided {
        Some(option) => {
            let action = if approve {
                "pairwise.approve"
            } else {
                "pairwise.reject"
            };
            audit::record(
                &txn,
                Entry::new(Some(me.id), action).on("pairwise_option", option.id),
            )
            .await?;
            if approve {
                "pairwise.admin.approved"
            } else {
                "pairwise.admin.rejected"
            }
        }
        None => "pairwise.admin.already",
    };
    txn.commit().await?;
    put_receipt(&session, FLASH, &flash);
    Ok(see_other(PATH))
}

/// Every vote, oldest first, as RFC 4180 CSV: no personal data, the stream
/// only as its keyed hash. The download is logged, as other exports are.
#[tracing::instrument(skip_all, fields(user = %me.id))]
async fn votes_csv(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
) -> Result<HttpResponse, AppError> {
    let labels = options::all_labels(&state.db, ctx.lang).await?;
    let rows = votes::all(&state.db).await?;
    audit::record(
        &state.db,
        Entry::new(Some(me.id), "pairwise.export").details(format!("web rows={}", rows.len())),
    )
    .await?;
    let lang = ctx.lang;
    let body = web::block(move || -> Result<Vec<u8>, csv::Error> {
        let mut out = csv::Writer::from_writer(Vec::new());
        out.write_record([
            lang.t("pairwise.admin.csv_time"),
            lang.t("pairwise.admin.csv_stream"),
            lang.t("pairwise.admin.csv_left"),
            lang.t("pairwise.admin.csv_right"),
            lang.t("pairwise.admin.csv_outcome"),
        ])?;
        let label = |id: &Uuid| labels.get(id).map(|text| spreadsheet_safe(text));
        for vote in &rows {
            let outcome = match vote.outcome {
                Outcome::Left => "left",
                Outcome::Right => "right",
                Outcome::Skip => "skip",
            };
            out.write_record([
                vote.created_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    .as_str(),
                &vote.stream_hash,
                label(&vote.left_id).as_deref().unwrap_or(""),
                label(&vote.right_id).as_deref().unwrap_or(""),
                outcome,
            ])?;
        }
        out.into_inner()
            .map_err(|err| csv::Error::from(err.into_error()))
    })
    .await
    .map_err(|err| AppError::unexpected("pairwise export", err))?
    .map_err(|err| AppError::unexpected("pairwise export", err))?;
    let file_name = format!("innspill-parvis-{}.csv", Utc::now().format("%Y-%m-%d"));
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(file_name)],
        })
        .insert_header((CACHE_CONTROL, "no-store"))
        .body(body))
}

/// Residents write proposals; a leading `=`, `+`, `-` or `@` would make a
/// spreadsheet run the text as a formula, and the apostrophe keeps it text.
fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}
