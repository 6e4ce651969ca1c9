//! The reading rules, one by one, on questions built in memory.

use chrono::Utc;
use uuid::Uuid;

use super::*;
use crate::surveys::model::Choice;

fn question(code: &str, kind: Kind, required: bool) -> Question {
    Question {
        id: Uuid::now_v7(),
        section_id: Uuid::nil(),
        position: 1,
        code: code.into(),
        kind,
        prompt: "?".into(),
        help: None,
        required,
        options: ["a", "b", "c"]
            .into_iter()
            .map(|code| Choice {
                code: code.into(),
                label: code.to_uppercase(),
                hidden: code == "c",
            })
            .collect(),
        allow_other: true,
        scale_low: None,
        scale_high: None,
        min_value: Some(0.0),
        max_value: Some(100.0),
        role: None,
        as_input: false,
        hidden: false,
    }
}

fn themes(slugs: &[&str]) -> Vec<theme::Model> {
    slugs
        .iter()
        .enumerate()
        .map(|(i, slug)| theme::Model {
            id: Uuid::now_v7(),
            slug: (*slug).into(),
            name_nb: (*slug).into(),
            name_nn: (*slug).into(),
            name_en: (*slug).into(),
            description: String::new(),
            keywords: String::new(),
            colour: "#000000".into(),
            position: i as i32,
            active: true,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        })
        .collect()
}

fn raw(pairs: &[(&str, &str)]) -> Raw {
    Raw(pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect())
}

fn one(
    q: &Question,
    themes: &[theme::Model],
    pairs: &[(&str, &str)],
) -> (Option<Answer>, Vec<&'static str>) {
    let (answers, errors) = read(&[q], themes, &raw(pairs));
    (
        answers.get(&q.id).cloned(),
        errors.into_iter().map(|e| e.key).collect(),
    )
}

#[test]
fn choices_take_visible_codes_and_an_other_text() {
    let single = question("q1", Kind::SingleChoice, true);
    assert_eq!(
        one(&single, &[], &[("q1", "b")]).0,
        Some(Answer::Choice {
            code: "b".into(),
            other: None
        })
    );
    // A hidden option is no longer offered.
    assert_eq!(
        one(&single, &[], &[("q1", "c")]).1,
        ["surveys.answer.choice"]
    );
    assert_eq!(one(&single, &[], &[]).1, ["surveys.answer.required"]);
    assert_eq!(
        one(&single, &[], &[("q1", "other")]).1,
        ["surveys.answer.other_empty"]
    );
    assert_eq!(
        one(&single, &[], &[("q1", "other"), ("q1_other", "Fiske")]).0,
        Some(Answer::Choice {
            code: "other".into(),
            other: Some("Fiske".into())
        })
    );

    let multiple = question("q2", Kind::MultipleChoice, false);
    assert_eq!(
        one(
            &multiple,
            &[],
            &[("q2", "b"), ("q2", "a"), ("q2_other", "Havn")]
        )
        .0,
        Some(Answer::Choices {
            codes: vec!["a".into(), "b".into()],
            other: Some("Havn".into())
        })
    );
    assert_eq!(one(&multiple, &[], &[]), (None, vec![]));
    assert_eq!(
        one(&multiple, &[], &[("q2", "x")]).1,
        ["surveys.answer.choice"]
    );
}

#[test]
fn numbers_take_a_decimal_comma_and_stay_in_range() {
    let number = question("q3", Kind::Number, false);
    assert_eq!(
        one(&number, &[], &[("q3", "2,5")]).0,
        Some(Answer::Number(2.5))
    );
    assert_eq!(
        one(&number, &[], &[("q3", "1 000")]).1,
        ["surveys.answer.number_range"]
    );
    assert_eq!(
        one(&number, &[], &[("q3", "mange")]).1,
        ["surveys.answer.number"]
    );
    assert_eq!(
        one(&number, &[], &[("q3", "NaN")]).1,
        ["surveys.answer.number_range"]
    );
    let likert = question("q4", Kind::Likert, false);
    assert_eq!(one(&likert, &[], &[("q4", "5")]).0, Some(Answer::Scale(5)));
    assert_eq!(
        one(&likert, &[], &[("q4", "6")]).1,
        ["surveys.answer.scale"]
    );
}

#[test]
fn rankings_read_one_two_three_without_gaps_or_ties() {
    let themes = themes(&["a", "b", "c"]);
    let ranking = question("q5", Kind::ThemeRanking, false);
    assert_eq!(
        one(&ranking, &themes, &[("q5.c", "1"), ("q5.a", "2")]).0,
        Some(Answer::Ranking(vec![themes[2].id, themes[0].id]))
    );
    for bad in [
        &[("q5.a", "1"), ("q5.b", "1")][..],
        &[("q5.a", "2")][..],
        &[("q5.a", "1"), ("q5.b", "3")][..],
    ] {
        assert_eq!(
            one(&ranking, &themes, bad).1,
            ["surveys.answer.ranking"],
            "{bad:?}"
        );
    }
    assert_eq!(
        one(&ranking, &themes, &[("q5.a", "4")]).1,
        ["surveys.answer.rank"]
    );
}

#[test]
fn a_required_importance_question_rates_every_theme() {
    let themes = themes(&["a", "b"]);
    let importance = question("q6", Kind::ThemeImportance, true);
    assert_eq!(
        one(&importance, &themes, &[("q6.a", "4")]).1,
        ["surveys.answer.every_theme"]
    );
    let (answer, errors) = one(&importance, &themes, &[("q6.a", "4"), ("q6.b", "1")]);
    assert!(errors.is_empty());
    let Some(Answer::Themes(rated)) = answer else {
        panic!("rated");
    };
    assert_eq!(rated.get(&themes[0].id), Some(&4));
    // What was read shows again as the same form values.
    let importance_ref = &importance;
    let mut answers = Answers::new();
    answers.insert(importance.id, Answer::Themes(rated));
    let shown = to_raw(&[importance_ref], &themes, &answers);
    assert_eq!(shown.value("q6.b"), "1");
}

#[test]
fn texts_have_a_length_limit_and_field_names_map_to_codes() {
    let short = question("q7", Kind::ShortText, false);
    let long = "x".repeat(SHORT_MAX + 1);
    assert_eq!(
        one(&short, &[], &[("q7", &long)]).1,
        ["surveys.answer.too_long"]
    );
    assert_eq!(question_code("q12.reiseliv"), Some("q12"));
    assert_eq!(question_code("q12_other"), Some("q12"));
    assert_eq!(question_code("csrf_token"), None);
    assert_eq!(question_code("q"), None);
}
