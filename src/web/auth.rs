//! Who is signed in, and the role checks every staff route makes on the server.
//!
//! A handler states what it needs by its argument type: `Staff` (any role),
//! `Editor` (admin or facilitator) or `Admin`. A missing or idle session is
//! sent to the sign-in page; a role that falls short gets 403.

use std::future::Future;
use std::pin::Pin;

use actix_session::SessionExt;
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};
use sea_orm::EntityTrait;

use crate::AppState;
use crate::entities::user;
use crate::error::AppError;
use crate::web::session;

async fn signed_in_user(req: HttpRequest) -> Result<user::Model, AppError> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .ok_or_else(|| AppError::Unexpected("application state missing".into(), None))?;
    let session = req.get_session();
    let idle = state.settings.session_idle_timeout.as_secs() as i64;
    let (user_id, epoch) = session::active_user(&session, idle).ok_or(AppError::Unauthorized)?;
    match user::Entity::find_by_id(user_id).one(&state.db).await? {
        Some(user) if !user.disabled && user.session_epoch == epoch => Ok(user),
        _ => {
            // Disabled, deleted or signed out elsewhere since: the session ends now.
            session::sign_out(&session);
            Err(AppError::Unauthorized)
        }
    }
}

macro_rules! role_extractor {
    ($(#[$doc:meta])* $name:ident, $allowed:expr) => {
        $(#[$doc])*
        #[derive(Clone, Debug)]
        pub struct $name(pub user::Model);

        impl FromRequest for $name {
            type Error = AppError;
            type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                let req = req.clone();
                Box::pin(async move {
                    let user = signed_in_user(req).await?;
                    let allowed: fn(user::Role) -> bool = $allowed;
                    if allowed(user.role) {
                        Ok($name(user))
                    } else {
                        Err(AppError::Forbidden)
                    }
                })
            }
        }
    };
}

role_extractor!(
    /// Any signed-in user, observers included.
    Staff,
    |_| true
);
role_extractor!(
    /// An admin or a facilitator: may change content and see contact details.
    Editor,
    user::Role::can_edit
);
role_extractor!(
    /// An admin: users, settings, API tokens, audit log.
    Admin,
    user::Role::is_admin
);
