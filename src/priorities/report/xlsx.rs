//! The report as a workbook, one sheet per table of the printed report, with
//! numbers as numbers so the figures can be checked and charted again.

use crate::exports::xlsx::XlsxWriter;
use crate::exports::{Cell, Column, ExportError, Table};
use crate::priorities::criteria::Criterion;
use crate::priorities::report::Report;
use crate::priorities::views::{channel_name, group_name};
use crate::web::Lang;

fn table(lang: Lang, resource: &'static str, heads: &[(&str, f64)]) -> Table {
    Table {
        resource,
        columns: heads
            .iter()
            .map(|(key, width)| {
                Column::named(
                    (*key).to_owned(),
                    lang.t(&format!("priorities.{key}")).to_owned(),
                    *width,
                )
            })
            .collect(),
        lang,
    }
}

fn int(n: u64) -> Cell {
    Cell::Integer(i64::try_from(n).unwrap_or(i64::MAX))
}

fn num(x: Option<f64>) -> Cell {
    x.map_or(Cell::Empty, Cell::Float)
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The workbook's bytes.
pub fn write(report: &Report, lang: Lang) -> Result<Vec<u8>, ExportError> {
    let ev = &report.evidence;
    let p = &ev.participation;
    let mut book = XlsxWriter::new(&table(
        lang,
        "priority_participation",
        &[("measure", 30.0), ("key", 30.0), ("count", 12.0)],
    ))?;
    let rows = [
        ("inputs", p.inputs),
        ("tagged", p.tagged),
        ("contributors", p.contributors),
        ("businesses", p.businesses),
        ("survey_responses", p.survey_responses),
    ];
    for (key, n) in rows {
        book.write_row(&[
            text(lang.t(&format!("priorities.{key}"))),
            Cell::Empty,
            int(n),
        ])?;
    }
    for c in &p.by_channel {
        book.write_row(&[
            text(lang.t("priorities.by_channel")),
            text(channel_name(lang, &c.key)),
            int(c.count),
        ])?;
    }
    for c in &p.by_group {
        book.write_row(&[
            text(lang.t("priorities.by_group")),
            text(group_name(lang, &c.key)),
            int(c.count),
        ])?;
    }
    for c in &p.by_month {
        book.write_row(&[
            text(lang.t("priorities.by_month")),
            text(c.key.clone()),
            int(c.count),
        ])?;
    }

    book.add_sheet(&table(
        lang,
        "priority_evidence",
        &[
            ("theme", 30.0),
            ("inputs", 10.0),
            ("contributors", 12.0),
            ("breadth", 10.0),
            ("businesses", 10.0),
            ("employees", 10.0),
            ("dot_votes", 10.0),
            ("importance", 10.0),
            ("importance_n", 10.0),
            ("top_three_share", 12.0),
            ("pairwise", 10.0),
            ("pairwise_low", 10.0),
            ("pairwise_high", 10.0),
            ("last_30_days", 10.0),
            ("previous_30_days", 10.0),
        ],
    ))?;
    for e in &ev.themes {
        book.write_row(&[
            text(e.theme.name.clone()),
            int(e.inputs),
            int(e.contributors),
            num(Some(e.breadth)),
            int(e.businesses),
            int(e.employees),
            int(e.dot_votes),
            num(e.survey.importance.mean),
            int(e.survey.importance.n),
            num(e.survey.ranking.top_three_share),
            num(e.pairwise.map(|p| p.score)),
            num(e.pairwise.map(|p| p.low)),
            num(e.pairwise.map(|p| p.high)),
            int(e.last_30_days),
            int(e.previous_30_days),
        ])?;
    }

    if let Some(ranking) = &report.ranking {
        book.add_sheet(&table(
            lang,
            "priority_weights",
            &[
                ("criterion_code", 20.0),
                ("criterion_label", 34.0),
                ("weight", 10.0),
                ("weight_share", 12.0),
            ],
        ))?;
        for c in &ranking.criteria {
            book.write_row(&[
                text(c.criterion.code()),
                text(lang.t(&c.criterion.label_key())),
                num(Some(c.weight)),
                num(Some(c.share)),
            ])?;
        }
        let mut heads: Vec<(String, f64)> = vec![
            ("place".into(), 8.0),
            ("theme".into(), 30.0),
            ("score".into(), 10.0),
        ];
        heads.extend(
            Criterion::ALL
                .iter()
                .map(|c| (format!("criterion.{}", c.code()), 14.0)),
        );
        let heads: Vec<(&str, f64)> = heads.iter().map(|(k, w)| (k.as_str(), *w)).collect();
        book.add_sheet(&table(lang, "priority_ranking", &heads))?;
        for r in &ranking.themes {
            let mut cells = vec![
                int(r.place as u64),
                text(r.theme.name.clone()),
                num(Some(r.score)),
            ];
            cells.extend(
                Criterion::ALL
                    .iter()
                    .map(|c| num(r.raw.get(c.code()).copied().flatten())),
            );
            book.write_row(&cells)?;
        }
        book.add_sheet(&table(
            lang,
            "priority_sensitivity",
            &[
                ("theme", 30.0),
                ("place", 8.0),
                ("p_top_three", 12.0),
                ("p_top_four", 12.0),
                ("mean_place", 12.0),
                ("best_place", 10.0),
                ("worst_place", 10.0),
            ],
        ))?;
        for r in &ranking.themes {
            book.write_row(&[
                text(r.theme.name.clone()),
                int(r.place as u64),
                num(Some(r.top_three)),
                num(Some(r.top_four)),
                num(Some(r.mean_place)),
                int(r.best_place as u64),
                int(r.worst_place as u64),
            ])?;
        }
    }

    book.add_sheet(&table(
        lang,
        "priority_measures",
        &[
            ("theme", 30.0),
            ("channel", 16.0),
            ("title", 30.0),
            ("body", 80.0),
            ("supports", 10.0),
        ],
    ))?;
    for area in &report.chosen {
        for q in &area.measures {
            book.write_row(&[
                text(area.name.clone()),
                text(channel_name(lang, &q.channel)),
                q.title.clone().map_or(Cell::Empty, Cell::Text),
                text(q.body.clone()),
                Cell::Integer(i64::from(q.supports)),
            ])?;
        }
    }
    let mut file = book.finish()?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut file, &mut bytes)?;
    Ok(bytes)
}
