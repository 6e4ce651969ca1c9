//! Staff interview forms: slots, series, guide questions and the record, as
//! sent, and their checks into the service's values. Times are typed in
//! Norwegian local time and stored in UTC.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use serde::Deserialize;
use uuid::Uuid;

use crate::entities::{interview, interview_answer, interview_slot, theme, user};
use crate::interviews::guide::{self, QuestionText};
use crate::interviews::service::{
    Place, RecordInput, Series, SeriesProblem, TEXT_MAX, series_times,
};
use crate::web::PageContext;
use crate::web::forms::FormErrors;

/// A slot's start and end.
pub type Times = (DateTime<Utc>, DateTime<Utc>);

/// A Norwegian wall-clock time as a moment: in the hour repeated when summer
/// time ends, the first; a time skipped when it begins is none.
fn oslo_moment(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    Oslo.from_local_datetime(&local)
        .earliest()
        .map(|moment| moment.with_timezone(&Utc))
}

fn local(moment: DateTime<Utc>) -> NaiveDateTime {
    moment.with_timezone(&Oslo).naive_local()
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.replace("\r\n", "\n"))
}

fn parse_time(value: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M").ok()
}

/// A date as a date input sends it, or as people write it (31.03.2027).
fn parse_date(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%d.%m.%Y"))
        .ok()
}

/// Minutes between 5 and 8 hours: shorter or longer is a typo.
fn parse_minutes(value: &str) -> Option<Duration> {
    match value.trim().parse::<i64>() {
        Ok(minutes) if (5..=480).contains(&minutes) => Some(Duration::minutes(minutes)),
        _ => None,
    }
}

/// Where and with whom, as typed: shared by one slot and a series.
fn check_place(
    ctx: &PageContext,
    location: &str,
    online_url: &str,
    facilitator: &str,
    staff: &[user::Model],
    errors: &mut FormErrors,
) -> Place {
    let location = non_empty(location);
    if location.as_ref().is_some_and(|l| l.chars().count() > 300) {
        errors.add("location", ctx.t("interviews.admin.validation.location"));
    }
    let online_url = non_empty(online_url);
    if let Some(link) = &online_url
        && url::Url::parse(link)
            .map(|u| u.scheme() != "https")
            .unwrap_or(true)
    {
        errors.add("online_url", ctx.t("validation.https_url"));
    }
    let facilitator_id = match facilitator.trim() {
        "" => None,
        id => {
            let found = Uuid::parse_str(id)
                .ok()
                .filter(|id| staff.iter().any(|user| user.id == *id));
            if found.is_none() {
                errors.add(
                    "facilitator",
                    ctx.t("interviews.admin.validation.facilitator"),
                );
            }
            found
        }
    };
    Place {
        location,
        online_url,
        facilitator_id,
    }
}

/// One slot as a facilitator types it: a day, a start, and an end or a length.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SlotForm {
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    /// Minutes; used when no end is given.
    pub length: String,
    pub location: String,
    pub online_url: String,
    pub facilitator: String,
}

impl SlotForm {
    pub fn blank() -> Self {
        Self {
            length: "45".to_owned(),
            ..Self::default()
        }
    }

    pub fn from_slot(slot: &interview_slot::Model) -> Self {
        let start = local(slot.starts_at);
        Self {
            date: start.date().format("%Y-%m-%d").to_string(),
            start_time: start.time().format("%H:%M").to_string(),
            end_time: local(slot.ends_at).time().format("%H:%M").to_string(),
            length: String::new(),
            location: slot.location.clone().unwrap_or_default(),
            online_url: slot.online_url.clone().unwrap_or_default(),
            facilitator: slot
                .facilitator_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
        }
    }

