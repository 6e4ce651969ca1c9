//! Benchmark of survey results and export: the business template on SQLite
//! in a temporary directory, 10,000 varied responses, then the time to read
//! and aggregate them, to render the results page's body, and to write the
//! XLSX export (with its codebook).
//!
//! Responses are inserted in batches straight into `survey_responses`
//! (`service::responses::submit` stores one transaction per response and
//! turns each long text into an input, minutes for 10,000 on SQLite); the
//! rows are what `submit` would store, texts without their inputs.
//!
//!   cargo bench --bench surveys
//!   RESPONSES=50000 cargo bench --bench surveys

// A benchmark, like a test, stops at the first thing that goes wrong.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use chrono::{Duration as Span, Utc};
use innspill::entities::{survey_response, theme};
use innspill::exports::Format;
use innspill::surveys::export::{self, Data};
use innspill::surveys::model::{Answer, Answers, Kind, OTHER, SurveyStatus};
use innspill::surveys::results::{self, read};
use innspill::surveys::service::{self, builder, templates};
use innspill::surveys::views::results::{ResultsPage, results_body};
use innspill::web::Lang;
use sea_orm::{ActiveValue::Set, EntityTrait, TransactionTrait};
use uuid::Uuid;

const RUNS: usize = 5;

/// A small, fixed pseudo-random sequence: the same responses every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// 1–5, leaning to the upper middle, as such answers do.
    fn point(&mut self) -> u8 {
        [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5][self.below(12)]
    }
}

const TEXTS: [&str; 6] = [
    "Vi trenger flere folk med fagbrev innen elektro og mekanikk.",
    "Bredbåndet i industriområdet er for tregt for oss.",
    "Det mangler ledige lokaler nær sentrum.",
    "Samarbeid med videregående skole om lærlinger ville hjulpet.",
    "Kaia trenger utbedring før vi kan ta større båter.",
    "Tilgang på risikokapital er vanskelig for små bedrifter.",
];

#[tokio::main]
async fn main() {
    let n: usize = std::env::var("RESPONSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
    let db = innspill::db::connect(&url).await.expect("connect");
    innspill::db::migrate(&db).await.expect("migrate");
    ensure_themes(&db).await;

    let id = templates::create_from(&db, None, templates::Template::Business)
        .await
        .expect("template");
    builder::set_status(&db, None, id, SurveyStatus::Published)
        .await
        .expect("publish")
        .expect("published");
    let survey = service::get(&db, id).await.expect("load").expect("survey");
    let themes = read::theme_refs(&db, Lang::Nb).await.expect("themes");

    let started = Instant::now();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let start = Utc::now() - Span::days(60);
    let rows: Vec<survey_response::ActiveModel> = (0..n)
        .map(|i| {
            let answers = answers(&survey, &themes, &mut rng);
            let group = survey
                .question_by_role(innspill::surveys::Role::StakeholderGroup)
                .and_then(|q| match answers.get(&q.id) {
                    Some(Answer::Choice { code, .. }) => Some(code.clone()),
                    _ => None,
                });
            survey_response::ActiveModel {
                id: Set(Uuid::now_v7()),
                survey_id: Set(id),
                answers: Set(serde_json::to_string(&answers).expect("json")),
                stakeholder_group: Set(group),
                language: Set(["nb", "nn", "en"][i % 7 % 3].into()),
                kiosk: Set(i % 10 == 0),
                idempotency_key: Set(None),
                submitted_at: Set(start + Span::seconds((i as i64 * 5_184_000) / n as i64)),
            }
        })
        .collect();
    let txn = db.begin().await.expect("begin");
    for chunk in rows.chunks(500) {
        survey_response::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await
            .expect("insert");
    }
    txn.commit().await.expect("commit");
    println!(
        "{} threads available; {n} responses inserted in {:.1} s; {RUNS} runs, median shown",
        std::thread::available_parallelism().map_or(1, usize::from),
        started.elapsed().as_secs_f64()
    );

    // Cold: every answer document parsed (the cache dropped before each run).
    let mut responses = std::sync::Arc::new(Vec::new());
    let mut times = Vec::new();
    for _ in 0..RUNS {
        read::forget(id);
        let start = Instant::now();
        responses = read::responses(&db, id).await.expect("read");
        times.push(start.elapsed());
    }
    times.sort();
    let read_time = times[RUNS / 2];
    // Warm: nothing new, the rows are counted and the parsed list reused.
    let mut warm = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        responses = read::responses(&db, id).await.expect("read");
        warm.push(start.elapsed());
    }
    warm.sort();
    let warm_time = warm[RUNS / 2];
    // One new response since: only the newest rows are read and parsed.
    let mut rng2 = Rng(0x9e37_79b9_7f4a_7c15);
    let mut incremental = Vec::new();
    for _ in 0..RUNS {
        let answers = answers(&survey, &themes, &mut rng2);
        survey_response::Entity::insert(survey_response::ActiveModel {
            id: Set(Uuid::now_v7()),
            survey_id: Set(id),
            answers: Set(serde_json::to_string(&answers).expect("json")),
            stakeholder_group: Set(None),
            language: Set("nb".into()),
            kiosk: Set(false),
            idempotency_key: Set(None),
            submitted_at: Set(Utc::now()),
        })
        .exec_without_returning(&db)
        .await
        .expect("insert");
        let start = Instant::now();
        responses = read::responses(&db, id).await.expect("read");
        incremental.push(start.elapsed());
    }
    incremental.sort();
    let incremental_time = incremental[RUNS / 2];
    let mut aggregated = None;
    let aggregate = median(|| {
        aggregated = Some(results::aggregate(&survey, &themes, &responses, None));
    });
    let Some(aggregated) = aggregated else { return };
    let cross_question = survey
        .questions()
        .find(|q| q.kind == Kind::SingleChoice)
        .expect("a choice question");
    let mut html_len = 0;
    let render = median(|| {
        let cross = results::cross_tab(cross_question, &responses);
        let page = ResultsPage {
            survey: &survey,
            results: &aggregated,
            cross: Some(&cross),
        };
        html_len = results_body(Lang::Nb, &page).into_string().len();
    });
    println!(
        "read {n} responses from SQLite:       {:>8.1} ms (first read, every document parsed)",
        ms(read_time)
    );
    println!(
        "read again, nothing new:              {:>8.1} ms (rows counted, parsed list reused)",
        ms(warm_time)
    );
    println!(
        "read again after one new response:    {:>8.1} ms (newest rows read and merged)",
        ms(incremental_time)
    );
    println!(
        "aggregate every question:             {:>8.1} ms",
        ms(aggregate)
    );
    println!(
        "render the results body (+ cross-tab): {:>8.1} ms  ({} KB of HTML)",
        ms(render),
        html_len / 1024
    );
    println!(
        "results page in all (read + aggregate + render): {:.1} ms first, {:.1} ms after a new response",
        ms(read_time + aggregate + render),
        ms(incremental_time + aggregate + render)
    );

    let mut size = 0;
    let xlsx = median(|| {
        let data = Data {
            survey: &survey,
            themes: &themes,
            responses: &responses,
        };
        size = export::write(Format::Xlsx, &data, Lang::Nb, Vec::new())
            .expect("xlsx")
            .len();
    });
    println!(
        "XLSX export with codebook:             {:>8.1} ms  ({} KB)",
        ms(xlsx),
        size / 1024
    );
    let csv = median(|| {
        let data = Data {
            survey: &survey,
            themes: &themes,
            responses: &responses,
        };
        size = export::write(Format::Csv, &data, Lang::Nb, Vec::new())
            .expect("csv")
            .len();
    });
    println!(
        "CSV export:                            {:>8.1} ms  ({} KB)",
        ms(csv),
        size / 1024
    );
}

