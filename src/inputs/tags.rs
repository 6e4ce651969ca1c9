//! Theme tags on inputs: the one place they are read and written.
//!
//! A tag's origin says who set it: `manual` (the sender or a facilitator),
//! `suggested` (the tagger, not yet looked at) or `confirmed` (a suggestion
//! a facilitator accepted). The public sees only what people set or
//! confirmed, on active themes; staff see every tag.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::{Expr, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel,
    JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait, RelationTrait,
};
use serde::Serialize;
use uuid::Uuid;

use crate::entities::input_theme::{self, Origin};
use crate::entities::theme;
use crate::error::AppError;
use crate::web::Lang;

/// A theme as the public sees it, with its name in every UI language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ThemeTag {
    pub slug: String,
    pub name_nb: String,
    pub name_nn: String,
    pub name_en: String,
}

impl ThemeTag {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nb => &self.name_nb,
            Lang::Nn => &self.name_nn,
            Lang::En => &self.name_en,
        }
    }
}

/// A tag as staff see it: the whole theme, how the tag came about and the
/// tagger's confidence for a suggestion.
#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    pub theme: theme::Model,
    pub origin: Origin,
    pub confidence: Option<f64>,
}

impl Tag {
    /// Whether the public sees it: set or confirmed by a person, on an active theme.
    pub fn is_public(&self) -> bool {
        self.theme.active && PUBLIC_ORIGINS.contains(&self.origin)
    }
}

/// Tags a facilitator or the sender set; unreviewed suggestions stay private.
pub const PUBLIC_ORIGINS: [Origin; 2] = [Origin::Manual, Origin::Confirmed];

/// The public themes of each of `ids`, in the facilitators' order.
pub async fn public_themes_of(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<ThemeTag>>, AppError> {
    let mut by_input: HashMap<Uuid, Vec<ThemeTag>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_input);
    }
    let rows = input_theme::Entity::find()
        .select_only()
        .column(input_theme::Column::InputId)
        .column(theme::Column::Slug)
        .column(theme::Column::NameNb)
        .column(theme::Column::NameNn)
        .column(theme::Column::NameEn)
        .join(JoinType::InnerJoin, input_theme::Relation::Theme.def())
        .filter(input_theme::Column::InputId.is_in(ids.iter().copied()))
        .filter(input_theme::Column::Origin.is_in(PUBLIC_ORIGINS))
        .filter(theme::Column::Active.eq(true))
        .order_by_asc(theme::Column::Position)
        .order_by_asc(theme::Column::Slug)
        .into_tuple::<(Uuid, String, String, String, String)>()
        .all(db)
        .await?;
    for (input_id, slug, name_nb, name_nn, name_en) in rows {
        by_input.entry(input_id).or_default().push(ThemeTag {
            slug,
            name_nb,
            name_nn,
            name_en,
        });
    }
    Ok(by_input)
}

/// Every tag of each of `ids`, suggestions and inactive themes included, in
/// the facilitators' order of themes.
pub async fn tags_of(
    db: &impl ConnectionTrait,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Tag>>, AppError> {
    let mut by_input: HashMap<Uuid, Vec<Tag>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_input);
    }
    // Sorted here rather than in SQL: an ORDER BY on the themes makes SQLite
    // walk every tag of each theme and filter on the ids, so reading the tags
    // of a batch took time in proportion to all tags (exports went quadratic).
    let mut rows = input_theme::Entity::find()
        .filter(input_theme::Column::InputId.is_in(ids.iter().copied()))
        .find_also_related(theme::Entity)
        .all(db)
        .await?;
    rows.sort_by(|(_, a), (_, b)| {
        let key = |theme: &Option<theme::Model>| {
            theme
                .as_ref()
                .map(|theme| (theme.position, theme.slug.clone()))
        };
        key(a).cmp(&key(b))
    });
    for (tag, theme) in rows {
        if let Some(theme) = theme {
            by_input.entry(tag.input_id).or_default().push(Tag {
                theme,
                origin: tag.origin,
                confidence: tag.confidence,
            });
        }
    }
    Ok(by_input)
}

/// Every tag of one input.
pub async fn tags_of_one(db: &impl ConnectionTrait, id: Uuid) -> Result<Vec<Tag>, AppError> {
    Ok(tags_of(db, &[id]).await?.remove(&id).unwrap_or_default())
}

/// Ids of the themes an input is tagged with (any origin).
pub async fn theme_ids(db: &impl ConnectionTrait, input_id: Uuid) -> Result<Vec<Uuid>, AppError> {
    Ok(input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(input_id))
        .all(db)
        .await?
        .into_iter()
        .map(|tag| tag.theme_id)
        .collect())
}

