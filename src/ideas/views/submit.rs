//! Markup of the idea form and the receipt.

use maud::{Markup, html};
use url::Url;

use crate::entities::input::{self, Status};
use crate::entities::theme;
use crate::ideas::forms::IdeaForm;
use crate::inputs::StakeholderGroup;
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::forms::{Choices, Field, FormErrors, checkbox, error_summary};
use crate::web::layout::layout;
use crate::web::public_form::Guard;

pub fn idea_form(
    ctx: &PageContext,
    themes: &[theme::Model],
    form: &IdeaForm,
    guard: &Guard,
    errors: &FormErrors,
) -> Markup {
    let title = ctx.t("ideas.form_title");
    let group = [form.group.clone()];
    let groups = StakeholderGroup::ALL
        .into_iter()
        .map(|group| {
            (
                group.code().to_owned(),
                ctx.t(&group.label_key()).to_owned(),
            )
        })
        .collect();
    layout(
        ctx,
        title,
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph data-size="lg" { (ctx.t("ideas.form_lead")) }
                (error_summary(ctx.lang, errors))
                form.stack method="post" action="/ideer" novalidate {
                    (guard.fields(ctx))
                    (idea_fields(ctx, themes, form, errors))
                    (Choices::radio("group", ctx.t("ideas.group_legend"), groups, &group)
                        .required().render(errors))
                    fieldset.ds-fieldset aria-describedby="contact-hint" {
                        legend.ds-heading data-size="xs" { (ctx.t("ideas.contact_legend")) }
                        p data-field="description" #contact-hint { (ctx.t("ideas.contact_hint")) }
                        (Field::new("name", ctx.t("ideas.name"), &form.name).autocomplete("name").render(errors))
                        (Field::new("email", ctx.t("ideas.email"), &form.email)
                            .kind("email").autocomplete("email").render(errors))
                        (checkbox("consent", ctx.t("ideas.consent"), form.consent.is_some(), errors))
                        (checkbox("news", ctx.t("ideas.news"), form.news.is_some(), errors))
                    }
                    p.ds-paragraph {
                        (ctx.t("ideas.public_notice")) " "
                        a.ds-link href="/personvern" { (ctx.t("ideas.privacy_link")) }
                    }
                    div {
                        button.ds-button type="submit" data-variant="primary" { (ctx.t("ideas.submit")) }
                    }
                }
            }
        },
    )
}

/// Title, description, themes and place: what the sender may also edit later.
pub(super) fn idea_fields(
    ctx: &PageContext,
    themes: &[theme::Model],
    form: &IdeaForm,
    errors: &FormErrors,
) -> Markup {
    let options = themes
        .iter()
        .map(|theme| (theme.id.to_string(), name_in(theme, ctx.lang).to_owned()))
        .collect();
    html! {
        (Field::new("title", ctx.t("ideas.title"), &form.title)
            .hint(ctx.t("ideas.title_hint")).required().render(errors))
        (Field::new("body", ctx.t("ideas.body"), &form.body)
            .kind("textarea").hint(ctx.t("ideas.body_hint")).required().render(errors))
        @if !themes.is_empty() {
            (Choices::checkboxes("themes", ctx.t("ideas.themes_legend"), options, &form.themes)
                .render(errors))
        }
        (Field::new("location", ctx.t("ideas.location"), &form.location)
            .hint(ctx.t("ideas.location_hint")).render(errors))
    }
}

pub fn receipt(ctx: &PageContext, idea: &input::Model, link: Option<&Url>, mailed: bool) -> Markup {
    let title = ctx.t("ideas.receipt_title");
    layout(
        ctx,
        title,
        html! {
            div.page-medium.stack {
                div.ds-alert.stack data-color="success" role="status" {
                    h1.ds-heading data-size="md" { (title) }
                    p.ds-paragraph.user-text data-size="lg" { "«" (idea.title.as_deref().unwrap_or("")) "»" }
                }
                p.ds-paragraph {
                    @if idea.status == Status::Published {
                        (ctx.t("ideas.receipt_published")) " "
                        a.ds-link href={ "/ideer/" (idea.id) } { (ctx.t("ideas.receipt_see")) }
                    } @else {
                        (ctx.t("ideas.receipt_pending"))
                    }
                }
                @if let Some(link) = link {
                    section.ds-card.stack aria-labelledby="private-link-heading" {
                        h2.ds-heading data-size="sm" #private-link-heading { (ctx.t("ideas.receipt_link_heading")) }
                        p.ds-paragraph { (ctx.t("ideas.receipt_link_text")) }
                        p.ds-paragraph.user-text { a.ds-link #private-link href=(link.as_str()) { (link.as_str()) } }
                    }
                }
                @if mailed {
                    p.ds-paragraph { (ctx.t("ideas.receipt_mailed")) }
                }
                div.cluster {
                    a.ds-button data-variant="secondary" href="/ideer/ny" { (ctx.t("ideas.share_another")) }
                    a.ds-button data-variant="secondary" href="/ideer" { (ctx.t("ideas.see_ideas")) }
                }
            }
        },
    )
}
