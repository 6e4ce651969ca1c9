//! Staff routes that change a survey's questions: add, edit, move, hide
//! and delete (sections in `admin_sections`). A refusal from the editing rules comes back as a
//! message at the field it concerns, with the error summary, and nothing
//! changed.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use super::admin::{Forms, SURVEY, find, survey_page};
use super::admin_sections as sections;
use crate::AppState;
use crate::error::AppError;
use crate::surveys::forms::QuestionForm;
use crate::surveys::model::{Kind, Survey};
use crate::surveys::service::editing::{self, Moving, Refusal};
use crate::surveys::views::admin::survey_path;
use crate::surveys::views::admin_question as views;
use crate::web::auth::Editor;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other, session};

const UUID: &str = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    let section = format!("{SURVEY}/deler/{{section:{UUID}}}");
    let question = format!("{SURVEY}/sporsmal/{{question:{UUID}}}");
    cfg.route(
        &format!("{SURVEY}/deler"),
        web::post().to(sections::add_section),
    )
    .route(&section, web::get().to(sections::section_form))
    .route(&section, web::post().to(sections::update_section))
    .route(
        &format!("{section}/flytt"),
        web::post().to(sections::move_section),
    )
    .route(
        &format!("{section}/slett"),
        web::post().to(sections::delete_section),
    )
    .route(&format!("{SURVEY}/sporsmal"), web::post().to(add_question))
    .route(&question, web::get().to(question_form))
    .route(&question, web::post().to(update_question))
    .route(&format!("{question}/flytt"), web::post().to(move_question))
    .route(&format!("{question}/skjul"), web::post().to(hide_question))
    .route(
        &format!("{question}/slett"),
        web::post().to(delete_question),
    );
}

#[derive(Deserialize)]
pub(super) struct SurveyPath {
    pub id: Uuid,
}

#[derive(Deserialize)]
pub(super) struct SectionPath {
    pub id: Uuid,
    pub section: Uuid,
}

#[derive(Deserialize)]
pub(super) struct QuestionPath {
    id: Uuid,
    question: Uuid,
}

#[derive(Deserialize, Default)]
pub(super) struct Empty {}

#[derive(Deserialize)]
pub(super) struct MoveForm {
    /// `opp` or `ned`.
    pub direction: String,
}

pub(super) fn step(form: &MoveForm) -> Result<i32, AppError> {
    match form.direction.as_str() {
        "opp" => Ok(-1),
        "ned" => Ok(1),
        _ => Err(AppError::Validation("direction".into())),
    }
}

/// The field a refusal's message belongs at.
fn field_of(refusal: Refusal) -> &'static str {
    match refusal {
        Refusal::IncompatibleKind => "kind",
        Refusal::RoleNeedsSingleChoice | Refusal::RoleTaken => "role",
        Refusal::OptionInUse | Refusal::UnknownOption | Refusal::NoOptions => "new_options",
        Refusal::QuestionInUse | Refusal::SectionNotEmpty => "sections-heading",
    }
}

pub(super) fn refused(ctx: &PageContext, refusal: Refusal) -> FormErrors {
    let mut errors = FormErrors::new();
    errors.add(field_of(refusal), ctx.t(refusal.message_key()));
    errors
}