    /// The slot's times and place; `staff` are the people who may run it.
    pub fn check(
        &self,
        ctx: &PageContext,
        staff: &[user::Model],
        now: DateTime<Utc>,
    ) -> Result<(Times, Place), FormErrors> {
        let mut errors = FormErrors::new();
        let date = parse_date(&self.date);
        if date.is_none() {
            errors.add("date", ctx.t("interviews.admin.validation.date"));
        }
        let start = parse_time(&self.start_time);
        if start.is_none() {
            errors.add("start_time", ctx.t("interviews.admin.validation.time"));
        }
        let end = match (self.end_time.trim(), self.length.trim()) {
            ("", "") => {
                errors.add(
                    "end_time",
                    ctx.t("interviews.admin.validation.end_or_length"),
                );
                None
            }
            ("", length) => match parse_minutes(length) {
                Some(length) => start.map(|start| (None, Some(length), start)),
                None => {
                    errors.add("length", ctx.t("interviews.admin.validation.minutes"));
                    None
                }
            },
            (end, _) => match parse_time(end) {
                Some(end) => start.map(|start| (Some(end), None, start)),
                None => {
                    errors.add("end_time", ctx.t("interviews.admin.validation.time"));
                    None
                }
            },
        };
        let place = check_place(
            ctx,
            &self.location,
            &self.online_url,
            &self.facilitator,
            staff,
            &mut errors,
        );
        let mut times = None;
        if let (Some(date), Some((end, length, start))) = (date, end) {
            let starts_at = oslo_moment(date.and_time(start));
            if starts_at.is_none() {
                errors.add(
                    "start_time",
                    ctx.t("interviews.admin.validation.no_such_time"),
                );
            }
            let ends_at = match (end, length) {
                (Some(end), _) => {
                    let ends_at = oslo_moment(date.and_time(end));
                    if ends_at.is_none() {
                        errors.add(
                            "end_time",
                            ctx.t("interviews.admin.validation.no_such_time"),
                        );
                    }
                    ends_at
                }
                (None, length) => starts_at.zip(length).map(|(s, l)| s + l),
            };
            if let (Some(s), Some(e)) = (starts_at, ends_at) {
                if e <= s {
                    errors.add(
                        "end_time",
                        ctx.t("interviews.admin.validation.end_after_start"),
                    );
                } else if s <= now {
                    errors.add("date", ctx.t("interviews.admin.validation.past"));
                }
                times = Some((s, e));
            }
        }
        match (times, errors.is_empty()) {
            (Some(times), true) => Ok((times, place)),
            _ => Err(errors),
        }
    }
}

/// A series of slots: chosen days, each from a first start to a last end.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SeriesForm {
    /// Dates, one a line (or separated by commas or spaces).
    pub days: String,
    pub first: String,
    pub last_end: String,
    pub length: String,
    pub every: String,
    pub location: String,
    pub online_url: String,
    pub facilitator: String,
    /// `vis` to see what the series makes, anything else to create it.
    pub action: String,
}

impl SeriesForm {
    pub fn blank() -> Self {
        Self {
            first: "09:00".to_owned(),
            last_end: "15:00".to_owned(),
            length: "45".to_owned(),
            every: "60".to_owned(),
            ..Self::default()
        }
    }

    pub fn preview_only(&self) -> bool {
        self.action == "vis"
    }

    pub fn check(
        &self,
        ctx: &PageContext,
        staff: &[user::Model],
        now: DateTime<Utc>,
    ) -> Result<(Vec<Times>, Place), FormErrors> {
        let mut errors = FormErrors::new();
        let mut days = Vec::new();
        for word in self
            .days
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .filter(|word| !word.is_empty())
        {
            match parse_date(word) {
                Some(day) => days.push(day),
                None => {
                    errors.add(
                        "days",
                        ctx.tr("interviews.admin.validation.bad_day", &[("day", word)]),
                    );
                }
            }
        }
        let today = now.with_timezone(&Oslo).date_naive();
        if let Some(day) = days.iter().find(|day| **day < today) {
            errors.add(
                "days",
                ctx.tr(
                    "interviews.admin.validation.past_day",
                    &[("day", &day.format("%d.%m.%Y").to_string())],
                ),
            );
        }
        let first = parse_time(&self.first);
        if first.is_none() {
            errors.add("first", ctx.t("interviews.admin.validation.time"));
        }
        let last_end = parse_time(&self.last_end);
        if last_end.is_none() {
            errors.add("last_end", ctx.t("interviews.admin.validation.time"));
        }
        let length = parse_minutes(&self.length);
        if length.is_none() {
            errors.add("length", ctx.t("interviews.admin.validation.minutes"));
        }
        let every = parse_minutes(&self.every);
        if every.is_none() {
            errors.add("every", ctx.t("interviews.admin.validation.minutes"));
        }
        let place = check_place(
            ctx,
            &self.location,
            &self.online_url,
            &self.facilitator,
            staff,
            &mut errors,
        );
        let (Some(first), Some(last_end), Some(length), Some(every), true) =
            (first, last_end, length, every, errors.is_empty())
        else {
            if days.is_empty() && self.days.trim().is_empty() {
                errors.add("days", ctx.t("interviews.admin.validation.no_days"));
            }
            return Err(errors);
        };
        let series = Series {
            days,
            first,
            last_end,
            length,
            every,
        };
        match series_times(&series) {
            Ok(times) => Ok((times, place)),
            Err(problem) => {
                let (field, key) = match problem {
                    SeriesProblem::NoDays => ("days", "no_days"),
                    SeriesProblem::BadSpacing => ("every", "spacing"),
                    SeriesProblem::NothingFits => ("last_end", "nothing_fits"),
                    SeriesProblem::TooMany => ("days", "too_many"),
                };
                errors.add(field, ctx.t(&format!("interviews.admin.validation.{key}")));
                Err(errors)
            }
        }
    }
}

/// A guide question as a facilitator writes it.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct QuestionForm {
    pub topic: String,
    pub text: String,
    pub help: String,
}

impl QuestionForm {
    pub fn from_question(question: &crate::entities::interview_question::Model) -> Self {
        Self {
            topic: question.topic.clone(),
            text: question.text.clone(),
            help: question.help.clone().unwrap_or_default(),
        }
    }

