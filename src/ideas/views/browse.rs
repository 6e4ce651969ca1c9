//! Markup of the public idea pages: the list with its filter form, and one
//! idea with its support button.

use chrono::{DateTime, Utc};
use maud::{Markup, html};
use url::form_urlencoded;

use crate::entities::theme;
use crate::ideas::listing::{IdeaSummary, ListFilter, PublicIdea, Sort};
use crate::inputs::StakeholderGroup;
use crate::inputs::tags::ThemeTag;
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::components::pager::pager;
use crate::web::components::time::{Precision, time};
use crate::web::csrf;
use crate::web::forms::notice;
use crate::web::layout::{layout, paragraphs};
use crate::web::paging::Page;

/// What the list page shows.
pub struct ListPage<'a> {
    pub filter: &'a ListFilter,
    pub ideas: &'a Page<IdeaSummary>,
    /// The themes offered in the filter.
    pub themes: &'a [theme::Model],
}

impl ListPage<'_> {
    fn filtered(&self) -> bool {
        let filter = self.filter;
        filter.theme.is_some() || filter.group.is_some() || filter.query.is_some()
    }
}

pub fn list_page(ctx: &PageContext, page: &ListPage) -> Markup {
    let filter = page.filter;
    let heading = ctx.t("ideas_public.list.title");
    let title = if page.ideas.page() > 1 {
        ctx.tr(
            "ideas_public.list.title_page",
            &[("title", heading), ("page", &page.ideas.page().to_string())],
        )
    } else {
        heading.to_owned()
    };
    layout(
        ctx,
        &title,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (heading) }
                p.ds-paragraph data-size="lg" { (ctx.t("ideas_public.list.intro")) }
                div {
                    a.ds-button data-variant="primary" href="/ideer/ny" { (ctx.t("ideas_public.list.share")) }
                }
                (filter_form(ctx, page))
                p.ds-paragraph #result-count role="status" { strong { (result_count(ctx, page)) } }
                @if page.ideas.items.is_empty() {
                    (empty_state(ctx, page))
                } @else {
                    ul.card-list {
                        @for idea in &page.ideas.items {
                            li { (idea_card(ctx, idea)) }
                        }
                    }
                }
                (pager(
                    ctx.lang,
                    ctx.t("ideas_public.list.pages"),
                    page.ideas.page(),
                    page.ideas.pages(),
                    |n| list_href(filter, n),
                ))
            }
        },
    )
}

fn filter_form(ctx: &PageContext, page: &ListPage) -> Markup {
    let filter = page.filter;
    let query = filter.query.as_deref().unwrap_or_default();
    html! {
        form.ds-card.stack data-variant="tinted" method="get" action="/ideer" role="search"
            aria-label=(ctx.t("ideas_public.list.filter_label")) {
            div.ds-field {
                label.ds-label for="q" { (ctx.t("ideas_public.list.search")) }
                input.ds-input #q type="search" name="q" value=(query) maxlength="200";
            }
            div.cluster {
                div.ds-field {
                    label.ds-label for="tema" { (ctx.t("ideas_public.list.theme")) }
                    select.ds-input #tema name="tema" {
                        option value="" { (ctx.t("ideas_public.list.all_themes")) }
                        @for theme in page.themes {
                            option value=(theme.slug)
                                selected[filter.theme.as_deref() == Some(theme.slug.as_str())] {
                                (name_in(theme, ctx.lang))
                            }
                        }
                    }
                }
                div.ds-field {
                    label.ds-label for="gruppe" { (ctx.t("ideas_public.list.group")) }
                    select.ds-input #gruppe name="gruppe" {
                        option value="" { (ctx.t("ideas_public.list.all_groups")) }
                        @for group in StakeholderGroup::ALL {
                            option value=(group.code()) selected[filter.group == Some(group)] {
                                (ctx.t(&group.label_key()))
                            }
                        }
                    }
                }
                div.ds-field {
                    label.ds-label for="sort" { (ctx.t("ideas_public.list.sort")) }
                    select.ds-input #sort name="sort" {
                        @for sort in Sort::ALL {
                            option value=(sort.code()) selected[filter.sort == sort] {
                                (ctx.t(sort_key(sort)))
                            }
                        }
                    }
                }
            }
            div {
                button.ds-button type="submit" data-variant="primary" { (ctx.t("ideas_public.list.submit")) }
            }
        }
    }
}

fn sort_key(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => "ideas_public.list.sort_newest",
        Sort::MostSupported => "ideas_public.list.sort_most_supported",
    }
}

fn result_count(ctx: &PageContext, page: &ListPage) -> String {
    let total = page.ideas.total();
    let found = match total {
        0 => return ctx.t("ideas_public.list.count_none").to_owned(),
        1 => ctx.t("ideas_public.list.count_one").to_owned(),
        _ => ctx.tr(
            "ideas_public.list.count_other",
            &[("count", &total.to_string())],
        ),
    };
    match page.ideas.shown() {
        Some(shown) if total > page.ideas.per_page() => format!(
            "{found}. {}",
            ctx.tr(
                "ideas_public.list.showing",
                &[
                    ("from", &shown.start().to_string()),
                    ("to", &shown.end().to_string()),
                    ("total", &total.to_string()),
                ],
            )
        ),
        _ => found,
    }
}

fn empty_state(ctx: &PageContext, page: &ListPage) -> Markup {
    html! {
        div.ds-alert data-color="info" {
            @if page.ideas.total() > 0 {
                // A page past the last one.
                a.ds-link href=(list_href(page.filter, 1)) { (ctx.t("ideas_public.list.first_page")) }
            } @else if page.filtered() {
                (ctx.t("ideas_public.list.empty_filtered")) " "
                a.ds-link href="/ideer" { (ctx.t("ideas_public.list.show_all")) }
            } @else {
                (ctx.t("ideas_public.list.empty")) " "
                a.ds-link href="/ideer/ny" { (ctx.t("ideas_public.list.be_first")) }
            }
        }
    }
}

