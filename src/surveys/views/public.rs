//! The pages a respondent sees: the survey (one page, or a page per section
//! with progress), the page for a survey that is not open or already
//! answered, and the thanks with the offer of an interview.

use maud::{Markup, html};

use crate::entities::theme;
use crate::surveys::answering::Raw;
use crate::surveys::model::{Section, Survey};
use crate::surveys::views::questions::question;
use crate::web::PageContext;
use crate::web::forms::{FormErrors, error_summary};
use crate::web::layout::{layout, paragraphs};
use crate::web::public_form::Guard;

/// What one page of the survey shows.
pub struct SurveyPage<'a> {
    pub survey: &'a Survey,
    /// The sections on this page: one when paged, all otherwise.
    pub sections: Vec<&'a Section>,
    /// 0-based page number and the number of pages.
    pub page: usize,
    pub pages: usize,
    pub themes: &'a [theme::Model],
    /// Every answer so far; this page's fields show theirs, the rest ride along hidden.
    pub raw: &'a Raw,
    pub guard: &'a Guard,
    pub errors: &'a FormErrors,
    /// Where the form posts: the public or the kiosk address.
    pub action: &'a str,
}

pub fn survey_page(ctx: &PageContext, page: &SurveyPage) -> Markup {
    let survey = page.survey;
    let on_page: Vec<&str> = page
        .sections
        .iter()
        .flat_map(|s| s.questions.iter().filter(|q| !q.hidden))
        .map(|q| q.code.as_str())
        .collect();
    let carried = page.raw.answer_fields(|code| !on_page.contains(&code));
    let last = page.page + 1 >= page.pages;
    let step = (page.page + 1).to_string();
    let of = page.pages.to_string();
    let title = if page.pages > 1 {
        format!(
            "{} – {}",
            survey.title,
            ctx.tr("surveys.public.step", &[("step", &step), ("of", &of)])
        )
    } else {
        survey.title.clone()
    };
    layout(
        ctx,
        &title,
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (survey.title) }
                @if page.page == 0 && let Some(intro) = &survey.intro {
                    (paragraphs(intro))
                }
                @if page.page == 0 {
                    p.ds-paragraph data-size="sm" { (ctx.t("surveys.public.anonymous")) }
                }
                @if page.pages > 1 {
                    div.stack.survey-progress {
                        p.ds-paragraph #survey-progress-label {
                            (ctx.tr("surveys.public.step", &[("step", &step), ("of", &of)]))
                        }
                        progress max=(of) value=(step) aria-labelledby="survey-progress-label" {
                            (step) " / " (of)
                        }
                    }
                }
                (error_summary(ctx.lang, page.errors))
                form.stack method="post" action=(page.action) novalidate {
                    (page.guard.fields(ctx))
                    input type="hidden" name="side" value=(page.page);
                    @for (name, value) in &carried {
                        input type="hidden" name=(name) value=(value);
                    }
                    @for section in &page.sections {
                        section.stack aria-labelledby={ "section-" (section.id) } {
                            h2.ds-heading data-size="sm" id={ "section-" (section.id) } { (section.title) }
                            @if let Some(description) = &section.description {
                                (paragraphs(description))
                            }
                            @for q in section.questions.iter().filter(|q| !q.hidden) {
                                (question(ctx, q, page.themes, page.raw, page.errors))
                            }
                        }
                    }
                    div.cluster {
                        @if page.page > 0 {
                            button.ds-button type="submit" name="handling" value="forrige" data-variant="secondary" formnovalidate {
                                (ctx.t("surveys.public.previous"))
                            }
                        }
                        @if last {
                            button.ds-button type="submit" name="handling" value="send" data-variant="primary" {
                                (ctx.t("surveys.public.submit"))
                            }
                        } @else {
                            button.ds-button type="submit" name="handling" value="neste" data-variant="primary" {
                                (ctx.t("surveys.public.next"))
                            }
                        }
                    }
                }
            }
        },
    )
}

/// The surveys open now, each with its introduction and a link.
pub fn open_list(ctx: &PageContext, surveys: &[Survey]) -> Markup {
    let title = ctx.t("surveys.public.list_title");
    layout(
        ctx,
        title,
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (title) }
                @if surveys.is_empty() {
                    p.ds-paragraph { (ctx.t("surveys.public.list_empty")) }
                } @else {
                    ul.ds-list.stack {
                        @for survey in surveys {
                            li.ds-card.stack {
                                h2.ds-heading data-size="xs" {
                                    a.ds-link href={ "/undersokelse/" (survey.id) } { (survey.title) }
                                }
                                @if let Some(intro) = &survey.intro {
                                    (paragraphs(intro))
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}

/// Why a survey takes no answers here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unavailable {
    NotYetOpen,
    Closed,
    AlreadyAnswered,
}

pub fn unavailable(ctx: &PageContext, survey: &Survey, why: Unavailable) -> Markup {
    let key = match why {
        Unavailable::NotYetOpen => "surveys.public.not_yet_open",
        Unavailable::Closed => "surveys.public.closed",
        Unavailable::AlreadyAnswered => "surveys.public.already_answered",
    };
    layout(
        ctx,
        &survey.title,
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (survey.title) }
                div.ds-alert data-color="info" role="status" { p.ds-paragraph { (ctx.t(key)) } }
                p.ds-paragraph { a.ds-link href="/" { (ctx.t("surveys.public.home")) } }
            }
        },
    )
}

/// What the thanks page offers next.
pub struct Thanks<'a> {
    pub survey: &'a Survey,
    /// The interview registration with this response's answers filled in.
    pub interview_link: Option<String>,
    /// In a kiosk: the address that starts the next person's response.
    pub next_response: Option<String>,
}

pub fn thanks(ctx: &PageContext, thanks: &Thanks) -> Markup {
    let title = ctx.t("surveys.public.thanks_title");
    layout(
        ctx,
        title,
        html! {
            div.page-medium.stack {
                div.ds-alert.stack data-color="success" role="status" {
                    h1.ds-heading data-size="sm" { (title) }
                    p.ds-paragraph { (ctx.tr("surveys.public.thanks_text", &[("survey", &thanks.survey.title)])) }
                }
                @if let Some(link) = &thanks.interview_link {
                    section.ds-card.stack aria-labelledby="interview-heading" {
                        h2.ds-heading data-size="xs" #interview-heading { (ctx.t("surveys.public.interview_heading")) }
                        p.ds-paragraph { (ctx.t("surveys.public.interview_text")) }
                        div.cluster {
                            a.ds-button data-variant="primary" href=(link) { (ctx.t("surveys.public.interview_button")) }
                        }
                    }
                }
                @if let Some(next) = &thanks.next_response {
                    div.cluster {
                        a.ds-button data-variant="primary" href=(next) { (ctx.t("surveys.public.kiosk_next")) }
                    }
                } @else {
                    p.ds-paragraph { a.ds-link href="/" { (ctx.t("surveys.public.home")) } }
                }
            }
        },
    )
}
