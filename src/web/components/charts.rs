//! Charts drawn on the server as SVG: horizontal bars for counts and shares,
//! stacked bars for 1–5 distributions, and bars per day. Each is an image
//! with a title for screen readers and always has a table beside it with
//! the same numbers (WCAG 1.1.1): the table is the chart's text, not extra.
//!
//! No `style` attributes (the CSP forbids them) and no classes of our own:
//! colours are SVG presentation attributes, each at least 3:1 against
//! white (WCAG 1.4.11), and text is near-black.

use maud::{Markup, PreEscaped, html};

use crate::web::Lang;

/// Bars, and the text that is not a bar.
const BAR: &str = "#1f4e8c";
const INK: &str = "#1d1d1d";
/// Points 1 to 5, from red through grey to blue; white gaps part them.
pub const SCALE_COLOURS: [&str; 5] = ["#a1260d", "#c05a1a", "#6b6b6b", "#3d75b0", "#173f73"];

const WIDTH: f64 = 480.0;
const BAR_AREA: f64 = 380.0;

/// One bar: a label, a count and the share it stands for.
pub struct Bar {
    pub label: String,
    pub count: u64,
    pub share: Option<f64>,
}

/// A share as a whole percentage, as the tables and charts both write it.
pub fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "–".to_owned(), |s| format!("{:.0} %", s * 100.0))
}

/// A number with at most two decimals and the language's decimal sign.
pub fn decimal(lang: Lang, value: Option<f64>) -> String {
    let Some(value) = value else {
        return "–".to_owned();
    };
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.').to_owned();
    match lang {
        Lang::En => text,
        Lang::Nb | Lang::Nn => text.replace('.', ","),
    }
}

fn svg_open(id: &str, title: &str, height: f64) -> Markup {
    // `viewBox` keeps its case: maud writes attribute names as given.
    PreEscaped(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"{id}-title\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">\
         <title id=\"{id}-title\">{}</title>",
        maud::html! { (title) }.into_string()
    ))
}

