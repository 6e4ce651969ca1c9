//! The one tag writer and reader (`inputs::tags`): the tagger's suggestions
//! never override what a person chose, a facilitator confirms a suggestion,
//! and the public sees only what people set or confirmed, on active themes.

use innspill::entities::input_theme::{self, Origin};
use innspill::inputs::tags;
use innspill::themes::service as themes;
use innspill::themes::values::{Colour, Name, Slug, ThemeFields};
use innspill::web::Lang;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::common::{TestApp, published_idea, spawn_app};

async fn add_theme(app: &TestApp, slug: &str) -> Uuid {
    let name = Name::parse(slug).expect("name");
    let fields = ThemeFields {
        name_nb: name.clone(),
        name_nn: name.clone(),
        name_en: name,
        description: String::new(),
        keywords: String::new(),
        colour: Colour::parse("#1b4d7a").expect("colour"),
    };
    themes::create(&app.db, None, &Slug::parse(slug).expect("slug"), &fields)
        .await
        .expect("theme")
        .id
}

/// The input's tags as stored: (theme, origin, confidence), by theme id.
async fn stored_tags(app: &TestApp, input: Uuid) -> Vec<(Uuid, Origin, Option<f64>)> {
    input_theme::Entity::find()
        .filter(input_theme::Column::InputId.eq(input))
        .order_by_asc(input_theme::Column::ThemeId)
        .all(&app.db)
        .await
        .expect("tags")
        .into_iter()
        .map(|tag| (tag.theme_id, tag.origin, tag.confidence))
        .collect()
}

fn sorted(mut tags: Vec<(Uuid, Origin, Option<f64>)>) -> Vec<(Uuid, Origin, Option<f64>)> {
    tags.sort_by_key(|tag| tag.0);
    tags
}

#[tokio::test]
async fn new_suggestions_replace_the_earlier_ones() {
    let app = spawn_app().await;
    let idea = published_idea(&app, "Sykkelparkering ved stasjonen").await;
    let (traffic, climate, culture) = (
        add_theme(&app, "trafikk").await,
        add_theme(&app, "klima").await,
        add_theme(&app, "kultur").await,
    );

    tags::suggest(&app.db, idea, &[(traffic, 0.8), (climate, 0.4)])
        .await
        .expect("suggest");
    assert_eq!(
        stored_tags(&app, idea).await,
        sorted(vec![
            (traffic, Origin::Suggested, Some(0.8)),
            (climate, Origin::Suggested, Some(0.4)),
        ])
    );

    // The tagger runs again: only its newest view stays, confidence kept within 0..1.
    tags::suggest(&app.db, idea, &[(culture, 1.7)])
        .await
        .expect("suggest again");
    assert_eq!(
        stored_tags(&app, idea).await,
        vec![(culture, Origin::Suggested, Some(1.0))]
    );

    // No suggestions at all clears them.
    tags::suggest(&app.db, idea, &[])
        .await
        .expect("suggest none");
    assert!(stored_tags(&app, idea).await.is_empty());
}

#[tokio::test]
async fn a_suggestion_never_overrides_a_tag_a_person_set_or_confirmed() {
    let app = spawn_app().await;
    let idea = published_idea(&app, "Flere benker i sentrum").await;
    let (manual, confirmed, other) = (
        add_theme(&app, "byrom").await,
        add_theme(&app, "eldre").await,
        add_theme(&app, "natur").await,
    );
    tags::set_manual(&app.db, idea, &[manual])
        .await
        .expect("manual");
    tags::suggest(&app.db, idea, &[(confirmed, 0.6)])
        .await
        .expect("suggest");
    assert!(
        tags::confirm(&app.db, idea, confirmed)
            .await
            .expect("confirm")
    );

    // The tagger now suggests both again, and something new.
    tags::suggest(
        &app.db,
        idea,
        &[(manual, 0.3), (confirmed, 0.2), (other, 0.5)],
    )
    .await
    .expect("suggest again");
    let tags = stored_tags(&app, idea).await;
    let origin_of = |theme: Uuid| {
        tags.iter()
            .find(|tag| tag.0 == theme)
            .map(|tag| tag.1)
            .unwrap_or_else(|| panic!("a tag on {theme}"))
    };
    assert_eq!(tags.len(), 3);
    assert_eq!(origin_of(manual), Origin::Manual);
    assert_eq!(origin_of(confirmed), Origin::Confirmed);
    assert_eq!(origin_of(other), Origin::Suggested);

    // And a later run with no suggestions clears only the suggestion.
    tags::suggest(&app.db, idea, &[])
        .await
        .expect("suggest none");
    let left: Vec<(Uuid, Origin)> = stored_tags(&app, idea)
        .await
        .into_iter()
        .map(|tag| (tag.0, tag.1))
        .collect();
    let mut expected = vec![(manual, Origin::Manual), (confirmed, Origin::Confirmed)];
    expected.sort_by_key(|tag| tag.0);
    assert_eq!(left, expected);
}

