//! Moderating residents' ideas, without HTTP: the queue, one idea with its
//! contact and themes, and what facilitators do to an idea (publish, hide,
//! edit the text, set themes, merge duplicates).
//!
//! Each action opens its own transaction, so the change, its audit entry and
//! any mail commit together (inside a caller's transaction that becomes a
//! savepoint). Idea rows are read `FOR UPDATE` on PostgreSQL, so two
//! facilitators acting on the same idea at once take turns.

use chrono::Utc;
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    Order, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, TransactionSession,
    TransactionTrait,
};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::domain::Email;
use crate::entities::input::{self, Channel, Status};
use crate::entities::input_theme::{self, Origin};
use crate::entities::{contact, support, theme};
use crate::error::AppError;
use crate::ideas::service::set_manual_themes;
use crate::mail::{self, MailBody, NewMail};
use crate::web::Lang;

/// Ideas on one page of the queue.
pub const PER_PAGE: u64 = 25;

/// Every status, in the order the queue's tabs show them.
pub const STATUSES: [Status; 5] = [
    Status::Pending,
    Status::Published,
    Status::Hidden,
    Status::Merged,
    Status::Withdrawn,
];

/// How many ideas have each status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusCounts(Vec<(Status, u64)>);

impl StatusCounts {
    pub fn get(&self, status: Status) -> u64 {
        self.0
            .iter()
            .find(|(s, _)| *s == status)
            .map(|(_, count)| *count)
            .unwrap_or_default()
    }

    pub fn total(&self) -> u64 {
        self.0.iter().map(|(_, count)| count).sum()
    }
}

/// One page of the queue.
#[derive(Clone, Debug)]
pub struct QueuePage {
    pub ideas: Vec<input::Model>,
    /// Ideas matching the filter, on all pages.
    pub total: u64,
    /// Zero-based.
    pub page: u64,
    pub pages: u64,
    pub counts: StatusCounts,
}

/// A theme an idea is tagged with, and how the tag came about.
#[derive(Clone, Debug)]
pub struct TaggedTheme {
    pub theme: theme::Model,
    pub origin: Origin,
}

/// An idea as the moderation page shows it.
#[derive(Clone, Debug)]
pub struct IdeaDetail {
    pub idea: input::Model,
    /// Personal data: only for editors' eyes.
    pub contact: Option<contact::Model>,
    pub themes: Vec<TaggedTheme>,
    /// The idea this one was merged into.
    pub merged_into: Option<input::Model>,
    /// Ideas merged into this one.
    pub originals: Vec<input::Model>,
}

/// Whether an action changed anything; a repeated click changes nothing and
/// writes no audit entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Changed,
    Unchanged,
}

/// What a publish did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PublishOutcome {
    Published,
    AlreadyPublished,
    /// The text changed after the facilitator opened it; nothing was published.
    ChangedSinceRead,
}

/// What a hide did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hidden {
    /// A mail telling the sender was queued.
    pub sender_told: bool,
}

/// What a merge did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merged {
    /// Supports moved to the target.
    pub moved: u64,
    /// Supports dropped because the same browser supported the target too.
    pub duplicates: u64,
    /// The target's support count afterwards.
    pub support_count: i32,
}

/// Why a merge was refused, so the form can say so next to the field.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("an idea cannot be merged into itself")]
    SameIdea,
    #[error("the target is not an idea")]
    TargetNotFound,
    #[error("the target is merged or withdrawn")]
    TargetClosed,
    #[error("the idea is already merged or withdrawn")]
    SourceClosed,
    #[error(transparent)]
    App(#[from] AppError),
}

impl From<sea_orm::DbErr> for MergeError {
    fn from(err: sea_orm::DbErr) -> Self {
        Self::App(err.into())
    }
}

