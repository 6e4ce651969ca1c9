//! A ranking as tables and charts: the weights, the places with their
//! scores, and how often each theme lands in the top three and four when the
//! weights move.

use maud::{Markup, html};

use super::t;
use crate::priorities::criteria::Source;
use crate::priorities::ranking::result::Ranking;
use crate::web::Lang;
use crate::web::components::charts::{Bar, bar_chart, decimal, percent};

pub fn weights_table(lang: Lang, ranking: &Ranking) -> Markup {
    let caption = t(lang, "weights_caption");
    html! {
        div.table-wrap role="region" tabindex="0" aria-label=(caption) {
            table.ds-table data-border #weights {
                caption { (caption) }
                thead { tr {
                    th scope="col" { (t(lang, "criterion_label")) }
                    th scope="col" { (t(lang, "source")) }
                    th scope="col" { (t(lang, "weight")) }
                    th scope="col" { (t(lang, "weight_share")) }
                } }
                tbody {
                    @for c in &ranking.criteria {
                        tr data-criterion=(c.criterion.code()) {
                            th scope="row" { (lang.t(&c.criterion.label_key())) }
                            td { (t(lang, match c.source { Source::Evidence => "source_evidence", Source::Assessment => "source_assessment" })) }
                            td.num { (decimal(lang, Some(c.weight))) }
                            td.num { (percent(Some(c.share))) }
                        }
                    }
                }
            }
        }
    }
}

pub fn places_table(lang: Lang, ranking: &Ranking) -> Markup {
    let caption = t(lang, "ranking_caption");
    html! {
        div.table-wrap role="region" tabindex="0" aria-label=(caption) {
            table.ds-table data-border #ranking {
                caption { (caption) }
                thead { tr {
                    th scope="col" { (t(lang, "place")) }
                    th scope="col" { (t(lang, "theme")) }
                    th scope="col" { (t(lang, "score")) }
                    th scope="col" { (t(lang, "p_top_three")) }
                    th scope="col" { (t(lang, "p_top_four")) }
                    th scope="col" { (t(lang, "mean_place")) }
                    th scope="col" { (t(lang, "place_range")) }
                } }
                tbody {
                    @for r in &ranking.themes {
                        tr data-theme=(r.theme.slug) data-chosen=[r.chosen.then_some("true")] {
                            td.num data-col="place" { (r.place) }
                            th scope="row" {
                                (r.theme.name)
                                @if r.chosen { " " span.ds-tag data-color="success" { (t(lang, "chosen_area")) } }
                            }
                            td.num data-col="score" { (decimal(lang, Some(r.score * 100.0))) }
                            td.num data-col="top_three" { (percent(Some(r.top_three))) }
                            td.num data-col="top_four" { (percent(Some(r.top_four))) }
                            td.num { (decimal(lang, Some(r.mean_place))) }
                            td.num { (r.best_place) "–" (r.worst_place) }
                        }
                    }
                }
            }
        }
    }
}

/// Each theme's share of draws in the top three and in the top four.
pub fn sensitivity(lang: Lang, ranking: &Ranking) -> Markup {
    let samples = u64::from(ranking.sensitivity.samples);
    let bars = |share: fn(&crate::priorities::ranking::result::RankedTheme) -> f64| -> Vec<Bar> {
        ranking
            .themes
            .iter()
            .map(|r| Bar {
                label: r.theme.name.clone(),
                count: (share(r) * samples as f64).round() as u64,
                share: Some(share(r)),
            })
            .collect()
    };
    let heads = [t(lang, "theme"), t(lang, "draws"), t(lang, "share")];
    let settings = &ranking.sensitivity;
    html! {
        p.ds-paragraph #sensitivity-settings {
            (lang.tr("priorities.sensitivity_intro", &[
                ("samples", &settings.samples.to_string()),
                ("concentration", &decimal(lang, Some(settings.concentration))),
                ("seed", &settings.seed.to_string()),
            ]))
        }
        h3.ds-heading data-size="xs" { (t(lang, "p_top_three")) }
        (bar_chart("chart-top-three", t(lang, "p_top_three"), &bars(|r| r.top_three), heads))
        h3.ds-heading data-size="xs" { (t(lang, "p_top_four")) }
        (bar_chart("chart-top-four", t(lang, "p_top_four"), &bars(|r| r.top_four), heads))
    }
}
