//! Survey results: counts, shares and means worked out by hand for four
//! responses to the business template, the group filter and the
//! cross-tabulation, and the results page showing in its tables the numbers
//! its charts draw, for every staff role.

use chrono::{DateTime, TimeZone, Utc};
use innspill::entities::theme;
use innspill::entities::user::Role;
use innspill::surveys::model::{Answer, Answers, OTHER, SurveyStatus};
use innspill::surveys::results::{self, Outcome, Results, read};
use innspill::surveys::service::{self, builder, responses, templates};
use innspill::surveys::{Question, Survey};
use innspill::web::Lang;
use sea_orm::{ActiveValue::Set, EntityTrait};
use uuid::Uuid;

use crate::common::staff::signed_in;
use crate::common::{TestApp, spawn_app};

/// The business template published, two themes, and four responses.
pub struct Seeded {
    pub survey: Survey,
    pub themes: [theme::Model; 2],
}

pub fn q<'a>(survey: &'a Survey, code: &str) -> &'a Question {
    survey
        .questions()
        .find(|q| q.code == code)
        .unwrap_or_else(|| panic!("no question {code}"))
}

/// An answer to the question with this code.
type Given = (&'static str, Answer);

fn day(d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, d, h, 0, 0).unwrap()
}

async fn add_theme(app: &TestApp, slug: &str, position: i32) -> theme::Model {
    let now = Utc::now();
    let row = theme::ActiveModel {
        id: Set(Uuid::now_v7()),
        slug: Set(slug.into()),
        name_nb: Set(format!("Tema {slug}")),
        name_nn: Set(format!("Tema {slug}")),
        name_en: Set(format!("Theme {slug}")),
        description: Set(String::new()),
        keywords: Set(String::new()),
        colour: Set("#1f4e8c".into()),
        position: Set(position),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
    };
    theme::Entity::insert(row)
        .exec_without_returning(&app.db)
        .await
        .unwrap();
    innspill::themes::service::get_by_slug(&app.db, slug)
        .await
        .unwrap()
        .unwrap()
}

/// q1 group, q4 expected change, q5 number, q6 needs (multiple, other), q7
/// Likert, q8 long text, q9 importance, q10 ranking.
pub async fn seed(app: &TestApp) -> Seeded {
    let t1 = add_theme(app, "kompetanse-t", 900).await;
    let t2 = add_theme(app, "havn-t", 901).await;
    let id = templates::create_from(&app.db, None, templates::Template::Business)
        .await
        .unwrap();
    builder::set_status(&app.db, None, id, SurveyStatus::Published)
        .await
        .unwrap()
        .unwrap();
    let survey = service::get(&app.db, id).await.unwrap().unwrap();
    let choice = |code: &str| Answer::Choice {
        code: code.into(),
        other: None,
    };
    let text = |t: &str| Answer::Text {
        text: t.into(),
        input: None,
    };
    let s = &survey;
    let rows: Vec<(DateTime<Utc>, Vec<Given>)> = vec![
        (
            day(2, 9),
            vec![
                ("q1", choice("naeringsdrivende")),
                ("q4", choice("flere")),
                ("q5", Answer::Number(3.0)),
                (
                    "q6",
                    Answer::Choices {
                        codes: vec!["kompetanse".into(), "lokaler".into()],
                        other: None,
                    },
                ),
                ("q7", Answer::Scale(4)),
                ("q8", text("Tekst A")),
                ("q9", Answer::Themes([(t1.id, 5), (t2.id, 3)].into())),
                ("q10", Answer::Ranking(vec![t1.id, t2.id])),
            ],
        ),
        (
            day(2, 15),
            vec![
                ("q1", choice("naeringsdrivende")),
                ("q4", choice("like")),
                ("q5", Answer::Number(-1.0)),
                (
                    "q6",
                    Answer::Choices {
                        codes: vec!["kompetanse".into()],
                        other: Some("Havn".into()),
                    },
                ),
                ("q7", Answer::Scale(2)),
                ("q9", Answer::Themes([(t1.id, 4), (t2.id, 4)].into())),
                ("q10", Answer::Ranking(vec![t2.id, t1.id])),
            ],
        ),
        (
            day(3, 10),
            vec![
                ("q1", choice("ansatt")),
                ("q4", choice("flere")),
                ("q5", Answer::Number(10.0)),
                (
                    "q6",
                    Answer::Choices {
                        codes: vec!["infrastruktur".into()],
                        other: None,
                    },
                ),
                ("q7", Answer::Scale(5)),
                ("q8", text("Tekst C")),
                ("q9", Answer::Themes([(t1.id, 3)].into())),
                ("q10", Answer::Ranking(vec![t1.id])),
            ],
        ),
        (
            day(5, 12),
            vec![
                ("q1", choice("annet")),
                ("q4", choice("vet_ikke")),
                ("q7", Answer::Scale(4)),
            ],
        ),
    ];
    for (at, answers) in rows {
        let answers: Answers = answers
            .into_iter()
            .map(|(code, a)| (q(s, code).id, a))
            .collect();
        responses::submit(
            &app.db,
            s,
            responses::NewResponse {
                answers,
                language: Lang::Nb,
                kiosk: false,
                idempotency_key: None,
                submitted_at: at,
            },
        )
        .await
        .unwrap()
        .unwrap();
    }
    Seeded {
        survey,
        themes: [t1, t2],
    }
}

