//! The command line: help, first start, migrate, creating users.

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use innspill::admin::password;
use innspill::entities::user::{self, Role};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::common::TestDatabase;
use crate::common::binary::{BIN, Server, command};

#[test]
fn help_lists_the_subcommands_and_every_environment_variable() {
    let output = std::process::Command::new(BIN)
        .arg("--help")
        .output()
        .expect("run --help");
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).expect("utf-8");
    for expected in [
        "serve",
        "migrate",
        "admin",
        "--bind",
        "INNSPILL_BIND",
        "127.0.0.1:8080",
        "--database-url",
        "DATABASE_URL",
        "--data-dir",
        "INNSPILL_DATA_DIR",
        "INNSPILL_SMTP_URL",
        "INNSPILL_PUBLIC_URL",
    ] {
        assert!(help.contains(expected), "--help lacks {expected}:\n{help}");
    }

    let output = std::process::Command::new(BIN)
        .args(["admin", "create-user", "--help"])
        .output()
        .expect("run create-user --help");
    let help = String::from_utf8(output.stdout).expect("utf-8");
    for expected in [
        "--email",
        "--name",
        "--role",
        "admin",
        "facilitator",
        "observer",
        "standard input",
    ] {
        assert!(
            help.contains(expected),
            "create-user --help lacks {expected}:\n{help}"
        );
    }
}

#[test]
fn help_never_prints_secret_values_from_the_environment() {
    let output = std::process::Command::new(BIN)
        .arg("--help")
        .env(
            "INNSPILL_SMTP_URL",
            "smtps://user:hunter2-secret@mail.example:465",
        )
        .env("DATABASE_URL", "postgres://u:db-secret@localhost/x")
        .output()
        .expect("run --help");
    let help = String::from_utf8(output.stdout).expect("utf-8");
    assert!(
        !help.contains("hunter2-secret") && !help.contains("db-secret"),
        "{help}"
    );
}

#[tokio::test]
async fn first_start_creates_one_admin_and_prints_the_password_once() {
    let database = TestDatabase::create().await;

    let server = Server::start(&database.url, database.data_dir());
    let printed = server.stdout_lines.join("\n");
    let password = server
        .stdout_lines
        .iter()
        .find_map(|line| line.trim().strip_prefix("password:"))
        .map(|p| p.trim().to_owned())
        .unwrap_or_else(|| panic!("no password printed:\n{printed}"));
    assert!(printed.contains("admin@example.org"), "{printed}");
    assert!(printed.contains("/admin/login"), "{printed}");
    server.terminate();
    let (clean, _) = server.wait_for_exit(Duration::from_secs(40));
    assert!(clean);

    let db = innspill::db::connect(&database.url).await.expect("connect");
    let admins = user::Entity::find().all(&db).await.expect("users");
    assert_eq!(admins.len(), 1);
    assert_eq!(admins[0].role, Role::Admin);
    assert_eq!(admins[0].email, "admin@example.org");
    assert!(admins[0].password_hash.starts_with("$argon2id$"));
    assert!(password::verify(&admins[0].password_hash, &password));

    // A second start finds a user and creates nothing.
    let server = Server::start(&database.url, database.data_dir());
    let printed = server.stdout_lines.join("\n");
    assert!(!printed.contains("password"), "{printed}");
    drop(server);
    assert_eq!(user::Entity::find().all(&db).await.expect("users").len(), 1);
}

#[tokio::test]
async fn migrate_creates_the_schema_and_is_idempotent() {
    let database = TestDatabase::create().await;
    for _ in 0..2 {
        let output = command(&database.url, database.data_dir())
            .arg("migrate")
            .output()
            .expect("run migrate");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let db = innspill::db::connect(&database.url).await.expect("connect");
    assert_eq!(
        user::Entity::find()
            .all(&db)
            .await
            .expect("users table")
            .len(),
        0
    );
}

#[tokio::test]
async fn create_user_reads_the_password_from_stdin() {
    let database = TestDatabase::create().await;
    let mut child = command(&database.url, database.data_dir())
        .args([
            "admin",
            "create-user",
            "--email",
            "Kari@Kommune.no",
            "--name",
            "Kari Nordmann",
            "--role",
            "observer",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run create-user");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"et langt og godt passord\n")
        .expect("write password");
    let output = child.wait_with_output().expect("wait");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        !stdout.contains("et langt og godt passord"),
        "a piped password is not echoed"
    );

    let db = innspill::db::connect(&database.url).await.expect("connect");
    let kari = user::Entity::find()
        .filter(user::Column::Email.eq("kari@kommune.no"))
        .one(&db)
        .await
        .expect("query")
        .expect("user stored with a normalised e-mail");
    assert_eq!(kari.role, Role::Observer);
    assert!(password::verify(
        &kari.password_hash,
        "et langt og godt passord"
    ));
}

#[tokio::test]
async fn create_user_generates_a_password_and_refuses_bad_input() {
    let database = TestDatabase::create().await;
    let output = command(&database.url, database.data_dir())
        .args([
            "admin",
            "create-user",
            "--email",
            "ola@kommune.no",
            "--name",
            "Ola",
        ])
        .stdin(Stdio::null())
        .output()
        .expect("run create-user");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let password = stdout
        .lines()
        .find_map(|line| line.strip_prefix("Password (shown once): "))
        .expect("generated password printed")
        .to_owned();

    let db = innspill::db::connect(&database.url).await.expect("connect");
    let ola = user::Entity::find()
        .filter(user::Column::Email.eq("ola@kommune.no"))
        .one(&db)
        .await
        .expect("query")
        .expect("stored");
    assert_eq!(ola.role, Role::Facilitator);
    assert!(password::verify(&ola.password_hash, &password));

    // The same e-mail again, a bad e-mail, a short password: all refused, nothing stored.
    let cases: [(&[&str], &[u8]); 3] = [
        (&["--email", "ola@kommune.no", "--name", "Ola 2"], b""),
        (&["--email", "not-an-email", "--name", "X"], b""),
        (&["--email", "per@kommune.no", "--name", "Per"], b"short\n"),
    ];
    for (args, stdin) in cases {
        let mut child = command(&database.url, database.data_dir())
            .args(["admin", "create-user"])
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin)
            .expect("write");
        let output = child.wait_with_output().expect("wait");
        assert!(!output.status.success(), "{args:?} should fail");
        assert!(!String::from_utf8_lossy(&output.stderr).trim().is_empty());
    }
    assert_eq!(user::Entity::find().all(&db).await.expect("users").len(), 1);
}
