//! Benchmark of the prioritisation (issue 14's target: evidence, ranking
//! and a 10,000-sample sensitivity analysis for 12 themes over 100,000
//! inputs in under a second). SQLite in a temporary directory is filled by
//! `innspill demo --ideas 100000`'s library entry point, made into 12
//! active themes, and given data behind every criterion (see
//! `priorities_data.rs`); then each step is timed over five runs.
//!
//!   cargo bench --bench priorities
//!   IDEAS=20000 cargo bench --bench priorities
//!   INNSPILL_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \
//!     cargo bench --bench priorities      (an empty database, also timed)

// A benchmark, like a test, stops at the first thing that goes wrong.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod priorities_data;

use std::future::Future;
use std::time::{Duration, Instant};

use innspill::priorities::ranking::result;
use innspill::priorities::{analysis, evidence, pairwise, report};
use innspill::web::Lang;

const RUNS: usize = 5;

#[tokio::main]
async fn main() {
    let ideas: usize = std::env::var("IDEAS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    println!("{}", machine());
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
    run("SQLite (temporary file)", &sqlite, ideas).await;
    if let Ok(url) = std::env::var("INNSPILL_BENCH_DATABASE_URL") {
        run("PostgreSQL", &url, ideas).await;
    }
}

async fn run(name: &str, url: &str, ideas: usize) {
    let db = innspill::db::connect(url).await.expect("connect");
    innspill::db::migrate(&db).await.expect("migrate");
    let started = Instant::now();
    let filled = priorities_data::fill(&db, ideas).await;
    println!(
        "\n{name}: {} published inputs, {} confirmed or manual tags, {} active themes, \
         {} businesses, {}×{} assessments, {} pairwise votes, {} workshop notes, \
         {} survey responses; filled in {:.1} s; {RUNS} runs, min / median",
        filled.inputs,
        filled.tags,
        filled.themes,
        priorities_data::BUSINESSES,
        priorities_data::ASSESSORS,
        priorities_data::THEMES,
        filled.votes,
        priorities_data::WORKSHOP_NOTES,
        priorities_data::SURVEY_RESPONSES,
        started.elapsed().as_secs_f64()
    );
    let lang = Lang::Nb;
    let scenario = report::scenario_for(&db, lang, None)
        .await
        .expect("scenario");
    assert_eq!(scenario.sensitivity.samples, 10_000);

    // The parts of the gathering, to see where its time goes.
    let pairwise = timed(|| pairwise::scores(&db, lang)).await;
    let no_pairwise = Default::default();
    let evidence_only = timed(|| evidence::gather(&db, lang, &no_pairwise)).await;
    let assessment = timed(|| innspill::priorities::assessment::summary(&db)).await;
    let (gather, basis) = timed_keep(|| analysis::gather(&db, lang)).await;
    assert_eq!(basis.evidence.themes.len(), priorities_data::THEMES);
    assert!(basis.evidence.themes.iter().all(|t| t.inputs > 0
        && t.businesses > 0
        && t.pairwise.is_some()
        && t.survey.importance.n > 0));

    let mut ranking = None;
    let rank = median(|| {
        ranking = result::rank(&basis.evidence, &basis.means, &scenario);
    });
    let ranking = ranking.expect("ranked");
    let (build, built) = timed_keep(|| report::build(&db, lang, &scenario)).await;
    let mut size = 0;
    let xlsx = median(|| {
        size = report::xlsx::write(&built, lang).expect("xlsx").len();
    });

    line("pairwise::scores (Bradley–Terry fit)", pairwise, "");
    line("evidence::gather", evidence_only, "");
    line("assessment::summary", assessment, "");
    line(
        "(a) analysis::gather",
        gather,
        "evidence + pairwise + assessment",
    );
    line(
        "(b) result::rank",
        rank,
        &format!(
            "{} themes, {} sensitivity samples",
            ranking.themes.len(),
            ranking.sensitivity.samples
        ),
    );
    let both = [gather.0 + rank.0, gather.1 + rank.1];
    line(
        "(a) + (b)",
        (both[0], both[1]),
        if both[1] < Duration::from_secs(1) {
            "target under 1 s: met"
        } else {
            "target under 1 s: MISSED"
        },
    );
    line("(c) report::build", build, "gather + rank + rationales");
    line(
        "(d) report::xlsx::write",
        xlsx,
        &format!("{} KB", size / 1024),
    );
    let top: Vec<String> = ranking
        .themes
        .iter()
        .take(4)
        .map(|t| format!("{} ({:.0} % top 4)", t.theme.slug, t.top_four * 100.0))
        .collect();
    println!("first four: {}", top.join(", "));
}

fn line(what: &str, (min, median): (Duration, Duration), note: &str) {
    println!(
        "{what:<40} {:>8.1} ms min {:>8.1} ms median  {note}",
        ms(min),
        ms(median)
    );
}

/// Cores, and the load when the benchmark started, for reading the figures.
fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    format!(
        "{cores} threads available; load average {} (1, 5, 15 min); {} build",
        load.join(" "),
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    )
}

async fn timed<T, E: std::fmt::Debug, F: Future<Output = Result<T, E>>>(
    f: impl FnMut() -> F,
) -> (Duration, Duration) {
    timed_keep(f).await.0
}

async fn timed_keep<T, E: std::fmt::Debug, F: Future<Output = Result<T, E>>>(
    mut f: impl FnMut() -> F,
) -> ((Duration, Duration), T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        last = Some(f().await.expect("run"));
        times.push(start.elapsed());
    }
    times.sort();
    ((times[0], times[RUNS / 2]), last.expect("ran"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut f: impl FnMut()) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[RUNS / 2])
}
