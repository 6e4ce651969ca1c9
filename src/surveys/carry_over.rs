//! What a business survey response carries into the interview
//! registration: the link's query, built from the answers whose questions
//! have a role. It travels in the link the respondent follows, never stored
//! with the anonymous response.

use uuid::Uuid;

use crate::surveys::model::{Answer, Answers, Role, Survey};

/// The interview registration's query with what the response already says:
/// industry, size band, and the themes rated 4 or 5 or ranked in the top
/// three. None when the survey does not offer interviews or the business said no.
pub fn interview_query(survey: &Survey, answers: &Answers) -> Option<String> {
    if !survey.offer_interview {
        return None;
    }
    let choice = |role: Role| {
        survey
            .question_by_role(role)
            .and_then(|q| answers.get(&q.id))
            .and_then(|answer| match answer {
                Answer::Choice { code, .. } => Some(code.clone()),
                _ => None,
            })
    };
    if choice(Role::InterviewInterest).as_deref() == Some("nei") {
        return None;
    }
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    if let Some(industry) = choice(Role::Industry) {
        query.append_pair("industry", &industry);
    }
    if let Some(band) = choice(Role::Size) {
        query.append_pair("size_band", &band);
    }
    let mut themes: Vec<Uuid> = Vec::new();
    for answer in survey.asked().filter_map(|q| answers.get(&q.id)) {
        match answer {
            Answer::Themes(rated) => {
                themes.extend(rated.iter().filter(|(_, p)| **p >= 4).map(|(id, _)| *id))
            }
            Answer::Ranking(order) => themes.extend(order.iter().take(3)),
            _ => {}
        }
    }
    themes.sort();
    themes.dedup();
    for theme in themes {
        query.append_pair("themes", &theme.to_string());
    }
    Some(query.finish())
}