pub async fn results_of(app: &TestApp, s: &Seeded, group: Option<&str>) -> Results {
    let themes = read::theme_refs(&app.db, Lang::Nb).await.unwrap();
    let rows = read::responses(&app.db, s.survey.id).await.unwrap();
    results::aggregate(&s.survey, &themes, &rows, group)
}

pub fn outcome<'a>(results: &'a Results, code: &str) -> &'a Outcome {
    &results
        .questions
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("no result for {code}"))
        .outcome
}

/// Count and share of option `code` of a choice question.
pub fn option(results: &Results, question: &str, code: &str) -> (u64, Option<f64>) {
    match outcome(results, question) {
        Outcome::Choices { options, .. } => options
            .iter()
            .find(|o| o.code == code)
            .map(|o| (o.count, o.share))
            .unwrap_or_else(|| panic!("no option {code}")),
        other => panic!("{question} is {other:?}"),
    }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[tokio::test]
async fn counts_shares_and_means_match_the_ones_worked_out_by_hand() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let r = results_of(&app, &s, None).await;
    assert_eq!(r.responses, 4);
    assert_eq!(r.first_at, Some(day(2, 9)));
    assert_eq!(r.last_at, Some(day(5, 12)));
    let days: Vec<(String, u64)> = r
        .per_day
        .iter()
        .map(|d| (d.day.to_string(), d.count))
        .collect();
    assert_eq!(
        days,
        [
            ("2026-03-02".into(), 2),
            ("2026-03-03".into(), 1),
            ("2026-03-05".into(), 1)
        ]
    );
    let groups: Vec<(Option<&str>, u64)> = r
        .by_group
        .iter()
        .map(|g| (g.group.as_deref(), g.count))
        .collect();
    assert_eq!(
        groups,
        [
            (Some("naeringsdrivende"), 2),
            (Some("ansatt"), 1),
            (Some("annet"), 1)
        ]
    );

    assert_eq!(option(&r, "q4", "flere"), (2, Some(0.5)));
    assert_eq!(option(&r, "q4", "like"), (1, Some(0.25)));
    assert_eq!(option(&r, "q4", "faerre"), (0, Some(0.0)));
    let Outcome::Choices { n, other, .. } = outcome(&r, "q6") else {
        panic!()
    };
    assert_eq!(*n, 3);
    let (count, share) = option(&r, "q6", "kompetanse");
    assert_eq!(count, 2);
    assert!(close(share, 2.0 / 3.0));
    let other = other.as_ref().expect("q6 allows other");
    assert_eq!(other.count, 1);
    assert_eq!(
        other
            .texts
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>(),
        ["Havn"]
    );

    let Outcome::Scale(likert) = outcome(&r, "q7") else {
        panic!()
    };
    assert_eq!((likert.counts, likert.n), ([0, 1, 0, 2, 1], 4));
    assert!(close(likert.mean, 3.75));
    let Outcome::Number {
        n,
        mean,
        median,
        min,
        max,
    } = outcome(&r, "q5")
    else {
        panic!()
    };
    assert_eq!(
        (*n, *median, *min, *max),
        (3, Some(3.0), Some(-1.0), Some(10.0))
    );
    assert!(close(*mean, 4.0));
    let Outcome::Text { count, latest } = outcome(&r, "q8") else {
        panic!()
    };
    assert_eq!(*count, 2);
    assert_eq!(
        latest.iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
        ["Tekst C", "Tekst A"]
    );

    let scores = results::theme_scores(&r);
    let score = |id: Uuid| scores.iter().find(|s| s.theme.id == id).expect("score");
    let (a, b) = (score(s.themes[0].id), score(s.themes[1].id));
    assert_eq!((a.importance.counts, a.importance.n), ([0, 0, 1, 1, 1], 3));
    assert!(close(a.importance.mean, 4.0));
    assert_eq!((b.importance.counts, b.importance.n), ([0, 0, 1, 1, 0], 2));
    assert!(close(b.importance.mean, 3.5));
    assert_eq!(
        (a.ranking.n, a.ranking.first, a.ranking.top_three),
        (3, 2, 3)
    );
    assert!(close(a.ranking.mean_rank, 4.0 / 3.0));
    assert!(close(a.ranking.top_three_share, 1.0));
    assert_eq!(
        (b.ranking.n, b.ranking.first, b.ranking.top_three),
        (2, 1, 2)
    );
    assert!(close(b.ranking.mean_rank, 1.5));
    assert!(close(b.ranking.top_three_share, 2.0 / 3.0));
}

