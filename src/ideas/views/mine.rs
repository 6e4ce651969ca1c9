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
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (title) }
                (notice(flash.map(|key| ctx.t(key))))
                p.ds-paragraph { strong { (ctx.t("ideas.status_label")) ": " } (ctx.t(status_key(idea.status))) }
                @if idea.status == Status::Hidden
                    && let Some(note) = &idea.moderation_note {
                    p.ds-paragraph.user-text { strong { (ctx.t("ideas.hidden_reason")) ": " } (note) }
                }
                @if idea.status == Status::Withdrawn {
                    p.ds-paragraph { (ctx.t("ideas.withdrawn_text")) }
                } @else if editable {
                    (error_summary(ctx.lang, errors))
                    p.ds-paragraph { (ctx.t("ideas.edit_intro")) }
                    form.stack method="post" action=(action) novalidate {
                        (csrf::field(&ctx.csrf_token()))
                        (idea_fields(ctx, themes, form, errors))
                        div {
                            button.ds-button type="submit" data-variant="primary" { (ctx.t("ideas.save_changes")) }
                        }
                    }
                } @else {
                    article.ds-card.stack.user-text aria-labelledby="idea-heading" {
                        h2.ds-heading data-size="sm" #idea-heading { (idea.title.as_deref().unwrap_or("")) }
                        (paragraphs(&idea.body))
                        @if let Some(location) = &idea.location {
                            p.ds-paragraph data-size="sm" { (ctx.t("ideas.location")) ": " (location) }
                        }
                    }
                    div.ds-alert data-color="info" { (ctx.t("ideas.not_editable")) }
                }
                @if idea.status != Status::Withdrawn {
                    section.ds-card.stack aria-labelledby="withdraw-heading" {
                        h2.ds-heading data-size="sm" #withdraw-heading { (ctx.t("ideas.withdraw_heading")) }
                        p.ds-paragraph { (ctx.t("ideas.withdraw_text")) }
                        form method="post" action={ (action) "/trekk-tilbake" } {
                            (csrf::field(&ctx.csrf_token()))
                            button.ds-button type="submit" data-variant="secondary" data-color="danger" {
                                (ctx.t("ideas.withdraw_button"))
                            }
                        }
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
