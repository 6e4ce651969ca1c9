//! Stopping: SIGTERM lets the request in flight finish, then the process exits 0.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

use crate::common::TestDatabase;
use crate::common::binary::Server;

/// Holds a lock that makes every read of the settings table wait, so a page
/// request stays in flight for as long as the test wants. Only PostgreSQL can:
/// SQLite in WAL mode never blocks a reader while other connections are open,
/// so on SQLite the request completes before the signal (the PostgreSQL run
/// of the suite covers the in-flight case).
async fn block_reads(database: &TestDatabase) -> Option<DatabaseConnection> {
    if !database.is_postgres() {
        return None;
    }
    let mut options = ConnectOptions::new(database.url.clone());
    options.max_connections(1).min_connections(1);
    let conn = Database::connect(options).await.expect("connect");
    for statement in [
        "BEGIN",
        "LOCK TABLE programme_settings IN ACCESS EXCLUSIVE MODE",
    ] {
        conn.execute_unprepared(statement).await.expect(statement);
    }
    Some(conn)
}

#[tokio::test]
async fn sigterm_finishes_the_request_in_flight_and_exits_cleanly() {
    let database = TestDatabase::create().await;
    let server = Server::start(&database.url, database.data_dir());
    let host = server.address.trim_start_matches("http://").to_owned();

    let lock = block_reads(&database).await;
    let mut stream = TcpStream::connect(&host).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .expect("send request");
    // The handler is now waiting for the database.
    tokio::time::sleep(Duration::from_millis(400)).await;

    server.terminate();
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(
        TcpStream::connect_timeout(&host.parse().expect("address"), Duration::from_secs(2))
            .is_err(),
        "no new connections are taken after SIGTERM"
    );

    if let Some(lock) = lock {
        // Proof that the request really is still in flight: nothing answered yet.
        stream.set_nonblocking(true).expect("non-blocking");
        let pending = stream.peek(&mut [0u8; 1]);
        assert!(
            matches!(&pending, Err(err) if err.kind() == std::io::ErrorKind::WouldBlock),
            "the page should still be waiting for the database: {pending:?}"
        );
        stream.set_nonblocking(false).expect("blocking");
        lock.close().await.expect("release the lock");
    }
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read response");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains("</html>"), "the whole page arrives");

    let (clean, _) = server.wait_for_exit(Duration::from_secs(40));
    assert!(clean, "exit status 0 after SIGTERM");
}