/// Horizontal bars, each as long as its share, with the count and share at
/// its end, and the table of the same numbers.
pub fn bar_chart(id: &str, title: &str, bars: &[Bar], heads: [&str; 3]) -> Markup {
    let row = 40.0;
    let height = row * bars.len().max(1) as f64;
    html! {
        div.columns {
            figure {
                (svg_open(id, title, height))
                @for (i, bar) in bars.iter().enumerate() {
                    @let y = i as f64 * row;
                    @let length = bar.share.unwrap_or(0.0).clamp(0.0, 1.0) * BAR_AREA;
                    @let value = format!("{} ({})", bar.count, percent(bar.share));
                    g data-label=(bar.label) data-count=(bar.count) {
                        text x="0" y=(y + 14.0) font-size="13" fill=(INK) { (bar.label) }
                        rect x="0" y=(y + 19.0) width=(format!("{length:.1}")) height="14" fill=(BAR) {
                            title { (bar.label) ": " (value) }
                        }
                        text x=(format!("{:.1}", length + 6.0)) y=(y + 31.0) font-size="12" fill=(INK) { (value) }
                    }
                }
                (PreEscaped("</svg>"))
            }
            div.table-wrap role="region" tabindex="0" aria-label=(title) {
                table.ds-table data-border {
                    caption.ds-sr-only { (title) }
                    thead { tr { th scope="col" { (heads[0]) } th scope="col" { (heads[1]) } th scope="col" { (heads[2]) } } }
                    tbody {
                        @for bar in bars {
                            tr {
                                th scope="row" { (bar.label) }
                                td.num { (bar.count) }
                                td.num { (percent(bar.share)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One row of a stacked distribution: a label and its answers at 1–5.
pub struct Stack {
    pub label: String,
    pub counts: [u64; 5],
    pub n: u64,
    pub mean: Option<f64>,
}

/// Stacked bars of 1–5 answers, one per row, with a legend and the table
/// (counts per point, n and mean). `points` names the five points.
pub fn stacked_chart(
    lang: Lang,
    id: &str,
    title: &str,
    rows: &[Stack],
    points: [String; 5],
    heads: [&str; 3],
) -> Markup {
    let row = 40.0;
    let legend = 24.0;
    let height = row * rows.len().max(1) as f64 + legend;
    html! {
        div.columns {
            figure {
                (svg_open(id, title, height))
                @for (i, stack) in rows.iter().enumerate() {
                    @let y = i as f64 * row;
                    g data-label=(stack.label) data-n=(stack.n) {
                        text x="0" y=(y + 14.0) font-size="13" fill=(INK) {
                            (stack.label) " (n = " (stack.n) ", " (decimal(lang, stack.mean)) ")"
                        }
                        @for (p, x, w, count, share) in segments(stack) {
                            rect x=(format!("{x:.1}")) y=(y + 19.0) width=(format!("{w:.1}")) height="14"
                                fill=(SCALE_COLOURS[p]) stroke="#ffffff" stroke-width="1" data-point=(p + 1) data-count=(count) {
                                title { (points[p]) ": " (count) " (" (percent(Some(share))) ")" }
                            }
                        }
                    }
                }
                @let ly = row * rows.len().max(1) as f64 + 6.0;
                @for (p, name) in points.iter().enumerate() {
                    @let lx = p as f64 * (WIDTH / 5.0);
                    rect x=(lx) y=(ly) width="12" height="12" fill=(SCALE_COLOURS[p]) {}
                    text x=(lx + 16.0) y=(ly + 11.0) font-size="11" fill=(INK) { (name) }
                }
                (PreEscaped("</svg>"))
            }
            div.table-wrap role="region" tabindex="0" aria-label=(title) {
                table.ds-table data-border {
                    caption.ds-sr-only { (title) }
                    thead {
                        tr {
                            th scope="col" { (heads[0]) }
                            @for name in &points { th scope="col" { (name) } }
                            th scope="col" { (heads[1]) }
                            th scope="col" { (heads[2]) }
                        }
                    }
                    tbody {
                        @for stack in rows {
                            tr {
                                th scope="row" { (stack.label) }
                                @for count in stack.counts { td.num { (count) } }
                                td.num { (stack.n) }
                                td.num { (decimal(lang, stack.mean)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The drawn parts of a stack: point index, start, width, count and share.
fn segments(stack: &Stack) -> Vec<(usize, f64, f64, u64, f64)> {
    let mut x = 0.0;
    let mut out = Vec::new();
    for (p, count) in stack.counts.iter().copied().enumerate() {
        let share = if stack.n > 0 {
            count as f64 / stack.n as f64
        } else {
            0.0
        };
        let w = share * WIDTH;
        if count > 0 {
            out.push((p, x, w, count, share));
        }
        x += w;
    }
    out
}

/// Bars per day, the first and last day written under them, and the table
/// of days in a disclosure (a survey may run for months).
pub fn time_chart(id: &str, title: &str, days: &[(String, u64)], heads: [&str; 3]) -> Markup {
    let height = 140.0;
    let plot = 110.0;
    let max = days.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1) as f64;
    let step = WIDTH / days.len().max(1) as f64;
    html! {
        figure {
            (svg_open(id, title, height))
            @for (i, (day, count)) in days.iter().enumerate() {
                @let h = *count as f64 / max * plot;
                rect x=(format!("{:.1}", i as f64 * step)) y=(format!("{:.1}", plot - h))
                    width=(format!("{:.1}", (step - 1.0).max(1.0))) height=(format!("{h:.1}")) fill=(BAR)
                    data-day=(day) data-count=(count) {
                    title { (day) ": " (count) }
                }
            }
            @if let (Some((first, _)), Some((last, _))) = (days.first(), days.last()) {
                text x="0" y=(plot + 20.0) font-size="12" fill=(INK) { (first) }
                text x=(WIDTH) y=(plot + 20.0) font-size="12" fill=(INK) text-anchor="end" { (last) }
            }
            (PreEscaped("</svg>"))
        }
        details.ds-details {
            summary { (heads[2]) }
            div {
                div.table-wrap role="region" tabindex="0" aria-label=(title) {
                    table.ds-table data-border {
                        caption.ds-sr-only { (title) }
                        thead { tr { th scope="col" { (heads[0]) } th scope="col" { (heads[1]) } } }
                        tbody {
                            @for (day, count) in days {
                                tr { th scope="row" { (day) } td.num { (count) } }
                            }
                        }
                    }
                }
            }
        }
    }
}
