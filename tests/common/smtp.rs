//! A small SMTP server for tests: speaks enough ESMTP for lettre on a random
//! port, keeps every message it accepts, and can be stopped and started again
//! on the same port to play an outage.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};

/// One message as the server received it.
#[derive(Clone, Debug)]
pub struct ReceivedMail {
    /// The envelope sender (MAIL FROM).
    pub from: String,
    /// The envelope recipients (RCPT TO).
    pub to: Vec<String>,
    /// The message with CRLF line ends, dot-unstuffed, without the final dot.
    pub data: String,
}

impl ReceivedMail {
    /// The MIME structure, decoded.
    pub fn parse(&self) -> mail_parser::Message<'_> {
        mail_parser::MessageParser::default()
            .parse(self.data.as_bytes())
            .expect("a parsable message")
    }
}

type Inbox = Arc<Mutex<Vec<ReceivedMail>>>;

struct Running {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

pub struct SmtpSink {
    port: u16,
    inbox: Inbox,
    running: Option<Running>,
}

impl SmtpSink {
    /// Starts listening on a random port of 127.0.0.1.
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind SMTP");
        let port = listener.local_addr().expect("address").port();
        let inbox = Inbox::default();
        let running = Some(run(listener, inbox.clone()));
        Self {
            port,
            inbox,
            running,
        }
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The `INNSPILL_SMTP_URL` that reaches this server.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Closes the port and every open connection, as a server that went down.
    /// Returns once nothing can reach it any more.
    pub async fn stop(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.stop.send(());
            running.task.await.expect("SMTP server task");
        }
    }

    /// Listens again on the same port, keeping what was received before.
    pub async fn restart(&mut self) {
        assert!(self.running.is_none(), "the SMTP server is already running");
        let listener = TcpListener::bind(("127.0.0.1", self.port))
            .await
            .expect("bind the same SMTP port again");
        self.running = Some(run(listener, self.inbox.clone()));
    }

    /// Everything received so far.
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.inbox.lock().expect("inbox").clone()
    }

    /// Waits until at least `count` messages have arrived; panics after `timeout`.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = Instant::now() + timeout;
        loop {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            assert!(
                Instant::now() < deadline,
                "expected {count} mails within {timeout:?}, got {}",
                received.len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            running.task.abort();
        }
    }
}

fn run(listener: TcpListener, inbox: Inbox) -> Running {
    let (stop, mut stopped) = oneshot::channel();
    let task = tokio::spawn(async move {
        let mut sessions = JoinSet::new();
        loop {
            tokio::select! {
                _ = &mut stopped => break,
                accepted = listener.accept() => {
                    if let Ok((stream, _)) = accepted {
                        sessions.spawn(session(stream, inbox.clone()));
                    }
                }
                Some(_) = sessions.join_next() => {}
            }
        }
        drop(listener);
        // Aborts every session and waits, so their sockets are closed on return.
        sessions.shutdown().await;
    });
    Running { stop, task }
}

/// The text between `<` and `>` in `MAIL FROM:<a@b> BODY=8BITMIME`.
fn angle_address(line: &str) -> String {
    let start = line.find('<').map_or(0, |i| i + 1);
    let end = line[start..].find('>').map_or(line.len(), |i| start + i);
    line[start..end].to_owned()
}

async fn session(stream: TcpStream, inbox: Inbox) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    write
        .write_all(b"220 localhost test SMTP ready\r\n")
        .await?;
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Ok(());
        }
        let command = String::from_utf8_lossy(&line).trim_end().to_owned();
        let verb = command
            .split([' ', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-localhost greets you\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 OK\r\n",
            "HELO" => b"250 localhost\r\n",
            "MAIL" => {
                from = angle_address(&command);
                to.clear();
                b"250 OK\r\n"
            }
            "RCPT" => {
                to.push(angle_address(&command));
                b"250 OK\r\n"
            }
            "DATA" => {
                write
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await?;
                let data = read_data(&mut reader).await?;
                inbox.lock().expect("inbox").push(ReceivedMail {
                    from: std::mem::take(&mut from),
                    to: std::mem::take(&mut to),
                    data,
                });
                b"250 OK queued\r\n"
            }
            "RSET" => {
                from.clear();
                to.clear();
                b"250 OK\r\n"
            }
            "NOOP" => b"250 OK\r\n",
            "QUIT" => {
                write.write_all(b"221 Bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 Command not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
}

/// Reads DATA up to the lone dot, undoing the sender's dot-stuffing.
async fn read_data(
    reader: &mut BufReader<tokio::net::tcp::OwnedReadHalf>,
) -> std::io::Result<String> {
    let mut lines = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.strip_suffix('\n').unwrap_or(&text);
        let text = text.strip_suffix('\r').unwrap_or(text);
        if text == "." {
            return Ok(lines.join("\r\n"));
        }
        lines.push(text.strip_prefix('.').unwrap_or(text).to_owned());
    }
}
