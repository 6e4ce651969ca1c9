//! `/admin/prioritering/scenarier`: save, change, choose and delete weight
//! scenarios (editors), and read a scenario's ranking (every staff role).

use std::collections::BTreeMap;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::priorities::analysis;
use crate::priorities::criteria::Criterion;
use crate::priorities::ranking::result;
use crate::priorities::ranking::scenario::{self, Scenario, ScenarioFields, problems};
use crate::priorities::ranking::sensitivity::SensitivitySettings;
use crate::priorities::views::scenarios::{
    self as views, FormValues, LIST, ScenarioPage, scenario_path,
};
use crate::web::auth::{Editor, Staff};
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other, session};

const SCENARIO: &str = "/admin/prioritering/scenarier/{id:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}}";

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route(LIST, web::get().to(list))
        .route(LIST, web::post().to(create))
        .route(SCENARIO, web::get().to(show))
        .route(SCENARIO, web::post().to(update))
        .route(&format!("{SCENARIO}/velg"), web::post().to(choose))
        .route(&format!("{SCENARIO}/slett"), web::post().to(delete));
}

/// A number as people type it here: a decimal comma is a point.
fn number(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// The form read into a scenario's fields, with a message at every bad field.
pub fn read_form(ctx: &PageContext, form: &FormValues) -> Result<ScenarioFields, FormErrors> {
    let mut errors = FormErrors::new();
    let message = |key: &str| ctx.t(&format!("priorities.validation.{key}"));
    let mut fields = ScenarioFields {
        name: form.get("name").trim().to_owned(),
        ..ScenarioFields::default()
    };
    for c in Criterion::ALL {
        match number(form.get(c.code())) {
            Some(w) => fields.weights[c.index()] = w,
            None if form.get(c.code()).trim().is_empty() => fields.weights[c.index()] = 0.0,
            None => errors.add(c.code(), message("weight_range")),
        }
    }
    match form.get("areas").trim().parse::<u8>() {
        Ok(areas) => fields.areas = areas,
        Err(_) => errors.add("areas", message("areas_range")),
    }
    match form.get("samples").trim().parse::<u32>() {
        Ok(samples) => fields.sensitivity.samples = samples,
        Err(_) => errors.add("samples", message("samples_range")),
    }
    match number(form.get("concentration")) {
        Some(c) => fields.sensitivity.concentration = c,
        None => errors.add("concentration", message("concentration_range")),
    }
    match form.get("seed").trim().parse::<u64>() {
        Ok(seed) => fields.sensitivity.seed = seed,
        Err(_) => errors.add("seed", message("seed_range")),
    }
    for (field, problem) in problems(&fields) {
        if errors.get(field).is_none() {
            errors.add(field, message(problem));
        }
    }
    if errors.is_empty() {
        Ok(fields)
    } else {
        Err(errors)
    }
}

fn fields_of(s: &Scenario) -> ScenarioFields {
    ScenarioFields {
        name: s.name.clone(),
        weights: s.weights,
        areas: s.areas,
        sensitivity: s.sensitivity,
    }
}

async fn list(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    Staff(me): Staff,
) -> Result<HttpResponse, AppError> {
    let scenarios = scenario::list(&state.db).await?;
    let flash = session::take_flash(&session);
    let blank = ScenarioFields {
        name: String::new(),
        areas: 4,
        weights: crate::priorities::criteria::default_weights(),
        sensitivity: SensitivitySettings::default(),
    };
    let form = FormValues::of(ctx.lang, &blank);
    Ok(html(views::list(
        &ctx,
        &me,
        &scenarios,
        &form,
        &FormErrors::new(),
        flash.as_deref(),
    )))
}

async fn create(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    Editor(me): Editor,
    CsrfForm(form): CsrfForm<BTreeMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let form = FormValues(form);
    let errors = match read_form(&ctx, &form) {
        Ok(fields) => match scenario::create(&state.db, Some(me.id), &fields).await {
            Ok(id) => {
                session::flash(&session, "priorities.scenario_saved");
                return Ok(see_other(&scenario_path(id)));
            }
            Err(AppError::Conflict(_)) => name_taken(&ctx),
            Err(err) => return Err(err),
        },
        Err(errors) => errors,
    };
    let scenarios = scenario::list(&state.db).await?;
    Ok(html_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        views::list(&ctx, &me, &scenarios, &form, &errors, None),
    ))
}

fn name_taken(ctx: &PageContext) -> FormErrors {
    let mut errors = FormErrors::new();
    errors.add("name", ctx.t("priorities.validation.name_taken"));
    errors
}

async fn find(state: &AppState, id: Uuid) -> Result<Scenario, AppError> {
    scenario::get(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn render(
    ctx: &PageContext,
    state: &AppState,
    me: &crate::entities::user::Model,
    s: &Scenario,
    form: &FormValues,
    errors: &FormErrors,
    flash: Option<&str>,
) -> Result<maud::Markup, AppError> {
    let basis = analysis::gather(&state.db, ctx.lang).await?;
    let ranking = result::rank(&basis.evidence, &basis.means, s);
    Ok(views::scenario(
        ctx,
        me,
        &ScenarioPage {
            scenario: s,
            ranking: ranking.as_ref(),
            form,
            errors,
            flash,
        },
    ))
}

async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    Staff(me): Staff,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let s = find(&state, *id).await?;
    let flash = session::take_flash(&session);
    let form = FormValues::of(ctx.lang, &fields_of(&s));
    let page = render(
        &ctx,
        &state,
        &me,
        &s,
        &form,
        &FormErrors::new(),
        flash.as_deref(),
    )
    .await?;
    Ok(html(page))
}

async fn update(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    Editor(me): Editor,
    id: web::Path<Uuid>,
    CsrfForm(form): CsrfForm<BTreeMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let s = find(&state, *id).await?;
    let form = FormValues(form);
    let errors = match read_form(&ctx, &form) {
        Ok(fields) => match scenario::update(&state.db, Some(me.id), s.id, &fields).await {
            Ok(()) => {
                session::flash(&session, "priorities.scenario_saved");
                return Ok(see_other(&scenario_path(s.id)));
            }
            Err(AppError::Conflict(_)) => name_taken(&ctx),
            Err(err) => return Err(err),
        },
        Err(errors) => errors,
    };
    let page = render(&ctx, &state, &me, &s, &form, &errors, None).await?;
    Ok(html_status(StatusCode::UNPROCESSABLE_ENTITY, page))
}

async fn choose(
    state: web::Data<AppState>,
    session: Session,
    Editor(me): Editor,
    id: web::Path<Uuid>,
    CsrfForm(_): CsrfForm<BTreeMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    scenario::choose(&state.db, Some(me.id), *id).await?;
    session::flash(&session, "priorities.scenario_chosen");
    Ok(see_other(&scenario_path(*id)))
}

async fn delete(
    state: web::Data<AppState>,
    session: Session,
    Editor(me): Editor,
    id: web::Path<Uuid>,
    CsrfForm(_): CsrfForm<BTreeMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    scenario::delete(&state.db, Some(me.id), *id).await?;
    session::flash(&session, "priorities.scenario_deleted");
    Ok(see_other(LIST))
}
