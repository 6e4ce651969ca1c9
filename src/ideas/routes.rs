//! Sharing an idea, the receipt, and the sender's private link.

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::Utc;
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};
use uuid::Uuid;
use validator::Validate;

use crate::AppState;
use crate::domain::Email;
use crate::error::AppError;
use crate::ideas::service::{self, NewContact, NewIdea, SenderEdit};
use crate::ideas::{StakeholderGroup, views};
use crate::mail::{MailBody, NewMail};
use crate::themes::service as themes;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::rate_limit::{self, keyed_hash};
use crate::web::{PageContext, html, html_status, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/ideer/ny", web::get().to(idea_form))
        .route("/ideer", web::post().to(submit_idea))
        .route("/ideer/mottatt", web::get().to(receipt))
        .route("/ideer/mine/{token}", web::get().to(my_idea))
        .route("/ideer/mine/{token}", web::post().to(edit_my_idea))
        .route(
            "/ideer/mine/{token}/trekk-tilbake",
            web::post().to(withdraw_my_idea),
        );
}

/// The form as sent, every value kept as text so it can be shown again.
#[derive(Deserialize, Validate, Default, Clone)]
#[serde(default)]
pub struct IdeaForm {
    #[validate(length(min = 5, max = 120, message = "ideas.validation.title"))]
    pub title: String,
    #[validate(length(min = 20, max = 4000, message = "ideas.validation.body"))]
    pub body: String,
    pub themes: Vec<String>,
    pub group: String,
    #[validate(length(max = 200, message = "ideas.validation.location"))]
    pub location: String,
    #[validate(length(max = 200, message = "ideas.validation.name"))]
    pub name: String,
    pub email: String,
    pub consent: Option<String>,
    pub news: Option<String>,
    /// Honeypot: hidden from people, filled in by naive bots.
    pub nettside: String,
    /// When the form was shown, signed, so a too-quick sender can be told apart.
    pub skjema_tid: String,
    pub idempotency_key: String,
}

/// Field order on the form, for the error summary.
pub const FIELDS: [&str; 8] = [
    "title", "body", "themes", "group", "location", "name", "email", "consent",
];

impl IdeaForm {
    fn trimmed(mut self) -> Self {
        for value in [
            &mut self.title,
            &mut self.body,
            &mut self.location,
            &mut self.name,
            &mut self.email,
        ] {
            *value = value.trim().to_owned();
        }
        self
    }

    /// Checks everything; on success the idea to store.
    fn check(&self, ctx: &PageContext) -> Result<NewIdea, FormErrors> {
        let mut errors = match self.validate() {
            Ok(()) => FormErrors::new(),
            Err(err) => FormErrors::from_validation(ctx.lang, &err, &FIELDS),
        };
        let group = StakeholderGroup::parse(&self.group);
        if group.is_none() {
            errors.add("group", ctx.t("ideas.validation.group"));
        }
        let email = if self.email.is_empty() {
            None
        } else {
            match Email::parse(&self.email) {
                Ok(email) => Some(email),
                Err(_) => {
                    errors.add("email", ctx.t("ideas.validation.email"));
                    None
                }
            }
        };
        if !self.email.is_empty() && self.consent.is_none() {
            errors.add("consent", ctx.t("ideas.validation.consent"));
        }
        let (Some(group), true) = (group, errors.is_empty()) else {
            return Err(errors);
        };
        let name = (!self.name.is_empty()).then(|| self.name.clone());
        Ok(NewIdea {
            title: self.title.clone(),
            body: self.body.replace("\r\n", "\n"),
            themes: self
                .themes
                .iter()
                .filter_map(|id| Uuid::parse_str(id).ok())
                .collect(),
            group,
            location: (!self.location.is_empty()).then(|| self.location.clone()),
            language: ctx.lang,
            contact: (name.is_some() || email.is_some()).then(|| NewContact {
                name,
                email,
                news_opt_in: self.news.is_some(),
            }),
            idempotency_key: (!self.idempotency_key.is_empty())
                .then(|| self.idempotency_key.chars().take(64).collect()),
        })
    }
}

/// `<unix seconds>.<keyed hash>`: when the form was shown, in a form the sender cannot forge.
fn form_time_stamp(state: &AppState) -> String {
    let now = Utc::now().timestamp().to_string();
    let signature = keyed_hash(&state.hash_key, "form-time", &now);
    format!("{now}.{signature}")
}

/// Seconds since the form was shown, if the stamp is genuine.
fn form_age(state: &AppState, stamp: &str) -> Option<i64> {
    let (time, signature) = stamp.split_once('.')?;
    (keyed_hash(&state.hash_key, "form-time", time) == signature)
        .then(|| time.parse::<i64>().ok())
        .flatten()
        .map(|shown| Utc::now().timestamp() - shown)
}

