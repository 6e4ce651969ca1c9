//! Staff routes that change a survey's sections: add, rename and
//! describe, move, and delete one that holds no question.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use super::admin::{Forms, find, survey_page};
use super::admin_structure::{Empty, MoveForm, SectionPath, SurveyPath, refused, section_of, step};
use crate::AppState;
use crate::error::AppError;
use crate::surveys::forms::SectionForm;
use crate::surveys::service::editing::{self, Moving};
use crate::surveys::views::admin::survey_path;
use crate::surveys::views::admin_question as views;
use crate::web::auth::Editor;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other, session};

#[tracing::instrument(skip_all, fields(actor = %me.id))]
pub(super) async fn add_section(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    path: web::Path<SurveyPath>,
    CsrfForm(form): CsrfForm<SectionForm>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, path.id).await?;
    let (title, description) = match form.check(&ctx) {
        Ok(checked) => checked,
        Err(errors) => {
            let forms = Forms {
                section: form,
                errors,
                ..Forms::blank()
            };
            let page = survey_page(&ctx, &state, &me, &survey, forms, None).await?;
            return Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page));
        }
    };
    let id = editing::add_section(&state.db, Some(me.id), survey.id, &title, description).await?;
    session::flash(&session, "surveys.admin.section_added");
    Ok(see_other(&format!(
        "{}#section-{id}",
        survey_path(survey.id)
    )))
}

#[tracing::instrument(skip_all)]
pub(super) async fn section_form(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    path: web::Path<SectionPath>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, path.id).await?;
    let section = section_of(&survey, path.section)?;
    let form = SectionForm {
        section_title: section.title.clone(),
        section_description: section.description.clone().unwrap_or_default(),
    };
    Ok(html(views::section_page(
        &ctx,
        &me,
        &survey,
        section,
        &form,
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
pub(super) async fn update_section(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    path: web::Path<SectionPath>,
    CsrfForm(form): CsrfForm<SectionForm>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, path.id).await?;
    let section = section_of(&survey, path.section)?;
    let (title, description) = match form.check(&ctx) {
        Ok(checked) => checked,
        Err(errors) => {
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::section_page(&ctx, &me, &survey, section, &form, &errors),
            ));
        }
    };
    editing::update_section(
        &state.db,
        Some(me.id),
        survey.id,
        section.id,
        &title,
        description,
    )
    .await?;
    session::flash(&session, "surveys.admin.section_saved");
    Ok(see_other(&format!(
        "{}#section-{}",
        survey_path(survey.id),
        section.id
    )))
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
pub(super) async fn move_section(
    state: web::Data<AppState>,
    Editor(me): Editor,
    path: web::Path<SectionPath>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let step = step(&form)?;
    editing::move_one(
        &state.db,
        Some(me.id),
        path.id,
        Moving::Section(path.section),
        step,
    )
    .await?;
    // Back to the section moved, so keyboard users keep their place.
    Ok(see_other(&format!(
        "{}#section-{}",
        survey_path(path.id),
        path.section
    )))
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
pub(super) async fn delete_section(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    path: web::Path<SectionPath>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, path.id).await?;
    match editing::delete_section(&state.db, Some(me.id), survey.id, path.section).await? {
        Ok(()) => {
            session::flash(&session, "surveys.admin.section_deleted");
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
