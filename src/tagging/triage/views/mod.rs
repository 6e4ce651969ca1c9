//! Markup of the triage page: filters and the bulk confirmation at the top,
//! the shortcut list, then one card per input (`item`).

mod item;

use std::collections::HashMap;

use maud::{Markup, html};
use sea_orm::ActiveEnum;
use uuid::Uuid;

use super::queue::{Counts, Item};
use crate::entities::input::Channel;
use crate::entities::{theme, user};
use crate::tagging::Score;
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::assets::asset_url;
use crate::web::components::pager::{PageLinks, pager};
use crate::web::csrf;
use crate::web::paging::Page;

pub const LIST_PATH: &str = "/admin/temamerking";

/// Channels in the order the filter offers them.
pub const CHANNELS: [Channel; 5] = [
    Channel::Idea,
    Channel::Survey,
    Channel::Workshop,
    Channel::Meeting,
    Channel::Interview,
];

/// The code a channel has in the query string.
pub fn channel_code(channel: Channel) -> String {
    channel.to_value()
}

/// The id of an input's card, the target of the redirect after an action.
pub fn item_anchor(id: Uuid) -> String {
    format!("innspill-{id}")
}

/// A confidence as the whole percentage shown, rounded down so that what the
/// page calls 80 % is at or above a bulk threshold of 80.
pub fn percent(confidence: f64) -> i64 {
    (confidence * 100.0 + 1e-9).floor() as i64
}

/// The filter form's values as sent, and which were not understood.
#[derive(Clone, Debug, Default)]
pub struct FilterForm {
    /// The inputs with no tag, instead of those with suggestions.
    pub untagged: bool,
    pub channel: String,
    pub theme: String,
    pub min: String,
    pub channel_error: bool,
    pub theme_error: bool,
    pub min_error: bool,
}

impl FilterForm {
    pub fn has_errors(&self) -> bool {
        self.channel_error || self.theme_error || self.min_error
    }
}

/// What the page shows.
pub struct TriagePage {
    pub items: Page<Item>,
    /// Every theme's score for each item's text, in the items' order.
    pub scores: Vec<Vec<Score>>,
    pub themes: Vec<theme::Model>,
    pub counts: Counts,
    pub form: FilterForm,
    pub links: PageLinks,
    /// This page's address, where its forms post back to.
    pub back: String,
    pub editor: bool,
}

impl TriagePage {
    /// The query string every form's action keeps, so the redirect comes back here.
    fn query(&self) -> &str {
        self.back.split_once('?').map_or("", |(_, query)| query)
    }
}

pub fn page(
    ctx: &PageContext,
    me: &user::Model,
    page: &TriagePage,
    flash: Option<&str>,
    count: Option<u64>,
) -> Markup {
    let title = ctx.t("tagging.triage.title");
    let total = page.items.total().to_string();
    admin_page(
        ctx,
        me,
        title,
        Section::Tagging,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph { (ctx.t("tagging.triage.lead")) }
                (notice(ctx, flash, count))
                (filters(ctx, page))
                @if page.editor && page.items.total() > 0 && !page.form.untagged {
                    (bulk(ctx, page))
                }
                (shortcuts(ctx, page.editor))
                h2.ds-heading data-size="sm" #triage-heading {
                    (ctx.tr("tagging.triage.waiting", &[("count", &total)]))
                }
                @if page.items.items.is_empty() {
                    div.ds-alert data-color="info" { (ctx.t("tagging.triage.empty")) }
                } @else {
                    ul.card-list.triage-list aria-labelledby="triage-heading" {
                        @for (at, entry) in page.items.items.iter().enumerate() {
                            li {
                                (item::card(ctx, page, at, entry))
                            }
                        }
                    }
                }
                (pager(ctx.lang, ctx.t("tagging.triage.pages"), page.items.page(), page.items.pages(), |n| page.links.href(n)))
            }
            script src=(asset_url("triage.js")) defer {}
        },
    )
}

/// The notice after a redirect: what was done, or why nothing was.
fn notice(ctx: &PageContext, flash: Option<&str>, count: Option<u64>) -> Markup {
    let Some(key) = flash.filter(|key| key.starts_with("tagging.triage.")) else {
        return html! {};
    };
    let text = ctx.tr(key, &[("count", &count.unwrap_or_default().to_string())]);
    html! {
        @if key.starts_with("tagging.triage.problem.") {
            div.ds-alert data-color="danger" role="alert" { (text) }
        } @else {
            div.ds-alert data-color="success" role="status" { (text) }
        }
    }
}

