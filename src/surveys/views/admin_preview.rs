//! Markup of the builder's preview: every section and question a
//! respondent is asked, as the answering page shows them, with no way to
//! send anything.

use maud::{Markup, html};

use crate::entities::{theme, user};
use crate::surveys::answering::Raw;
use crate::surveys::model::Survey;
use crate::surveys::views::admin::{frame, survey_path, t};
use crate::web::PageContext;
use crate::web::forms::FormErrors;

pub fn preview(
    ctx: &PageContext,
    me: &user::Model,
    survey: &Survey,
    themes: &[theme::Model],
) -> Markup {
    let title = ctx.tr("surveys.admin.preview_title", &[("title", &survey.title)]);
    let raw = Raw::default();
    frame(
        ctx,
        me,
        &title,
        &FormErrors::new(),
        None,
        html! {
            p.ds-paragraph { a.ds-link href=(survey_path(survey.id)) { (t(ctx, "back_to_survey")) } }
            div.ds-alert data-color="info" { (t(ctx, "preview_note")) }
            @if let Some(intro) = &survey.intro { p.ds-paragraph.user-text data-size="lg" { (intro) } }
            @if survey.asked().next().is_none() {
                p.ds-paragraph { (t(ctx, "no_questions")) }
            }
            @for (index, section) in survey.pages().into_iter().enumerate() {
                section.ds-card.stack aria-labelledby={ "preview-" (section.id) } {
                    h2.ds-heading data-size="sm" id={ "preview-" (section.id) } {
                        @if survey.paged {
                            (ctx.tr("surveys.admin.preview_page", &[
                                ("n", &(index + 1).to_string()),
                                ("count", &survey.pages().len().to_string()),
                            ])) ": "
                        }
                        (section.title)
                    }
                    @if let Some(description) = &section.description { p.ds-paragraph.user-text { (description) } }
                    @for question in section.questions.iter().filter(|q| !q.hidden) {
                        (crate::surveys::views::questions::question(ctx, question, themes, &raw, &FormErrors::new()))
                    }
                }
            }
        },
    )
}
