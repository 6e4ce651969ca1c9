//! One vote stream per browser: a random id in a cookie of its own, so a
//! browser's answers can be told apart from another's without knowing who
//! sent them. Only a keyed hash of the id is stored, so the rows cannot be
//! matched to a cookie without the server's key. Clearing the cookie
//! starts a new stream, as with any such count.

use actix_web::HttpRequest;
use actix_web::cookie::{Cookie, SameSite, time::Duration};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::web::rate_limit::keyed_hash;

const COOKIE: &str = "innspill_parvis";

/// A browser's stream: the id in its cookie, and whether the cookie is new.
pub struct Stream {
    id: String,
    new: bool,
}

impl Stream {
    /// The browser's stream, or a new one if it has none (or a bad one).
    pub fn of(req: &HttpRequest) -> Self {
        match req
            .cookie(COOKIE)
            .map(|cookie| cookie.value().to_owned())
            .filter(|id| id.len() == 43 && URL_SAFE_NO_PAD.decode(id).is_ok())
        {
            Some(id) => Self { id, new: false },
            None => Self {
                id: URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>()),
                new: true,
            },
        }
    }

    /// What the database keeps of the stream.
    pub fn hash(&self, hash_key: &[u8]) -> String {
        keyed_hash(hash_key, "pairwise-stream", &self.id)
    }

    /// The cookie to set, when the browser does not have it yet.
    pub fn cookie(&self, https: bool) -> Option<Cookie<'static>> {
        self.new.then(|| {
            Cookie::build(COOKIE, self.id.clone())
                .path("/parvis")
                .max_age(Duration::days(365))
                .same_site(SameSite::Lax)
                .http_only(true)
                .secure(https)
                .finish()
        })
    }
}