    pub fn check(&self, ctx: &PageContext) -> Result<QuestionText, FormErrors> {
        let mut errors = FormErrors::new();
        let topic = guide::parse_topic(self.topic.trim());
        if topic.is_none() {
            errors.add("topic", ctx.t("interviews.admin.validation.topic"));
        }
        let text = non_empty(&self.text);
        if text.as_ref().is_none_or(|t| t.chars().count() > 1000) {
            errors.add("text", ctx.t("interviews.admin.validation.question"));
        }
        let help = non_empty(&self.help);
        if help.as_ref().is_some_and(|h| h.chars().count() > 2000) {
            errors.add("help", ctx.t("interviews.admin.validation.help"));
        }
        match (topic, text, errors.is_empty()) {
            (Some(topic), Some(text), true) => Ok(QuestionText { topic, text, help }),
            _ => Err(errors),
        }
    }
}

/// The prefix of an answer field's name; the question's id follows.
pub const ANSWER_PREFIX: &str = "svar-";

pub fn answer_field(question_id: Uuid) -> String {
    format!("{ANSWER_PREFIX}{question_id}")
}

/// The interview record as sent. Answers come as `svar-<question id>`, so the
/// form is read as pairs rather than into fixed fields.
#[derive(Default, Clone)]
pub struct RecordForm {
    pub answers: Vec<(Uuid, String)>,
    pub summary: String,
    pub employee_change: String,
    /// `fullfor` to save and mark the business interviewed.
    pub action: String,
}

impl RecordForm {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = Self::default();
        for (name, value) in pairs {
            match name.as_str() {
                "summary" => form.summary = value,
                "employee_change" => form.employee_change = value,
                "action" => form.action = value,
                _ => {
                    if let Some(id) = name
                        .strip_prefix(ANSWER_PREFIX)
                        .and_then(|id| Uuid::parse_str(id).ok())
                    {
                        form.answers.push((id, value));
                    }
                }
            }
        }
        form
    }

    pub fn from_record(record: &interview::Model, answers: &[interview_answer::Model]) -> Self {
        Self {
            answers: answers
                .iter()
                .map(|answer| (answer.question_id, answer.answer.clone()))
                .collect(),
            summary: record.summary.clone().unwrap_or_default(),
            employee_change: record
                .employee_change
                .map(|n| n.to_string())
                .unwrap_or_default(),
            action: String::new(),
        }
    }

    pub fn answer(&self, question_id: Uuid) -> &str {
        self.answers
            .iter()
            .find(|(id, _)| *id == question_id)
            .map_or("", |(_, answer)| answer.as_str())
    }

    pub fn completes(&self) -> bool {
        self.action == "fullfor"
    }

    pub fn check(&self, ctx: &PageContext) -> Result<RecordInput, FormErrors> {
        let mut errors = FormErrors::new();
        let mut answers = Vec::with_capacity(self.answers.len());
        for (id, answer) in &self.answers {
            let answer = answer.trim().replace("\r\n", "\n");
            if answer.chars().count() > TEXT_MAX {
                errors.add(
                    &answer_field(*id),
                    ctx.t("interviews.admin.validation.too_long"),
                );
            }
            answers.push((*id, answer));
        }
        let summary = non_empty(&self.summary);
        if summary
            .as_ref()
            .is_some_and(|s| s.chars().count() > TEXT_MAX)
        {
            errors.add("summary", ctx.t("interviews.admin.validation.too_long"));
        }
        let employee_change = match self.employee_change.trim() {
            "" => None,
            text => match text.replace('\u{2212}', "-").parse::<i32>() {
                Ok(n) if (-100_000..=100_000).contains(&n) => Some(n),
                _ => {
                    errors.add(
                        "employee_change",
                        ctx.t("interviews.admin.validation.employee_change"),
                    );
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(RecordInput {
            answers,
            summary,
            employee_change,
            held_at: None,
        })
    }
}

/// A finding: what the business said, and the themes it touches.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct FindingForm {
    pub finding: String,
    pub themes: Vec<String>,
}

impl FindingForm {
    pub fn check(
        &self,
        ctx: &PageContext,
        active: &[theme::Model],
    ) -> Result<(String, Vec<Uuid>), FormErrors> {
        let mut errors = FormErrors::new();
        let text = non_empty(&self.finding);
        if text.as_ref().is_none_or(|t| t.chars().count() > TEXT_MAX) {
            errors.add("finding", ctx.t("interviews.admin.validation.finding"));
        }
        let themes: Vec<Uuid> = self
            .themes
            .iter()
            .filter_map(|id| Uuid::parse_str(id).ok())
            .filter(|id| active.iter().any(|theme| theme.id == *id))
            .collect();
        match (text, errors.is_empty()) {
            (Some(text), true) => Ok((text, themes)),
            _ => Err(errors),
        }
    }
}
