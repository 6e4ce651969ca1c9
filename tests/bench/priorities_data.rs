//! The priorities benchmark's database: the demo's ideas, made into 12
//! active themes, with data behind every criterion of the ranking. Rows
//! other than the demo's go in straight, in bulk, as the services would
//! store them (the services write one row and one audit entry at a time).

use std::collections::HashMap;

use chrono::{Duration as Span, Utc};
use innspill::entities::input::{self, Channel};
use innspill::entities::input_theme::{self, Origin};
use innspill::entities::pairwise_vote::{self, Outcome};
use innspill::entities::{
    business, business_theme, priority_assessment, survey_response, theme, user, workshop_note,
};
use innspill::priorities::pairwise::service::options;
use innspill::surveys::model::{Answer, Answers, Kind, SurveyStatus};
use innspill::surveys::service::{self, builder, templates};
use innspill::web::Lang;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, QuerySelect, TransactionTrait,
};
use uuid::Uuid;

#[allow(dead_code)]
#[path = "../common/seed.rs"]
mod seed;

/// How many themes the ranking weighs: the target.
pub const THEMES: usize = 12;
pub const ASSESSORS: usize = 3;
pub const VOTES: usize = 5_000;
pub const BUSINESSES: usize = 120;
pub const WORKSHOP_NOTES: usize = 2_000;
pub const SURVEY_RESPONSES: usize = 2_000;

/// The demo has eight themes; these four make the twelve.
const EXTRA: [&str; 4] = ["energi", "bolig", "kultur", "digitalisering"];

/// A small, fixed pseudo-random sequence: the same data every run.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// 1–5, leaning to the upper middle.
    fn point(&mut self) -> u8 {
        [1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5][self.below(12)]
    }
}

/// What went in, for the printout.
pub struct Filled {
    pub inputs: u64,
    pub tags: u64,
    /// The demo's pairwise votes and this module's.
    pub votes: u64,
    pub themes: usize,
}

pub async fn fill(db: &DatabaseConnection, ideas: usize) -> Filled {
    let report = innspill::demo::load(
        db,
        &innspill::demo::Options {
            ideas: Some(ideas),
            seed: Some(14),
            ..Default::default()
        },
    )
    .await
    .expect("demo");
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let themes = twelve_themes(db, &mut rng).await;
    workshop(db, &mut rng).await;
    businesses(db, &themes, &mut rng).await;
    assessments(db, &themes, &mut rng).await;
    votes(db, &mut rng).await;
    survey(db, &mut rng).await;
    db.execute_unprepared("ANALYZE").await.expect("analyze");
    let tags = input_theme::Entity::find()
        .filter(input_theme::Column::Origin.is_in([Origin::Confirmed, Origin::Manual]))
        .count(db)
        .await
        .expect("count");
    Filled {
        inputs: report.ideas as u64,
        tags,
        votes: pairwise_vote::Entity::find()
            .count(db)
            .await
            .expect("votes"),
        themes: themes.len(),
    }
}