fn idea_card(ctx: &PageContext, idea: &IdeaSummary) -> Markup {
    let heading_id = format!("idea-{}", idea.id);
    html! {
        article.ds-card.stack.user-text aria-labelledby=(heading_id) {
            h2.ds-heading data-size="xs" #(heading_id) {
                a.ds-link href={ "/ideer/" (idea.id) } { (idea.title) }
            }
            (meta(ctx, idea.group, idea.location.as_deref(), idea.published_at))
            p.ds-paragraph { (idea.excerpt) }
            (theme_list(ctx, &idea.themes))
            p.ds-paragraph data-size="sm" { strong { (supporters_short(ctx, idea.support_count)) } }
        }
    }
}

/// Sender group, place and date, on one line.
fn meta(
    ctx: &PageContext,
    group: StakeholderGroup,
    location: Option<&str>,
    published_at: DateTime<Utc>,
) -> Markup {
    html! {
        p.ds-paragraph.cluster data-size="sm" {
            span { (ctx.t(&group.label_key())) }
            @if let Some(location) = location.filter(|l| !l.trim().is_empty()) {
                span { (location) }
            }
            span {
                (ctx.t("ideas_public.published")) " "
                (time(ctx.lang, published_at, Precision::Date))
            }
        }
    }
}

fn theme_list(ctx: &PageContext, themes: &[ThemeTag]) -> Markup {
    html! {
        @if !themes.is_empty() {
            // A tag is a label, not a control: the link inside it is what
            // takes the reader to the ideas on that theme.
            ul.cluster.plain-list aria-label=(ctx.t("ideas_public.themes")) {
                @for theme in themes {
                    li {
                        span.ds-tag data-color="accent" {
                            a.ds-link href={ "/ideer?tema=" (theme.slug) } { (theme.name(ctx.lang)) }
                        }
                    }
                }
            }
        }
    }
}

fn supporters_short(ctx: &PageContext, count: u32) -> String {
    match count {
        1 => ctx.t("ideas_public.supports_one").to_owned(),
        n => ctx.tr("ideas_public.supports_other", &[("count", &n.to_string())]),
    }
}

/// The list's address with this filter, at `page`.
pub fn list_href(filter: &ListFilter, page: u64) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if let Some(q) = &filter.query {
        query.append_pair("q", q);
    }
    if let Some(theme) = &filter.theme {
        query.append_pair("tema", theme);
    }
    if let Some(group) = filter.group {
        query.append_pair("gruppe", group.code());
    }
    if filter.sort != Sort::default() {
        query.append_pair("sort", filter.sort.code());
    }
    if page > 1 {
        query.append_pair("side", &page.to_string());
    }
    let query = query.finish();
    if query.is_empty() {
        "/ideer".to_owned()
    } else {
        format!("/ideer?{query}")
    }
}

pub fn idea_page(
    ctx: &PageContext,
    idea: &PublicIdea,
    supported: bool,
    flash: Option<&str>,
) -> Markup {
    layout(
        ctx,
        &idea.title,
        html! {
            div.page-medium.stack {
                p.ds-paragraph { a.ds-link href="/ideer" { (ctx.t("ideas_public.idea.back")) } }
                (notice(flash.map(|key| ctx.t(key))))
                article.stack.user-text {
                    h1.ds-heading data-size="md" { (idea.title) }
                    (meta(ctx, idea.group, idea.location.as_deref(), idea.published_at))
                    (theme_list(ctx, &idea.themes))
                    (paragraphs(&idea.body))
                    @if !idea.originals.is_empty() {
                        section aria-labelledby="merged-heading" {
                            h2.ds-heading data-size="sm" #merged-heading { (ctx.t("ideas_public.idea.merged_heading")) }
                            p.ds-paragraph { (ctx.t("ideas_public.idea.merged_text")) }
                            ul.ds-list {
                                @for original in &idea.originals {
                                    li { (original.title) }
                                }
                            }
                        }
                    }
                    (support_box(ctx, idea, supported))
                }
            }
        },
    )
}

fn support_box(ctx: &PageContext, idea: &PublicIdea, supported: bool) -> Markup {
    let count = idea.support_count.to_string();
    let supporters = match idea.support_count {
        0 => ctx.t("ideas_public.idea.supporters_none").to_owned(),
        1 => ctx.t("ideas_public.idea.supporters_one").to_owned(),
        _ => ctx.tr("ideas_public.idea.supporters_other", &[("count", &count)]),
    };
    html! {
        section.ds-card.stack data-variant="tinted" aria-labelledby="support-heading" {
            h2.ds-heading data-size="sm" #support-heading { (ctx.t("ideas_public.idea.support_heading")) }
            p.ds-paragraph #support-count { strong { (supporters) } }
            @if supported {
                p.ds-paragraph { (ctx.t("ideas_public.idea.you_support")) }
            }
            form method="post" action={ "/ideer/" (idea.id) "/stott" } {
                (csrf::field(&ctx.csrf_token()))
                @if supported {
                    button.ds-button type="submit" data-variant="secondary" aria-describedby="support-count" {
                        (ctx.t("ideas_public.idea.unsupport"))
                    }
                } @else {
                    button.ds-button type="submit" data-variant="primary" aria-describedby="support-count" {
                        (ctx.t("ideas_public.idea.support"))
                    }
                }
            }
            p.ds-paragraph data-size="sm" { (ctx.t("ideas_public.idea.support_hint")) }
        }
    }
}
