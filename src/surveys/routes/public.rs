//! Answering a survey: the public address (one response per browser) and
//! the kiosk address a facilitator opens for a meeting room (each response
//! starts fresh). Answers of earlier pages ride along in hidden fields, so
//! nothing is stored until the last page is sent, and a page that fails
//! its checks comes back with every answer as given.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::surveys::answering::{self, Raw};
use crate::surveys::carry_over;
use crate::surveys::model::{Section, Survey, SurveyStatus};
use crate::surveys::routes::answered;
use crate::surveys::service::{self, builder, responses};
use crate::surveys::views::public::{self as views, SurveyPage, Thanks, Unavailable};
use crate::themes::service as themes;
use crate::web::private::{put_receipt, take_receipt};
use crate::web::public_form::{Guard, PublicForm};
use crate::web::{PageContext, html, html_status, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/undersokelser", web::get().to(open_list))
        .route("/undersokelse/{id}", web::get().to(start))
        .route("/undersokelse/{id}", web::post().to(answer))
        .route("/undersokelse/{id}/takk", web::get().to(thanks))
        .route(
            "/undersokelse/{id}/kiosk/{token}",
            web::get().to(kiosk_start),
        )
        .route(
            "/undersokelse/{id}/kiosk/{token}",
            web::post().to(kiosk_answer),
        )
        .route(
            "/undersokelse/{id}/kiosk/{token}/takk",
            web::get().to(kiosk_thanks),
        );
}

const RECEIPT: &str = "survey_receipt";

/// Where a response is given: the public address, or a kiosk with its token.
enum Mode {
    Public,
    Kiosk(String),
}

impl Mode {
    fn base(&self, id: Uuid) -> String {
        match self {
            Mode::Public => format!("/undersokelse/{id}"),
            Mode::Kiosk(token) => format!("/undersokelse/{id}/kiosk/{token}"),
        }
    }
}

/// What the thanks page needs from the response, carried in the session.
#[derive(Serialize, Deserialize)]
struct Receipt {
    survey_id: Uuid,
    interview_query: Option<String>,
}

/// The surveys open now, newest first.
#[tracing::instrument(skip_all)]
async fn open_list(ctx: PageContext, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let now = Utc::now();
    let mut open = Vec::new();
    for listed in service::list(&state.db).await? {
        if listed.survey.status == SurveyStatus::Published.code()
            && let Some(survey) = service::get(&state.db, listed.survey.id).await?
            && survey.is_open(now)
        {
            open.push(survey);
        }
    }
    Ok(html(views::open_list(&ctx, &open)))
}

/// A survey anyone may see: published or closed, never a draft.
async fn public_survey(state: &AppState, id: &str) -> Result<Survey, AppError> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
    service::get(&state.db, id)
        .await?
        .filter(|s| s.status != SurveyStatus::Draft)
        .ok_or(AppError::NotFound)
}

async fn kiosk_survey(state: &AppState, id: &str, token: &str) -> Result<Survey, AppError> {
    let survey = public_survey(state, id).await?;
    if builder::kiosk_matches(&state.db, survey.id, token).await? {
        Ok(survey)
    } else {
        Err(AppError::NotFound)
    }
}

/// Why the survey takes no answer now, if it does not.
fn unavailable(survey: &Survey, req: &HttpRequest, mode: &Mode) -> Option<Unavailable> {
    let now = Utc::now();
    if survey.is_open(now) {
        let seen = matches!(mode, Mode::Public) && answered::surveys(req).contains(&survey.id);
        return seen.then_some(Unavailable::AlreadyAnswered);
    }
    let early =
        survey.status == SurveyStatus::Published && survey.opens_at.is_some_and(|at| now < at);
    Some(if early {
        Unavailable::NotYetOpen
    } else {
        Unavailable::Closed
    })
}

/// The questions asked on a page.
fn questions_of<'a>(sections: &[&'a Section]) -> Vec<&'a crate::surveys::model::Question> {
    sections
        .iter()
        .flat_map(|s| s.questions.iter().filter(|q| !q.hidden))
        .collect()
}

/// The pages: a section each when paged, else all sections on one.
fn pages(survey: &Survey) -> Vec<Vec<&Section>> {
    let asking = survey.pages();
    if survey.paged {
        asking.into_iter().map(|s| vec![s]).collect()
    } else {
        vec![asking]
    }
}

/// The answers and messages one page shows again.
struct Shown<'a> {
    raw: &'a Raw,
    guard: &'a Guard,
    errors: &'a crate::web::forms::FormErrors,
}

fn show(
    ctx: &PageContext,
    survey: &Survey,
    mode: &Mode,
    themes: &[crate::entities::theme::Model],
    page: usize,
    shown: Shown,
) -> maud::Markup {
    let all = pages(survey);
    let page = page.min(all.len().saturating_sub(1));
    let action = mode.base(survey.id);
    views::survey_page(
        ctx,
        &SurveyPage {
            survey,
            sections: all.get(page).cloned().unwrap_or_default(),
            page,
            pages: all.len(),
            themes,
            raw: shown.raw,
            guard: shown.guard,
            errors: shown.errors,
            action: &action,
        },
    )
}

async fn start_in(
    ctx: PageContext,
    state: &AppState,
    req: &HttpRequest,
    survey: Survey,
    mode: Mode,
) -> Result<HttpResponse, AppError> {
    if let Some(why) = unavailable(&survey, req, &mode) {
        return Ok(html(views::unavailable(&ctx, &survey, why)));
    }
    let themes = themes::list_active(&state.db).await?;
    let markup = show(
        &ctx,
        &survey,
        &mode,
        &themes,
        0,
        Shown {
            raw: &Raw::default(),
            guard: &Guard::new(state),
            errors: &Default::default(),
        },
    );
    Ok(html(markup))
}

