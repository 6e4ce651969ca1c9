//! Managing accounts (admins only): invite, change role, disable.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use crate::AppState;
use crate::admin::links::{self, Invitee, Letterhead};
use crate::admin::service as users;
use crate::audit::service::{self as audit, Entry};
use crate::domain::Email;
use crate::entities::user::Role;
use crate::error::AppError;
use crate::web::auth::Admin;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{PageContext, html, html_status, see_other, session};

use crate::admin::views::users as views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/brukere", web::get().to(list_users))
        .route("/admin/brukere", web::post().to(invite_user))
        .route("/admin/brukere/{id}/rolle", web::post().to(change_role))
        .route("/admin/brukere/{id}/status", web::post().to(change_status));
}

#[derive(Deserialize, Validate, Default)]
pub struct InviteForm {
    #[serde(default)]
    #[validate(email(message = "email"), length(max = 254, message = "email"))]
    pub email: String,
    #[serde(default)]
    #[validate(length(min = 1, max = 200, message = "name_length"))]
    pub name: String,
    #[serde(default)]
    pub role: String,
}

#[tracing::instrument(skip_all)]
async fn list_users(
    ctx: PageContext,
    state: web::Data<AppState>,
    Admin(me): Admin,
    session: Session,
) -> Result<HttpResponse, AppError> {
    let all = users::list(&state.db).await?;
    let flash = session::take_flash(&session);
    Ok(html(views::users(
        &ctx,
        &me,
        &all,
        &views::InviteValues {
            email: "",
            name: "",
            role: "",
        },
        &FormErrors::new(),
        flash.as_deref(),
    )))
}

#[tracing::instrument(skip_all)]
async fn invite_user(
    ctx: PageContext,
    state: web::Data<AppState>,
    Admin(me): Admin,
    session: Session,
    form: CsrfForm<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0;
    let mut errors = match form.validate() {
        Ok(()) => FormErrors::new(),
        Err(err) => FormErrors::from_validation(ctx.lang, &err, &["email", "name", "role"]),
    };
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", ctx.t("validation.role"));
    }
    let email = Email::parse(&form.email).ok();
    if let Some(email) = &email
        && users::find_by_email(&state.db, email).await?.is_some()
    {
        errors.add("email", ctx.t("validation.email_taken"));
    }
    let (Some(role), Some(email), true) = (role, email, errors.is_empty()) else {
        let all = users::list(&state.db).await?;
        return Ok(html_status(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            views::users(
                &ctx,
                &me,
                &all,
                &views::InviteValues {
                    email: &form.email,
                    name: &form.name,
                    role: &form.role,
                },
                &errors,
                None,
            ),
        ));
    };

    // The invitee has no language of their own yet; the inviter's is the best guess.
    let site = state.public_url("")?;
    links::invite(
        &state.db,
        &me,
        Invitee {
            email: &email,
            name: &form.name,
            role,
        },
        Letterhead {
            lang: ctx.lang,
            programme: &ctx.programme,
            site: &site,
        },
    )
    .await?;
    session::flash(&session, "users.invite_sent");
    Ok(see_other("/admin/brukere"))
}

#[derive(Deserialize)]
struct RoleForm {
    role: String,
}

#[tracing::instrument(skip_all)]
async fn change_role(
    state: web::Data<AppState>,
    Admin(me): Admin,
    session: Session,
    id: web::Path<Uuid>,
    form: CsrfForm<RoleForm>,
) -> Result<HttpResponse, AppError> {
    let role =
        Role::parse(&form.0.role).ok_or_else(|| AppError::Validation("unknown role".into()))?;
    // An admin cannot demote themselves, so there is always someone left to manage users.
    if *id == me.id {
        return Err(AppError::Conflict("own role".into()));
    }
    let txn = crate::db::begin(&state.db).await?;
    users::lock_acting_admin(&txn, me.id).await?;
    let user = users::find(&txn, *id).await?.ok_or(AppError::NotFound)?;
    let before = user.role;
    users::set_role(&txn, user, role).await?;
    audit::record(
        &txn,
        Entry::new(Some(me.id), "user.role")
            .on("user", *id)
            .details(format!("{} -> {}", before.as_str(), role.as_str())),
    )
    .await?;
    txn.commit().await?;
    session::flash(&session, "users.saved");
    Ok(see_other("/admin/brukere"))
}

#[derive(Deserialize)]
struct StatusForm {
    disabled: String,
}

#[tracing::instrument(skip_all)]
async fn change_status(
    state: web::Data<AppState>,
    Admin(me): Admin,
    session: Session,
    id: web::Path<Uuid>,
    form: CsrfForm<StatusForm>,
) -> Result<HttpResponse, AppError> {
    let disabled = form.0.disabled == "true";
    if *id == me.id {
        return Err(AppError::Conflict("own account".into()));
    }
    let txn = crate::db::begin(&state.db).await?;
    users::lock_acting_admin(&txn, me.id).await?;
    let user = users::find(&txn, *id).await?.ok_or(AppError::NotFound)?;
    users::set_disabled(&txn, user, disabled).await?;
    let action = if disabled {
        "user.disable"
    } else {
        "user.enable"
    };
    audit::record(&txn, Entry::new(Some(me.id), action).on("user", *id)).await?;
    txn.commit().await?;
    session::flash(&session, "users.saved");
    Ok(see_other("/admin/brukere"))
}
