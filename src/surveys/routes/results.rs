//! `/admin/undersokelser/{id}/resultater`: a survey's results for every
//! staff role (observers read), filtered by stakeholder group
//! (`?gruppe=<code>`) and cross-tabulated by group (`?krysstabell=<question code>`).

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::inputs::StakeholderGroup;
use crate::surveys::results::{self, read};
use crate::surveys::service;
use crate::surveys::views::results::{ResultsPage, results_page};
use crate::web::auth::Staff;
use crate::web::{PageContext, html};

/// A survey's staff pages; the id pattern keeps other paths apart.
pub(super) const SURVEY: &str =
    "/admin/undersokelser/{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(&format!("{SURVEY}/resultater"), web::get().to(show));
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Query {
    gruppe: String,
    krysstabell: String,
}

/// The group filter checked: empty is every group; an unknown code is refused.
pub fn parse_group(code: &str) -> Result<Option<StakeholderGroup>, AppError> {
    match code.trim() {
        "" => Ok(None),
        code => StakeholderGroup::parse(code)
            .map(Some)
            .ok_or_else(|| AppError::Validation(format!("unknown stakeholder group {code:?}"))),
    }
}

#[tracing::instrument(skip_all, fields(survey_id = %id))]
async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    id: web::Path<Uuid>,
    query: web::Query<Query>,
) -> Result<HttpResponse, AppError> {
    let survey = service::get(&state.db, *id)
        .await?
        .ok_or(AppError::NotFound)?;
    let group = parse_group(&query.gruppe)?;
    let themes = read::theme_refs(&state.db, ctx.lang).await?;
    let responses = read::responses(&state.db, survey.id).await?;
    let results = results::aggregate(&survey, &themes, &responses, group.map(|g| g.code()));
    let cross = match query.krysstabell.trim() {
        "" => None,
        code => {
            let question = survey
                .questions()
                .find(|q| q.code == code && q.kind.has_choices())
                .ok_or_else(|| AppError::Validation(format!("no choice question {code:?}")))?;
            Some(results::cross_tab(question, &responses))
        }
    };
    Ok(html(results_page(
        &ctx,
        &me,
        &ResultsPage {
            survey: &survey,
            results: &results,
            cross: cross.as_ref(),
        },
    )))
}