/// Adds the four extra themes, tags about one idea in six with one of them
/// (as a person would: `manual`), and returns the twelve active ids.
async fn twelve_themes(db: &DatabaseConnection, rng: &mut Rng) -> Vec<Uuid> {
    let now = Utc::now();
    let existing = innspill::themes::service::list_active(db)
        .await
        .expect("themes")
        .len();
    for (i, slug) in EXTRA.into_iter().enumerate() {
        theme::Entity::insert(theme::ActiveModel {
            id: Set(Uuid::now_v7()),
            slug: Set(slug.into()),
            name_nb: Set(slug.into()),
            name_nn: Set(slug.into()),
            name_en: Set(slug.into()),
            description: Set(String::new()),
            keywords: Set(String::new()),
            colour: Set("#1f4e8c".into()),
            position: Set((existing + i) as i32 + 1),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        })
        .exec_without_returning(db)
        .await
        .expect("theme");
    }
    let all = innspill::themes::service::list_active(db)
        .await
        .expect("themes");
    assert_eq!(all.len(), THEMES, "the demo's themes changed");
    let extra: Vec<Uuid> = all
        .iter()
        .filter(|t| EXTRA.contains(&t.slug.as_str()))
        .map(|t| t.id)
        .collect();
    let inputs: Vec<Uuid> = input::Entity::find()
        .select_only()
        .column(input::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .expect("inputs");
    let mut tags = Vec::new();
    for &id in &inputs {
        if rng.below(6) == 0 {
            tags.push(input_theme::ActiveModel {
                input_id: Set(id),
                theme_id: Set(extra[rng.below(extra.len())]),
                origin: Set(Origin::Manual),
                confidence: Set(None),
                created_at: Set(now),
            });
        }
    }
    insert(db, tags, 5_000).await;
    all.iter().map(|t| t.id).collect()
}

/// Makes some ideas workshop notes of one event, with dot votes.
async fn workshop(db: &DatabaseConnection, rng: &mut Rng) {
    let event_id = seed::a_workshop(db).await;
    let ids: Vec<Uuid> = input::Entity::find()
        .select_only()
        .column(input::Column::Id)
        .limit(WORKSHOP_NOTES as u64)
        .into_tuple()
        .all(db)
        .await
        .expect("inputs");
    for chunk in ids.chunks(500) {
        input::Entity::update_many()
            .col_expr(input::Column::Channel, Expr::value(Channel::Workshop))
            .filter(input::Column::Id.is_in(chunk.iter().copied()))
            .exec(db)
            .await
            .expect("channel");
    }
    let notes = ids
        .iter()
        .map(|&id| workshop_note::ActiveModel {
            input_id: Set(id),
            event_id: Set(event_id),
            table_id: Set(None),
            votes: Set(rng.below(6) as i32),
        })
        .collect();
    insert(db, notes, 5_000).await;
}

async fn businesses(db: &DatabaseConnection, themes: &[Uuid], rng: &mut Rng) {
    let now = Utc::now();
    let mut rows = Vec::new();
    let mut links = Vec::new();
    for i in 0..BUSINESSES {
        let id = Uuid::now_v7();
        let numbered = rng.below(3) > 0;
        rows.push(business::ActiveModel {
            id: Set(id),
            org_number: Set(format!("{}", 900_000_000 + i)),
            name: Set(format!("Bedrift {i}")),
            industry: Set("C".into()),
            employees: Set(numbered.then(|| 1 + rng.below(200) as i32)),
            size_band: Set((!numbered).then(|| "10-49".into())),
            preferred_format: Set(business::Format::Video),
            message: Set(None),
            status: Set(if i % 10 == 0 {
                business::Status::Declined
            } else {
                business::Status::Registered
            }),
            wants_contact: Set(false),
            contact_id: Set(None),
            language: Set("nb".into()),
            private_token_hash: Set(format!("{:064x}", rng.next())),
            idempotency_key: Set(None),
            calendar_sequence: Set(0),
            consent_at: Set(now),
            created_at: Set(now),
            updated_at: Set(now),
        });
        let mut chosen: Vec<Uuid> = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let t = themes[rng.below(themes.len())];
            if !chosen.contains(&t) {
                chosen.push(t);
                links.push(business_theme::ActiveModel {
                    business_id: Set(id),
                    theme_id: Set(t),
                });
            }
        }
    }
    insert(db, rows, 500).await;
    insert(db, links, 5_000).await;
}

/// Three assessors score every theme.
async fn assessments(db: &DatabaseConnection, themes: &[Uuid], rng: &mut Rng) {
    let now = Utc::now();
    for a in 0..ASSESSORS {
        let user_id = Uuid::now_v7();
        user::ActiveModel {
            id: Set(user_id),
            email: Set(format!("vurderer{a}@example.no")),
            name: Set(format!("Vurderer {a}")),
            role: Set(user::Role::Facilitator),
            // No one signs in; hashing a password is not what is measured.
            password_hash: Set("-".into()),
            disabled: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            session_epoch: Set(0),
        }
        .insert(db)
        .await
        .expect("user");
        let rows = themes
            .iter()
            .map(|&theme_id| priority_assessment::ActiveModel {
                id: Set(Uuid::now_v7()),
                user_id: Set(user_id),
                theme_id: Set(theme_id),
                jobs: Set(i16::from(rng.point())),
                robustness: Set(i16::from(rng.point())),
                development: Set(i16::from(rng.point())),
                feasibility: Set(i16::from(rng.point())),
                advantage: Set(i16::from(rng.point())),
                rationale: Set("Vurdert ut fra innspillene og næringsstrukturen.".into()),
                created_at: Set(now),
                updated_at: Set(now),
            })
            .collect();
        insert(db, rows, 500).await;
    }
}

