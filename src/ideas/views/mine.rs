//! Markup of the sender's private page.

use maud::{Markup, html};

use crate::entities::input::{self, Status};
use crate::entities::theme;
use crate::ideas::forms::IdeaForm;
use crate::ideas::views::submit::idea_fields;
use crate::web::PageContext;
use crate::web::csrf;
use crate::web::forms::{FormErrors, error_summary, notice};
use crate::web::layout::{layout, paragraphs};

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
