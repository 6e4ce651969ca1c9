//! Markup of the public site pages.

use maud::{Markup, html};

use crate::web::PageContext;
use crate::web::layout::{layout, paragraphs};

pub fn landing(ctx: &PageContext) -> Markup {
    let programme = &ctx.programme;
    let municipality = if programme.municipality_name.is_empty() {
        ctx.t("landing.the_municipality").to_owned()
    } else {
        ctx.tr(
            "site.municipality",
            &[("name", &programme.municipality_name)],
        )
    };
    layout(
        ctx,
        &programme.programme_name,
        html! {
            div.stack {
                h1.ds-heading data-size="lg" { (programme.programme_name) }
                p.ds-paragraph data-size="lg" { (ctx.tr("landing.lead", &[("municipality", &municipality)])) }
            }
            // The ways to take part that exist so far.
            section aria-labelledby="channels-heading" {
                h2.ds-heading data-size="sm" #channels-heading { (ctx.t("ideas_public.landing.heading")) }
                p.ds-paragraph { (ctx.t("ideas_public.landing.text")) }
                div.cluster {
                    a.ds-button data-variant="primary" href="/ideer/ny" { (ctx.t("ideas_public.landing.share")) }
                    a.ds-button data-variant="secondary" href="/ideer" { (ctx.t("ideas_public.landing.browse")) }
                    a.ds-button data-variant="secondary" href="/arrangementer" { (ctx.t("events.landing_link")) }
                    a.ds-button data-variant="secondary" href="/intervju" { (ctx.t("interviews.public.landing_link")) }
                    a.ds-button data-variant="secondary" href="/undersokelser" { (ctx.t("surveys.public.landing_link")) }
                    a.ds-button data-variant="secondary" href="/parvis" { (ctx.t("pairwise.landing_link")) }
                }
            }
            section aria-labelledby="about-heading" {
                h2.ds-heading data-size="sm" #about-heading { (ctx.t("landing.about_heading")) }
                (paragraphs(ctx.t("landing.about")))
                @if let (Some(start), Some(end)) = (programme.period_start, programme.period_end) {
                    p.ds-paragraph {
                        (ctx.tr("landing.period", &[
                            ("start", &start.format("%d.%m.%Y").to_string()),
                            ("end", &end.format("%d.%m.%Y").to_string()),
                        ]))
                    }
                }
                @if let Some(email) = &programme.contact_email {
                    p.ds-paragraph {
                        (ctx.t("landing.questions")) " "
                        a.ds-link href={ "mailto:" (email) } { (email) }
                    }
                }
            }
        },
    )
}

pub fn privacy(ctx: &PageContext) -> Markup {
    let title = ctx.t("privacy.title");
    let text = ctx
        .programme
        .privacy_text
        .as_deref()
        .unwrap_or_else(|| ctx.t("privacy.default_text"));
    layout(
        ctx,
        title,
        html! {
            h1.ds-heading data-size="md" { (title) }
            (paragraphs(text))
        },
    )
}

pub fn accessibility(ctx: &PageContext) -> Markup {
    let title = ctx.t("accessibility.title");
    let text = ctx
        .programme
        .accessibility_text
        .as_deref()
        .unwrap_or_else(|| ctx.t("accessibility.default_text"));
    layout(
        ctx,
        title,
        html! {
            h1.ds-heading data-size="md" { (title) }
            (paragraphs(text))
        },
    )
}
