//! Runs the real `innspill` binary, for what only a process shows: the command
//! line, start-up output and signals.

use std::io::{BufRead, BufReader};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_innspill");

pub fn command(database_url: &str, data_dir: &std::path::Path) -> Command {
    let mut command = Command::new(BIN);
    command
        .env_remove("INNSPILL_BIND")
        .env_remove("INNSPILL_PUBLIC_URL")
        .env_remove("INNSPILL_SMTP_URL")
        .env("DATABASE_URL", database_url)
        .env("INNSPILL_DATA_DIR", data_dir)
        .env("RUST_LOG", "warn");
    command
}

/// A server process and the lines it has printed so far.
pub struct Server {
    pub child: Child,
    pub address: String,
    pub stdout_lines: Vec<String>,
    lines: mpsc::Receiver<String>,
}

impl Server {
    /// Starts `serve` on a random port and waits for it to say where it listens.
    // The child is reaped by `Drop` once it is inside a `Server`; before that,
    // a panic ends the test process anyway.
    #[allow(clippy::zombie_processes)]
    pub fn start(database_url: &str, data_dir: &std::path::Path) -> Server {
        let mut child = command(database_url, data_dir)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start innspill");
        let lines = forward_lines(child.stdout.take().expect("stdout"));
        let mut stdout_lines = Vec::new();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            let line = lines
                .recv_timeout(remaining)
                .expect("innspill printed where it listens");
            stdout_lines.push(line.clone());
            if let Some(url) = line.strip_prefix("innspill is listening on ") {
                let address = url.trim_end_matches('/').to_owned();
                return Server {
                    child,
                    address,
                    stdout_lines,
                    lines,
                };
            }
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends SIGTERM, as a service manager or container runtime stops a process.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success());
    }

    /// Waits for the process to exit and returns whether it exited with 0.
    pub fn wait_for_exit(mut self, timeout: Duration) -> (bool, Vec<String>) {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                let rest: Vec<String> = self.lines.try_iter().collect();
                self.stdout_lines.extend(rest);
                return (status.success(), std::mem::take(&mut self.stdout_lines));
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("innspill did not exit within {timeout:?}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn forward_lines(stdout: ChildStdout) -> mpsc::Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}
