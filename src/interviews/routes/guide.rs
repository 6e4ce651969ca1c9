//! The interview guide editor: the questions in order, adding, changing,
//! moving and switching them off or on. Questions are never deleted, so a
//! recorded answer keeps its question.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::entities::interview_question;
use crate::error::AppError;
use crate::interviews::guide::{self, QuestionText};
use crate::interviews::staff_forms::QuestionForm;
use crate::interviews::views::admin::GUIDE_PATH;
use crate::interviews::views::guide as views;
use crate::web::auth::{Editor, Staff};
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other, session};

const QUESTION: &str = "/admin/intervjuer/guide/{question:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(GUIDE_PATH, web::get().to(list))
        .route(GUIDE_PATH, web::post().to(add))
        .route(QUESTION, web::get().to(edit_form))
        .route(QUESTION, web::post().to(update))
        .route(&format!("{QUESTION}/flytt"), web::post().to(move_question))
        .route(&format!("{QUESTION}/aktiv"), web::post().to(switch));
}

async fn find(state: &AppState, id: Uuid) -> Result<interview_question::Model, AppError> {
    guide::questions(&state.db, true)
        .await?
        .into_iter()
        .find(|question| question.id == id)
        .ok_or(AppError::NotFound)
}

#[tracing::instrument(skip_all)]
async fn list(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let questions = guide::questions(&state.db, true).await?;
    let flash = session::take_flash(&session);
    Ok(html(views::list(
        &ctx,
        &me,
        &questions,
        &QuestionForm::default(),
        &FormErrors::new(),
        flash.as_deref(),
    )))
}

#[tracing::instrument(skip_all)]
async fn add(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    form: CsrfForm<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0;
    let question = match form.check(&ctx) {
        Ok(question) => question,
        Err(errors) => {
            let questions = guide::questions(&state.db, true).await?;
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::list(&ctx, &me, &questions, &form, &errors, None),
            ));
        }
    };
    guide::add_question(&state.db, &question, me.id).await?;
    session::flash(&session, "interviews.admin.guide.added");
    Ok(see_other(GUIDE_PATH))
}

#[tracing::instrument(skip_all)]
async fn edit_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let question = find(&state, *id).await?;
    Ok(html(views::edit_form(
        &ctx,
        &me,
        &question,
        &QuestionForm::from_question(&question),
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all)]
async fn update(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    form: CsrfForm<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    let question = find(&state, *id).await?;
    let form = form.0;
    let text = match form.check(&ctx) {
        Ok(text) => text,
        Err(errors) => {
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::edit_form(&ctx, &me, &question, &form, &errors),
            ));
        }
    };
    guide::update_question(&state.db, question.id, &text, question.active, me.id).await?;
    session::flash(&session, "interviews.admin.guide.saved");
    Ok(see_other(GUIDE_PATH))
}

#[derive(Deserialize)]
struct MoveForm {
    /// `opp` or `ned`.
    direction: String,
}

#[tracing::instrument(skip_all)]
async fn move_question(
    state: web::Data<AppState>,
    Editor(me): Editor,
    id: web::Path<Uuid>,
    form: CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let step = match form.0.direction.as_str() {
        "opp" => -1,
        "ned" => 1,
        _ => return Err(AppError::Validation("direction".into())),
    };
    guide::move_question(&state.db, *id, step, me.id).await?;
    // Back to the question moved, so keyboard users keep their place.
    Ok(see_other(&format!("{GUIDE_PATH}#q-{}", *id)))
}

#[derive(Deserialize)]
struct SwitchForm {
    /// `ja` to switch on, anything else to switch off.
    active: String,
}

#[tracing::instrument(skip_all)]
async fn switch(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    form: CsrfForm<SwitchForm>,
) -> Result<HttpResponse, AppError> {
    let question = find(&state, *id).await?;
    let active = form.0.active == "ja";
    let text = QuestionText {
        topic: guide::parse_topic(&question.topic).unwrap_or("other"),
        text: question.text.clone(),
        help: question.help.clone(),
    };
    guide::update_question(&state.db, question.id, &text, active, me.id).await?;
    session::flash(
        &session,
        if active {
            "interviews.admin.guide.switched_on"
        } else {
            "interviews.admin.guide.switched_off"
        },
    );
    Ok(see_other(GUIDE_PATH))
}
