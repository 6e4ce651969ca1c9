//! Several instances on one database, as behind a load balancer.

use std::time::Duration;

use crate::common::TestDatabase;
use crate::common::binary::Server;

/// A rolling deploy starts replicas at the same moment on a database with
/// pending migrations; the migrations run once and every replica serves.
#[tokio::test]
async fn two_instances_started_together_on_a_fresh_database_both_migrate_and_serve() {
    let database = TestDatabase::create().await;
    let url = database.url.clone();
    let starters: Vec<_> = (0..2)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let data = tempfile::tempdir().expect("data dir");
                let server = Server::start(&url, data.path());
                (server, data)
            })
        })
        .collect();
    let servers: Vec<_> = starters
        .into_iter()
        .map(|starter| starter.join().expect("both instances start"))
        .collect();

    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("client");
    for (server, _) in &servers {
        let health = client
            .get(format!("{}/health", server.address))
            .send()
            .await
            .expect("health");
        assert_eq!(health.status(), 200, "{}", server.address);
        let page = client
            .get(format!("{}/ideer", server.address))
            .send()
            .await
            .expect("ideas");
        assert_eq!(page.status(), 200, "{}", server.address);
    }
    // One admin, however many instances raced to create it.
    let printed: usize = servers
        .iter()
        .filter(|(server, _)| {
            server
                .stdout_lines
                .iter()
                .any(|line| line.contains("password:"))
        })
        .count();
    assert_eq!(printed, 1, "the first admin is created once");
}