fn filters(ctx: &PageContext, page: &TriagePage) -> Markup {
    let form = &page.form;
    let queued: u64 = page.counts.by_channel.iter().map(|(_, n)| n).sum();
    let channel_count = |channel: Channel| {
        page.counts
            .by_channel
            .iter()
            .find(|(c, _)| *c == channel)
            .map_or(0, |(_, n)| *n)
    };
    html! {
        form.triage-filters method="get" action=(LIST_PATH) aria-labelledby="filters-heading" {
            h2.ds-heading data-size="xs" #filters-heading { (ctx.t("tagging.triage.filters")) }
            div.cluster {
                div.ds-field {
                    label.ds-label for="vis" { (ctx.t("tagging.triage.view_label")) }
                    select.ds-input #vis name="vis" {
                        option value="" { (ctx.t("tagging.triage.view_suggested")) }
                        option value="uten-tema" selected[form.untagged] { (ctx.t("tagging.triage.view_untagged")) }
                    }
                }
                div.ds-field {
                    label.ds-label for="kanal" { (ctx.t("tagging.triage.channel_label")) }
                    select.ds-input #kanal name="kanal"
                        aria-invalid=[form.channel_error.then_some("true")]
                        aria-describedby=[form.channel_error.then_some("kanal-error")] {
                        option value="" { (ctx.tr("tagging.triage.all_channels", &[("count", &queued.to_string())])) }
                        @for channel in CHANNELS {
                            @let code = channel_code(channel);
                            option value=(code) selected[form.channel == code] {
                                (ctx.t(&format!("tagging.triage.channel.{code}"))) " (" (channel_count(channel)) ")"
                            }
                        }
                    }
                    @if form.channel_error {
                        p.ds-validation-message data-field="validation" #kanal-error { (ctx.t("tagging.triage.problem.channel")) }
                    }
                }
                div.ds-field {
                    label.ds-label for="tema" { (ctx.t("tagging.triage.theme")) }
                    select.ds-input #tema name="tema"
                        aria-invalid=[form.theme_error.then_some("true")]
                        aria-describedby=[form.theme_error.then_some("tema-error")] {
                        option value="" { (ctx.t("tagging.triage.all_themes")) }
                        @for theme in &page.themes {
                            @let count = page.counts.by_theme.get(&theme.id).copied().unwrap_or_default();
                            option value=(theme.slug) selected[form.theme == theme.slug] {
                                (name_in(theme, ctx.lang)) " (" (count) ")"
                            }
                        }
                    }
                    @if form.theme_error {
                        p.ds-validation-message data-field="validation" #tema-error { (ctx.t("tagging.triage.problem.unknown_theme")) }
                    }
                }
                div.ds-field {
                    label.ds-label for="min" { (ctx.t("tagging.triage.min")) }
                    input.ds-input #min name="min" type="number" min="0" max="100" step="1"
                        inputmode="numeric" value=(form.min)
                        aria-invalid=[form.min_error.then_some("true")]
                        aria-describedby=[form.min_error.then_some("min-error")];
                    @if form.min_error {
                        p.ds-validation-message data-field="validation" #min-error { (ctx.t("tagging.triage.problem.confidence")) }
                    }
                }
                button.ds-button type="submit" data-variant="secondary" { (ctx.t("tagging.triage.show")) }
            }
        }
    }
}

fn bulk(ctx: &PageContext, page: &TriagePage) -> Markup {
    let action = with_query(&format!("{LIST_PATH}/bekreft-over"), page.query());
    html! {
        form.triage-bulk method="post" action=(action) aria-labelledby="bulk-heading" {
            (csrf::field(&ctx.csrf_token()))
            h2.ds-heading data-size="xs" #bulk-heading { (ctx.t("tagging.triage.bulk_heading")) }
            div.cluster {
                div.ds-field {
                    label.ds-label for="terskel" { (ctx.t("tagging.triage.bulk_label")) }
                    div data-field="description" #terskel-hint {
                        (ctx.tr("tagging.triage.bulk_hint", &[("count", &page.items.total().to_string())]))
                    }
                    input.ds-input #terskel name="terskel" type="number" min="0" max="100" step="1"
                        inputmode="numeric" value="90" required aria-describedby="terskel-hint";
                }
                button.ds-button type="submit" data-variant="primary" { (ctx.t("tagging.triage.bulk_button")) }
            }
        }
    }
}

/// The keyboard shortcuts, shown by the script (they need it) and by `?`.
fn shortcuts(ctx: &PageContext, editor: bool) -> Markup {
    let keys: &[(&str, &str)] = if editor {
        &[
            ("j / k", "tagging.triage.keys.next_previous"),
            ("1–9", "tagging.triage.keys.confirm_nth"),
            ("a", "tagging.triage.keys.confirm_all"),
            ("x", "tagging.triage.keys.remove_first"),
            ("t", "tagging.triage.keys.add_theme"),
            ("?", "tagging.triage.keys.help"),
        ]
    } else {
        &[
            ("j / k", "tagging.triage.keys.next_previous"),
            ("?", "tagging.triage.keys.help"),
        ]
    };
    html! {
        details.ds-details #triage-keys hidden {
            summary { (ctx.t("tagging.triage.keys.title")) }
            div {
                p.ds-paragraph data-size="sm" { (ctx.t("tagging.triage.keys.lead")) }
                dl.facts {
                    @for (key, label) in keys {
                        div { dt { kbd { (key) } } dd { (ctx.t(label)) } }
                    }
                }
            }
        }
    }
}

/// `path` with `query` appended when there is one.
pub fn with_query(path: &str, query: &str) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

/// Scores by slug, for looking up one theme's words.
pub fn by_slug(scores: &[Score]) -> HashMap<&str, &Score> {
    scores
        .iter()
        .map(|score| (score.slug.as_str(), score))
        .collect()
}
