//! Surveys in the browser suite: the resident survey open to answers (the
//! `answer-survey` scenario answers it on a phone with the keyboard alone),
//! the business survey, a closed one, the list of open surveys, and the
//! results and export pages of a survey with responses to chart.

use std::collections::BTreeMap;

use innspill::surveys::model::{Answer, SurveyStatus};
use innspill::surveys::service::{self, builder, responses, templates::Template};
use serde_json::{Value, json};

use crate::common;

async fn published(app: &common::TestApp, template: Template) -> innspill::surveys::Survey {
    let id = service::templates::create_from(&app.db, None, template)
        .await
        .expect("survey");
    builder::set_status(&app.db, None, id, SurveyStatus::Published)
        .await
        .expect("publish")
        .expect("publishable");
    service::get(&app.db, id)
        .await
        .expect("read")
        .expect("survey")
}

/// Responses with choices, scales and theme answers only: a text answer
/// would become a survey input, and the triage seed counts on having the
/// only ones.
async fn answer_many(app: &common::TestApp, survey: &innspill::surveys::Survey) {
    let themes = innspill::themes::service::list_active(&app.db)
        .await
        .expect("themes");
    for n in 0..12u8 {
        let mut answers = BTreeMap::new();
        for question in survey.asked() {
            use innspill::surveys::Kind;
            let answer = match question.kind {
                Kind::SingleChoice => {
                    let options: Vec<_> = question.visible_options().collect();
                    Answer::Choice {
                        code: options[usize::from(n) % options.len()].code.clone(),
                        other: None,
                    }
                }
                Kind::Likert => Answer::Scale(1 + n % 5),
                Kind::ThemeImportance => Answer::Themes(
                    themes
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (t.id, 1 + ((n as usize + i) % 5) as u8))
                        .collect(),
                ),
                Kind::ThemeRanking => Answer::Ranking(
                    themes
                        .iter()
                        .cycle()
                        .skip(usize::from(n))
                        .take(3)
                        .map(|t| t.id)
                        .collect(),
                ),
                _ => continue,
            };
            answers.insert(question.id, answer);
        }
        responses::submit(
            &app.db,
            survey,
            responses::NewResponse {
                answers,
                language: innspill::web::Lang::Nb,
                kiosk: false,
                idempotency_key: None,
                submitted_at: chrono::Utc::now() - chrono::TimeDelta::days(i64::from(n % 4)),
            },
        )
        .await
        .expect("stored")
        .expect("open");
    }
}

/// Seeds the surveys and returns the pages to check: public ones, and staff
/// ones with `session`.
pub async fn seed_surveys(app: &common::TestApp, session: &str) -> Vec<Value> {
    let resident = published(app, Template::Resident).await;
    let business = published(app, Template::Business).await;
    let closed = published(app, Template::Resident).await;
    answer_many(app, &closed).await;
    builder::set_status(&app.db, None, closed.id, SurveyStatus::Closed)
        .await
        .expect("close")
        .expect("closable");
    let lang = |lang: &str| json!({ "name": "lang", "value": lang });
    let staff = |lang: &str| {
        json!([
            { "name": "lang", "value": lang },
            { "name": "innspill_session", "value": session },
        ])
    };
    vec![
        json!({ "name": "surveys-open-nb", "path": "/undersokelser", "cookies": [lang("nb")] }),
        json!({ "name": "survey-resident-nb", "path": format!("/undersokelse/{}", resident.id), "cookies": [lang("nb")] }),
        json!({ "name": "survey-business-en", "path": format!("/undersokelse/{}", business.id), "cookies": [lang("en")] }),
        json!({ "name": "survey-closed-nn", "path": format!("/undersokelse/{}", closed.id), "cookies": [lang("nn")] }),
        json!({ "name": "survey-results-nb", "path": format!("/admin/undersokelser/{}/resultater", closed.id), "cookies": staff("nb") }),
        json!({ "name": "survey-results-crosstab-en", "path": format!("/admin/undersokelser/{}/resultater?krysstabell={}", closed.id, closed.asked().nth(1).expect("q").code), "cookies": staff("en") }),
        json!({ "name": "survey-export-nn", "path": format!("/admin/undersokelser/{}/eksport", closed.id), "cookies": staff("nn") }),
    ]
}