/// A page of ideas with `status`, or of all ideas with the pending ones first.
/// The pending queue is oldest first, so nothing waits forever; the other
/// lists are newest first.
pub async fn queue(
    db: &impl ConnectionTrait,
    status: Option<Status>,
    page: u64,
) -> Result<QueuePage, AppError> {
    let mut query = input::Entity::find().filter(input::Column::Channel.eq(Channel::Idea));
    query = match status {
        Some(status) => query.filter(input::Column::Status.eq(status)),
        None => query.order_by(
            Expr::expr(Expr::case(input::Column::Status.eq(Status::Pending), 0).finally(1)),
            Order::Asc,
        ),
    };
    query = if matches!(status, None | Some(Status::Pending)) {
        query
            .order_by_asc(input::Column::CreatedAt)
            .order_by_asc(input::Column::Id)
    } else {
        query
            .order_by_desc(input::Column::CreatedAt)
            .order_by_desc(input::Column::Id)
    };
    let paginator = query.paginate(db, PER_PAGE);
    let total = paginator.num_items().await?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let page = page.min(pages - 1);
    let ideas = paginator.fetch_page(page).await?;
    Ok(QueuePage {
        ideas,
        total,
        page,
        pages,
        counts: counts(db).await?,
    })
}

/// The number of ideas with each status.
pub async fn counts(db: &impl ConnectionTrait) -> Result<StatusCounts, AppError> {
    let rows: Vec<(String, i64)> = input::Entity::find()
        .select_only()
        .column(input::Column::Status)
        .column_as(input::Column::Id.count(), "count")
        .filter(input::Column::Channel.eq(Channel::Idea))
        .group_by(input::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    Ok(StatusCounts(
        STATUSES
            .into_iter()
            .map(|status| {
                let count = rows
                    .iter()
                    .find(|(code, _)| *code == status_code(status))
                    .map(|(_, count)| u64::try_from(*count).unwrap_or_default())
                    .unwrap_or_default();
                (status, count)
            })
            .collect(),
    ))
}

/// The code a status is stored and linked as.
pub fn status_code(status: Status) -> &'static str {
    match status {
        Status::Pending => "pending",
        Status::Published => "published",
        Status::Hidden => "hidden",
        Status::Merged => "merged",
        Status::Withdrawn => "withdrawn",
    }
}

pub fn parse_status(code: &str) -> Option<Status> {
    STATUSES
        .into_iter()
        .find(|status| status_code(*status) == code)
}

/// One idea with its contact, themes and merge links; None when there is no
/// idea with that id (another channel's input is not an idea).
pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<IdeaDetail>, AppError> {
    let Some(idea) = find_idea(db, id).await? else {
        return Ok(None);
    };
    let contact = match idea.contact_id {
        Some(contact_id) => contact::Entity::find_by_id(contact_id).one(db).await?,
        None => None,
    };
    let themes = input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(id))
        .find_also_related(theme::Entity)
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(tag, theme)| {
            theme.map(|theme| TaggedTheme {
                theme,
                origin: tag.origin,
            })
        })
        .collect();
    let merged_into = match idea.merged_into_id {
        Some(target) => find_idea(db, target).await?,
        None => None,
    };
    let originals = originals(db, id).await?;
    Ok(Some(IdeaDetail {
        idea,
        contact,
        themes,
        merged_into,
        originals,
    }))
}

/// The ideas merged into `into_id`, oldest first.
pub async fn originals(
    db: &impl ConnectionTrait,
    into_id: Uuid,
) -> Result<Vec<input::Model>, AppError> {
    Ok(input::Entity::find()
        .filter(input::Column::Channel.eq(Channel::Idea))
        .filter(input::Column::MergedIntoId.eq(into_id))
        .filter(input::Column::Status.eq(Status::Merged))
        .order_by_asc(input::Column::CreatedAt)
        .all(db)
        .await?)
}

