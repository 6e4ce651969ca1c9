//! Sharing an idea and the receipt.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppState;
use crate::error::AppError;
use crate::ideas::forms::IdeaForm;
use crate::ideas::service::{self, private_path};
use crate::ideas::views::submit as views;
use crate::themes::service as themes;
use crate::web::forms::FormErrors;
use crate::web::private::{put_receipt, take_receipt};
use crate::web::public_form::{Guard, PublicForm};
use crate::web::{PageContext, html, html_status, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/ideer/ny", web::get().to(idea_form))
        .route("/ideer", web::post().to(submit_idea))
        .route("/ideer/mottatt", web::get().to(receipt));
}

#[tracing::instrument(skip_all)]
async fn idea_form(ctx: PageContext, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let active = themes::list_active(&state.db).await?;
    Ok(html(views::idea_form(
        &ctx,
        &active,
        &IdeaForm::default(),
        &Guard::new(&state),
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all)]
async fn submit_idea(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    sent: PublicForm<IdeaForm>,
) -> Result<HttpResponse, AppError> {
    let form = sent.form.clone().trimmed();
    let mut idea = match form.check(&ctx) {
        Ok(idea) => idea,
        Err(errors) => {
            // The themes are only needed to show the form again.
            let active = themes::list_active(&state.db).await?;
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::idea_form(&ctx, &active, &form, &sent.guard, &errors),
            ));
        }
    };
    idea.idempotency_key = sent.guard.key();
    // A form sent again (a double click, a retry) is answered from the first
    // one and costs nothing; only a new idea counts against the limit.
    let repeat = match &idea.idempotency_key {
        Some(key) => service::find_by_idempotency_key(&state.db, key)
            .await?
            .is_some(),
        None => false,
    };
    if !repeat {
        sent.count_submission(&state).await?;
    }
    let mailed = idea.contact.as_ref().is_some_and(|c| c.email.is_some());
    let receipt = service::submit(
        &state.db,
        idea,
        ctx.programme.moderation_mode,
        state.settings.public_url.as_ref(),
    )
    .await?;
    put_receipt(
        &session,
        RECEIPT,
        &ReceiptNote {
            id: receipt.id,
            token: receipt.token,
            mailed,
        },
    );
    Ok(see_other("/ideer/mottatt"))
}

const RECEIPT: &str = "idea_receipt";

/// What the receipt page shows, handed over in the session across the redirect.
#[derive(Serialize, Deserialize)]
struct ReceiptNote {
    id: Uuid,
    token: Option<String>,
    mailed: bool,
}

#[tracing::instrument(skip_all)]
async fn receipt(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let Some(note) = take_receipt::<ReceiptNote>(&session, RECEIPT) else {
        return Ok(see_other("/ideer/ny"));
    };
    let idea = crate::entities::input::Entity::find_by_id(note.id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let link = match &note.token {
        Some(token) => Some(state.public_url(&private_path(token))?),
        None => None,
    };
    Ok(html(views::receipt(
        &ctx,
        &idea,
        link.as_ref(),
        note.mailed,
    )))
}