/// Random pairs of the options shown, from 500 browsers, the winner leaning
/// to a hidden strength so the fit has something to find.
async fn votes(db: &DatabaseConnection, rng: &mut Rng) {
    let shown = options::shown(db, Lang::Nb).await.expect("options");
    let strength: HashMap<Uuid, usize> = shown
        .iter()
        .enumerate()
        .map(|(i, o)| (o.id, i % 5 + 1))
        .collect();
    let now = Utc::now();
    let rows = (0..VOTES)
        .map(|i| {
            let left = shown[rng.below(shown.len())].id;
            let mut right = shown[rng.below(shown.len())].id;
            while right == left {
                right = shown[rng.below(shown.len())].id;
            }
            let (l, r) = (strength[&left], strength[&right]);
            let outcome = match rng.below(10 * (l + r)) {
                x if x < l + r => Outcome::Skip,
                x if x < l + r + 9 * l => Outcome::Left,
                _ => Outcome::Right,
            };
            pairwise_vote::ActiveModel {
                id: Set(Uuid::now_v7()),
                stream_hash: Set(format!("{:064x}", i % 500)),
                left_id: Set(left),
                right_id: Set(right),
                outcome: Set(outcome),
                language: Set("nb".into()),
                created_at: Set(now - Span::seconds(i as i64)),
            }
        })
        .collect();
    insert(db, rows, 2_000).await;
}

/// The business survey, published, with answers to its theme questions.
async fn survey(db: &DatabaseConnection, rng: &mut Rng) {
    let id = templates::create_from(db, None, templates::Template::Business)
        .await
        .expect("template");
    builder::set_status(db, None, id, SurveyStatus::Published)
        .await
        .expect("publish")
        .expect("published");
    let survey = service::get(db, id).await.expect("load").expect("survey");
    let themes = innspill::surveys::results::read::theme_refs(db, Lang::Nb)
        .await
        .expect("themes");
    let now = Utc::now();
    let rows = (0..SURVEY_RESPONSES)
        .map(|i| {
            let mut answers = Answers::new();
            for q in survey.asked() {
                let answer = match q.kind {
                    Kind::ThemeImportance => {
                        Answer::Themes(themes.iter().map(|t| (t.id, rng.point())).collect())
                    }
                    Kind::ThemeRanking => {
                        let mut order: Vec<Uuid> = themes.iter().map(|t| t.id).collect();
                        for i in (1..order.len()).rev() {
                            order.swap(i, rng.below(i + 1));
                        }
                        order.truncate(3);
                        Answer::Ranking(order)
                    }
                    Kind::Likert => Answer::Scale(rng.point()),
                    _ => continue,
                };
                answers.insert(q.id, answer);
            }
            survey_response::ActiveModel {
                id: Set(Uuid::now_v7()),
                survey_id: Set(id),
                answers: Set(serde_json::to_string(&answers).expect("json")),
                stakeholder_group: Set(None),
                language: Set("nb".into()),
                kiosk: Set(false),
                idempotency_key: Set(None),
                submitted_at: Set(now - Span::seconds(i as i64 * 60)),
            }
        })
        .collect();
    insert(db, rows, 500).await;
}

/// Inserts `rows` in one transaction, `per` to a statement.
async fn insert<A>(db: &DatabaseConnection, rows: Vec<A>, per: usize)
where
    A: ActiveModelTrait + Send + Clone,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let txn = db.begin().await.expect("begin");
    for chunk in rows.chunks(per) {
        A::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await
            .expect("insert");
    }
    txn.commit().await.expect("commit");
}
