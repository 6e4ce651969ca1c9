//! The staff slot pages over HTTP: one slot and a series typed in Oslo time
//! are stored in UTC (summer time, winter time and the night the clocks go
//! forward), bad series input is refused at its fields, and moving a booked
//! slot sends the business an updated invitation.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};
use icalendar::{Calendar, CalendarComponent, Component};
use innspill::entities::interview_slot;
use innspill::entities::user::Role;
use innspill::interviews::service;
use mail_parser::MimeHeaders;
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};

use super::interviews_pages::{app, page, register};
use crate::common::staff::{signed_in, submit};
use crate::common::{TestApp, spawn_app_with_mail};

/// Next year, so every date typed is ahead whenever the test runs.
fn year() -> i32 {
    Utc::now().year() + 1
}

fn date(month: u32, day: u32) -> String {
    format!("{}-{month:02}-{day:02}", year())
}

/// The last Sunday of March: summer time starts at 02:00, which becomes 03:00.
fn summer_time_starts() -> NaiveDate {
    let mut day = NaiveDate::from_ymd_opt(year(), 3, 31).unwrap();
    while day.weekday() != Weekday::Sun {
        day = day.pred_opt().unwrap();
    }
    day
}

fn utc(month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year(), month, day, hour, minute, 0)
        .unwrap()
}

async fn slots(app: &TestApp) -> Vec<interview_slot::Model> {
    interview_slot::Entity::find()
        .order_by_asc(interview_slot::Column::StartsAt)
        .all(&app.db)
        .await
        .unwrap()
}

/// Fields sent, and what the page must then say.
type Case<'a> = (&'a [(&'a str, &'a str)], &'a [&'a str]);

const SLOTS: &str = "/admin/intervjuer/tider";
const SERIES: &str = "/admin/intervjuer/tider/serie";

