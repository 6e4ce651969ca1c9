//! The sign-up form and the facilitators' event form, as sent, and their
//! checks into the service's values. Times are entered as Norwegian local
//! time and stored in UTC.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Oslo;
use serde::Deserialize;
use uuid::Uuid;
use validator::Validate;

use crate::domain::Email;
use crate::entities::event::{self, Kind};
use crate::events::service::{EventDetails, NewSignup};
use crate::inputs::StakeholderGroup;
use crate::web::PageContext;
use crate::web::forms::FormErrors;

/// The kinds in the order the form offers them, with their codes.
pub const KINDS: [Kind; 4] = [
    Kind::InputMeeting,
    Kind::Workshop,
    Kind::Breakfast,
    Kind::Online,
];

pub fn kind_code(kind: Kind) -> &'static str {
    match kind {
        Kind::InputMeeting => "innspillsmote",
        Kind::Workshop => "workshop",
        Kind::Breakfast => "frokostmote",
        Kind::Online => "digitalt",
    }
}

pub fn kind_label_key(kind: Kind) -> String {
    format!("events.kind.{}", kind_code(kind))
}

/// The sign-up form as sent, every value kept as text.
#[derive(Deserialize, Validate, Default, Clone)]
#[serde(default)]
pub struct SignupForm {
    #[validate(length(min = 1, max = 200, message = "events.validation.name"))]
    pub name: String,
    pub email: String,
    #[validate(length(max = 200, message = "events.validation.organisation"))]
    pub organisation: String,
    pub group: String,
    #[validate(length(max = 500, message = "events.validation.answer"))]
    pub diet: String,
    #[validate(length(max = 500, message = "events.validation.answer"))]
    pub accessibility: String,
    pub consent: Option<String>,
    pub news: Option<String>,
}

pub const SIGNUP_FIELDS: [&str; 8] = [
    "name",
    "email",
    "organisation",
    "group",
    "diet",
    "accessibility",
    "consent",
    "news",
];

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.replace("\r\n", "\n"))
}

impl SignupForm {
    pub fn trimmed(mut self) -> Self {
        for value in [
            &mut self.name,
            &mut self.email,
            &mut self.organisation,
            &mut self.diet,
            &mut self.accessibility,
        ] {
            *value = value.trim().to_owned();
        }
        self
    }

    pub fn check(&self, ctx: &PageContext, event: &event::Model) -> Result<NewSignup, FormErrors> {
        let mut errors = match self.validate() {
            Ok(()) => FormErrors::new(),
            Err(err) => FormErrors::from_validation(ctx.lang, &err, &SIGNUP_FIELDS),
        };
        let email = match Email::parse(&self.email) {
            Ok(email) => Some(email),
            Err(_) => {
                errors.add("email", ctx.t("events.validation.email"));
                None
            }
        };
        let group = StakeholderGroup::parse(&self.group);
        if group.is_none() {
            errors.add("group", ctx.t("events.validation.group"));
        }
        if self.consent.is_none() {
            errors.add("consent", ctx.t("events.validation.consent"));
        }
        let (Some(email), Some(group), true) = (email, group, errors.is_empty()) else {
            return Err(errors);
        };
        Ok(NewSignup {
            name: self.name.clone(),
            email,
            organisation: event
                .ask_organisation
                .then(|| non_empty(&self.organisation))
                .flatten(),
            group,
            diet: event.ask_diet.then(|| non_empty(&self.diet)).flatten(),
            accessibility: event
                .ask_accessibility
                .then(|| non_empty(&self.accessibility))
                .flatten(),
            news_opt_in: self.news.is_some(),
            language: ctx.lang,
            idempotency_key: None,
        })
    }
}

/// The facilitators' event form as sent.
#[derive(Deserialize, Validate, Default, Clone)]
#[serde(default)]
pub struct EventForm {
    pub kind: String,
    #[validate(length(min = 3, max = 200, message = "events.validation.title"))]
    pub title: String,
    #[validate(length(max = 5000, message = "events.validation.description"))]
    pub description: String,
    #[validate(length(max = 300, message = "events.validation.location"))]
    pub location: String,
    pub online_url: String,
    /// `YYYY-MM-DD`, Norwegian local date.
    pub date: String,
    /// `HH:MM`.
    pub start_time: String,
    pub end_time: String,
    /// Empty: no limit.
    pub capacity: String,
    /// `YYYY-MM-DDTHH:MM` local, or empty.
    pub signup_deadline: String,
    pub waitlist: Option<String>,
    pub ask_diet: Option<String>,
    pub ask_accessibility: Option<String>,
    pub ask_organisation: Option<String>,
    pub themes: Vec<String>,
}

pub const EVENT_FIELDS: [&str; 11] = [
    "kind",
    "title",
    "description",
    "location",
    "online_url",
    "date",
    "start_time",
    "end_time",
    "capacity",
    "signup_deadline",
    "themes",
];

/// A Norwegian wall-clock time as a moment. In the hour that repeats when
/// summer time ends, the first one; a time skipped when it begins is none.
pub fn oslo_moment(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    Oslo.from_local_datetime(&local)
        .earliest()
        .map(|moment| moment.with_timezone(&Utc))
}

fn local(moment: DateTime<Utc>) -> NaiveDateTime {
    moment.with_timezone(&Oslo).naive_local()
}

