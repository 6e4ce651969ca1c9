//! The public page: the question, two options as two large buttons in one
//! form with "can't decide" beside them, and the form to propose an option.

use maud::{Markup, html};

use crate::priorities::pairwise::service::options::PairOption;
use crate::web::PageContext;
use crate::web::forms::{Field, FormErrors, error_summary};
use crate::web::layout::layout;
use crate::web::public_form::Guard;

/// A message at the top of the page, after the last thing the browser sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Notice {
    Voted,
    Proposed,
    BadPair,
}

pub struct VotePage<'a> {
    pub pair: Option<(&'a PairOption, &'a PairOption)>,
    /// Answers this browser has given.
    pub answered: u64,
    pub notice: Option<Notice>,
    /// The proposal form as sent, with its messages.
    pub proposal: &'a str,
    pub errors: &'a FormErrors,
    pub guard: &'a Guard,
}

pub fn vote_page(ctx: &PageContext, page: &VotePage) -> Markup {
    let municipality = if ctx.programme.municipality_name.is_empty() {
        ctx.t("pairwise.the_municipality").to_owned()
    } else {
        ctx.tr(
            "site.municipality",
            &[("name", &ctx.programme.municipality_name)],
        )
    };
    let heading = ctx.tr("pairwise.heading", &[("municipality", &municipality)]);
    layout(
        ctx,
        ctx.t("pairwise.title"),
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (heading) }
                (notice(ctx, page.notice))
                p.ds-paragraph data-size="lg" { (ctx.t("pairwise.lead")) }
                @if let Some((left, right)) = page.pair {
                    (pair_form(ctx, left, right))
                } @else {
                    div.ds-alert data-color="info" { (ctx.t("pairwise.too_few")) }
                }
                p.ds-paragraph #answered {
                    (ctx.tr("pairwise.count", &[("count", &page.answered.to_string())]))
                }
                (proposal_form(ctx, page))
            }
        },
    )
}

fn notice(ctx: &PageContext, notice: Option<Notice>) -> Markup {
    html! {
        @match notice {
            Some(Notice::Voted) => div.ds-alert data-color="success" role="status" { (ctx.t("pairwise.voted")) },
            Some(Notice::Proposed) => div.ds-alert data-color="success" role="status" { (ctx.t("pairwise.proposed")) },
            Some(Notice::BadPair) => div.ds-alert data-color="warning" role="alert" { (ctx.t("pairwise.bad_pair")) },
            None => {},
        }
    }
}

/// One form: the pair rides along in hidden fields, and the button pressed
/// says the answer, so a vote is one press (or Enter) and needs no script.
fn pair_form(ctx: &PageContext, left: &PairOption, right: &PairOption) -> Markup {
    html! {
        form method="post" action="/parvis" {
            (crate::web::csrf::field(&ctx.csrf_token()))
            input type="hidden" name="left" value=(left.id);
            input type="hidden" name="right" value=(right.id);
            fieldset.ds-fieldset.stack aria-describedby="skip-hint" {
                legend.ds-heading data-size="sm" { (ctx.t("pairwise.legend")) }
                div.columns {
                    button.ds-button.user-text type="submit" name="choice" value="left"
                        data-variant="primary" data-size="lg" data-fullwidth="true" { (left.label) }
                    button.ds-button.user-text type="submit" name="choice" value="right"
                        data-variant="primary" data-size="lg" data-fullwidth="true" { (right.label) }
                }
                p data-field="description" #skip-hint { (ctx.t("pairwise.skip_hint")) }
                div {
                    button.ds-button type="submit" name="choice" value="skip" data-variant="secondary" {
                        (ctx.t("pairwise.skip"))
                    }
                }
            }
        }
    }
}

fn proposal_form(ctx: &PageContext, page: &VotePage) -> Markup {
    html! {
        section.stack aria-labelledby="propose-heading" {
            h2.ds-heading data-size="sm" #propose-heading { (ctx.t("pairwise.propose_heading")) }
            p.ds-paragraph { (ctx.t("pairwise.propose_text")) }
            (error_summary(ctx.lang, page.errors))
            form.stack method="post" action="/parvis/forslag" novalidate {
                (page.guard.fields(ctx))
                (Field::new("forslag", ctx.t("pairwise.proposal"), page.proposal)
                    .hint(ctx.t("pairwise.proposal_hint")).required().render(page.errors))
                div {
                    button.ds-button type="submit" data-variant="secondary" { (ctx.t("pairwise.propose")) }
                }
            }
        }
    }
}
