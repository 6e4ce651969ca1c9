//! Rendered public pages kept in memory, each stamped with the public
//! revision it was rendered at. The revision is a counter in the database
//! that triggers bump in the same transaction as any change to what public
//! pages show, so one cheap read per request tells every instance whether
//! its copy still holds: a published, hidden or edited idea shows on the
//! next request, wherever it lands.

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::web::Bytes;
use sea_orm::{ConnectionTrait, DbErr, Statement};

/// Pages kept at most; each is a few tens of kilobytes, so memory stays
/// within a few megabytes whatever visitors ask for.
const CAPACITY: usize = 256;
/// Keys longer than this (long searches) are rendered but not kept.
const MAX_KEY_BYTES: usize = 300;

/// Rendered pages by key (language and path with query).
#[derive(Default)]
pub struct PageCache {
    pages: Mutex<HashMap<String, (i64, Bytes)>>,
}

impl PageCache {
    /// The page for `key` if it was rendered at `revision`.
    pub fn get(&self, key: &str, revision: i64) -> Option<Bytes> {
        let pages = self
            .pages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        pages
            .get(key)
            .filter(|(rendered_at, _)| *rendered_at == revision)
            .map(|(_, body)| body.clone())
    }

    /// Keeps `body` as the page for `key` at `revision`. When full, pages of
    /// older revisions go first; if all are current, all go (rare: it takes
    /// hundreds of distinct pages between two changes).
    pub fn put(&self, key: &str, revision: i64, body: Bytes) {
        if key.len() > MAX_KEY_BYTES {
            return;
        }
        let mut pages = self
            .pages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if pages.len() >= CAPACITY && !pages.contains_key(key) {
            pages.retain(|_, (rendered_at, _)| *rendered_at == revision);
            if pages.len() >= CAPACITY {
                pages.clear();
            }
        }
        pages.insert(key.to_owned(), (revision, body));
    }
}

/// The current public revision. Read it before the data a page shows, so a
/// page is never stamped newer than what it holds.
pub async fn public_revision(db: &impl ConnectionTrait) -> Result<i64, DbErr> {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT value FROM revisions WHERE name = 'public'",
        ))
        .await?;
    match row {
        Some(row) => row.try_get("", "value"),
        None => Ok(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_holds_only_at_its_revision() {
        let cache = PageCache::default();
        cache.put("nb /ideer", 3, Bytes::from_static(b"a"));
        assert_eq!(cache.get("nb /ideer", 3), Some(Bytes::from_static(b"a")));
        assert_eq!(cache.get("nb /ideer", 4), None);
        assert_eq!(cache.get("nn /ideer", 3), None);
    }

    #[test]
    fn a_full_cache_drops_old_pages_first() {
        let cache = PageCache::default();
        for n in 0..CAPACITY {
            cache.put(&format!("old {n}"), 1, Bytes::new());
        }
        cache.put("new", 2, Bytes::from_static(b"n"));
        assert_eq!(cache.get("old 0", 1), None);
        assert_eq!(cache.get("new", 2), Some(Bytes::from_static(b"n")));
        cache.put(&"x".repeat(MAX_KEY_BYTES + 1), 2, Bytes::new());
        assert_eq!(cache.get(&"x".repeat(MAX_KEY_BYTES + 1), 2), None);
    }
}
