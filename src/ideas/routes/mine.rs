//! The sender's private link: see, edit (while pending) and withdraw an idea.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::AppState;
use crate::entities::input;
use crate::error::AppError;
use crate::ideas::forms::IdeaForm;
use crate::ideas::service::{self, SenderEdit, private_path};
use crate::ideas::views::mine as views;
use crate::inputs::tags;
use crate::themes::service as themes;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::private::{private_page, private_page_status};
use crate::web::{PageContext, see_other, session};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/ideer/mine/{token}", web::get().to(my_idea))
        .route("/ideer/mine/{token}", web::post().to(edit_my_idea))
        .route(
            "/ideer/mine/{token}/trekk-tilbake",
            web::post().to(withdraw_my_idea),
        );
}

async fn idea_by_token(state: &AppState, token: &str) -> Result<input::Model, AppError> {
    service::find_by_token(&state.db, token)
        .await?
        .ok_or(AppError::NotFound)
}

#[tracing::instrument(skip_all)]
async fn my_idea(
    ctx: PageContext,
    state: web::Data<AppState>,
    token: web::Path<String>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let idea = idea_by_token(&state, &token).await?;
    let active = themes::list_active(&state.db).await?;
    let chosen = tags::theme_ids(&state.db, idea.id).await?;
    let form = IdeaForm {
        title: idea.title.clone().unwrap_or_default(),
        body: idea.body.clone(),
        location: idea.location.clone().unwrap_or_default(),
        themes: chosen.iter().map(ToString::to_string).collect(),
        ..IdeaForm::default()
    };
    let flash = session::take_flash(&session);
    Ok(private_page(views::my_idea(
        &ctx,
        &idea,
        &token,
        &active,
        &form,
        &FormErrors::new(),
        flash.as_deref(),
    )))
}

#[tracing::instrument(skip_all)]
async fn edit_my_idea(
    ctx: PageContext,
    state: web::Data<AppState>,
    token: web::Path<String>,
    session: Session,
    form: CsrfForm<IdeaForm>,
) -> Result<HttpResponse, AppError> {
    let idea = idea_by_token(&state, &token).await?;
    if !service::sender_may_edit(&idea) {
        return Err(AppError::Conflict("already moderated".into()));
    }
    let mut form = form.0.trimmed();
    // Only the text, place and themes change here; the group is kept as it was.
    form.group = idea.stakeholder_group.clone();
    let checked = match form.check(&ctx) {
        Ok(checked) => checked,
        Err(errors) => {
            let active = themes::list_active(&state.db).await?;
            return Ok(private_page_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::my_idea(&ctx, &idea, &token, &active, &form, &errors, None),
            ));
        }
    };
    service::edit_by_sender(
        &state.db,
        idea,
        SenderEdit {
            title: checked.title,
            body: checked.body,
            location: checked.location,
            themes: checked.themes,
        },
    )
    .await?;
    session::flash(&session, "ideas.edited");
    Ok(see_other(&private_path(&token)))
}

#[derive(Deserialize)]
struct Empty {}

#[tracing::instrument(skip_all)]
async fn withdraw_my_idea(
    state: web::Data<AppState>,
    token: web::Path<String>,
    session: Session,
    _form: CsrfForm<Empty>,
) -> Result<HttpResponse, AppError> {
    let idea = idea_by_token(&state, &token).await?;
    service::withdraw(&state.db, idea).await?;
    session::flash(&session, "ideas.withdrawn");
    Ok(see_other(&private_path(&token)))
}
