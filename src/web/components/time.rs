//! A moment in time on a page: a `<time>` element whose `datetime` machines
//! read and whose text people read, written the same way on every page.
//!
//! Times are stored in UTC and shown in Norwegian time (Europe/Oslo, with
//! its summer time), which is what the programme's residents live by; the
//! `datetime` attribute keeps the exact UTC moment for machines.

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Europe::Oslo;
use maud::{Markup, html};

use crate::web::Lang;

/// How much of the moment to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    /// The day only, as in a public list of ideas.
    Date,
    /// Day, hour and minute, as in a moderation queue.
    Minute,
    /// Down to the second, as in the audit log, where order matters.
    Second,
}

/// `<time datetime=…>` with `at` in the reader's language. A date-only
/// display carries a date-only `datetime` (RFC 3339 `full-date`), so the
/// machine-readable value never claims more than the text shows.
pub fn time(lang: Lang, at: DateTime<Utc>, precision: Precision) -> Markup {
    let machine = match precision {
        Precision::Date => at.with_timezone(&Oslo).format("%Y-%m-%d").to_string(),
        Precision::Minute | Precision::Second => at.to_rfc3339_opts(SecondsFormat::Secs, true),
    };
    html! {
        time datetime=(machine) { (format(lang, at, precision)) }
    }
}

/// The text a reader sees, for places that are not HTML (mail, CSV).
///
/// Bokmål and nynorsk write dates day first with dots and put "kl." before a
/// time of day (Språkrådet's advice); English gets ISO 8601, which no English
/// reader misreads, unlike 03/04.
pub fn format(lang: Lang, at: DateTime<Utc>, precision: Precision) -> String {
    let pattern = match (lang, precision) {
        (Lang::Nb | Lang::Nn, Precision::Date) => "%d.%m.%Y",
        (Lang::Nb | Lang::Nn, Precision::Minute) => "%d.%m.%Y kl. %H:%M",
        (Lang::Nb | Lang::Nn, Precision::Second) => "%d.%m.%Y kl. %H:%M:%S",
        (Lang::En, Precision::Date) => "%Y-%m-%d",
        (Lang::En, Precision::Minute) => "%Y-%m-%d %H:%M",
        (Lang::En, Precision::Second) => "%Y-%m-%d %H:%M:%S",
    };
    at.with_timezone(&Oslo).format(pattern).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn moment() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 4, 7, 8, 9)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn norwegian_is_day_first_with_kl() {
        let shown = time(Lang::Nb, moment(), Precision::Minute).into_string();
        assert_eq!(
            shown,
            "<time datetime=\"2025-03-04T07:08:09Z\">04.03.2025 kl. 08:08</time>"
        );
        assert_eq!(
            format(Lang::Nn, moment(), Precision::Second),
            "04.03.2025 kl. 08:08:09"
        );
    }

    #[test]
    fn english_is_iso() {
        assert_eq!(
            format(Lang::En, moment(), Precision::Second),
            "2025-03-04 08:08:09"
        );
        assert_eq!(format(Lang::En, moment(), Precision::Date), "2025-03-04");
    }

    #[test]
    fn norwegian_time_follows_summer_time_and_the_date_line_at_midnight() {
        // 22:30 UTC on 30 June is 00:30 on 1 July in Oslo (UTC+2 in summer).
        let summer = Utc
            .with_ymd_and_hms(2025, 6, 30, 22, 30, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(
            format(Lang::Nb, summer, Precision::Minute),
            "01.07.2025 kl. 00:30"
        );
        let shown = time(Lang::Nb, summer, Precision::Date).into_string();
        assert_eq!(shown, "<time datetime=\"2025-07-01\">01.07.2025</time>");
    }

    #[test]
    fn a_date_claims_no_more_than_a_date() {
        let shown = time(Lang::Nb, moment(), Precision::Date).into_string();
        assert_eq!(shown, "<time datetime=\"2025-03-04\">04.03.2025</time>");
    }
}
