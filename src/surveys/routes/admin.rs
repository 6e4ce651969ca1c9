//! Staff survey pages: the list and new surveys, one survey with its
//! settings, publishing and kiosk link, and the preview. Sections and
//! questions have their own file (`admin_structure`).
//!
//! Every staff member reads; only editors (admins and facilitators) change.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::surveys::forms::{CreateForm, QuestionForm, SectionForm, SettingsForm};
use crate::surveys::model::{Survey, SurveyStatus};
use crate::surveys::service::builder::{self, StatusError};
use crate::surveys::service::templates::{self, Template};
use crate::surveys::service::{editing, load};
use crate::surveys::views::admin::{
    self as views, LIST_PATH, TEMPLATE_PATH, kiosk_path, survey_path,
};
use crate::surveys::views::admin_preview;
use crate::surveys::views::admin_survey::{self, SurveyPage};
use crate::themes::service as themes;
use crate::web::auth::{Editor, Staff};
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other, session};

/// A survey's page; the id pattern keeps `mal` apart.
pub(super) const SURVEY: &str =
    "/admin/undersokelser/{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(LIST_PATH, web::get().to(list))
        .route(LIST_PATH, web::post().to(create))
        .route(TEMPLATE_PATH, web::post().to(create_from_template))
        .route(SURVEY, web::get().to(detail))
        .route(
            &format!("{SURVEY}/innstillinger"),
            web::post().to(save_settings),
        )
        .route(&format!("{SURVEY}/status"), web::post().to(set_status))
        .route(&format!("{SURVEY}/kiosk"), web::post().to(open_kiosk))
        .route(&format!("{SURVEY}/kiosk/lukk"), web::post().to(close_kiosk))
        .route(&format!("{SURVEY}/forhandsvisning"), web::get().to(preview));
    super::admin_structure::configure(cfg);
}

pub(super) async fn find(state: &AppState, id: Uuid) -> Result<Survey, AppError> {
    load::get(&state.db, id).await?.ok_or(AppError::NotFound)
}

/// The survey page, with these forms and messages.
pub(super) struct Forms {
    pub settings: Option<SettingsForm>,
    pub section: SectionForm,
    pub question: QuestionForm,
    pub errors: FormErrors,
    pub kiosk_link: Option<String>,
}

impl Forms {
    pub fn blank() -> Forms {
        Forms {
            settings: None,
            section: SectionForm::default(),
            question: QuestionForm::default(),
            errors: FormErrors::new(),
            kiosk_link: None,
        }
    }
}

/// An absolute link when the site knows its address, else the path.
fn link(state: &AppState, path: &str) -> String {
    match &state.settings.public_url {
        Some(site) => site
            .join(path.trim_start_matches('/'))
            .map_or_else(|_| path.to_owned(), |url| url.to_string()),
        None => path.to_owned(),
    }
}

pub(super) async fn survey_page(
    ctx: &PageContext,
    state: &AppState,
    me: &crate::entities::user::Model,
    survey: &Survey,
    forms: Forms,
    flash: Option<&str>,
) -> Result<maud::Markup, AppError> {
    let responses = load::response_count(&state.db, survey.id).await?;
    let settings = forms
        .settings
        .unwrap_or_else(|| SettingsForm::from_survey(survey));
    let page = SurveyPage {
        survey,
        responses,
        settings: &settings,
        section: &forms.section,
        question: &forms.question,
        errors: &forms.errors,
        kiosk_link: forms.kiosk_link,
        public_link: link(state, &views::public_path(survey.id)),
    };
    Ok(admin_survey::page(ctx, me, &page, flash))
}

