//! Handlers of the triage pages. Every staff member reads the queue; only
//! editors change tags. Each POST redirects back to the same filtered page
//! (post/redirect/get), to the input it acted on while that still waits,
//! else to the next one.

use actix_session::Session;
use actix_web::{HttpResponse, web};
use serde::Deserialize;
use uuid::Uuid;

use super::actions::{self, Problem};
use super::queue::{self, Filters, PER_PAGE};
use super::views::{self, FilterForm, LIST_PATH, TriagePage, item_anchor};
use crate::AppState;
use crate::entities::input::Channel;
use crate::entities::input_theme::Origin;
use crate::error::AppError;
use crate::inputs::tags;
use crate::tagging::service::training::input_text;
use crate::themes::service as themes;
use crate::web::auth::{Editor, Staff};
use crate::web::components::pager::PageLinks;
use crate::web::csrf::CsrfForm;
use crate::web::paging::PageRequest;
use crate::web::{PageContext, html, see_other, session};

/// The session entry holding the count a notice reports.
const COUNT: &str = "triage_count";

pub fn configure(cfg: &mut web::ServiceConfig) {
    let input = |action: &str| format!("{LIST_PATH}/{{id}}/{action}");
    cfg.route(LIST_PATH, web::get().to(list))
        .route(
            &format!("{LIST_PATH}/bekreft-over"),
            web::post().to(bulk_confirm),
        )
        .route(&input("bekreft"), web::post().to(confirm))
        .route(&input("fjern"), web::post().to(remove))
        .route(&input("legg-til"), web::post().to(add))
        .route(&input("bekreft-alle"), web::post().to(confirm_all));
}

/// `vis=uten-tema`: the inputs with no tag instead of those with suggestions.
pub(super) const UNTAGGED: &str = "uten-tema";

/// The filters and page as the query string carries them; read leniently.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub(super) struct TriageQuery {
    vis: String,
    kanal: String,
    tema: String,
    min: String,
    side: String,
}

/// The query read into filters, with a message for each value not understood
/// (which is then left out of the filter).
async fn read_filters(
    state: &AppState,
    query: &TriageQuery,
) -> Result<(Filters, FilterForm), AppError> {
    let mut filters = Filters::default();
    let mut form = FilterForm {
        untagged: query.vis.trim() == UNTAGGED,
        channel: query.kanal.trim().to_owned(),
        theme: query.tema.trim().to_owned(),
        min: query.min.trim().to_owned(),
        ..FilterForm::default()
    };
    filters.untagged = form.untagged;
    if !form.channel.is_empty() {
        filters.channel = parse_channel(&form.channel);
        form.channel_error = filters.channel.is_none();
    }
    if !form.theme.is_empty() {
        filters.theme = themes::get_by_slug(&state.db, &form.theme)
            .await?
            .filter(|theme| theme.active)
            .map(|theme| theme.id);
        form.theme_error = filters.theme.is_none();
    }
    if !form.min.is_empty() {
        match parse_percent(&form.min) {
            Some(percent) => filters.min_confidence = Some(percent as f64 / 100.0),
            None => form.min_error = true,
        }
    }
    Ok((filters, form))
}

fn parse_channel(code: &str) -> Option<Channel> {
    views::CHANNELS
        .into_iter()
        .find(|channel| views::channel_code(*channel) == code)
}

/// A whole percentage from 0 to 100.
fn parse_percent(raw: &str) -> Option<i64> {
    raw.trim()
        .trim_end_matches('%')
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (0..=100).contains(n))
}

/// The list's addresses with the filters understood kept.
fn links(form: &FilterForm) -> PageLinks {
    let mut links = PageLinks::new(LIST_PATH);
    if form.untagged {
        links = links.keep("vis", UNTAGGED);
    }
    for (name, value, bad) in [
        ("kanal", &form.channel, form.channel_error),
        ("tema", &form.theme, form.theme_error),
        ("min", &form.min, form.min_error),
    ] {
        if !value.is_empty() && !bad {
            links = links.keep(name, value);
        }
    }
    links
}

/// The page's address: where every form on it posts back to.
fn back_to(form: &FilterForm, page: u64) -> String {
    links(form).href(page)
}