fn answers(
    survey: &innspill::surveys::Survey,
    themes: &[results::ThemeRef],
    rng: &mut Rng,
) -> Answers {
    let mut answers = Answers::new();
    for q in survey.asked() {
        // About one in ten skips an optional question.
        if !q.required && rng.below(10) == 0 {
            continue;
        }
        let answer = match q.kind {
            Kind::SingleChoice => {
                if q.allow_other && rng.below(20) == 0 {
                    Answer::Choice {
                        code: OTHER.into(),
                        other: Some(TEXTS[rng.below(TEXTS.len())].into()),
                    }
                } else {
                    let options: Vec<_> = q.visible_options().collect();
                    Answer::Choice {
                        code: options[rng.below(options.len())].code.clone(),
                        other: None,
                    }
                }
            }
            Kind::MultipleChoice => Answer::Choices {
                codes: q
                    .visible_options()
                    .filter(|_| rng.below(3) == 0)
                    .map(|c| c.code.clone())
                    .collect(),
                other: (q.allow_other && rng.below(15) == 0)
                    .then(|| TEXTS[rng.below(TEXTS.len())].into()),
            },
            Kind::Likert => Answer::Scale(rng.point()),
            Kind::ThemeImportance => {
                Answer::Themes(themes.iter().map(|t| (t.id, rng.point())).collect())
            }
            Kind::ThemeRanking => {
                let mut order: Vec<Uuid> = themes.iter().map(|t| t.id).collect();
                for i in (1..order.len()).rev() {
                    order.swap(i, rng.below(i + 1));
                }
                order.truncate(3);
                Answer::Ranking(order)
            }
            Kind::Number => Answer::Number(rng.below(21) as f64 - 5.0),
            Kind::ShortText | Kind::LongText => {
                if rng.below(3) == 0 {
                    continue;
                }
                Answer::Text {
                    text: TEXTS[rng.below(TEXTS.len())].into(),
                    input: None,
                }
            }
        };
        answers.insert(q.id, answer);
    }
    answers
}

/// Six active themes, unless the database has some already.
async fn ensure_themes(db: &sea_orm::DatabaseConnection) {
    if !innspill::themes::service::list_active(db)
        .await
        .expect("themes")
        .is_empty()
    {
        return;
    }
    let now = Utc::now();
    for (i, slug) in [
        "kompetanse",
        "naeringsareal",
        "infrastruktur",
        "reiseliv",
        "havbruk",
        "gronn-omstilling",
    ]
    .into_iter()
    .enumerate()
    {
        theme::Entity::insert(theme::ActiveModel {
            id: Set(Uuid::now_v7()),
            slug: Set(slug.into()),
            name_nb: Set(slug.into()),
            name_nn: Set(slug.into()),
            name_en: Set(slug.into()),
            description: Set(String::new()),
            keywords: Set(String::new()),
            colour: Set("#1f4e8c".into()),
            position: Set(i as i32 + 1),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec_without_returning(db)
        .await
        .expect("theme");
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}