#[tracing::instrument(skip_all)]
async fn list(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let surveys = load::list(&state.db).await?;
    let flash = session::take_flash(&session);
    Ok(html(views::list(
        &ctx,
        &me,
        &surveys,
        &CreateForm::default(),
        &FormErrors::new(),
        flash.as_deref(),
    )))
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn create(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    CsrfForm(form): CsrfForm<CreateForm>,
) -> Result<HttpResponse, AppError> {
    let new = match form.check(&ctx) {
        Ok(new) => new,
        Err(errors) => {
            let surveys = load::list(&state.db).await?;
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::list(&ctx, &me, &surveys, &form, &errors, None),
            ));
        }
    };
    let first = views::t(&ctx, "first_section");
    let id = builder::create(&state.db, Some(me.id), new, first).await?;
    session::flash(&session, "surveys.admin.created");
    Ok(see_other(&survey_path(id)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TemplateForm {
    template: String,
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn create_from_template(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    CsrfForm(form): CsrfForm<TemplateForm>,
) -> Result<HttpResponse, AppError> {
    // Radio buttons with one checked: anything else is a forged form.
    let template =
        Template::parse(&form.template).ok_or_else(|| AppError::Validation("template".into()))?;
    let id = templates::create_from(&state.db, Some(me.id), template).await?;
    session::flash(&session, "surveys.admin.created");
    Ok(see_other(&survey_path(id)))
}

#[tracing::instrument(skip_all)]
async fn detail(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    session: Session,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, *id).await?;
    let flash = session::take_flash(&session);
    let page = survey_page(&ctx, &state, &me, &survey, Forms::blank(), flash.as_deref()).await?;
    Ok(html(page))
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn save_settings(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, *id).await?;
    match form.check(&ctx) {
        Ok(settings) => {
            editing::update_settings(&state.db, Some(me.id), survey.id, settings).await?;
            session::flash(&session, "surveys.admin.settings_saved");
            Ok(see_other(&survey_path(survey.id)))
        }
        Err(errors) => {
            let forms = Forms {
                settings: Some(form),
                errors,
                ..Forms::blank()
            };
            let page = survey_page(&ctx, &state, &me, &survey, forms, None).await?;
            Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StatusForm {
    status: String,
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn set_status(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, *id).await?;
    let to = match SurveyStatus::parse(&form.status) {
        Some(to @ (SurveyStatus::Published | SurveyStatus::Closed)) => to,
        _ => return Err(AppError::Validation("status".into())),
    };
    match builder::set_status(&state.db, Some(me.id), survey.id, to).await? {
        Ok(()) => {
            session::flash(&session, &format!("surveys.admin.status_set.{}", to.code()));
            Ok(see_other(&survey_path(survey.id)))
        }
        Err(refusal) => {
            let mut errors = FormErrors::new();
            let key = match refusal {
                StatusError::NoQuestions => "surveys.admin.refused.no_questions",
                StatusError::WrongStatus => "surveys.admin.refused.wrong_status",
            };
            errors.add("status-heading", ctx.t(key));
            let forms = Forms {
                errors,
                ..Forms::blank()
            };
            let page = survey_page(&ctx, &state, &me, &survey, forms, None).await?;
            Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

#[derive(Deserialize, Default)]
struct Empty {}

/// Opens a kiosk link and shows it in this response only, never in a URL
/// or a later page, as API tokens are shown.
#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn open_kiosk(
    ctx: PageContext,
    state: web::Data<AppState>,
    Editor(me): Editor,
    id: web::Path<Uuid>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, *id).await?;
    if survey.status == SurveyStatus::Closed {
        return Err(AppError::Validation(
            "a closed survey takes no kiosk".into(),
        ));
    }
    let token = builder::open_kiosk(&state.db, Some(me.id), survey.id).await?;
    let survey = find(&state, survey.id).await?;
    let forms = Forms {
        kiosk_link: Some(link(&state, &kiosk_path(survey.id, token.expose()))),
        ..Forms::blank()
    };
    let page = survey_page(
        &ctx,
        &state,
        &me,
        &survey,
        forms,
        Some("surveys.admin.kiosk_opened"),
    )
    .await?;
    Ok(html(page))
}

#[tracing::instrument(skip_all, fields(actor = %me.id))]
async fn close_kiosk(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, *id).await?;
    builder::close_kiosk(&state.db, Some(me.id), survey.id).await?;
    session::flash(&session, "surveys.admin.kiosk_closed");
    Ok(see_other(&survey_path(survey.id)))
}

#[tracing::instrument(skip_all)]
async fn preview(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let survey = find(&state, *id).await?;
    let active = themes::list_active(&state.db).await?;
    Ok(html(admin_preview::preview(&ctx, &me, &survey, &active)))
}