#[tracing::instrument(skip_all)]
async fn list(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
    session: Session,
    query: web::Query<TriageQuery>,
) -> Result<HttpResponse, AppError> {
    let (filters, form) = read_filters(&state, &query).await?;
    let request = PageRequest::parse(Some(&query.side), PER_PAGE);
    let items = queue::page(&state.db, &filters, request).await?;
    let texts: Vec<String> = items
        .items
        .iter()
        .map(|item| input_text(item.input.title.as_deref(), &item.input.body))
        .collect();
    let scores = state.tagger.explain(&state.db, &texts).await?;
    let page = TriagePage {
        links: links(&form),
        back: back_to(&form, items.page()),
        counts: queue::counts(&state.db).await?,
        themes: themes::list_active(&state.db).await?,
        editor: me.role.can_edit(),
        items,
        scores,
        form,
    };
    let flash = session::take_flash(&session);
    let count = session.remove_as::<u64>(COUNT).and_then(Result::ok);
    Ok(html(views::page(&ctx, &me, &page, flash.as_deref(), count)))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ThemeForm {
    tema: String,
    neste: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NextForm {
    neste: String,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct BulkForm {
    terskel: String,
}

/// Where to go after acting on `input_id`: the input itself while it still
/// has suggestions to look at, else the one after it.
async fn after_action(
    state: &AppState,
    query: &TriageQuery,
    input_id: Uuid,
    next: &str,
) -> Result<HttpResponse, AppError> {
    let (_, form) = read_filters(state, query).await?;
    let page = PageRequest::parse(Some(&query.side), PER_PAGE).page();
    let waiting = tags::tags_of_one(&state.db, input_id)
        .await?
        .iter()
        .any(|tag| tag.origin == Origin::Suggested);
    let anchor = if waiting {
        Some(input_id)
    } else {
        Uuid::parse_str(next.trim()).ok()
    };
    let mut location = back_to(&form, page);
    if let Some(id) = anchor {
        location.push('#');
        location.push_str(&item_anchor(id));
    }
    Ok(see_other(&location))
}

fn notice(session: &Session, key: &str, count: Option<u64>) {
    session::flash(session, key);
    if let Some(count) = count {
        let _ = session.insert(COUNT, count);
    }
}

fn problem_key(problem: Problem) -> &'static str {
    match problem {
        Problem::UnknownTheme => "tagging.triage.problem.unknown_theme",
        Problem::ConfidenceOutOfRange => "tagging.triage.problem.confidence",
    }
}

#[tracing::instrument(skip_all, fields(input = %id))]
async fn confirm(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    query: web::Query<TriageQuery>,
    form: CsrfForm<ThemeForm>,
) -> Result<HttpResponse, AppError> {
    let done = on_suggestion(&state, me.id, *id, &form.0, Decision::Confirm).await?;
    notice(&session, done, None);
    after_action(&state, &query, *id, &form.0.neste).await
}

#[tracing::instrument(skip_all, fields(input = %id))]
async fn remove(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    query: web::Query<TriageQuery>,
    form: CsrfForm<ThemeForm>,
) -> Result<HttpResponse, AppError> {
    let done = on_suggestion(&state, me.id, *id, &form.0, Decision::Remove).await?;
    notice(&session, done, None);
    after_action(&state, &query, *id, &form.0.neste).await
}

/// What a facilitator does with one suggestion.
#[derive(Clone, Copy)]
enum Decision {
    Confirm,
    Remove,
}

/// Confirms or removes the suggestion the form names; the notice to show.
/// A theme that is not a suggestion of the input changes nothing.
async fn on_suggestion(
    state: &AppState,
    by: Uuid,
    input: Uuid,
    form: &ThemeForm,
    decision: Decision,
) -> Result<&'static str, AppError> {
    let Ok(theme) = Uuid::parse_str(form.tema.trim()) else {
        return Ok("tagging.triage.done.nothing");
    };
    let (changed, done) = match decision {
        Decision::Confirm => (
            actions::confirm(&state.db, by, input, theme).await?,
            "tagging.triage.done.confirmed",
        ),
        Decision::Remove => (
            actions::remove(&state.db, by, input, theme).await?,
            "tagging.triage.done.removed",
        ),
    };
    Ok(if changed {
        done
    } else {
        "tagging.triage.done.nothing"
    })
}

#[tracing::instrument(skip_all, fields(input = %id))]
async fn add(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    query: web::Query<TriageQuery>,
    form: CsrfForm<ThemeForm>,
) -> Result<HttpResponse, AppError> {
    let outcome = match Uuid::parse_str(form.0.tema.trim()) {
        Ok(theme) => actions::add(&state.db, me.id, *id, theme).await?,
        Err(_) => Err(Problem::UnknownTheme),
    };
    let key = match outcome {
        Ok(true) => "tagging.triage.done.added",
        Ok(false) => "tagging.triage.done.nothing",
        Err(problem) => problem_key(problem),
    };
    notice(&session, key, None);
    after_action(&state, &query, *id, &form.0.neste).await
}

#[tracing::instrument(skip_all, fields(input = %id))]
async fn confirm_all(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    id: web::Path<Uuid>,
    query: web::Query<TriageQuery>,
    form: CsrfForm<NextForm>,
) -> Result<HttpResponse, AppError> {
    let confirmed = actions::confirm_all(&state.db, me.id, *id).await?;
    notice(
        &session,
        "tagging.triage.done.confirmed_all",
        Some(confirmed),
    );
    after_action(&state, &query, *id, &form.0.neste).await
}

#[tracing::instrument(skip_all)]
async fn bulk_confirm(
    state: web::Data<AppState>,
    Editor(me): Editor,
    session: Session,
    query: web::Query<TriageQuery>,
    form: CsrfForm<BulkForm>,
) -> Result<HttpResponse, AppError> {
    let (filters, filter_form) = read_filters(&state, &query).await?;
    // A filter the page could not read would widen what gets confirmed.
    if filter_form.has_errors() {
        notice(&session, "tagging.triage.problem.filter", None);
        return Ok(see_other(&back_to(&filter_form, 1)));
    }
    let outcome = match parse_percent(&form.0.terskel) {
        Some(percent) => actions::bulk_confirm(&state.db, me.id, &filters, percent).await?,
        None => Err(Problem::ConfidenceOutOfRange),
    };
    match outcome {
        Ok(count) => notice(&session, "tagging.triage.done.bulk", Some(count)),
        Err(problem) => notice(&session, problem_key(problem), None),
    }
    Ok(see_other(&back_to(&filter_form, 1)))
}