#[tokio::test]
async fn the_group_filter_counts_one_group_and_the_cross_tab_counts_each() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let r = results_of(&app, &s, Some("naeringsdrivende")).await;
    assert_eq!(r.responses, 2);
    assert_eq!(option(&r, "q4", "flere"), (1, Some(0.5)));
    assert_eq!(option(&r, "q4", "like"), (1, Some(0.5)));
    assert_eq!(option(&r, "q4", "vet_ikke"), (0, Some(0.0)));
    let Outcome::Scale(likert) = outcome(&r, "q7") else {
        panic!()
    };
    assert!(close(likert.mean, 3.0));
    // The summary by group still counts every response.
    assert_eq!(r.by_group.iter().map(|g| g.count).sum::<u64>(), 4);

    let rows = read::responses(&app.db, s.survey.id).await.unwrap();
    let cross = results::cross_tab(q(&s.survey, "q4"), &rows);
    let col = |code: &str| cross.columns.iter().position(|c| c.code == code).unwrap();
    let row = |group: &str| {
        cross
            .rows
            .iter()
            .find(|r| r.group.as_deref() == Some(group))
            .unwrap()
    };
    assert_eq!(cross.rows.len(), 3);
    let owners = row("naeringsdrivende");
    assert_eq!(
        (
            owners.n,
            owners.counts[col("flere")],
            owners.counts[col("like")]
        ),
        (2, 1, 1)
    );
    assert!(close(owners.shares[col("flere")], 0.5));
    let employees = row("ansatt");
    assert_eq!((employees.n, employees.counts[col("flere")]), (1, 1));
    assert!(close(employees.shares[col("flere")], 1.0));
    assert_eq!(row("annet").counts[col("vet_ikke")], 1);
    // Multiple choice with "other": the other column counts texts.
    let cross = results::cross_tab(q(&s.survey, "q6"), &rows);
    let other = cross.columns.iter().position(|c| c.code == OTHER).unwrap();
    assert_eq!(row_of(&cross, "naeringsdrivende").counts[other], 1);
}