#[tokio::test]
async fn one_slot_and_a_series_typed_in_oslo_time_are_stored_in_utc() {
    let app = app().await;
    let (staff, me) = signed_in(&app, Role::Facilitator).await;
    let me_id = me.id.to_string();

    // Winter time (+01:00), with an end time.
    let response = submit(
        &app,
        &staff,
        "/admin/intervjuer/tider/ny",
        SLOTS,
        &[
            ("date", &date(1, 12)),
            ("start_time", "09:00"),
            ("end_time", "09:45"),
            ("length", ""),
            ("location", "Rådhuset, møterom 2"),
            ("online_url", ""),
            ("facilitator", &me_id),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    // Summer time (+02:00), with a length instead.
    let response = submit(
        &app,
        &staff,
        "/admin/intervjuer/tider/ny",
        SLOTS,
        &[
            ("date", &date(6, 15)),
            ("start_time", "10:00"),
            ("end_time", ""),
            ("length", "60"),
            ("location", ""),
            ("online_url", "https://video.example.no/rom"),
            ("facilitator", ""),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let stored = slots(&app).await;
    assert_eq!(stored.len(), 2);
    assert_eq!(
        (stored[0].starts_at, stored[0].ends_at),
        (utc(1, 12, 8, 0), utc(1, 12, 8, 45))
    );
    assert_eq!(stored[0].facilitator_id, Some(me.id));
    assert_eq!(stored[0].location.as_deref(), Some("Rådhuset, møterom 2"));
    assert_eq!(
        (stored[1].starts_at, stored[1].ends_at),
        (utc(6, 15, 8, 0), utc(6, 15, 9, 0))
    );

    // 09:00–15:00, a 45-minute slot every 45 minutes, on two days: 8 a day.
    let days = format!("{}\n{}", date(4, 13), date(4, 14));
    let series = [
        ("days", days.as_str()),
        ("first", "09:00"),
        ("last_end", "15:00"),
        ("length", "45"),
        ("every", "45"),
        ("location", "Rådhuset"),
        ("online_url", ""),
        ("facilitator", ""),
    ];
    // Seeing it first stores nothing and says how many it makes.
    let mut preview = series.to_vec();
    preview.push(("action", "vis"));
    let response = submit(&app, &staff, SERIES, SERIES, &preview).await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.unwrap();
    assert!(html.contains("Serien gir 16 tider"), "{html}");
    assert!(html.contains("8 tider, 09:00–15:00"), "{html}");
    assert_eq!(slots(&app).await.len(), 2);
    let mut create = series.to_vec();
    create.push(("action", "opprett"));
    let response = submit(&app, &staff, SERIES, SERIES, &create).await;
    assert_eq!(response.status(), 303);
    let stored = slots(&app).await;
    assert_eq!(stored.len(), 18);
    let april: Vec<_> = stored.iter().filter(|s| s.starts_at.month() == 4).collect();
    assert_eq!(april.len(), 16);
    assert_eq!(april[0].starts_at, utc(4, 13, 7, 0));
    assert_eq!(april[7].starts_at, utc(4, 13, 12, 15));
    assert_eq!(
        april[7].ends_at,
        utc(4, 13, 13, 0),
        "the last ends at 15:00 in Oslo"
    );
    assert_eq!(april[8].starts_at, utc(4, 14, 7, 0));

    // The night summer time starts: 02:00 never happens, 01:00 is +01:00
    // and 03:00 is +02:00, so both are 00:00 and 01:00 UTC.
    let dst = summer_time_starts();
    let dst_text = dst.format("%d.%m.%Y").to_string();
    let response = submit(
        &app,
        &staff,
        SERIES,
        SERIES,
        &[
            ("days", dst_text.as_str()),
            ("first", "01:00"),
            ("last_end", "04:00"),
            ("length", "60"),
            ("every", "60"),
            ("action", "opprett"),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let night: Vec<_> = slots(&app)
        .await
        .into_iter()
        .filter(|s| s.starts_at.month() == 3)
        .collect();
    let at = |h: u32| Utc.from_utc_datetime(&dst.and_hms_opt(h, 0, 0).unwrap());
    assert_eq!(
        night.iter().map(|s| s.starts_at).collect::<Vec<_>>(),
        vec![at(0), at(1)],
        "01:00 and 03:00 in Oslo; 02:00 does not exist"
    );
    // One slot at the hour that does not exist is refused at its field.
    let response = submit(
        &app,
        &staff,
        "/admin/intervjuer/tider/ny",
        SLOTS,
        &[
            ("date", &dst.format("%Y-%m-%d").to_string()),
            ("start_time", "02:30"),
            ("length", "45"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("stilles fram til sommertid")
    );
    assert_eq!(slots(&app).await.len(), 20);
}

#[tokio::test]
async fn bad_series_input_gets_messages_at_its_fields_and_stores_nothing() {
    let app = app().await;
    let (staff, _) = signed_in(&app, Role::Facilitator).await;
    let cases: [Case; 4] = [
        (
            &[
                ("days", "31.02.2031\nmandag"),
                ("first", "09:00"),
                ("last_end", "15:00"),
                ("length", "45"),
                ("every", "45"),
            ],
            &["«31.02.2031» er ikke en dato", "id=\"days-error\""],
        ),
        (
            &[
                ("days", ""),
                ("first", "9"),
                ("last_end", "15:00"),
                ("length", "0"),
                ("every", "45"),
            ],
            &[
                "Skriv minst én dag",
                "id=\"first-error\"",
                "id=\"length-error\"",
            ],
        ),
        (
            &[
                ("days", &date(4, 13)),
                ("first", "09:00"),
                ("last_end", "15:00"),
                ("length", "45"),
                ("every", "30"),
            ],
            &["id=\"every-error\"", "oftere enn hver samtale varer"],
        ),
        (
            &[
                ("days", &date(4, 13)),
                ("first", "15:00"),
                ("last_end", "09:00"),
                ("length", "45"),
                ("every", "45"),
            ],
            &["id=\"last_end-error\"", "Ingen tid får plass"],
        ),
    ];
    for (fields, expected) in cases {
        let mut fields = fields.to_vec();
        fields.push(("action", "opprett"));
        let response = submit(&app, &staff, SERIES, SERIES, &fields).await;
        assert_eq!(response.status(), 422, "{fields:?}");
        let html = response.text().await.unwrap();
        assert!(html.contains("ds-error-summary"), "{html}");
        for text in expected {
            assert!(html.contains(text), "{text} missing for {fields:?}");
        }
    }
    // What was typed is kept.
    let response = submit(
        &app,
        &staff,
        SERIES,
        SERIES,
        &[
            ("days", "31.02.2031"),
            ("first", "09:00"),
            ("last_end", "15:00"),
            ("length", "45"),
            ("every", "45"),
        ],
    )
    .await;
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains(">31.02.2031</textarea>")
    );
    assert_eq!(
        interview_slot::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

#[tokio::test]
async fn moving_a_booked_slot_sends_the_business_an_updated_invitation() {
    let (app, smtp, _worker) = spawn_app_with_mail(|s| {
        s.form_min_time = std::time::Duration::ZERO;
        s.public_url = Some(url::Url::parse("https://innspill.example.no/").unwrap());
    })
    .await;
    let id = register(&app, "974760673", "Fjordfisk AS", "kari@fjordfisk.no").await;
    let (staff, me) = signed_in(&app, Role::Facilitator).await;
    let starts = utc(4, 13, 8, 0);
    let slot = service::create_slots(
        &app.db,
        &[(starts, starts + Duration::minutes(45))],
        &service::Place {
            location: Some("Rådhuset".into()),
            online_url: None,
            facilitator_id: Some(me.id),
        },
        me.id,
    )
    .await
    .unwrap()[0];

    // The facilitator books it for the business from its page.
    let detail = format!("/admin/intervjuer/{id}");
    let response = submit(
        &app,
        &staff,
        &detail,
        &format!("{detail}/tid"),
        &[("slot", &slot.to_string())],
    )
    .await;
    assert_eq!(response.status(), 303);
    let (_, html) = page(&app, &staff, &detail).await;
    assert!(html.contains("Tiden er bestilt"), "{html}");
    let (_, html) = page(&app, &staff, SLOTS).await;
    assert!(
        html.contains("Fjordfisk AS"),
        "the slot list says who booked: {html}"
    );

    // Then moves it an hour and a day later.
    let path = format!("{SLOTS}/{slot}");
    let response = submit(
        &app,
        &staff,
        &path,
        &path,
        &[
            ("date", &date(4, 14)),
            ("start_time", "11:00"),
            ("end_time", "11:45"),
            ("location", "Rådhuset, møterom 2"),
            ("facilitator", &me.id.to_string()),
        ],
    )
    .await;
    assert_eq!(response.status(), 303);
    let moved = service::find_slot(&app.db, slot).await.unwrap();
    assert_eq!(moved.starts_at, utc(4, 14, 9, 0));
    assert_eq!(moved.business_id, Some(id), "the business keeps it");

    let received = smtp.wait_for(2, crate::mail::WAIT).await;
    assert_eq!(received.len(), 2, "booked and moved; reminders wait");
    let last = received[1].parse();
    assert_eq!(received[1].to, ["kari@fjordfisk.no"]);
    assert!(
        last.subject().unwrap().starts_with("Ny tid for intervjuet"),
        "{:?}",
        last.subject()
    );
    let invitation = last
        .attachments()
        .find(|part| {
            part.content_type()
                .is_some_and(|ct| ct.subtype() == Some("calendar"))
        })
        .expect("the invitation is attached");
    let calendar: Calendar = std::str::from_utf8(invitation.contents())
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
    let entry = calendar
        .components
        .iter()
        .find_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .expect("an event");
    let year = year();
    assert_eq!(
        entry.property_value("DTSTART"),
        Some(format!("{year}0414T090000Z").as_str())
    );
    assert_eq!(
        entry.property_value("SEQUENCE"),
        Some("2"),
        "newer than the first"
    );
}
