//! The tagger's background worker: every second it retrains a stale model,
//! then suggests themes for the inputs waiting in the queue. New inputs of
//! every channel get suggestions this way without slowing the request that
//! stored them, and as the queue is a column, a crash loses nothing.

use std::time::Duration;

use sea_orm::DatabaseConnection;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::current::Tagger;
use crate::error::{AppError, cause_chain};

/// How long `TaggerWorker::stop` waits for the pass in progress.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// How often the worker looks, and how often it may retrain.
#[derive(Clone, Debug)]
pub struct WorkerSettings {
    pub poll_interval: Duration,
    /// At least [`super::training::IN_FLIGHT`], or a change that was in
    /// flight during a retrain would make the next one due at once, forever.
    pub min_retrain_interval: Duration,
    /// Inputs scored per transaction.
    pub batch: u64,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        Self {
            poll_interval: Duration::from_secs(1),
            min_retrain_interval: Duration::from_secs(3),
            batch: 100,
        }
    }
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PassReport {
    pub retrained: bool,
    pub suggested: usize,
}

/// One pass: retrain if due, then empty the queue a batch at a time, until
/// it is empty or `stop` turns true.
pub async fn pass(
    db: &DatabaseConnection,
    tagger: &Tagger,
    settings: &WorkerSettings,
    stop: Option<&watch::Receiver<bool>>,
) -> Result<PassReport, AppError> {
    let retrained = tagger
        .retrain_if_due(db, settings.min_retrain_interval)
        .await?;
    let mut suggested = 0;
    loop {
        let taken = tagger.suggest_pending(db, settings.batch).await?;
        suggested += taken;
        if (taken as u64) < settings.batch || stop.is_some_and(|stop| *stop.borrow()) {
            break;
        }
    }
    Ok(PassReport {
        retrained,
        suggested,
    })
}

async fn run(
    db: DatabaseConnection,
    tagger: Tagger,
    settings: WorkerSettings,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        match pass(&db, &tagger, &settings, Some(&stop)).await {
            Ok(report) if report.suggested > 0 => {
                tracing::debug!(suggested = report.suggested, "tagger suggested themes");
            }
            Ok(_) => {}
            // The queue stays as it was; the next pass tries again.
            Err(err) => tracing::warn!(error = %cause_chain(&err), "tagger pass failed"),
        }
        let stopping = tokio::select! {
            biased;
            _ = stop.wait_for(|stop| *stop) => true,
            () = tokio::time::sleep(settings.poll_interval) => false,
        };
        if stopping {
            break;
        }
    }
}

/// The running worker; [`TaggerWorker::stop`] ends it.
pub struct TaggerWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl TaggerWorker {
    pub fn start(db: DatabaseConnection, tagger: Tagger, settings: WorkerSettings) -> Self {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(run(db, tagger, settings, stopped));
        tracing::info!("tagger worker started");
        Self { stop, task }
    }

    /// Lets the batch in progress commit and waits for the worker to end;
    /// after [`STOP_GRACE`] it is cut off, and its uncommitted batch is
    /// rolled back into the queue.
    pub async fn stop(self) {
        // An error means the worker has already ended, which is what we want.
        let _ = self.stop.send(true);
        let abort = self.task.abort_handle();
        match tokio::time::timeout(STOP_GRACE, self.task).await {
            Ok(Ok(())) => tracing::info!("tagger worker stopped"),
            Ok(Err(err)) => tracing::error!(error = %err, "tagger worker ended abnormally"),
            Err(_) => {
                abort.abort();
                tracing::warn!("tagger worker did not stop in time and was cut off");
            }
        }
    }
}
