//! Markup of the idea form, the receipt and the sender's private page.

use maud::{Markup, html};
use url::Url;

use crate::entities::input::{self, Status};
use crate::entities::theme;
use crate::ideas::StakeholderGroup;
use crate::ideas::routes::IdeaForm;
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, error_summary, notice};
use crate::web::layout::{layout, paragraphs};

pub fn idea_form(
    ctx: &PageContext,
    themes: &[theme::Model],
    form: &IdeaForm,
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
                    (csrf::field(&ctx.csrf_token()))
                    input type="hidden" name="idempotency_key" value=(form.idempotency_key);
                    input type="hidden" name="skjema_tid" value=(form.skjema_tid);
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
                    div.hp aria-hidden="true" {
                        label for="nettside" { (ctx.t("ideas.honeypot")) }
                        input #nettside type="text" name="nettside" value="" tabindex="-1" autocomplete="off";
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
fn idea_fields(
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

pub fn refused(ctx: &PageContext) -> Markup {
    message_page(ctx, "ideas.refused_title", "ideas.refused_text")
}

pub fn too_many(ctx: &PageContext) -> Markup {
    message_page(ctx, "ideas.too_many_title", "ideas.too_many_text")
}

fn message_page(ctx: &PageContext, title_key: &str, text_key: &str) -> Markup {
    let title = ctx.t(title_key);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            p { (ctx.t(text_key)) }
            p { a href="/ideer/ny" { (ctx.t("ideas.back_to_form")) } }
        },
    )
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

pub fn my_idea(
    ctx: &PageContext,
    idea: &input::Model,
    token: &str,
    themes: &[theme::Model],
    form: &IdeaForm,
    errors: &FormErrors,
    flash: Option<&str>,
) -> Markup {
    let title = ctx.t("ideas.mine_title");
    let action = format!("/ideer/mine/{token}");
    let editable = crate::ideas::service::sender_may_edit(idea);
    layout(
        ctx,
        title,
        html! {
            h1 { (title) }
            (notice(flash.map(|key| ctx.t(key))))
            p.status { strong { (ctx.t("ideas.status_label")) ": " } (ctx.t(status_key(idea.status))) }
            @if idea.status == Status::Hidden
                && let Some(note) = &idea.moderation_note {
                p { strong { (ctx.t("ideas.hidden_reason")) ": " } (note) }
            }
            @if idea.status == Status::Withdrawn {
                p { (ctx.t("ideas.withdrawn_text")) }
            } @else if editable {
                (error_summary(ctx.lang, errors))
                p { (ctx.t("ideas.edit_intro")) }
                form method="post" action=(action) novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    (idea_fields(ctx, themes, form, errors))
                    button.button type="submit" { (ctx.t("ideas.save_changes")) }
                }
            } @else {
                article.idea-text {
                    h2 { (idea.title.as_deref().unwrap_or("")) }
                    (paragraphs(&idea.body))
                    @if let Some(location) = &idea.location {
                        p.muted { (ctx.t("ideas.location")) ": " (location) }
                    }
                }
                p.muted { (ctx.t("ideas.not_editable")) }
            }
            @if idea.status != Status::Withdrawn {
                section.withdraw aria-labelledby="withdraw-heading" {
                    h2 #withdraw-heading { (ctx.t("ideas.withdraw_heading")) }
                    p { (ctx.t("ideas.withdraw_text")) }
                    form method="post" action={ (action) "/trekk-tilbake" } {
                        (csrf::field(&ctx.csrf_token()))
                        button.button-danger type="submit" { (ctx.t("ideas.withdraw_button")) }
                    }
                }
            }
        },
    )
}

fn status_key(status: Status) -> &'static str {
    match status {
        Status::Pending => "ideas.status.pending",
        Status::Published => "ideas.status.published",
        Status::Hidden => "ideas.status.hidden",
        Status::Merged => "ideas.status.merged",
        Status::Withdrawn => "ideas.status.withdrawn",
    }
}
