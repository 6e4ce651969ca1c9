//! `/api/v1/ideas`: residents' ideas, mapped from the listing service's results. Published ones are readable without a
//! token, through the same service as the public pages; a facilitator's or an
//! admin's token sees every idea with its status and theme tags. Contact
//! details never appear here: personal data stays out of the API.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveEnum, ConnectionTrait};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::AppState;
use crate::api::auth::{ApiAuthError, ApiReader};
use crate::api::v1::errors::{ErrorBody, Invalid, request_lang};
use crate::api::v1::params::StatusParam;
use crate::entities::input::Status;
use crate::error::AppError;
use crate::ideas::api_query::{Checked, IdeaQuery};
use crate::ideas::listing::{self, IdeaSummary, StaffIdea};
use crate::inputs::tags::Tag;
use crate::web::paging::Page;

/// A resident's idea. Without a token (or with an observer's) only published
/// ideas are served, and the fields marked "editors only" are left out.
#[derive(Debug, Serialize, ToSchema)]
pub struct Idea {
    pub id: Uuid,
    #[schema(example = "Felles turistpakker med nabokommunene")]
    pub title: String,
    /// The whole text.
    pub body: String,
    /// Who the sender says they are: `innbygger` (resident),
    /// `naeringsdrivende` (business owner), `ansatt` (employee), `ungdom`
    /// (young person), `offentlig` (public employee) or `annet` (other).
    #[schema(example = "innbygger")]
    pub stakeholder_group: String,
    /// Where the idea is about, if the sender said.
    pub location: Option<String>,
    /// The language it was written in: `nb`, `nn` or `en`.
    #[schema(example = "nb")]
    pub language: String,
    /// When it became public; null only for an idea that never was.
    pub published_at: Option<DateTime<Utc>>,
    pub support_count: u32,
    /// Slugs of the active themes a person tagged it with (the sender or a
    /// facilitator), in the facilitators' order. Unreviewed suggestions are
    /// not among them.
    #[schema(example = json!(["reiseliv", "infrastruktur"]))]
    pub themes: Vec<String>,
    /// Editors only: `pending`, `published`, `hidden`, `merged` or `withdrawn`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false, value_type = Option<StatusParam>)]
    pub status: Option<String>,
    /// Editors only: when it was sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub created_at: Option<DateTime<Utc>>,
    /// Editors only, for a merged idea: the idea it was merged into.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub merged_into_id: Option<Uuid>,
    /// Editors only: every theme tag, suggestions and inactive themes included.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(nullable = false)]
    pub tags: Option<Vec<IdeaTag>>,
}

/// A theme tag on an idea and how it came about.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaTag {
    /// The theme's slug.
    #[schema(example = "reiseliv")]
    pub theme: String,
    /// `suggested` (by the tagger, not yet reviewed), `confirmed` (a
    /// suggestion a facilitator accepted) or `manual` (set by a person).
    #[schema(example = "suggested")]
    pub origin: String,
    /// The tagger's confidence from 0 to 1; null for a tag a person set.
    #[schema(example = 0.82)]
    pub confidence: Option<f64>,
    /// Whether the theme is switched on.
    pub theme_active: bool,
}

/// One page of ideas.
#[derive(Debug, Serialize, ToSchema)]
pub struct IdeaPage {
    pub items: Vec<Idea>,
    /// How many ideas match, on all pages.
    pub total: u64,
    /// This page, from 1.
    pub page: u64,
    pub per_page: u64,
    /// How many pages the matches fill (at least 1).
    pub pages: u64,
}

/// The token's owner, or None when no token was sent. A token that was sent
/// but does not work is refused rather than read as none, so a mistyped
/// token is not silently treated as the public.
fn token_owner(
    req: &HttpRequest,
    caller: Result<ApiReader, ApiAuthError>,
) -> Result<Option<ApiReader>, ApiAuthError> {
    match caller {
        Ok(reader) => Ok(Some(reader)),
        Err(ApiAuthError::Missing) if req.headers().contains_key(header::AUTHORIZATION) => {
            Err(ApiAuthError::Invalid)
        }
        Err(ApiAuthError::Missing) => Ok(None),
        Err(err) => Err(err),
    }
}

/// Whether the caller sees every idea: an admin's or a facilitator's token.
fn is_editor(caller: &Option<ApiReader>) -> bool {
    caller
        .as_ref()
        .is_some_and(|reader| reader.user.role.can_edit())
}

