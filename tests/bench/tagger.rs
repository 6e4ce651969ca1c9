//! Benchmark of the tagging engine: a full retrain on 5,000 labelled
//! inputs and suggestions for 10,000, on one core, with texts composed
//! from the seed (each joins two seed inputs and carries both their
//! themes, so the words are real and no two texts are the same).
//!
//!   cargo bench --bench tagger
//!   TRAIN=20000 SUGGEST=100000 cargo bench --bench tagger

use std::time::{Duration, Instant};

use innspill::tagging::dataset::{built_in, built_in_themes};
use innspill::tagging::engine::text::stemmer;
use innspill::tagging::{Example, Model};

const RUNS: usize = 3;

fn main() {
    let train_n = size("TRAIN", 5_000);
    let suggest_n = size("SUGGEST", 10_000);
    let themes = built_in_themes();
    let seed: Vec<Example> = built_in().iter().map(|row| row.example()).collect();
    let training = compose(&seed, train_n, 0);
    let texts: Vec<String> = compose(&seed, suggest_n, 1)
        .into_iter()
        .map(|e| e.text)
        .collect();
    let words = texts
        .iter()
        .map(|t| t.split_whitespace().count())
        .sum::<usize>()
        / texts.len();
    println!(
        "{} threads available; timing on one; {RUNS} runs, median shown",
        std::thread::available_parallelism().map_or(1, usize::from)
    );
    println!("texts average {words} words");

    let mut model = None;
    let train = median(|| {
        model = Some(Model::train(&themes, &training));
    });
    let Some(model) = model else { return };
    println!(
        "retrain on {train_n:>6} labelled inputs: {:>8.3} s",
        train.as_secs_f64()
    );

    let stemmer = stemmer();
    let mut suggested = 0usize;
    let suggest = median(|| {
        suggested = texts
            .iter()
            .map(|text| {
                model
                    .score_with(&stemmer, text)
                    .iter()
                    .filter(|s| s.suggested)
                    .count()
            })
            .sum();
    });
    println!(
        "suggest for {suggest_n:>6} inputs:         {:>8.3} s  ({:.0} inputs/s, {:.2} themes each)",
        suggest.as_secs_f64(),
        suggest_n as f64 / suggest.as_secs_f64(),
        suggested as f64 / suggest_n as f64
    );

    let mut json = String::new();
    let store = median(|| json = serde_json::to_string(&model).unwrap_or_default());
    let load = median(|| {
        let _ = serde_json::from_str::<Model>(&json);
    });
    println!(
        "model: {:.0} KB as JSON, written in {:.3} s, read in {:.3} s",
        json.len() as f64 / 1024.0,
        store.as_secs_f64(),
        load.as_secs_f64()
    );
}

fn size(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `n` texts, each two seed inputs joined, with both their themes.
fn compose(seed: &[Example], n: usize, salt: usize) -> Vec<Example> {
    (0..n)
        .map(|i| {
            let a = &seed[(i + salt) % seed.len()];
            let b = &seed[(i * 7 + 3 + salt * 11) % seed.len()];
            let mut themes = a.themes.clone();
            themes.extend(b.themes.iter().filter(|t| !a.themes.contains(t)).cloned());
            Example {
                text: format!("{} {}", a.text, b.text),
                themes,
            }
        })
        .collect()
}

fn median(mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}