/// Replaces the manual tags of an input with `themes` (active ones only).
/// A theme the input already carries as a suggestion stays a suggestion;
/// `set_by_person` turns those into the person's tags.
pub async fn set_manual(
    db: &impl ConnectionTrait,
    input_id: Uuid,
    themes: &[Uuid],
) -> Result<(), AppError> {
    input_theme::Entity::delete_many()
        .filter(input_theme::Column::InputId.eq(input_id))
        .filter(input_theme::Column::Origin.eq(Origin::Manual))
        .exec(db)
        .await?;
    if themes.is_empty() {
        return Ok(());
    }
    let active: Vec<Uuid> = theme::Entity::find()
        .filter(theme::Column::Id.is_in(themes.to_vec()))
        .filter(theme::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|theme| theme.id)
        .collect();
    for theme_id in active {
        insert(db, input_id, theme_id, Origin::Manual, None).await?;
    }
    Ok(())
}

/// A facilitator's choice of themes: `themes` become the input's tags set
/// by people. A ticked suggestion becomes a manual tag, a confirmed tag
/// stays confirmed while ticked and goes when unticked, and tags on themes
/// that are switched off stay (a form cannot offer them). Returns the slugs
/// of the people's tags (manual and confirmed) before and after, sorted.
pub async fn set_by_person(
    db: &impl ConnectionTrait,
    input_id: Uuid,
    themes: &[Uuid],
) -> Result<(Vec<String>, Vec<String>), AppError> {
    let before = people_tags(db, input_id).await?;
    let unticked: Vec<Uuid> = before
        .iter()
        .filter(|(theme, origin)| {
            *origin == Origin::Confirmed && theme.active && !themes.contains(&theme.id)
        })
        .map(|(theme, _)| theme.id)
        .collect();
    input_theme::Entity::delete_many()
        .filter(input_theme::Column::InputId.eq(input_id))
        .filter(input_theme::Column::ThemeId.is_in(unticked))
        .exec(db)
        .await?;
    set_manual(db, input_id, themes).await?;
    input_theme::Entity::update_many()
        .col_expr(input_theme::Column::Origin, Expr::value(Origin::Manual))
        .col_expr(
            input_theme::Column::Confidence,
            Expr::value(Option::<f64>::None),
        )
        .filter(input_theme::Column::InputId.eq(input_id))
        .filter(input_theme::Column::ThemeId.is_in(themes.to_vec()))
        .filter(input_theme::Column::Origin.eq(Origin::Suggested))
        .exec(db)
        .await?;
    for (theme, origin) in before.iter().filter(|(theme, _)| !theme.active) {
        insert(db, input_id, theme.id, *origin, None).await?;
    }
    let after = people_tags(db, input_id).await?;
    Ok((slugs(&before), slugs(&after)))
}

/// Stores the tagger's suggestions for an input, replacing its earlier
/// ones. A theme a person already set or confirmed is left as it is.
pub async fn suggest(
    db: &impl ConnectionTrait,
    input_id: Uuid,
    suggestions: &[(Uuid, f64)],
) -> Result<(), AppError> {
    input_theme::Entity::delete_many()
        .filter(input_theme::Column::InputId.eq(input_id))
        .filter(input_theme::Column::Origin.eq(Origin::Suggested))
        .exec(db)
        .await?;
    for (theme_id, confidence) in suggestions {
        insert(
            db,
            input_id,
            *theme_id,
            Origin::Suggested,
            Some(confidence.clamp(0.0, 1.0)),
        )
        .await?;
    }
    Ok(())
}

/// A facilitator accepts a suggestion; true when there was one to accept.
pub async fn confirm(
    db: &impl ConnectionTrait,
    input_id: Uuid,
    theme_id: Uuid,
) -> Result<bool, AppError> {
    let changed = input_theme::Entity::update_many()
        .col_expr(input_theme::Column::Origin, Expr::value(Origin::Confirmed))
        .filter(input_theme::Column::InputId.eq(input_id))
        .filter(input_theme::Column::ThemeId.eq(theme_id))
        .filter(input_theme::Column::Origin.eq(Origin::Suggested))
        .exec(db)
        .await?;
    Ok(changed.rows_affected == 1)
}

/// A facilitator turns down a suggestion; true when there was one. Tags
/// people set or confirmed are not touched.
pub async fn remove_suggestion(
    db: &impl ConnectionTrait,
    input_id: Uuid,
    theme_id: Uuid,
) -> Result<bool, AppError> {
    let removed = input_theme::Entity::delete_many()
        .filter(input_theme::Column::InputId.eq(input_id))
        .filter(input_theme::Column::ThemeId.eq(theme_id))
        .filter(input_theme::Column::Origin.eq(Origin::Suggested))
        .exec(db)
        .await?;
    Ok(removed.rows_affected == 1)
}

/// A facilitator adds a theme by hand: a new manual tag, or a suggestion on
/// that theme becomes the person's tag. False when a person had already set
/// or confirmed it.
pub async fn add_by_person(
    db: &impl ConnectionTrait,
    input_id: Uuid,
    theme_id: Uuid,
) -> Result<bool, AppError> {
    let existing = input_theme::Entity::find_by_id((input_id, theme_id))
        .one(db)
        .await?;
    match existing {
        None => {
            insert(db, input_id, theme_id, Origin::Manual, None).await?;
            Ok(true)
        }
        Some(tag) if tag.origin == Origin::Suggested => {
            let mut row = tag.into_active_model();
            row.origin = Set(Origin::Manual);
            row.confidence = Set(None);
            row.update(db).await?;
            Ok(true)
        }
        Some(_) => Ok(false),
    }
}