/// Ideas `id` may be merged into that the form offers: pending and
/// published ones, newest first.
pub async fn merge_targets(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Vec<input::Model>, AppError> {
    Ok(input::Entity::find()
        .filter(input::Column::Channel.eq(Channel::Idea))
        .filter(input::Column::Id.ne(id))
        .filter(input::Column::Status.is_in([Status::Pending, Status::Published]))
        .order_by_desc(input::Column::CreatedAt)
        .limit(500)
        .all(db)
        .await?)
}

async fn find_idea(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<input::Model>, AppError> {
    Ok(input::Entity::find_by_id(id)
        .filter(input::Column::Channel.eq(Channel::Idea))
        .one(db)
        .await?)
}

/// The idea, locked for the rest of the transaction.
async fn lock_idea(db: &impl ConnectionTrait, id: Uuid) -> Result<input::Model, AppError> {
    input::Entity::find_by_id(id)
        .filter(input::Column::Channel.eq(Channel::Idea))
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The version of an idea a facilitator has read: its last change, in microseconds.
pub fn version(idea: &input::Model) -> i64 {
    idea.updated_at.timestamp_micros()
}

/// Makes a pending or hidden idea public. It keeps the time it was first
/// published, and a hide reason no longer applies. With `seen` (the
/// `version` the facilitator read), an idea changed since then is not
/// published: the sender may edit a pending idea, and what goes public must
/// be what was read.
pub async fn publish<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    id: Uuid,
    seen: Option<i64>,
) -> Result<PublishOutcome, AppError> {
    let txn = db.begin().await?;
    let idea = lock_idea(&txn, id).await?;
    if seen.is_some_and(|seen| seen != version(&idea)) && idea.status != Status::Published {
        return Ok(PublishOutcome::ChangedSinceRead);
    }
    match idea.status {
        Status::Published => return Ok(PublishOutcome::AlreadyPublished),
        Status::Pending | Status::Hidden => {}
        Status::Merged | Status::Withdrawn => {
            return Err(AppError::Conflict("idea is merged or withdrawn".into()));
        }
    }
    let before = idea.status;
    let now = Utc::now();
    let published_at = idea.published_at.unwrap_or(now);
    let mut row = idea.into_active_model();
    row.status = Set(Status::Published);
    row.published_at = Set(Some(published_at));
    row.moderation_note = Set(None);
    row.updated_at = Set(now);
    row.update(&txn).await?;
    audit::record(
        &txn,
        Entry::new(Some(actor), "idea.publish")
            .on("input", id)
            .details(format!("from={}", status_code(before))),
    )
    .await?;
    txn.commit().await?;
    Ok(PublishOutcome::Published)
}

/// Hides an idea with a reason. With `tell_sender`, and when the sender left
/// an e-mail address, a mail in the idea's language tells them the reason.
pub async fn hide<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    id: Uuid,
    reason: String,
    tell_sender: bool,
) -> Result<Hidden, AppError> {
    let reason = reason.trim().to_owned();
    if reason.is_empty() {
        return Err(AppError::Validation("a reason is required".into()));
    }
    let txn = db.begin().await?;
    let idea = lock_idea(&txn, id).await?;
    if matches!(idea.status, Status::Merged | Status::Withdrawn) {
        return Err(AppError::Conflict("idea is merged or withdrawn".into()));
    }
    let before = idea.status;
    let mail = if tell_sender {
        hidden_mail(&txn, &idea, &reason).await?
    } else {
        None
    };
    let sender_told = mail.is_some();
    let mut row = idea.into_active_model();
    row.status = Set(Status::Hidden);
    row.moderation_note = Set(Some(reason.clone()));
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    if let Some(mail) = mail {
        mail::enqueue(&txn, mail).await?;
    }
    audit::record(
        &txn,
        Entry::new(Some(actor), "idea.hide")
            .on("input", id)
            .details(
                serde_json::json!({
                    "from": status_code(before),
                    "reason": reason,
                    "sender_told": sender_told,
                })
                .to_string(),
            ),
    )
    .await?;
    txn.commit().await?;
    Ok(Hidden { sender_told })
}

/// The mail telling the sender why their idea is hidden; None when they left
/// no usable address.
async fn hidden_mail(
    db: &impl ConnectionTrait,
    idea: &input::Model,
    reason: &str,
) -> Result<Option<NewMail>, AppError> {
    let Some(contact_id) = idea.contact_id else {
        return Ok(None);
    };
    let address = contact::Entity::find_by_id(contact_id)
        .one(db)
        .await?
        .and_then(|contact| contact.email)
        .and_then(|email| Email::parse(&email).ok());
    let Some(address) = address else {
        return Ok(None);
    };
    let lang = Lang::from_code(&idea.language).unwrap_or_default();
    let programme = crate::settings::service::current(db).await?;
    let title = idea.title.as_deref().unwrap_or_default();
    let mut body = MailBody::new(lang)
        .paragraph(lang.tr("ideas_admin.mail.hidden_intro", &[("title", title)]))
        .paragraph(lang.t("ideas_admin.mail.hidden_reason"))
        .paragraph(reason);
    if let Some(contact_email) = &programme.contact_email {
        body = body.paragraph(lang.tr(
            "ideas_admin.mail.hidden_questions",
            &[("email", contact_email)],
        ));
    }
    let body = body.footer(lang.tr(
        "ideas_admin.mail.footer",
        &[("programme", &programme.programme_name)],
    ));
    let subject = lang.tr(
        "ideas_admin.mail.hidden_subject",
        &[("programme", &programme.programme_name)],
    );
    Ok(Some(NewMail::compose(&address, subject, &body)))
}

/// Replaces the title and text, to take personal data out. The original is
/// kept only in the audit entry, which only admins can read.
pub async fn edit_text<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    id: Uuid,
    title: String,
    body: String,
) -> Result<Outcome, AppError> {
    let title = title.trim().to_owned();
    let body = body.trim().to_owned();
    if title.is_empty() || body.is_empty() {
        return Err(AppError::Validation("title and text are required".into()));
    }
    let txn = db.begin().await?;
    let idea = lock_idea(&txn, id).await?;
    if idea.title.as_deref() == Some(title.as_str()) && idea.body == body {
        return Ok(Outcome::Unchanged);
    }
    let original = serde_json::json!({
        "original_title": idea.title,
        "original_body": idea.body,
    })
    .to_string();
    let mut row = idea.into_active_model();
    row.title = Set(Some(title));
    row.body = Set(body);
    row.updated_at = Set(Utc::now());
    row.update(&txn).await?;
    audit::record(
        &txn,
        Entry::new(Some(actor), "idea.edit")
            .on("input", id)
            .details(original),
    )
    .await?;
    txn.commit().await?;
    Ok(Outcome::Changed)
}

