//! A transaction that reads and then writes while another connection
//! commits in between, as two requests do on a busy server.

use std::time::Duration;

use innspill::audit::service::{Entry, record};
use innspill::entities::audit_log;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::common::TestDatabase;

#[tokio::test]
async fn a_transaction_that_reads_then_writes_survives_another_commit_in_between() {
    let database = TestDatabase::create().await;
    let db = innspill::db::connect(&database.url).await.expect("connect");
    innspill::db::migrate(&db).await.expect("migrate");

    let txn = innspill::db::begin(&db).await.expect("begin");
    // The read pins the transaction's view of the database.
    let before = audit_log::Entity::find().count(&txn).await.expect("count");
    let other = tokio::spawn({
        let db = db.clone();
        async move { record(&db, Entry::new(None, "test.other")).await }
    });
    // Time for the other writer to commit, if it is let through.
    tokio::time::sleep(Duration::from_millis(300)).await;
    record(&txn, Entry::new(None, "test.first"))
        .await
        .expect("the write after the read goes through");
    txn.commit().await.expect("commit");
    other
        .await
        .expect("join")
        .expect("the other writer waits its turn and goes through");

    let after = audit_log::Entity::find().count(&db).await.expect("count");
    assert_eq!(after, before + 2);
    // Nested use still works as a savepoint.
    let outer = innspill::db::begin(&db).await.expect("outer");
    let inner = innspill::db::begin(&outer).await.expect("inner");
    record(&inner, Entry::new(None, "test.inner"))
        .await
        .expect("write");
    inner.rollback().await.expect("rollback inner");
    outer.commit().await.expect("commit outer");
    let last = audit_log::Entity::find().count(&db).await.expect("count");
    assert_eq!(last, after, "the rolled-back savepoint left nothing");
}
