//! The row lock every channel shares (`inputs::lock`): two transactions that
//! read, wait and write the same input do not lose an update, on SQLite and
//! on PostgreSQL alike, and locking several inputs cannot deadlock.

use std::sync::Arc;
use std::time::Duration;

use innspill::entities::input::{self, Channel};
use innspill::error::AppError;
use innspill::inputs::lock::{lock_input, lock_inputs};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};
use tokio::sync::Barrier;
use uuid::Uuid;

use crate::common::{published_idea, spawn_app};

/// How long a transaction holds its lock while "thinking": long enough that
/// the other task is surely waiting on the lock by the time this one writes.
const HOLD: Duration = Duration::from_millis(300);

async fn support_count(db: &DatabaseConnection, id: Uuid) -> i32 {
    input::Entity::find_by_id(id)
        .one(db)
        .await
        .expect("read")
        .expect("input")
        .support_count
}

/// Locks the idea, reads its count, waits, writes count + 1 and commits.
async fn add_one_under_lock(
    db: DatabaseConnection,
    id: Uuid,
    start: Arc<Barrier>,
) -> Result<(), AppError> {
    start.wait().await;
    let txn = db.begin().await?;
    let locked = lock_input(&txn, Channel::Idea, id).await?;
    tokio::time::sleep(HOLD).await;
    input::Entity::update_many()
        .col_expr(
            input::Column::SupportCount,
            Expr::value(locked.support_count + 1),
        )
        .filter(input::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

#[tokio::test]
async fn two_transactions_that_read_then_write_one_input_under_the_lock_lose_no_update() {
    let app = spawn_app().await;
    let id = published_idea(&app, "Lys i lysløypa").await;
    assert_eq!(support_count(&app.db, id).await, 0);

    let start = Arc::new(Barrier::new(2));
    let first = tokio::spawn(add_one_under_lock(app.db.clone(), id, start.clone()));
    let second = tokio::spawn(add_one_under_lock(app.db.clone(), id, start));
    let (first, second) = tokio::time::timeout(Duration::from_secs(20), async {
        (first.await, second.await)
    })
    .await
    .expect("both finish");
    first.expect("task").expect("first transaction");
    second.expect("task").expect("second transaction");

    // Without the lock both would read 0: PostgreSQL would store 1, SQLite
    // would refuse the second commit.
    assert_eq!(support_count(&app.db, id).await, 2);
}

/// Locks `ids` in the order given (the helper sorts them), holds, commits.
async fn lock_and_hold(
    db: DatabaseConnection,
    ids: Vec<Uuid>,
    start: Arc<Barrier>,
) -> Result<usize, AppError> {
    start.wait().await;
    let txn = db.begin().await?;
    let locked = lock_inputs(&txn, Channel::Idea, &ids).await?;
    tokio::time::sleep(Duration::from_millis(100)).await;
    txn.commit().await?;
    Ok(locked.len())
}

// Two worker threads, so the transactions really run side by side: locking
// in the order given, about half the rounds deadlock on PostgreSQL (SQLite has
// one write lock, so it cannot deadlock this way).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_transactions_locking_the_same_pair_in_opposite_order_do_not_deadlock() {
    let app = spawn_app().await;
    let a = published_idea(&app, "Benk ved bussholdeplassen").await;
    let b = published_idea(&app, "Søppelkasser i parken").await;
    // Enough rounds that an unlucky interleaving would surely show up.
    for round in 0..10 {
        let start = Arc::new(Barrier::new(2));
        let forwards = tokio::spawn(lock_and_hold(app.db.clone(), vec![a, b], start.clone()));
        let backwards = tokio::spawn(lock_and_hold(app.db.clone(), vec![b, a], start));
        let (forwards, backwards) = tokio::time::timeout(Duration::from_secs(20), async {
            (forwards.await, backwards.await)
        })
        .await
        .unwrap_or_else(|_| panic!("round {round}: both finish within 20 s"));
        assert_eq!(
            forwards.expect("task").expect("forwards"),
            2,
            "round {round}"
        );
        assert_eq!(
            backwards.expect("task").expect("backwards"),
            2,
            "round {round}"
        );
    }
}

#[tokio::test]
async fn inputs_of_another_channel_and_unknown_ids_are_missing_from_what_is_locked() {
    let app = spawn_app().await;
    let idea = published_idea(&app, "Gatelys i Storgata").await;
    let survey_answer = published_idea(&app, "Svar fra spørreundersøkelsen").await;
    input::Entity::update_many()
        .col_expr(input::Column::Channel, Expr::value(Channel::Survey))
        .filter(input::Column::Id.eq(survey_answer))
        .exec(&app.db)
        .await
        .expect("make it a survey answer");
    let unknown = Uuid::now_v7();

    let txn = app.db.begin().await.expect("begin");
    let locked = lock_inputs(&txn, Channel::Idea, &[unknown, survey_answer, idea, idea])
        .await
        .expect("lock");
    assert_eq!(
        locked.iter().map(|row| row.id).collect::<Vec<_>>(),
        vec![idea],
        "only the idea, once"
    );
    assert!(matches!(
        lock_input(&txn, Channel::Idea, survey_answer).await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        lock_input(&txn, Channel::Idea, unknown).await,
        Err(AppError::NotFound)
    ));
    let survey = lock_input(&txn, Channel::Survey, survey_answer)
        .await
        .expect("a survey answer is found in its own channel");
    assert_eq!(survey.id, survey_answer);
    txn.commit().await.expect("commit");
}