#[tokio::test]
async fn confirming_turns_a_suggestion_into_a_confirmed_tag_and_only_a_suggestion() {
    let app = spawn_app().await;
    let idea = published_idea(&app, "Gangfelt ved skolen").await;
    let other_idea = published_idea(&app, "Fartsdumper i boligfeltet").await;
    let (safety, manual, untagged) = (
        add_theme(&app, "trygghet").await,
        add_theme(&app, "skole").await,
        add_theme(&app, "idrett").await,
    );
    tags::suggest(&app.db, idea, &[(safety, 0.9)])
        .await
        .expect("suggest");
    tags::suggest(&app.db, other_idea, &[(safety, 0.7)])
        .await
        .expect("suggest other");
    tags::set_manual(&app.db, idea, &[manual])
        .await
        .expect("manual");

    assert!(tags::confirm(&app.db, idea, safety).await.expect("confirm"));
    let tags = stored_tags(&app, idea).await;
    assert!(tags.contains(&(safety, Origin::Confirmed, Some(0.9))));
    assert_eq!(
        stored_tags(&app, other_idea).await,
        vec![(safety, Origin::Suggested, Some(0.7))],
        "the same theme on another input stays a suggestion"
    );

    // Nothing left to confirm: already confirmed, set by a person, or no tag at all.
    assert!(!tags::confirm(&app.db, idea, safety).await.expect("again"));
    assert!(!tags::confirm(&app.db, idea, manual).await.expect("manual"));
    assert!(!tags::confirm(&app.db, idea, untagged).await.expect("none"));
    assert!(
        !tags::confirm(&app.db, idea, Uuid::now_v7())
            .await
            .expect("unknown theme")
    );
    assert_eq!(stored_tags(&app, idea).await, tags, "nothing changed");
}

#[tokio::test]
async fn the_public_sees_only_tags_people_chose_on_active_themes_and_staff_see_every_tag() {
    let app = spawn_app().await;
    let idea = published_idea(&app, "Badeplass ved vannet").await;
    let untagged_idea = published_idea(&app, "Ingen temaer her").await;
    // Created in this order, so this is the facilitators' order too.
    let manual = add_theme(&app, "friluft").await;
    let confirmed = add_theme(&app, "folkehelse").await;
    let suggested = add_theme(&app, "turisme").await;
    let switched_off = add_theme(&app, "arrangement").await;

    tags::set_manual(&app.db, idea, &[manual, switched_off])
        .await
        .expect("manual");
    tags::suggest(&app.db, idea, &[(confirmed, 0.8), (suggested, 0.6)])
        .await
        .expect("suggest");
    assert!(
        tags::confirm(&app.db, idea, confirmed)
            .await
            .expect("confirm")
    );
    themes::set_active(&app.db, None, switched_off, false)
        .await
        .expect("switch off");

    let public = tags::public_themes_of(&app.db, &[idea, untagged_idea])
        .await
        .expect("public");
    let slugs: Vec<&str> = public[&idea].iter().map(|tag| tag.slug.as_str()).collect();
    assert_eq!(
        slugs,
        ["friluft", "folkehelse"],
        "people's tags, in theme order"
    );
    assert_eq!(public[&idea][0].name(Lang::Nb), "friluft");
    assert!(!public.contains_key(&untagged_idea));

    let staff = tags::tags_of(&app.db, &[idea, untagged_idea])
        .await
        .expect("staff");
    let seen: Vec<(&str, Origin, bool)> = staff[&idea]
        .iter()
        .map(|tag| (tag.theme.slug.as_str(), tag.origin, tag.is_public()))
        .collect();
    assert_eq!(
        seen,
        [
            ("friluft", Origin::Manual, true),
            ("folkehelse", Origin::Confirmed, true),
            ("turisme", Origin::Suggested, false),
            ("arrangement", Origin::Manual, false),
        ]
    );
    assert_eq!(staff[&idea][2].confidence, Some(0.6));
    assert!(!staff.contains_key(&untagged_idea));
    assert_eq!(
        tags::tags_of_one(&app.db, idea).await.expect("one"),
        staff[&idea]
    );
}

#[tokio::test]
async fn a_facilitator_keeps_a_ticked_confirmed_theme_and_removes_an_unticked_one() {
    use innspill::entities::input::Channel;
    use innspill::inputs::moderation::{self, Outcome};
    let app = spawn_app().await;
    let actor =
        crate::common::staff::create_user(&app, innspill::entities::user::Role::Facilitator)
            .await
            .id;
    let idea = published_idea(&app, "Hurtigladere ved kaia").await;
    let (kept, dropped) = (
        add_theme(&app, "energi").await,
        add_theme(&app, "reiseliv").await,
    );
    tags::suggest(&app.db, idea, &[(kept, 0.8), (dropped, 0.7)])
        .await
        .expect("suggest");
    for theme in [kept, dropped] {
        assert!(tags::confirm(&app.db, idea, theme).await.expect("confirm"));
    }

    // The form shows both ticked; the facilitator unticks one.
    let outcome = moderation::set_themes(&app.db, actor, Channel::Idea, idea, &[kept])
        .await
        .expect("set themes");
    assert_eq!(outcome, Outcome::Changed);
    assert_eq!(
        stored_tags(&app, idea).await,
        vec![(kept, Origin::Confirmed, Some(0.8))],
        "the ticked confirmed tag stays as it was, the unticked one goes"
    );
    let public = tags::public_themes_of(&app.db, &[idea])
        .await
        .expect("public");
    let slugs: Vec<&str> = public[&idea].iter().map(|t| t.slug.as_str()).collect();
    assert_eq!(slugs, ["energi"]);
}
