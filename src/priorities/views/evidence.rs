//! The evidence as tables: one row per theme, and each theme's details
//! (channels, groups, trend and the most supported inputs). The overview
//! page and the report both show them.

use maud::{Markup, html};

use super::{channel_name, group_name, t};
use crate::priorities::evidence::{Count, Evidence, Participation, ThemeEvidence};
use crate::web::Lang;
use crate::web::components::charts::{Bar, bar_chart, decimal, percent};

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

pub fn participation(lang: Lang, p: &Participation) -> Markup {
    let channels: Vec<Bar> = p
        .by_channel
        .iter()
        .map(|c| Bar {
            label: channel_name(lang, &c.key),
            count: c.count,
            share: share(c.count, p.inputs),
        })
        .collect();
    let groups: Vec<Bar> = p
        .by_group
        .iter()
        .map(|c| Bar {
            label: group_name(lang, &c.key),
            count: c.count,
            share: share(c.count, p.inputs),
        })
        .collect();
    let heads = |first: &'static str| [t(lang, first), t(lang, "count"), t(lang, "share")];
    html! {
        dl.facts {
            div { dt { (t(lang, "inputs")) } dd data-figure="inputs" { (p.inputs) } }
            div { dt { (t(lang, "tagged")) } dd data-figure="tagged" { (p.tagged) } }
            div { dt { (t(lang, "contributors")) } dd data-figure="contributors" { (p.contributors) } }
            div { dt { (t(lang, "businesses")) } dd data-figure="businesses" { (p.businesses) } }
            div { dt { (t(lang, "survey_responses")) } dd data-figure="survey-responses" { (p.survey_responses) } }
        }
        h3.ds-heading data-size="xs" { (t(lang, "by_channel")) }
        (bar_chart("chart-channels", t(lang, "by_channel"), &channels, heads("channel")))
        h3.ds-heading data-size="xs" { (t(lang, "by_group")) }
        (bar_chart("chart-groups", t(lang, "by_group"), &groups, heads("group")))
        h3.ds-heading data-size="xs" { (t(lang, "by_month")) }
        (counts_table(lang, t(lang, "by_month"), t(lang, "month"), &p.by_month, |c| c.key.clone()))
    }
}

fn counts_table(
    lang: Lang,
    caption: &str,
    head: &str,
    counts: &[Count],
    label: impl Fn(&Count) -> String,
) -> Markup {
    html! {
        div.table-wrap role="region" tabindex="0" aria-label=(caption) {
            table.ds-table data-border {
                caption.ds-sr-only { (caption) }
                thead { tr { th scope="col" { (head) } th scope="col" { (t(lang, "count")) } } }
                tbody {
                    @for c in counts { tr { th scope="row" { (label(c)) } td.num { (c.count) } } }
                }
            }
        }
    }
}

/// One row per theme with every measured figure.
pub fn table(lang: Lang, evidence: &Evidence) -> Markup {
    let caption = t(lang, "evidence_caption");
    html! {
        div.table-wrap role="region" tabindex="0" aria-label=(caption) {
            table.ds-table data-border #evidence {
                caption { (caption) }
                thead {
                    tr {
                        th scope="col" { (t(lang, "theme")) }
                        th scope="col" { (t(lang, "inputs")) }
                        th scope="col" { (t(lang, "contributors")) }
                        th scope="col" { (t(lang, "breadth")) }
                        th scope="col" { (t(lang, "businesses")) }
                        th scope="col" { (t(lang, "employees")) }
                        th scope="col" { (t(lang, "dot_votes")) }
                        th scope="col" { (t(lang, "importance")) }
                        th scope="col" { (t(lang, "top_three_share")) }
                        th scope="col" { (t(lang, "pairwise")) }
                        th scope="col" { (t(lang, "trend")) }
                    }
                }
                tbody {
                    @for e in &evidence.themes {
                        tr data-theme=(e.theme.slug) {
                            th scope="row" { (e.theme.name) }
                            td.num data-col="inputs" { (e.inputs) }
                            td.num data-col="contributors" { (e.contributors) }
                            td.num data-col="breadth" { (decimal(lang, Some(e.breadth))) }
                            td.num data-col="businesses" { (e.businesses) }
                            td.num data-col="employees" { (e.employees) }
                            td.num data-col="dot_votes" { (e.dot_votes) }
                            td.num data-col="importance" {
                                (decimal(lang, e.survey.importance.mean))
                                @if e.survey.importance.n > 0 { " (n=" (e.survey.importance.n) ")" }
                            }
                            td.num data-col="survey_ranking" { (percent(e.survey.ranking.top_three_share)) }
                            td.num data-col="pairwise" {
                                @if let Some(p) = e.pairwise {
                                    (percent(Some(p.score))) " (" (percent(Some(p.low))) "–" (percent(Some(p.high))) ")"
                                } @else { "–" }
                            }
                            td.num data-col="trend" { (e.last_30_days) " / " (e.previous_30_days) }
                        }
                    }
                }
            }
        }
        p.ds-paragraph data-size="sm" { (t(lang, "evidence_note")) }
    }
}

/// A theme's channels, groups, months and most supported inputs. The quotes'
/// heading is an `h3` where the theme has no heading of its own (the
/// overview's disclosure) and an `h4` under the report's theme heading, so
/// no level is skipped.
pub fn theme_details(lang: Lang, e: &ThemeEvidence, quotes: usize, under_heading: bool) -> Markup {
    let id = format!("theme-{}", e.theme.slug);
    html! {
        div.columns {
            (counts_table(lang, &format!("{} – {}", e.theme.name, t(lang, "by_channel")), t(lang, "channel"),
                &e.by_channel, |c| channel_name(lang, &c.key)))
            (counts_table(lang, &format!("{} – {}", e.theme.name, t(lang, "by_group")), t(lang, "group"),
                &e.by_group, |c| group_name(lang, &c.key)))
            (counts_table(lang, &format!("{} – {}", e.theme.name, t(lang, "by_month")), t(lang, "month"),
                &e.trend, |c| c.key.clone()))
        }
        @if let Some(dist) = Some(&e.survey.importance).filter(|d| d.n > 0) {
            p.ds-paragraph {
                (t(lang, "importance_distribution")) ": "
                @for (point, n) in (1..=5).zip(dist.counts) { (point) ": " (n) "; " }
                "n = " (dist.n)
            }
        }
        @if !e.quotes.is_empty() {
            @if under_heading {
                h4.ds-heading data-size="2xs" id={ (id) "-quotes" } { (t(lang, "quotes")) }
            } @else {
                h3.ds-heading data-size="2xs" id={ (id) "-quotes" } { (t(lang, "quotes")) }
            }
            ul.plain-list.stack aria-labelledby={ (id) "-quotes" } {
                @for q in e.quotes.iter().take(quotes) {
                    li {
                        blockquote {
                            @if let Some(title) = &q.title { strong { (title) } " – " }
                            (excerpt(&q.body, 280))
                        }
                        p.ds-paragraph data-size="sm" {
                            (channel_name(lang, &q.channel)) ", " (q.supports) " " (t(lang, "supports"))
                        }
                    }
                }
            }
        }
    }
}

/// At most `max` characters, cut at a word with an ellipsis.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end())
}