impl EventForm {
    /// The form filled in from a stored event.
    pub fn from_event(event: &event::Model, themes: &[Uuid]) -> Self {
        let start = local(event.starts_at);
        let end = local(event.ends_at);
        Self {
            kind: kind_code(event.kind).to_owned(),
            title: event.title.clone(),
            description: event.description.clone(),
            location: event.location.clone().unwrap_or_default(),
            online_url: event.online_url.clone().unwrap_or_default(),
            date: start.date().format("%Y-%m-%d").to_string(),
            start_time: start.time().format("%H:%M").to_string(),
            end_time: end.time().format("%H:%M").to_string(),
            capacity: event.capacity.map(|c| c.to_string()).unwrap_or_default(),
            signup_deadline: event
                .signup_deadline
                .map(|d| local(d).format("%Y-%m-%dT%H:%M").to_string())
                .unwrap_or_default(),
            waitlist: event.waitlist.then(|| "ja".to_owned()),
            ask_diet: event.ask_diet.then(|| "ja".to_owned()),
            ask_accessibility: event.ask_accessibility.then(|| "ja".to_owned()),
            ask_organisation: event.ask_organisation.then(|| "ja".to_owned()),
            themes: themes.iter().map(ToString::to_string).collect(),
        }
    }

    /// A new event's form: a workshop with a waitlist, as most are.
    pub fn blank() -> Self {
        Self {
            kind: kind_code(Kind::Workshop).to_owned(),
            waitlist: Some("ja".to_owned()),
            ..Self::default()
        }
    }

    pub fn check(&self, ctx: &PageContext) -> Result<EventDetails, FormErrors> {
        let mut errors = match self.validate() {
            Ok(()) => FormErrors::new(),
            Err(err) => FormErrors::from_validation(ctx.lang, &err, &EVENT_FIELDS),
        };
        let kind = KINDS.into_iter().find(|kind| kind_code(*kind) == self.kind);
        if kind.is_none() {
            errors.add("kind", ctx.t("events.validation.kind"));
        }
        let online_url = non_empty(&self.online_url);
        if let Some(link) = &online_url
            && url::Url::parse(link)
                .map(|u| u.scheme() != "https")
                .unwrap_or(true)
        {
            errors.add("online_url", ctx.t("validation.https_url"));
        }
        let location = non_empty(&self.location);
        if location.is_none() && online_url.is_none() {
            errors.add("location", ctx.t("events.validation.place"));
        }
        let date = NaiveDate::parse_from_str(self.date.trim(), "%Y-%m-%d").ok();
        if date.is_none() {
            errors.add("date", ctx.t("events.validation.date"));
        }
        let time = |value: &str| NaiveTime::parse_from_str(value.trim(), "%H:%M").ok();
        let (start, end) = (time(&self.start_time), time(&self.end_time));
        if start.is_none() {
            errors.add("start_time", ctx.t("events.validation.time"));
        }
        if end.is_none() {
            errors.add("end_time", ctx.t("events.validation.time"));
        }
        let mut starts_at = None;
        let mut ends_at = None;
        if let (Some(date), Some(start), Some(end)) = (date, start, end) {
            starts_at = oslo_moment(date.and_time(start));
            ends_at = oslo_moment(date.and_time(end));
            if starts_at.is_none() {
                errors.add("start_time", ctx.t("events.validation.no_such_time"));
            }
            if ends_at.is_none() {
                errors.add("end_time", ctx.t("events.validation.no_such_time"));
            }
            if let (Some(s), Some(e)) = (starts_at, ends_at)
                && e <= s
            {
                errors.add("end_time", ctx.t("events.validation.end_after_start"));
            }
        }
        let capacity = match self.capacity.trim() {
            "" => None,
            text => match text.parse::<i32>() {
                Ok(n) if (1..=100_000).contains(&n) => Some(n),
                _ => {
                    errors.add("capacity", ctx.t("events.validation.capacity"));
                    None
                }
            },
        };
        let signup_deadline = match self.signup_deadline.trim() {
            "" => None,
            text => match NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
                .ok()
                .and_then(oslo_moment)
            {
                Some(moment) => {
                    if starts_at.is_some_and(|start| moment > start) {
                        errors.add(
                            "signup_deadline",
                            ctx.t("events.validation.deadline_before_start"),
                        );
                    }
                    Some(moment)
                }
                None => {
                    errors.add("signup_deadline", ctx.t("events.validation.deadline"));
                    None
                }
            },
        };
        let (Some(kind), Some(starts_at), Some(ends_at), true) =
            (kind, starts_at, ends_at, errors.is_empty())
        else {
            return Err(errors);
        };
        Ok(EventDetails {
            kind,
            title: self.title.trim().to_owned(),
            description: self.description.trim().replace("\r\n", "\n"),
            location,
            online_url,
            starts_at,
            ends_at,
            capacity,
            signup_deadline,
            waitlist: self.waitlist.is_some(),
            ask_diet: self.ask_diet.is_some(),
            ask_accessibility: self.ask_accessibility.is_some(),
            ask_organisation: self.ask_organisation.is_some(),
            themes: self
                .themes
                .iter()
                .filter_map(|id| Uuid::parse_str(id).ok())
                .collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_become_utc_across_daylight_saving() {
        let at = |d: &str| NaiveDateTime::parse_from_str(d, "%Y-%m-%dT%H:%M").unwrap();
        // Summer time (+02:00) and winter time (+01:00).
        assert_eq!(
            oslo_moment(at("2026-06-15T18:00")).unwrap().to_rfc3339(),
            "2026-06-15T16:00:00+00:00"
        );
        assert_eq!(
            oslo_moment(at("2026-12-15T18:00")).unwrap().to_rfc3339(),
            "2026-12-15T17:00:00+00:00"
        );
        // 25 October 2026: 02:30 happens twice; the first is meant.
        assert_eq!(
            oslo_moment(at("2026-10-25T02:30")).unwrap().to_rfc3339(),
            "2026-10-25T00:30:00+00:00"
        );
        // 29 March 2026: 02:30 never happens.
        assert_eq!(oslo_moment(at("2026-03-29T02:30")), None);
    }
}
