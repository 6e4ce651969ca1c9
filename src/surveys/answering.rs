//! Reading a respondent's form into answers, and the rules every answer
//! keeps. Pure functions: the public pages, the preview and the tests share
//! them. Field names derive from the question's code: `q7` for its value,
//! `q7_other` for an "other" text, `q7.<theme slug>` per theme.

use std::collections::BTreeMap;

use crate::entities::theme;
use crate::surveys::model::{Answer, Answers, Kind, OTHER, Question, SCALE};
use crate::web::Lang;
use crate::web::forms::FormErrors;

/// The longest short and long text answers.
pub const SHORT_MAX: usize = 200;
pub const LONG_MAX: usize = 4000;

/// The form as sent: name and value pairs, repeated names kept in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Raw(pub Vec<(String, String)>);

impl Raw {
    pub fn from_body(body: &[u8]) -> Raw {
        Raw(url::form_urlencoded::parse(body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect())
    }

    /// The first value of a field, trimmed; empty when absent.
    pub fn value(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map_or("", |(_, value)| value.trim())
    }

    pub fn values(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
            .collect()
    }

    /// The answer fields (not CSRF and the like) of the questions `keep` picks.
    pub fn answer_fields(&self, keep: impl Fn(&str) -> bool) -> Vec<(String, String)> {
        self.0
            .iter()
            .filter(|(name, _)| question_code(name).is_some_and(&keep))
            .cloned()
            .collect()
    }
}

pub fn field(question: &Question) -> String {
    question.code.clone()
}

pub fn other_field(question: &Question) -> String {
    format!("{}_other", question.code)
}

pub fn theme_field(question: &Question, theme: &theme::Model) -> String {
    format!("{}.{}", question.code, theme.slug)
}

/// The question code an answer field belongs to (`q7`, `q7_other`, `q7.x` → `q7`).
pub fn question_code(name: &str) -> Option<&str> {
    let code = name.split(['.', '_']).next()?;
    let digits = code.strip_prefix('q')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// A message for one field: the field's name and the locale key of the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub key: &'static str,
}

/// The messages, translated, for the page's error summary and fields.
pub fn form_errors(lang: Lang, errors: &[FieldError]) -> FormErrors {
    let mut form_errors = FormErrors::new();
    for error in errors {
        form_errors.add(&error.field, lang.t(error.key));
    }
    form_errors
}

/// Reads the answers to `questions` from the form. Every question is
/// checked; an answer left empty is simply absent. Errors come in the
/// order of the questions.
pub fn read(
    questions: &[&Question],
    themes: &[theme::Model],
    raw: &Raw,
) -> (Answers, Vec<FieldError>) {
    let mut answers = Answers::new();
    let mut errors = Vec::new();
    for question in questions {
        match read_one(question, themes, raw) {
            Ok(Some(answer)) => {
                answers.insert(question.id, answer);
            }
            Ok(None) if question.required => errors.push(FieldError {
                field: first_field(question, themes),
                key: "surveys.answer.required",
            }),
            Ok(None) => {}
            Err((field, key)) => errors.push(FieldError { field, key }),
        }
    }
    (answers, errors)
}

/// The field an error summary links to for a question: the control's id,
/// which for a group of radios or checkboxes is its first option's.
pub fn first_field(question: &Question, themes: &[theme::Model]) -> String {
    match (question.kind, themes.first()) {
        (Kind::ThemeImportance | Kind::ThemeRanking, Some(theme)) => theme_field(question, theme),
        _ => field(question),
    }
}

type Checked = Result<Option<Answer>, (String, &'static str)>;

fn read_one(question: &Question, themes: &[theme::Model], raw: &Raw) -> Checked {
    let name = field(question);
    let fail = |key| Err((first_field(question, themes), key));
    match question.kind {
        Kind::SingleChoice => {
            let code = raw.value(&name);
            if code.is_empty() {
                return Ok(None);
            }
            if code == OTHER && question.allow_other {
                let other = other_text(question, raw)?;
                return match other {
                    Some(text) => Ok(Some(Answer::Choice {
                        code: OTHER.into(),
                        other: Some(text),
                    })),
                    None => Err((other_field(question), "surveys.answer.other_empty")),
                };
            }
            if !question.visible_options().any(|c| c.code == code) {
                return fail("surveys.answer.choice");
            }
            Ok(Some(Answer::Choice {
                code: code.to_owned(),
                other: None,
            }))
        }
        Kind::MultipleChoice => {
            let picked = raw.values(&name);
            let mut codes = Vec::new();
            for code in &picked {
                let known = question.visible_options().any(|c| c.code == *code)
                    || (*code == OTHER && question.allow_other);
                if !known {
                    return fail("surveys.answer.choice");
                }
            }
            for choice in question.visible_options() {
                if picked.contains(&choice.code.as_str()) {
                    codes.push(choice.code.clone());
                }
            }
            let other = if question.allow_other {
                other_text(question, raw)?
            } else {
                None
            };
            if picked.contains(&OTHER) && other.is_none() {
                return Err((other_field(question), "surveys.answer.other_empty"));
            }
            if codes.is_empty() && other.is_none() {
                return Ok(None);
            }
            Ok(Some(Answer::Choices { codes, other }))
        }
        Kind::Likert => match raw.value(&name) {
            "" => Ok(None),
            value => match value.parse::<u8>() {
                Ok(point) if SCALE.contains(&point) => Ok(Some(Answer::Scale(point))),
                _ => fail("surveys.answer.scale"),
            },
        },
        Kind::ThemeImportance => {
            let mut rated = BTreeMap::new();
            for theme in themes {
                match raw.value(&theme_field(question, theme)) {
                    "" => {}
                    value => match value.parse::<u8>() {
                        Ok(point) if SCALE.contains(&point) => {
                            rated.insert(theme.id, point);
                        }
                        _ => {
                            return Err((theme_field(question, theme), "surveys.answer.scale"));
                        }
                    },
                }
            }
            if question.required
                && !rated.is_empty()
                && let Some(missing) = themes.iter().find(|t| !rated.contains_key(&t.id))
            {
                return Err((theme_field(question, missing), "surveys.answer.every_theme"));
            }
            Ok((!rated.is_empty()).then_some(Answer::Themes(rated)))
        }
        Kind::ThemeRanking => {
            let mut ranked: Vec<(usize, uuid::Uuid)> = Vec::new();
            for theme in themes {
                match raw.value(&theme_field(question, theme)) {
                    "" => {}
                    value => match value.parse::<usize>() {
                        Ok(rank) if (1..=themes.len()).contains(&rank) => {
                            ranked.push((rank, theme.id))
                        }
                        _ => return Err((theme_field(question, theme), "surveys.answer.rank")),
                    },
                }
            }
            ranked.sort();
            // Ranks must read 1, 2, 3 … with no place given twice or skipped.
            if let Some((at, _)) = ranked
                .iter()
                .enumerate()
                .find(|(index, (rank, _))| *rank != index + 1)
            {
                let field = themes.iter().find(|t| t.id == ranked[at].1).map_or_else(
                    || first_field(question, themes),
                    |t| theme_field(question, t),
                );
                return Err((field, "surveys.answer.ranking"));
            }
            Ok((!ranked.is_empty())
                .then(|| Answer::Ranking(ranked.into_iter().map(|(_, id)| id).collect())))
        }
        Kind::Number => match raw.value(&name) {
            "" => Ok(None),
            value => {
                let Ok(number) = value
                    .replace([' ', '\u{a0}'], "")
                    .replace(',', ".")
                    .parse::<f64>()
                else {
                    return fail("surveys.answer.number");
                };
                if !number.is_finite()
                    || question.min_value.is_some_and(|min| number < min)
                    || question.max_value.is_some_and(|max| number > max)
                {
                    return fail("surveys.answer.number_range");
                }
                Ok(Some(Answer::Number(number)))
            }
        },
        Kind::ShortText | Kind::LongText => {
            let text = raw.value(&name);
            let max = if question.kind == Kind::ShortText {
                SHORT_MAX
            } else {
                LONG_MAX
            };
            if text.chars().count() > max {
                return fail("surveys.answer.too_long");
            }
            Ok((!text.is_empty()).then(|| Answer::Text {
                text: text.to_owned(),
                input: None,
            }))
        }
    }
}

fn other_text(question: &Question, raw: &Raw) -> Result<Option<String>, (String, &'static str)> {
    let text = raw.value(&other_field(question));
    if text.chars().count() > SHORT_MAX {
        return Err((other_field(question), "surveys.answer.too_long"));
    }
    Ok((!text.is_empty()).then(|| text.to_owned()))
}

/// The form values that show `answers` again (a page revisited, the preview).
pub fn to_raw(questions: &[&Question], themes: &[theme::Model], answers: &Answers) -> Raw {
    let mut raw = Vec::new();
    for question in questions {
        let Some(answer) = answers.get(&question.id) else {
            continue;
        };
        let name = field(question);
        match answer {
            Answer::Choice { code, other } => {
                raw.push((name, code.clone()));
                if let Some(other) = other {
                    raw.push((other_field(question), other.clone()));
                }
            }
            Answer::Choices { codes, other } => {
                raw.extend(codes.iter().map(|code| (name.clone(), code.clone())));
                if let Some(other) = other {
                    raw.push((name.clone(), OTHER.into()));
                    raw.push((other_field(question), other.clone()));
                }
            }
            Answer::Scale(point) => raw.push((name, point.to_string())),
            Answer::Themes(rated) => {
                for theme in themes {
                    if let Some(point) = rated.get(&theme.id) {
                        raw.push((theme_field(question, theme), point.to_string()));
                    }
                }
            }
            Answer::Ranking(order) => {
                for (rank, id) in order.iter().enumerate() {
                    if let Some(theme) = themes.iter().find(|t| t.id == *id) {
                        raw.push((theme_field(question, theme), (rank + 1).to_string()));
                    }
                }
            }
            Answer::Number(number) => raw.push((name, format_number(*number))),
            Answer::Text { text, .. } => raw.push((name, text.clone())),
        }
    }
    Raw(raw)
}

/// A number as a respondent would type it back: no needless decimals.
pub fn format_number(number: f64) -> String {
    if number.fract() == 0.0 && number.abs() < 1e15 {
        format!("{number:.0}")
    } else {
        number.to_string()
    }
}

#[cfg(test)]
mod tests;
