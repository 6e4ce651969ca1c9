//! Public interview pages: what the interviews are with the registration
//! form, the receipt, and (in `mine`) the business's private page.

mod mine;

use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::AppState;
use crate::domain::OrgNumber;
use crate::entities::theme;
use crate::error::AppError;
use crate::interviews::forms::RegistrationForm;
use crate::interviews::routes::mail_context;
use crate::interviews::service::{self, Outcome, private_path};
use crate::interviews::views::public::{self as views, Receipt, RegistrationPage};
use crate::themes::service as themes;
use crate::web::forms::FormErrors;
use crate::web::private::{private_page, put_receipt, take_receipt};
use crate::web::public_form::{Guard, PublicForm};
use crate::web::{PageContext, html, html_status, see_other};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/intervju", web::get().to(landing))
        .route("/intervju/registrering", web::post().to(register))
        .route("/intervju/registrering-mottatt", web::get().to(receipt));
    mine::configure(cfg);
}

async fn active_themes(state: &AppState) -> Result<Vec<theme::Model>, AppError> {
    themes::list_active(&state.db).await
}

#[tracing::instrument(skip_all)]
async fn landing(
    ctx: PageContext,
    state: web::Data<AppState>,
    req: actix_web::HttpRequest,
) -> Result<HttpResponse, AppError> {
    let themes = active_themes(&state).await?;
    let form = prefilled(req.query_string(), &themes);
    Ok(html(views::landing(
        &ctx,
        &RegistrationPage {
            form: &form,
            themes: &themes,
            guard: &Guard::new(&state),
            errors: &FormErrors::new(),
        },
    )))
}

/// What a link may fill in before the business types anything: the
/// business survey's thanks page passes on industry, size band and themes.
/// Values the form would not offer are dropped.
fn prefilled(query: &str, themes: &[theme::Model]) -> RegistrationForm {
    #[derive(Deserialize, Default)]
    #[serde(default)]
    struct Prefill {
        industry: String,
        size_band: String,
        themes: Vec<String>,
    }
    let prefill: Prefill = serde_html_form::from_str(query).unwrap_or_default();
    RegistrationForm {
        industry: crate::interviews::industry::parse(&prefill.industry)
            .map(String::from)
            .unwrap_or_default(),
        size_band: crate::interviews::size::parse_band(&prefill.size_band)
            .unwrap_or_default()
            .to_owned(),
        themes: prefill
            .themes
            .into_iter()
            .filter(|id| themes.iter().any(|t| t.id.to_string() == *id))
            .collect(),
        ..RegistrationForm::default()
    }
}

const RECEIPT: &str = "interview_receipt";

#[derive(Serialize, Deserialize)]
struct ReceiptNote {
    business_id: Uuid,
    /// None for a form sent twice: its link went out with the first.
    token: Option<String>,
    updated: bool,
}

#[tracing::instrument(skip_all)]
async fn register(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
    sent: PublicForm<RegistrationForm>,
) -> Result<HttpResponse, AppError> {
    let form = sent.form.clone().trimmed();
    let mut registration = match form.check(&ctx) {
        Ok(registration) => registration,
        Err(errors) => {
            let themes = active_themes(&state).await?;
            return Ok(html_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::landing(
                    &ctx,
                    &RegistrationPage {
                        form: &form,
                        themes: &themes,
                        guard: &sent.guard,
                        errors: &errors,
                    },
                ),
            ));
        }
    };
    registration.idempotency_key = sent.guard.key();
    sent.count_submission(&state).await?;
    let context = mail_context(&state, &ctx.programme);
    let registered = service::register(&state.db, registration, context.as_ref()).await?;
    put_receipt(
        &session,
        RECEIPT,
        &ReceiptNote {
            business_id: registered.business_id,
            token: registered.token,
            updated: registered.outcome == Outcome::Updated,
        },
    );
    Ok(see_other("/intervju/registrering-mottatt"))
}

#[tracing::instrument(skip_all)]
async fn receipt(
    ctx: PageContext,
    state: web::Data<AppState>,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let Some(note) = take_receipt::<ReceiptNote>(&session, RECEIPT) else {
        return Ok(see_other("/intervju"));
    };
    let business = service::find(&state.db, note.business_id).await?;
    // Without a known public address the path still works on this site.
    let link = note.token.as_deref().map(|token| {
        let path = private_path(token);
        state.public_url(&path).map(String::from).unwrap_or(path)
    });
    let org_number = OrgNumber::parse(&business.org_number)
        .map(|number| number.grouped())
        .unwrap_or_else(|_| business.org_number.clone());
    Ok(private_page(views::receipt(
        &ctx,
        &Receipt {
            business: &business.name,
            org_number: &org_number,
            outcome: if note.updated {
                Outcome::Updated
            } else {
                Outcome::New
            },
            link: link.as_deref(),
        },
    )))
}