fn blank_form(state: &AppState) -> IdeaForm {
    IdeaForm {
        skjema_tid: form_time_stamp(state),
        idempotency_key: Uuid::new_v4().simple().to_string(),
        ..IdeaForm::default()
    }
}

#[tracing::instrument(skip_all)]
async fn idea_form(ctx: PageContext, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let active = themes::list_active(&state.db).await?;
    Ok(html(views::idea_form(
        &ctx,
        &active,
        &blank_form(&state),
        &FormErrors::new(),
    )))
}

#[tracing::instrument(skip_all)]
async fn submit_idea(
    ctx: PageContext,
    state: web::Data<AppState>,
    req: HttpRequest,
    session: Session,
    form: CsrfForm<IdeaForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0.trimmed();
    let genuine_age = form_age(&state, &form.skjema_tid);
    let too_quick =
        genuine_age.is_none_or(|age| age < state.settings.form_min_time.as_secs() as i64);
    if !form.nettside.is_empty() || too_quick {
        tracing::info!("idea refused as automated");
        return Ok(html_status(StatusCode::BAD_REQUEST, views::refused(&ctx)));
    }
    let idea = match form.check(&ctx) {
        Ok(idea) => idea,
        Err(errors) => {
            // The themes are only needed to show the form again.
            let active = themes::list_active(&state.db).await?;
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::idea_form(&ctx, &active, &form, &errors),
            ));
        }
    };
    let address = crate::web::client_address(&req, state.settings.trust_proxy);
    let key = keyed_hash(&state.hash_key, "submit-address", &address);
    let window = chrono::TimeDelta::from_std(state.settings.submission_window)
        .map_err(|err| AppError::unexpected("submission window", err))?;
    if !rate_limit::hit(
        &state.db,
        &key,
        window,
        state.settings.submissions_per_window,
    )
    .await?
    {
        return Ok(html_status(
            StatusCode::TOO_MANY_REQUESTS,
            views::too_many(&ctx),
        ));
    }

    let email = idea.contact.as_ref().and_then(|c| c.email.clone());
    let mode = ctx.programme.moderation_mode;
    let confirmation = |token: &str| {
        let email = email.as_ref()?;
        let link = state.public_url(&format!("/ideer/mine/{token}")).ok()?;
        let body = MailBody::new(ctx.lang)
            .paragraph(ctx.t("ideas.mail_thanks"))
            .paragraph(format!("«{}»", idea.title))
            .paragraph(ctx.t(match mode {
                crate::settings::service::ModerationMode::Pre => "ideas.mail_pending",
                crate::settings::service::ModerationMode::Post => "ideas.mail_published",
            }))
            .button(ctx.t("ideas.mail_button"), &link)
            .paragraph(ctx.t("ideas.mail_keep_private"))
            .footer(ctx.programme.programme_name.clone());
        Some(NewMail::compose(email, ctx.t("ideas.mail_subject"), &body))
    };
    let receipt = service::submit(&state.db, idea.clone(), mode, confirmation).await?;
    let _ = session.insert(
        RECEIPT,
        ReceiptNote {
            id: receipt.id,
            token: receipt.token,
            mailed: idea.contact.and_then(|c| c.email).is_some(),
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
    let Some(note) = session
        .remove_as::<ReceiptNote>(RECEIPT)
        .and_then(Result::ok)
    else {
        return Ok(see_other("/ideer/ny"));
    };
    let idea = crate::entities::input::Entity::find_by_id(note.id)
        .one(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let link = match &note.token {
        Some(token) => Some(state.public_url(&format!("/ideer/mine/{token}"))?),
        None => None,
    };
    Ok(html(views::receipt(
        &ctx,
        &idea,
        link.as_ref(),
        note.mailed,
    )))
}

async fn idea_by_token(
    state: &AppState,
    token: &str,
) -> Result<crate::entities::input::Model, AppError> {
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
    let chosen = service::theme_ids(&state.db, idea.id).await?;
    let form = IdeaForm {
        title: idea.title.clone().unwrap_or_default(),
        body: idea.body.clone(),
        location: idea.location.clone().unwrap_or_default(),
        themes: chosen.iter().map(ToString::to_string).collect(),
        ..IdeaForm::default()
    };
    let flash = crate::web::session::take_flash(&session);
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
            return Ok(html_status(
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
    crate::web::session::flash(&session, "ideas.edited");
    Ok(see_other(&format!("/ideer/mine/{token}")))
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
    crate::web::session::flash(&session, "ideas.withdrawn");
    Ok(see_other(&format!("/ideer/mine/{token}")))
}

/// Pages under a private link: never cached, and the link never leaves in a Referer.
fn private_page(markup: maud::Markup) -> HttpResponse {
    let mut response = html(markup);
    response.headers_mut().insert(
        actix_web::http::header::REFERRER_POLICY,
        actix_web::http::header::HeaderValue::from_static("no-referrer"),
    );
    response
}
