//! When the demo's ideas were sent, published and supported, and the demo
//! programme's settings that set the period they fall in.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use rand::RngExt;
use sea_orm::ConnectionTrait;

use super::DemoError;
use crate::settings::service::{self as settings, Programme};

/// How far back the labelled ideas' dates reach.
pub const LABELLED_SPREAD: Duration = Duration::weeks(6);
/// How far back generated ideas reach when there is no programme period to fill.
pub const GENERATED_SPREAD: Duration = Duration::weeks(26);
/// A period that began less than this long ago is too short to spread over.
const MIN_PERIOD: Duration = Duration::weeks(1);

/// The span the ideas' creation times are spread over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Window {
    /// The `spread` up to `now`.
    pub fn last(spread: Duration, now: DateTime<Utc>) -> Self {
        Self {
            start: now - spread,
            end: now,
        }
    }

    /// The programme period up to `now`, or the last `fallback` when there is
    /// no period or it began too recently to spread over.
    pub fn of_programme(programme: &Programme, fallback: Duration, now: DateTime<Utc>) -> Self {
        let start = programme.period_start.map(start_of);
        let end = programme
            .period_end
            .and_then(|day| day.succ_opt())
            .map(start_of)
            .map_or(now, |end| end.min(now));
        match start {
            Some(start) if end - start >= MIN_PERIOD => Self { start, end },
            _ => Self::last(fallback, now),
        }
    }

    /// When the `slot`th of `count` ideas was sent and published: evenly over
    /// the window, oldest first, each at a random time in its slot, published
    /// 20 minutes to a day and a half later (never after `now`).
    pub fn moment(
        &self,
        slot: usize,
        count: usize,
        now: DateTime<Utc>,
        rng: &mut impl rand::Rng,
    ) -> (DateTime<Utc>, DateTime<Utc>) {
        let share = (slot as f64 + rng.random::<f64>()) / count.max(1) as f64;
        let length = (self.end - self.start).num_seconds() as f64;
        let created_at = self.start + Duration::seconds((length * share) as i64);
        let created_at = created_at.min(now);
        let published_at =
            (created_at + Duration::minutes(rng.random_range(20..=36 * 60))).min(now);
        (created_at, published_at)
    }
}

fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc()
}

/// How many supports the `slot`th idea gets: most a handful, about one in
/// nine draws a crowd.
pub fn support_count(slot: usize, rng: &mut impl rand::Rng) -> usize {
    if slot % 9 == 4 {
        rng.random_range(10..=30)
    } else {
        [0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 5][rng.random_range(0..11)]
    }
}

/// A support's time: after publication, before `now`.
pub fn support_time(
    published_at: DateTime<Utc>,
    now: DateTime<Utc>,
    rng: &mut impl rand::Rng,
) -> DateTime<Utc> {
    let window = (now - published_at).num_seconds().max(1);
    published_at + Duration::seconds(rng.random_range(0..window))
}

/// Names the demo programme and its six-year period from 1 January, unless
/// someone has already set the settings.
pub async fn demo_settings(db: &impl ConnectionTrait) -> Result<Option<Programme>, DemoError> {
    if settings::current(db).await? != Programme::default() {
        return Ok(None);
    }
    let today = Utc::now().date_naive();
    let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let programme = Programme {
        programme_name: "Omstilling Eksempelvik 2030".to_owned(),
        municipality_name: "Eksempelvik".to_owned(),
        municipality_number: "9999".to_owned(),
        period_start: Some(start),
        period_end: start
            .checked_add_months(chrono::Months::new(72))
            .map(|end| end - Duration::days(1)),
        ..Programme::default()
    };
    settings::save(db, &programme).await?;
    Ok(Some(programme))
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn generated_ideas_fill_the_programme_period_so_far() {
        let now = start_of(day(2026, 12, 1));
        let programme = Programme {
            period_start: Some(day(2026, 1, 1)),
            period_end: Some(day(2031, 12, 31)),
            ..Programme::default()
        };
        let window = Window::of_programme(&programme, GENERATED_SPREAD, now);
        assert_eq!(window.start, start_of(day(2026, 1, 1)));
        assert_eq!(window.end, now);

        // A period that has ended is filled to its last day.
        let ended = Programme {
            period_end: Some(day(2026, 6, 30)),
            ..programme.clone()
        };
        let window = Window::of_programme(&ended, GENERATED_SPREAD, now);
        assert_eq!(window.end, start_of(day(2026, 7, 1)));

        // No period, or one that began yesterday: the last 26 weeks.
        let recent = Programme {
            period_start: Some(day(2026, 11, 30)),
            ..Programme::default()
        };
        for programme in [Programme::default(), recent] {
            let window = Window::of_programme(&programme, GENERATED_SPREAD, now);
            assert_eq!(window, Window::last(GENERATED_SPREAD, now));
        }
    }

    #[test]
    fn moments_are_spread_in_order_and_never_in_the_future() {
        let now = start_of(day(2026, 12, 1));
        let window = Window::last(Duration::weeks(6), now);
        let mut rng = StdRng::seed_from_u64(1);
        let moments: Vec<_> = (0..100)
            .map(|slot| window.moment(slot, 100, now, &mut rng))
            .collect();
        for pair in moments.windows(2) {
            assert!(pair[0].0 <= pair[1].0);
        }
        for (created, published) in &moments {
            assert!(window.start <= *created && created <= published && *published <= now);
        }
        assert!(moments[99].0 - moments[0].0 > Duration::weeks(5));
    }
}