/// Makes `themes` the idea's manual tags. Tags on themes that are switched
/// off stay (the form cannot offer them), and a suggestion a facilitator
/// ticks becomes a manual tag.
pub async fn set_themes<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    id: Uuid,
    themes: &[Uuid],
) -> Result<Outcome, AppError> {
    let txn = db.begin().await?;
    lock_idea(&txn, id).await?;
    let before = manual_tags(&txn, id).await?;
    let kept_inactive: Vec<&(Uuid, String, bool)> =
        before.iter().filter(|(_, _, active)| !active).collect();
    set_manual_themes(&txn, id, themes).await?;
    // A ticked theme the tagger had suggested: the conflict left it a suggestion.
    input_theme::Entity::update_many()
        .col_expr(input_theme::Column::Origin, Expr::value(Origin::Manual))
        .col_expr(
            input_theme::Column::Confidence,
            Expr::value(Option::<f64>::None),
        )
        .filter(input_theme::Column::InputId.eq(id))
        .filter(input_theme::Column::ThemeId.is_in(themes.to_vec()))
        .filter(input_theme::Column::Origin.eq(Origin::Suggested))
        .exec(&txn)
        .await?;
    let now = Utc::now();
    for (theme_id, _, _) in kept_inactive {
        input_theme::Entity::insert(input_theme::ActiveModel {
            input_id: Set(id),
            theme_id: Set(*theme_id),
            origin: Set(Origin::Manual),
            confidence: Set(None),
            created_at: Set(now),
        })
        .on_conflict_do_nothing()
        .exec(&txn)
        .await?;
    }
    let after = manual_tags(&txn, id).await?;
    let slugs = |tags: &[(Uuid, String, bool)]| {
        let mut slugs: Vec<String> = tags.iter().map(|(_, slug, _)| slug.clone()).collect();
        slugs.sort();
        slugs
    };
    let (before, after) = (slugs(&before), slugs(&after));
    if before == after {
        return Ok(Outcome::Unchanged);
    }
    audit::record(
        &txn,
        Entry::new(Some(actor), "idea.themes")
            .on("input", id)
            .details(format!("{} -> {}", before.join(","), after.join(","))),
    )
    .await?;
    txn.commit().await?;
    Ok(Outcome::Changed)
}

/// The idea's manual tags: theme id, slug and whether the theme is active.
async fn manual_tags(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Vec<(Uuid, String, bool)>, AppError> {
    Ok(input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(id))
        .filter(input_theme::Column::Origin.eq(Origin::Manual))
        .find_also_related(theme::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(_, theme)| theme.map(|t| (t.id, t.slug, t.active)))
        .collect())
}

