//! The slot and series forms: days and times typed in Oslo time.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Oslo;
use serde::Deserialize;

use super::*;
use crate::entities::{interview_slot, user};
use crate::interviews::service::{Place, Series, SeriesProblem, series_times};
use crate::web::PageContext;
use crate::web::forms::FormErrors;

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
