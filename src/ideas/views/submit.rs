//! Markup of the idea form and the receipt.

use maud::{Markup, html};
use url::Url;

use crate::entities::input::{self, Status};
use crate::entities::theme;
use crate::ideas::forms::IdeaForm;
use crate::inputs::StakeholderGroup;
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::forms::{Field, FormErrors, error_summary};
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
    layout(
        ctx,
        title,
        html! {
            div.narrow-wide {
                h1 { (title) }
                p.lead { (ctx.t("ideas.form_lead")) }
                (error_summary(ctx.lang, errors))
                form.idea-form method="post" action="/ideer" novalidate {
                    (guard.fields(ctx))
                    (idea_fields(ctx, themes, form, errors))
                    (group_choice(ctx, form, errors))
                    fieldset {
                        legend { (ctx.t("ideas.contact_legend")) }
                        p.hint { (ctx.t("ideas.contact_hint")) }
                        (Field::new("name", ctx.t("ideas.name"), &form.name).autocomplete("name").render(errors))
                        (Field::new("email", ctx.t("ideas.email"), &form.email)
                            .kind("email").autocomplete("email").render(errors))
                        (checkbox(ctx, "consent", "consent", form.consent.is_some(), "ideas.consent", errors))
                        (checkbox(ctx, "news", "news", form.news.is_some(), "ideas.news", errors))
                    }
                    p.public-notice {
                        (ctx.t("ideas.public_notice")) " "
                        a href="/personvern" { (ctx.t("ideas.privacy_link")) }
                    }
                    button.button type="submit" { (ctx.t("ideas.submit")) }
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
    html! {
        (Field::new("title", ctx.t("ideas.title"), &form.title)
            .hint(ctx.t("ideas.title_hint")).required().render(errors))
        (Field::new("body", ctx.t("ideas.body"), &form.body)
            .kind("textarea").hint(ctx.t("ideas.body_hint")).required().render(errors))
        @if !themes.is_empty() {
            fieldset.field-error[errors.get("themes").is_some()] {
                legend { (ctx.t("ideas.themes_legend")) }
                div.choices {
                    @for (index, theme) in themes.iter().enumerate() {
                        @let id = if index == 0 { "themes".to_owned() } else { format!("theme-{}", theme.slug) };
                        @let value = theme.id.to_string();
                        div.choice {
                            input type="checkbox" id=(id) name="themes" value=(value)
                                checked[form.themes.contains(&value)];
                            label for=(id) { (name_in(theme, ctx.lang)) }
                        }
                    }
                }
            }
        }
        (Field::new("location", ctx.t("ideas.location"), &form.location)
            .hint(ctx.t("ideas.location_hint")).render(errors))
    }
}

fn group_choice(ctx: &PageContext, form: &IdeaForm, errors: &FormErrors) -> Markup {
    let error = errors.get("group");
    html! {
        fieldset.field-error[error.is_some()] aria-describedby=[error.map(|_| "group-error")] {
            legend { (ctx.t("ideas.group_legend")) }
            @if let Some(message) = error {
                p.error-message #group-error { (message) }
            }
            div.choices {
                @for (index, group) in StakeholderGroup::ALL.into_iter().enumerate() {
                    @let id = if index == 0 { "group".to_owned() } else { format!("group-{}", group.code()) };
                    div.choice {
                        input type="radio" id=(id) name="group" value=(group.code())
                            required checked[form.group == group.code()];
                        label for=(id) { (ctx.t(&group.label_key())) }
                    }
                }
            }
        }
    }
}

fn checkbox(
    ctx: &PageContext,
    id: &str,
    name: &str,
    checked: bool,
    label_key: &str,
    errors: &FormErrors,
) -> Markup {
    let error = errors.get(id);
    let error_id = format!("{id}-error");
    html! {
        div.field.field-error[error.is_some()] {
            @if let Some(message) = error {
                p.error-message id=(error_id) { (message) }
            }
            div.choice {
                input type="checkbox" id=(id) name=(name) value="ja" checked[checked]
                    aria-describedby=[error.map(|_| error_id.as_str())];
                label for=(id) { (ctx.t(label_key)) }
            }
        }
    }
}

pub fn receipt(ctx: &PageContext, idea: &input::Model, link: Option<&Url>, mailed: bool) -> Markup {
    let title = ctx.t("ideas.receipt_title");
    layout(
        ctx,
        title,
        html! {
            div.receipt role="status" {
                h1 { (title) }
                p.lead { "«" (idea.title.as_deref().unwrap_or("")) "»" }
            }
            p {
                @if idea.status == Status::Published {
                    (ctx.t("ideas.receipt_published")) " "
                    a href={ "/ideer/" (idea.id) } { (ctx.t("ideas.receipt_see")) }
                } @else {
                    (ctx.t("ideas.receipt_pending"))
                }
            }
            @if let Some(link) = link {
                h2 { (ctx.t("ideas.receipt_link_heading")) }
                p { (ctx.t("ideas.receipt_link_text")) }
                p.private-link { a href=(link.as_str()) { (link.as_str()) } }
            }
            @if mailed {
                p { (ctx.t("ideas.receipt_mailed")) }
            }
            ul.actions {
                li { a href="/ideer/ny" { (ctx.t("ideas.share_another")) } }
                li { a href="/ideer" { (ctx.t("ideas.see_ideas")) } }
            }
        },
    )
}