/// Merges the duplicate `from_id` into `into_id`: `from` is marked merged and
/// links to the target, its supports move to the target (a browser that
/// supported both counts once), the people's theme tags join the target's,
/// and ideas merged into `from` before now point at the target too.
pub async fn merge<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Uuid,
    from_id: Uuid,
    into_id: Uuid,
) -> Result<Merged, MergeError> {
    if from_id == into_id {
        return Err(MergeError::SameIdea);
    }
    let txn = db.begin().await?;
    // Both rows locked in one statement, in id order, so two merges cannot deadlock.
    let rows = input::Entity::find()
        .filter(input::Column::Channel.eq(Channel::Idea))
        .filter(input::Column::Id.is_in([from_id, into_id]))
        .order_by_asc(input::Column::Id)
        .lock_exclusive()
        .all(&txn)
        .await?;
    let from = rows
        .iter()
        .find(|row| row.id == from_id)
        .cloned()
        .ok_or(MergeError::App(AppError::NotFound))?;
    let into = rows
        .iter()
        .find(|row| row.id == into_id)
        .cloned()
        .ok_or(MergeError::TargetNotFound)?;
    if matches!(from.status, Status::Merged | Status::Withdrawn) {
        return Err(MergeError::SourceClosed);
    }
    if matches!(into.status, Status::Merged | Status::Withdrawn) {
        return Err(MergeError::TargetClosed);
    }

    let target_browsers = Query::select()
        .column(support::Column::BrowserHash)
        .from(support::Entity)
        .and_where(support::Column::InputId.eq(into_id))
        .to_owned();
    let duplicates = support::Entity::delete_many()
        .filter(support::Column::InputId.eq(from_id))
        .filter(support::Column::BrowserHash.in_subquery(target_browsers))
        .exec(&txn)
        .await?
        .rows_affected;
    let moved = support::Entity::update_many()
        .col_expr(support::Column::InputId, Expr::value(into_id))
        .filter(support::Column::InputId.eq(from_id))
        .exec(&txn)
        .await?
        .rows_affected;
    let support_count = support::Entity::find()
        .filter(support::Column::InputId.eq(into_id))
        .count(&txn)
        .await?;
    let support_count = i32::try_from(support_count).unwrap_or(i32::MAX);

    join_themes(&txn, from_id, into_id).await?;

    input::Entity::update_many()
        .col_expr(input::Column::MergedIntoId, Expr::value(into_id))
        .filter(input::Column::MergedIntoId.eq(from_id))
        .exec(&txn)
        .await?;

    let now = Utc::now();
    let mut source = from.into_active_model();
    source.status = Set(Status::Merged);
    source.merged_into_id = Set(Some(into_id));
    source.support_count = Set(0);
    source.updated_at = Set(now);
    source.update(&txn).await?;
    let mut target = into.into_active_model();
    target.support_count = Set(support_count);
    target.updated_at = Set(now);
    target.update(&txn).await?;

    audit::record(
        &txn,
        Entry::new(Some(actor), "idea.merge")
            .on("input", from_id)
            .details(format!(
                "into={into_id} moved_supports={moved} duplicate_supports={duplicates}"
            )),
    )
    .await?;
    txn.commit().await?;
    Ok(Merged {
        moved,
        duplicates,
        support_count,
    })
}

/// Gives the target the themes people chose for the source (manual and
/// confirmed tags); a mere suggestion on the target becomes the person's tag.
async fn join_themes(
    db: &impl ConnectionTrait,
    from_id: Uuid,
    into_id: Uuid,
) -> Result<(), AppError> {
    let source_tags = input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(from_id))
        .filter(input_theme::Column::Origin.is_in([Origin::Manual, Origin::Confirmed]))
        .all(db)
        .await?;
    let target_tags = input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(into_id))
        .all(db)
        .await?;
    let now = Utc::now();
    for tag in source_tags {
        match target_tags.iter().find(|t| t.theme_id == tag.theme_id) {
            None => {
                input_theme::Entity::insert(input_theme::ActiveModel {
                    input_id: Set(into_id),
                    theme_id: Set(tag.theme_id),
                    origin: Set(tag.origin),
                    confidence: Set(None),
                    created_at: Set(now),
                })
                .on_conflict_do_nothing()
                .exec(db)
                .await?;
            }
            Some(existing) if existing.origin == Origin::Suggested => {
                let mut row = existing.clone().into_active_model();
                row.origin = Set(tag.origin);
                row.confidence = Set(None);
                row.update(db).await?;
            }
            Some(_) => {}
        }
    }
    Ok(())
}
