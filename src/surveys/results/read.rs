//! Reading what results are made of: the survey, the themes named in the
//! reader's language, and the responses with only the columns results use.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex, PoisonError};

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::ThemeRef;
use crate::entities::survey_response;
use crate::error::AppError;
use crate::surveys::service::responses::StoredResponse;
use crate::themes::service as themes;
use crate::web::Lang;

/// Every theme, active ones first, each in its order, named in `lang`.
pub async fn theme_refs(db: &impl ConnectionTrait, lang: Lang) -> Result<Vec<ThemeRef>, AppError> {
    let mut all = themes::list(db).await?;
    all.sort_by_key(|t| (!t.active, t.position));
    Ok(all
        .iter()
        .map(|theme| ThemeRef {
            id: theme.id,
            slug: theme.slug.clone(),
            name: themes::name_in(theme, lang).to_owned(),
            active: theme.active,
        })
        .collect())
}

#[derive(FromQueryResult)]
struct Row {
    id: Uuid,
    answers: String,
    stakeholder_group: Option<String>,
    language: String,
    kiosk: bool,
    submitted_at: DateTime<Utc>,
}

impl Row {
    fn parse(self) -> StoredResponse {
        StoredResponse {
            id: self.id,
            answers: serde_json::from_str(&self.answers).unwrap_or_default(),
            stakeholder_group: self.stakeholder_group,
            language: self.language,
            kiosk: self.kiosk,
            submitted_at: self.submitted_at,
        }
    }
}

/// A survey's parsed responses as last read. Responses are only ever added
/// (never edited, and deleted only with their survey), so a cached list
/// whose count matches the table's is exactly what the table holds, and a
/// shorter one needs only the rows that came after it.
struct Cached {
    responses: Arc<Vec<StoredResponse>>,
    newest: Option<DateTime<Utc>>,
}

/// How many surveys' responses stay parsed in memory.
const CACHED_SURVEYS: usize = 8;
/// Rows are fetched again from this long before the newest cached one, so
/// a response that committed a little after a later-stamped one is not missed.
const OVERLAP_SECS: i64 = 120;

static CACHE: LazyLock<Mutex<HashMap<Uuid, Cached>>> = LazyLock::new(Default::default);

/// A survey's cached list and the newest time in it.
type Known = (Arc<Vec<StoredResponse>>, Option<DateTime<Utc>>);

fn cached(survey_id: Uuid) -> Option<Known> {
    let cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    cache
        .get(&survey_id)
        .map(|c| (Arc::clone(&c.responses), c.newest))
}

fn remember(survey_id: Uuid, responses: &Arc<Vec<StoredResponse>>) {
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if cache.len() >= CACHED_SURVEYS && !cache.contains_key(&survey_id) {
        let evict = cache.keys().next().copied();
        if let Some(evict) = evict {
            cache.remove(&evict);
        }
    }
    cache.insert(
        survey_id,
        Cached {
            responses: Arc::clone(responses),
            newest: responses.iter().map(|r| r.submitted_at).max(),
        },
    );
}

/// Drops a survey's parsed responses, so the next read parses them all.
pub fn forget(survey_id: Uuid) {
    CACHE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .remove(&survey_id);
}

/// Every response to the survey, oldest first, without the columns results
/// and exports never use. Parsed lists are kept between calls (see `Cached`):
/// the first read of 10,000 responses parses every answer document, later
/// ones count the rows and read only what is new.
pub async fn responses(
    db: &impl ConnectionTrait,
    survey_id: Uuid,
) -> Result<Arc<Vec<StoredResponse>>, AppError> {
    use survey_response::Column as C;
    let count = usize::try_from(
        survey_response::Entity::find()
            .filter(C::SurveyId.eq(survey_id))
            .count(db)
            .await?,
    )
    .unwrap_or(usize::MAX);
    if let Some((known, newest)) = cached(survey_id) {
        if known.len() == count {
            return Ok(known);
        }
        if known.len() < count {
            let since = newest.map(|at| at - chrono::TimeDelta::seconds(OVERLAP_SECS));
            let seen: HashSet<Uuid> = known
                .iter()
                .rev()
                .take_while(|r| since.is_some_and(|since| r.submitted_at >= since))
                .map(|r| r.id)
                .collect();
            let mut merged: Vec<StoredResponse> = known.as_ref().clone();
            merged.extend(
                parse(fetch(db, survey_id, since).await?)
                    .into_iter()
                    .filter(|r| !seen.contains(&r.id)),
            );
            if merged.len() >= count {
                merged.sort_by_key(|r| (r.submitted_at, r.id));
                let merged = Arc::new(merged);
                remember(survey_id, &merged);
                return Ok(merged);
            }
        }
    }
    let all = Arc::new(parse(fetch(db, survey_id, None).await?));
    remember(survey_id, &all);
    Ok(all)
}

async fn fetch(
    db: &impl ConnectionTrait,
    survey_id: Uuid,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<Row>, AppError> {
    use survey_response::Column as C;
    let mut query = survey_response::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::Answers,
            C::StakeholderGroup,
            C::Language,
            C::Kiosk,
            C::SubmittedAt,
        ])
        .filter(C::SurveyId.eq(survey_id));
    if let Some(since) = since {
        query = query.filter(C::SubmittedAt.gte(since));
    }
    Ok(query
        .order_by_asc(C::SubmittedAt)
        .order_by_asc(C::Id)
        .into_model::<Row>()
        .all(db)
        .await?)
}

/// Parses the answer documents, on two threads when there are many.
fn parse(rows: Vec<Row>) -> Vec<StoredResponse> {
    if rows.len() < 2_000 {
        return rows.into_iter().map(Row::parse).collect();
    }
    let mut rows = rows;
    let second = rows.split_off(rows.len() / 2);
    std::thread::scope(|scope| {
        let later = scope.spawn(move || second.into_iter().map(Row::parse).collect::<Vec<_>>());
        let mut parsed: Vec<StoredResponse> = rows.into_iter().map(Row::parse).collect();
        match later.join() {
            Ok(rest) => parsed.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        parsed
    })
}