/// Confirms the suggestions with at least `min_confidence` on the inputs
/// `inputs` selects (a subquery of input ids, so a filter over thousands of
/// inputs is one statement); returns how many were confirmed.
pub async fn confirm_where(
    db: &impl ConnectionTrait,
    inputs: sea_orm::sea_query::SelectStatement,
    min_confidence: f64,
) -> Result<u64, AppError> {
    let changed = input_theme::Entity::update_many()
        .col_expr(input_theme::Column::Origin, Expr::value(Origin::Confirmed))
        .filter(input_theme::Column::InputId.in_subquery(inputs))
        .filter(input_theme::Column::Origin.eq(Origin::Suggested))
        .filter(input_theme::Column::Confidence.gte(min_confidence))
        .exec(db)
        .await?;
    Ok(changed.rows_affected)
}

/// Confirms every suggestion on one input; returns how many.
pub async fn confirm_all(db: &impl ConnectionTrait, input_id: Uuid) -> Result<u64, AppError> {
    let changed = input_theme::Entity::update_many()
        .col_expr(input_theme::Column::Origin, Expr::value(Origin::Confirmed))
        .filter(input_theme::Column::InputId.eq(input_id))
        .filter(input_theme::Column::Origin.eq(Origin::Suggested))
        .exec(db)
        .await?;
    Ok(changed.rows_affected)
}

/// Gives `into_id` the themes people chose for `from_id` (manual and
/// confirmed tags); a mere suggestion on the target becomes the person's tag.
pub async fn join(db: &impl ConnectionTrait, from_id: Uuid, into_id: Uuid) -> Result<(), AppError> {
    let source_tags = input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(from_id))
        .filter(input_theme::Column::Origin.is_in(PUBLIC_ORIGINS))
        .all(db)
        .await?;
    let target_tags = input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(into_id))
        .all(db)
        .await?;
    for tag in source_tags {
        match target_tags.iter().find(|t| t.theme_id == tag.theme_id) {
            None => insert(db, into_id, tag.theme_id, tag.origin, None).await?,
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

/// The ids of inputs with a tag of one of `origins`, as a subquery for
/// filtering inputs (`input::Column::Id.in_subquery(...)`).
pub fn inputs_with(origins: &[Origin]) -> SelectStatement {
    input_theme::Entity::find()
        .select_only()
        .column(input_theme::Column::InputId)
        .filter(input_theme::Column::Origin.is_in(origins.iter().copied()))
        .into_query()
}

/// Inputs whose tags people have settled: at least one set or confirmed,
/// no suggestion left to look at. Each with the slugs of its tags, which is
/// what the tagger learns from.
pub async fn settled(db: &impl ConnectionTrait) -> Result<HashMap<Uuid, Vec<String>>, AppError> {
    let rows: Vec<(Uuid, String, Origin)> = input_theme::Entity::find()
        .select_only()
        .column(input_theme::Column::InputId)
        .column(theme::Column::Slug)
        .column(input_theme::Column::Origin)
        .join(JoinType::InnerJoin, input_theme::Relation::Theme.def())
        .order_by_asc(theme::Column::Slug)
        .into_tuple()
        .all(db)
        .await?;
    let mut labels: HashMap<Uuid, Vec<String>> = HashMap::new();
    let mut unsettled: Vec<Uuid> = Vec::new();
    for (input_id, slug, origin) in rows {
        if origin == Origin::Suggested {
            unsettled.push(input_id);
        } else {
            labels.entry(input_id).or_default().push(slug);
        }
    }
    for input_id in unsettled {
        labels.remove(&input_id);
    }
    Ok(labels)
}

/// Adds a tag unless the input already has one on that theme.
async fn insert(
    db: &impl ConnectionTrait,
    input_id: Uuid,
    theme_id: Uuid,
    origin: Origin,
    confidence: Option<f64>,
) -> Result<(), AppError> {
    input_theme::Entity::insert(input_theme::ActiveModel {
        input_id: Set(input_id),
        theme_id: Set(theme_id),
        origin: Set(origin),
        confidence: Set(confidence),
        created_at: Set(Utc::now()),
    })
    .on_conflict_do_nothing()
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The themes of the tags people set or confirmed, with their origin.
async fn people_tags(
    db: &impl ConnectionTrait,
    id: Uuid,
) -> Result<Vec<(theme::Model, Origin)>, AppError> {
    Ok(input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(id))
        .filter(input_theme::Column::Origin.is_in(PUBLIC_ORIGINS))
        .find_also_related(theme::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(tag, theme)| theme.map(|theme| (theme, tag.origin)))
        .collect())
}

fn slugs(tags: &[(theme::Model, Origin)]) -> Vec<String> {
    let mut slugs: Vec<String> = tags.iter().map(|(theme, _)| theme.slug.clone()).collect();
    slugs.sort();
    slugs
}