fn row_of<'a>(cross: &'a results::CrossTab, group: &str) -> &'a results::crosstab::CrossRow {
    cross
        .rows
        .iter()
        .find(|r| r.group.as_deref() == Some(group))
        .unwrap()
}

/// The table row of `label` in the page: its cells' texts.
pub fn table_row(html: &str, label: &str) -> Vec<String> {
    let marker = format!("<th scope=\"row\">{label}</th>");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no row {label}"))
        + marker.len();
    let end = start + html[start..].find("</tr>").unwrap();
    html[start..end]
        .split("<td")
        .skip(1)
        .map(|cell| {
            let text = &cell[cell.find('>').unwrap() + 1..];
            text[..text.find("</td>").unwrap()].to_owned()
        })
        .collect()
}

#[tokio::test]
async fn the_results_page_tables_show_what_the_charts_draw_and_observers_may_read_it() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let (client, _) = signed_in(&app, Role::Observer).await;
    let path = format!("/admin/undersokelser/{}/resultater", s.survey.id);
    let response = client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("role=\"img\""));
    assert!(!html.contains("style="), "no inline styles");
    // The chart's bar and the table's row carry the same count and share.
    assert!(
        html.contains("data-label=\"Flere ansatte\" data-count=\"2\""),
        "{html}"
    );
    assert!(html.contains("Flere ansatte: 2 (50 %)"));
    assert_eq!(table_row(&html, "Flere ansatte"), ["2", "50 %"]);
    assert_eq!(table_row(&html, "Omtrent like mange"), ["1", "25 %"]);
    // Likert: the distribution, n and mean in the table; the segments in the chart.
    assert_eq!(
        table_row(&html, "q7"),
        ["0", "1", "0", "2", "1", "4", "3,75"]
    );
    assert!(html.contains("data-point=\"4\" data-count=\"2\""));

    let filtered = client
        .get(app.url(&format!("{path}?gruppe=naeringsdrivende&krysstabell=q4")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(table_row(&filtered, "Flere ansatte"), ["1", "50 %"]);
    assert!(filtered.contains("id=\"crosstab-table\""));
    let bad = client
        .get(app.url(&format!("{path}?gruppe=nobody")))
        .send()
        .await
        .unwrap();
    assert!(bad.status().is_client_error(), "{}", bad.status());

    let anonymous = app.get(&path).await;
    assert_ne!(anonymous.status(), 200);
}

#[tokio::test]
async fn responses_read_again_include_every_new_one_however_it_is_stamped() {
    let app = spawn_app().await;
    let s = seed(&app).await;
    let before = read::responses(&app.db, s.survey.id).await.unwrap();
    let submit = async |at: DateTime<Utc>| {
        let answers: Answers = [(q(&s.survey, "q7").id, Answer::Scale(2))].into();
        responses::submit(
            &app.db,
            &s.survey,
            responses::NewResponse {
                answers,
                language: Lang::Nb,
                kiosk: false,
                idempotency_key: None,
                submitted_at: at,
            },
        )
        .await
        .unwrap()
        .unwrap()
    };
    // Read twice with nothing new: the same list.
    let again = read::responses(&app.db, s.survey.id).await.unwrap();
    assert_eq!(again.len(), before.len());
    // A new response: read through the newest rows only.
    let newest = submit(Utc::now()).await;
    let after = read::responses(&app.db, s.survey.id).await.unwrap();
    assert_eq!(after.len(), before.len() + 1);
    assert_eq!(after.last().unwrap().id, newest);
    // One stamped before all the others (an import, say) is found too, in order.
    let oldest = submit(Utc.with_ymd_and_hms(2020, 1, 1, 12, 0, 0).unwrap()).await;
    let all = read::responses(&app.db, s.survey.id).await.unwrap();
    assert_eq!(all.len(), before.len() + 2);
    assert_eq!(all.first().unwrap().id, oldest);
    let results = results_of(&app, &s, None).await;
    assert_eq!(results.responses, all.len() as u64);
}