pub(super) fn section_of(survey: &Survey, id: Uuid) -> Result<&crate::surveys::Section, AppError> {
    survey
        .sections
        .iter()
        .find(|s| s.id == id)
        .ok_or(AppError::NotFound)
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn add_question(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    path: web::Path<SurveyPath>,
    CsrfForm(form): CsrfForm<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, path.id).await?;
    let section = Uuid::parse_str(form.section.trim())
        .ok()
        .filter(|id| section_of(&survey, *id).is_ok());
    let result = match (form.check(&ctx), section) {
        (Ok(mut edit), Some(section)) => {
            // A new long text becomes an input; the editor can say otherwise.
            edit.fields.as_input = edit.fields.kind == Kind::LongText;
            editing::add_question(&state.db, Some(me.id), survey.id, section, edit)
                .await?
                .map_err(|refusal| refused(&ctx, refusal))
        }
        (checked, _) => {
            let mut errors = checked.err().unwrap_or_default();
            if section.is_none() {
                errors.add("section", ctx.t("surveys.admin.validation.section"));
            }
            Err(errors)
        }
    };
    match result {
        // On to the new question's editor, for the fields its kind has.
        Ok(id) => Ok(see_other(&crate::surveys::views::admin::question_path(
            survey.id, id,
        ))),
        Err(errors) => {
            let forms = Forms {
                question: form,
                errors,
                ..Forms::blank()
            };
            let page = survey_page(&ctx, &state, &me, &survey, forms, None).await?;
            Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

#[tracing::instrument(skip_all)]
async fn question_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    path: web::Path<QuestionPath>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, path.id).await?;
    let question = survey.question(path.question).ok_or(AppError::NotFound)?;
    let form = QuestionForm::from_question(question);
    Ok(html(views::question_page(
        &ctx,
        &me,
        &survey,
        question,
        &form,
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn update_question(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    path: web::Path<QuestionPath>,
    CsrfForm(form): CsrfForm<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, path.id).await?;
    let question = survey.question(path.question).ok_or(AppError::NotFound)?;
    let result = match form.check(&ctx) {
        Ok(edit) => editing::update_question(&state.db, Some(me.id), survey.id, question.id, edit)
            .await?
            .map_err(|refusal| refused(&ctx, refusal)),
        Err(errors) => Err(errors),
    };
    match result {
        Ok(()) => {
            session::flash(&session, "surveys.admin.question_saved");
            Ok(see_other(&format!(
                "{}#q-{}",
                survey_path(survey.id),
                question.id
            )))
        }
        Err(errors) => Ok(html_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            views::question_page(&ctx, &me, &survey, question, &form, &errors),
        )),
    }
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn move_question(
    state: web::Data<AppState>,
    Editor(me): Editor,
    path: web::Path<QuestionPath>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let step = step(&form)?;
    editing::move_one(
        &state.db,
        Some(me.id),
        path.id,
        Moving::Question(path.question),
        step,
    )
    .await?;
    Ok(see_other(&format!(
        "{}#q-{}",
        survey_path(path.id),
        path.question
    )))
}

#[derive(Deserialize)]
struct HideForm {
    /// `ja` hides, `nei` asks the question again.
    hidden: String,
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn hide_question(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    path: web::Path<QuestionPath>,
    CsrfForm(form): CsrfForm<HideForm>,
) -> Result<HttpResponse, AppError> {
    let hidden = match form.hidden.as_str() {
        "ja" => true,
        "nei" => false,
        _ => return Err(AppError::Validation("hidden".into())),
    };
    editing::set_question_hidden(&state.db, Some(me.id), path.id, path.question, hidden).await?;
    session::flash(
        &session,
        if hidden {
            "surveys.admin.question_hidden"
        } else {
            "surveys.admin.question_unhidden"
        },
    );
    Ok(see_other(&format!(
        "{}#q-{}",
        survey_path(path.id),
        path.question
    )))
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn delete_question(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    path: web::Path<QuestionPath>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, path.id).await?;
    match editing::delete_question(&state.db, Some(me.id), survey.id, path.question).await? {
        Ok(()) => {
            session::flash(&session, "surveys.admin.question_deleted");
            Ok(see_other(&survey_path(survey.id)))
        }
        Err(refusal) => {
            let forms = Forms {
                errors: refused(&ctx, refusal),
                ..Forms::blank()
            };
            let page = survey_page(&ctx, &state, &me, &survey, forms, None).await?;
            Ok(html_status(StatusCode::CONFLICT, page))
        }
    }
}