#[tracing::instrument(skip_all)]
async fn start(
    ctx: PageContext,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let survey = public_survey(&state, &path).await?;
    start_in(ctx, &state, &req, survey, Mode::Public).await
}

#[tracing::instrument(skip_all)]
async fn kiosk_start(
    ctx: PageContext,
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    let survey = kiosk_survey(&state, &id, &token).await?;
    start_in(ctx, &state, &req, survey, Mode::Kiosk(token)).await
}

#[tracing::instrument(skip_all)]
async fn answer(
    ctx: PageContext,
    state: web::Data<AppState>,
    req: HttpRequest,
    session: Session,
    path: web::Path<String>,
    sent: PublicForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let survey = public_survey(&state, &path).await?;
    answer_in(ctx, &state, &req, &session, survey, Mode::Public, sent).await
}

#[tracing::instrument(skip_all)]
async fn kiosk_answer(
    ctx: PageContext,
    state: web::Data<AppState>,
    req: HttpRequest,
    session: Session,
    path: web::Path<(String, String)>,
    sent: PublicForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    let survey = kiosk_survey(&state, &id, &token).await?;
    answer_in(
        ctx,
        &state,
        &req,
        &session,
        survey,
        Mode::Kiosk(token),
        sent,
    )
    .await
}

async fn answer_in(
    ctx: PageContext,
    state: &AppState,
    req: &HttpRequest,
    session: &Session,
    survey: Survey,
    mode: Mode,
    sent: PublicForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    if let Some(why) = unavailable(&survey, req, &mode) {
        return Ok(html_status(
            StatusCode::CONFLICT,
            views::unavailable(&ctx, &survey, why),
        ));
    }
    let raw = Raw(sent.form.clone());
    let all = pages(&survey);
    let last = all.len().saturating_sub(1);
    let page = raw.value("side").parse::<usize>().unwrap_or(0).min(last);
    let themes = themes::list_active(&state.db).await?;
    let again = async |page: usize, errors: Vec<answering::FieldError>| {
        let errors = answering::form_errors(ctx.lang, &errors);
        let status = if errors.is_empty() {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        let markup = show(
            &ctx,
            &survey,
            &mode,
            &themes,
            page,
            Shown {
                raw: &raw,
                guard: &sent.guard,
                errors: &errors,
            },
        );
        Ok::<_, AppError>(html_status(status, markup))
    };
    let action = raw.value("handling");
    if action == "forrige" {
        return again(page.saturating_sub(1), Vec::new()).await;
    }
    let (_, errors) = answering::read(
        &questions_of(all.get(page).map_or(&[][..], Vec::as_slice)),
        &themes,
        &raw,
    );
    if !errors.is_empty() {
        return again(page, errors).await;
    }
    if page < last {
        return again(page + 1, Vec::new()).await;
    }
    // The last page: every answer again, as a hidden field could have been altered.
    let asked: Vec<_> = survey.asked().collect();
    let (answers, errors) = answering::read(&asked, &themes, &raw);
    if let Some(first) = errors.first() {
        let page_of = all
            .iter()
            .position(|sections| {
                questions_of(sections)
                    .iter()
                    .any(|q| answering::question_code(&first.field) == Some(q.code.as_str()))
            })
            .unwrap_or(page);
        return again(page_of, errors).await;
    }
    let kiosk = matches!(mode, Mode::Kiosk(_));
    if !kiosk {
        // A meeting room's kiosk sends many responses from one address.
        sent.count_submission(state).await?;
    }
    let stored = responses::submit(
        &state.db,
        &survey,
        responses::NewResponse {
            answers: answers.clone(),
            language: ctx.lang,
            kiosk,
            idempotency_key: sent.guard.key(),
            submitted_at: Utc::now(),
        },
    )
    .await?;
    if stored.is_err() {
        return Ok(html_status(
            StatusCode::CONFLICT,
            views::unavailable(&ctx, &survey, Unavailable::Closed),
        ));
    }
    put_receipt(
        session,
        RECEIPT,
        &Receipt {
            survey_id: survey.id,
            interview_query: carry_over::interview_query(&survey, &answers),
        },
    );
    let mut response = see_other(&format!("{}/takk", mode.base(survey.id)));
    if !kiosk {
        let cookie = answered::with(req, survey.id, state.settings.is_https());
        response
            .add_cookie(&cookie)
            .map_err(|err| AppError::unexpected("setting the answered cookie", err))?;
    }
    Ok(response)
}

async fn thanks_in(
    ctx: PageContext,
    session: &Session,
    survey: Survey,
    mode: Mode,
) -> Result<HttpResponse, AppError> {
    let receipt = take_receipt::<Receipt>(session, RECEIPT).filter(|r| r.survey_id == survey.id);
    let Some(receipt) = receipt else {
        return Ok(see_other(&mode.base(survey.id)));
    };
    let next_response = match &mode {
        Mode::Kiosk(_) => Some(mode.base(survey.id)),
        Mode::Public => None,
    };
    Ok(html(views::thanks(
        &ctx,
        &Thanks {
            survey: &survey,
            interview_link: receipt
                .interview_query
                .filter(|_| next_response.is_none())
                .map(|query| format!("/intervju?{query}#register-heading")),
            next_response,
        },
    )))
}

#[tracing::instrument(skip_all)]
async fn thanks(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let survey = public_survey(&state, &path).await?;
    thanks_in(ctx, &session, survey, Mode::Public).await
}

#[tracing::instrument(skip_all)]
async fn kiosk_thanks(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, token) = path.into_inner();
    let survey = kiosk_survey(&state, &id, &token).await?;
    thanks_in(ctx, &session, survey, Mode::Kiosk(token)).await
}
