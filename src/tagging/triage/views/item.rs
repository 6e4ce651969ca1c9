//! One input in the triage list: its text, the tags people set, each
//! suggestion with its confidence and the words behind it, and (for
//! editors) the forms to confirm, remove, add and confirm all.
//!
//! The script finds the controls by their `data-triage` attributes.

use maud::{Markup, html};

use super::{LIST_PATH, TriagePage, by_slug, channel_code, item_anchor, percent, with_query};
use crate::inputs::tags::Tag;
use crate::tagging::triage::queue::Item;
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::components::{Precision, time};
use crate::web::csrf;
use crate::web::layout::paragraphs;

/// Characters of the text a card without a title uses as its heading.
const HEADING_CHARS: usize = 80;

pub fn card(ctx: &PageContext, page: &TriagePage, at: usize, item: &Item) -> Markup {
    let input = &item.input;
    let anchor = item_anchor(input.id);
    let heading_id = format!("{anchor}-heading");
    let next = page
        .items
        .items
        .get(at + 1)
        .map(|next| next.input.id.to_string())
        .unwrap_or_default();
    let scores = page.scores.get(at).map(|s| by_slug(s)).unwrap_or_default();
    let code = channel_code(input.channel);
    html! {
        article.ds-card.triage-item #(anchor) tabindex="-1" data-triage="item"
            aria-labelledby=(heading_id) {
            h3.ds-heading data-size="xs" #(heading_id) { (heading(input)) }
            p.ds-paragraph data-size="sm" {
                (ctx.t(&format!("tagging.triage.channel.{code}"))) " · "
                (time(ctx.lang, input.created_at, Precision::Date))
            }
            div.user-text {
                @if input.title.is_some() { (paragraphs(&input.body)) }
                @else if input.body.chars().count() > HEADING_CHARS { (paragraphs(&input.body)) }
            }
            @if !item.people.is_empty() {
                div.cluster {
                    span { (ctx.t("tagging.triage.people_tags")) }
                    ul.cluster.plain-list {
                        @for tag in &item.people {
                            li { span.ds-tag data-color="accent" { (name_in(&tag.theme, ctx.lang)) } }
                        }
                    }
                }
            }
            @if item.suggestions.is_empty() {
                p.ds-paragraph data-size="sm" { (ctx.t("tagging.triage.no_suggestions")) }
            } @else {
                ol.plain-list.triage-suggestions aria-label=(ctx.t("tagging.triage.suggestions")) {
                    @for tag in &item.suggestions {
                        @let words = scores.get(tag.theme.slug.as_str()).map(|s| s.words.join(", ")).unwrap_or_default();
                        li { (suggestion(ctx, page, item, tag, &words, &next)) }
                    }
                }
            }
            @if page.editor {
                (actions(ctx, page, item, &next))
            }
        }
    }
}

/// The title, or the start of the text when there is none.
fn heading(input: &crate::entities::input::Model) -> String {
    match &input.title {
        Some(title) if !title.trim().is_empty() => title.clone(),
        _ => {
            let mut text: String = input.body.chars().take(HEADING_CHARS).collect();
            if input.body.chars().count() > HEADING_CHARS {
                text.push('…');
            }
            text
        }
    }
}

fn suggestion(
    ctx: &PageContext,
    page: &TriagePage,
    item: &Item,
    tag: &Tag,
    words: &str,
    next: &str,
) -> Markup {
    let name = name_in(&tag.theme, ctx.lang);
    let share = ctx.tr(
        "tagging.triage.percent",
        &[(
            "percent",
            &percent(tag.confidence.unwrap_or_default()).to_string(),
        )],
    );
    let theme = tag.theme.id.to_string();
    html! {
        div.triage-suggestion data-triage="suggestion" {
            p.ds-paragraph {
                strong { (name) } " "
                span.ds-tag data-color="info" {
                    span.ds-sr-only { (ctx.t("tagging.triage.confidence")) " " }
                    (share)
                }
            }
            @if !words.is_empty() {
                p.ds-paragraph data-size="sm" { (ctx.t("tagging.triage.words")) " " (words) }
            }
            @if page.editor {
                div.cluster {
                    (post(ctx, page, item, "bekreft", &[("tema", &theme), ("neste", next)], "confirm",
                        html! { (ctx.t("tagging.triage.confirm")) span.ds-sr-only { ": " (name) } }, "primary"))
                    (post(ctx, page, item, "fjern", &[("tema", &theme), ("neste", next)], "remove",
                        html! { (ctx.t("tagging.triage.remove")) span.ds-sr-only { ": " (name) } }, "secondary"))
                }
            }
        }
    }
}

fn actions(ctx: &PageContext, page: &TriagePage, item: &Item, next: &str) -> Markup {
    let present: Vec<_> = item
        .people
        .iter()
        .chain(&item.suggestions)
        .map(|tag| tag.theme.id)
        .collect();
    let offered: Vec<_> = page
        .themes
        .iter()
        .filter(|theme| !present.contains(&theme.id))
        .collect();
    let select_id = format!("{}-theme", item_anchor(item.input.id));
    let action = with_query(
        &format!("{LIST_PATH}/{}/legg-til", item.input.id),
        page.query(),
    );
    html! {
        div.cluster.triage-actions {
            @if !offered.is_empty() {
                form.cluster method="post" action=(action) {
                    (csrf::field(&ctx.csrf_token()))
                    input type="hidden" name="neste" value=(next);
                    div.ds-field {
                        label.ds-label for=(select_id) { (ctx.t("tagging.triage.add_label")) }
                        select.ds-input id=(select_id) name="tema" data-triage="add-theme" {
                            @for theme in offered {
                                option value=(theme.id) { (name_in(theme, ctx.lang)) }
                            }
                        }
                    }
                    button.ds-button type="submit" data-variant="secondary" { (ctx.t("tagging.triage.add")) }
                }
            }
            @if !item.suggestions.is_empty() {
                (post(ctx, page, item, "bekreft-alle", &[("neste", next)], "confirm-all",
                    html! { (ctx.t("tagging.triage.confirm_all")) }, "secondary"))
            }
        }
    }
}

/// A form with one button posting to the input's `verb` route.
#[allow(clippy::too_many_arguments)]
fn post(
    ctx: &PageContext,
    page: &TriagePage,
    item: &Item,
    verb: &str,
    hidden: &[(&str, &str)],
    role: &str,
    label: Markup,
    variant: &str,
) -> Markup {
    let action = with_query(
        &format!("{LIST_PATH}/{}/{verb}", item.input.id),
        page.query(),
    );
    html! {
        form method="post" action=(action) data-triage=(role) {
            (csrf::field(&ctx.csrf_token()))
            @for (name, value) in hidden { input type="hidden" name=(name) value=(value); }
            button.ds-button type="submit" data-variant=(variant) data-size="sm" { (label) }
        }
    }
}