/// Published ideas, or with a facilitator's or an admin's token every idea
/// with its status and tags; filtered, sorted and paged.
#[utoipa::path(
    tag = "ideas",
    operation_id = "list_ideas",
    params(IdeaQuery),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "A page of ideas", body = IdeaPage),
        (status = 401, description = "A token was sent but is not valid, or `status` asks for unpublished ideas without one", body = ErrorBody),
        (status = 403, description = "`status` asks for unpublished ideas with an observer's token", body = ErrorBody),
        (status = 422, description = "A filter or the page is not valid", body = ErrorBody),
    ),
)]
#[get("/ideas")]
#[tracing::instrument(skip_all)]
pub async fn list_ideas(
    caller: Result<ApiReader, ApiAuthError>,
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<IdeaQuery>,
) -> Result<HttpResponse, actix_web::Error> {
    let caller = token_owner(&req, caller)?;
    let Checked { filter, status } = query
        .check()
        .map_err(|errors| Invalid::from_validation(request_lang(&req), &errors))?;
    let page: Page<Idea> = if is_editor(&caller) {
        listing::staff_page(&state.db, &filter, status)
            .await?
            .map(staff_idea)
    } else if status.is_some_and(|status| status != Status::Published) {
        // Only editors see unpublished ideas: ask for a token, or a better one.
        return Err(match caller {
            Some(_) => ApiAuthError::Forbidden,
            None => ApiAuthError::Missing,
        }
        .into());
    } else {
        let summaries = listing::published(&state.db, &filter).await?;
        let (request, total) = (filter.page, summaries.total());
        Page::new(
            public_ideas(&state.db, summaries.items).await?,
            request,
            total,
        )
    };
    Ok(HttpResponse::Ok().json(IdeaPage {
        page: page.page(),
        per_page: page.per_page(),
        pages: page.pages(),
        total: page.total(),
        items: page.items,
    }))
}

/// One idea: a published one for anyone, any idea for a facilitator's or an
/// admin's token.
#[utoipa::path(
    tag = "ideas",
    operation_id = "get_idea",
    params(("id" = Uuid, Path, description = "The idea's id")),
    security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The idea", body = Idea),
        (status = 401, description = "A token was sent but is not valid", body = ErrorBody),
        (status = 404, description = "No such idea, or not one the caller may see", body = ErrorBody),
    ),
)]
#[get("/ideas/{id}")]
#[tracing::instrument(skip_all, fields(idea_id = %id))]
pub async fn get_idea(
    caller: Result<ApiReader, ApiAuthError>,
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, actix_web::Error> {
    let id = id.into_inner();
    let idea = if is_editor(&token_owner(&req, caller)?) {
        let idea = listing::staff_one(&state.db, id)
            .await?
            .ok_or(AppError::NotFound)?;
        staff_idea(idea)
    } else {
        let detail = listing::published_one(&state.db, id)
            .await?
            .filter(|detail| detail.merged_into_id.is_none())
            .ok_or(AppError::NotFound)?;
        Idea {
            id,
            title: detail.title,
            body: detail.body,
            stakeholder_group: detail.group.code().to_owned(),
            location: detail.location,
            language: detail.language,
            published_at: Some(detail.published_at),
            support_count: detail.support_count,
            themes: detail.themes.into_iter().map(|theme| theme.slug).collect(),
            status: None,
            created_at: None,
            merged_into_id: None,
            tags: None,
        }
    };
    Ok(HttpResponse::Ok().json(idea))
}

/// The listing's summaries with their whole text and language.
async fn public_ideas(
    db: &impl ConnectionTrait,
    summaries: Vec<IdeaSummary>,
) -> Result<Vec<Idea>, AppError> {
    let ids: Vec<Uuid> = summaries.iter().map(|idea| idea.id).collect();
    let mut texts = listing::texts_of(db, &ids).await?;
    Ok(summaries
        .into_iter()
        .map(|summary| {
            let (body, language) = texts.remove(&summary.id).unwrap_or_default();
            Idea {
                id: summary.id,
                title: summary.title,
                body,
                stakeholder_group: summary.group.code().to_owned(),
                location: summary.location,
                language,
                published_at: Some(summary.published_at),
                support_count: summary.support_count,
                themes: summary.themes.into_iter().map(|theme| theme.slug).collect(),
                status: None,
                created_at: None,
                merged_into_id: None,
                tags: None,
            }
        })
        .collect())
}

/// An idea as editors see it: no contact, but status and every tag.
fn staff_idea(StaffIdea { idea, tags }: StaffIdea) -> Idea {
    let themes = tags
        .iter()
        .filter(|tag| tag.is_public())
        .map(|tag| tag.theme.slug.clone())
        .collect();
    Idea {
        id: idea.id,
        title: idea.title.unwrap_or_default(),
        body: idea.body,
        stakeholder_group: idea.stakeholder_group,
        location: idea.location,
        language: idea.language,
        published_at: idea.published_at,
        support_count: u32::try_from(idea.support_count).unwrap_or(0),
        themes,
        status: Some(idea.status.to_value()),
        created_at: Some(idea.created_at),
        merged_into_id: idea.merged_into_id,
        tags: Some(tags.into_iter().map(IdeaTag::from).collect()),
    }
}

impl From<Tag> for IdeaTag {
    fn from(tag: Tag) -> Self {
        IdeaTag {
            theme: tag.theme.slug,
            origin: tag.origin.to_value(),
            confidence: tag.confidence,
            theme_active: tag.theme.active,
        }
    }
}
