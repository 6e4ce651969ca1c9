//! What a page needs to know about the request it answers: language, programme, path.

use std::future::Future;
use std::pin::Pin;

use actix_session::{Session, SessionExt};
use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest, web};

use crate::AppState;
use crate::error::AppError;
use crate::settings::service::{self as settings, Programme};
use crate::web::i18n::{LANG_COOKIE, Lang};

#[derive(Clone)]
pub struct PageContext {
    pub lang: Lang,
    pub programme: Programme,
    /// Path and query of this page, so the language switch can come back to it.
    pub path: String,
    session: Session,
}

impl PageContext {
    /// Builds the context; when the database cannot be read (an error page for a
    /// database fault, say) the page still renders with default settings.
    pub async fn from_http_request(req: &HttpRequest) -> Self {
        let programme = match req.app_data::<web::Data<AppState>>() {
            Some(state) => settings::current(&state.db).await.unwrap_or_default(),
            None => Programme::default(),
        };
        Self::with_programme(req, programme)
    }

    fn with_programme(req: &HttpRequest, programme: Programme) -> Self {
        Self {
            lang: request_lang(req),
            programme,
            path: current_path(req),
            session: req.get_session(),
        }
    }

    /// The CSRF token for forms on this page (creates the session cookie if needed).
    pub fn csrf_token(&self) -> String {
        crate::web::csrf::token(&self.session)
    }

    pub fn t(&self, key: &str) -> &'static str {
        self.lang.t(key)
    }

    pub fn tr(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.lang.tr(key, args)
    }
}

/// The language from the cookie; bokmål when there is none or it is unknown.
pub fn request_lang(req: &HttpRequest) -> Lang {
    req.cookie(LANG_COOKIE)
        .and_then(|cookie| Lang::from_code(cookie.value()))
        .unwrap_or_default()
}

fn current_path(req: &HttpRequest) -> String {
    req.uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_owned())
        .unwrap_or_else(|| "/".to_owned())
}

impl FromRequest for PageContext {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let state = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| AppError::Unexpected("application state missing".into(), None))?;
            let programme = settings::current(&state.db).await?;
            Ok(Self::with_programme(&req, programme))
        })
    }
}
