//! An export as an HTTP response body: each batch of rows is sent as soon as
//! it is written, and an XLSX file is sent in chunks from its temporary
//! file, so the server holds one batch or one chunk per download.

use std::fs::File;
use std::io::{Read, Write};
use std::sync::{Arc, Mutex, PoisonError};

use actix_web::web::Bytes;
use futures_util::Stream;
use futures_util::stream;

use super::ExportError;
use super::writer::{Export, Finished, RowSource};

/// Size of the chunks an XLSX file is sent in.
const CHUNK: usize = 64 * 1024;

/// A byte buffer the writer fills and the response body empties after each batch.
#[derive(Clone, Default)]
pub struct SharedBuf(Arc<Mutex<Vec<u8>>>);

impl SharedBuf {
    /// What has been written since the last call.
    pub fn take(&self) -> Bytes {
        let mut buf = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Bytes::from(std::mem::take(&mut *buf))
    }
}

impl Write for SharedBuf {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

enum State<S: RowSource> {
    Rows(Box<Export<S, SharedBuf>>, SharedBuf),
    Tail(File),
    Done,
}

/// The export's bytes as a stream of chunks. Nothing is read before the
/// client asks for the next chunk, so a slow or gone client stops the export.
pub fn body<S>(
    export: Export<S, SharedBuf>,
    buf: SharedBuf,
) -> impl Stream<Item = Result<Bytes, ExportError>>
where
    S: RowSource + 'static,
    S::Row: 'static,
{
    stream::unfold(State::Rows(Box::new(export), buf), |state| async move {
        match next(state).await {
            Ok(Some((chunk, state))) => Some((Ok(chunk), state)),
            Ok(None) => None,
            Err(err) => {
                // The status and headers are gone; all that is left is to cut
                // the response short, so the client sees an incomplete download.
                tracing::error!(error = %crate::error::cause_chain(&err), "export failed mid-stream");
                Some((Err(err), State::Done))
            }
        }
    })
}

async fn next<S: RowSource>(mut state: State<S>) -> Result<Option<(Bytes, State<S>)>, ExportError> {
    loop {
        state = match state {
            State::Rows(mut export, buf) => {
                if export.step().await? {
                    let chunk = buf.take();
                    if chunk.is_empty() {
                        // XLSX writes its rows to a temporary file until the end.
                        State::Rows(export, buf)
                    } else {
                        return Ok(Some((chunk, State::Rows(export, buf))));
                    }
                } else {
                    let Finished { tail, .. } = finish(*export).await?;
                    let chunk = buf.take();
                    let state = tail.map_or(State::Done, State::Tail);
                    if chunk.is_empty() {
                        state
                    } else {
                        return Ok(Some((chunk, state)));
                    }
                }
            }
            State::Tail(mut file) => {
                let mut chunk = vec![0; CHUNK];
                let read = file.read(&mut chunk)?;
                if read == 0 {
                    return Ok(None);
                }
                chunk.truncate(read);
                return Ok(Some((Bytes::from(chunk), State::Tail(file))));
            }
            State::Done => return Ok(None),
        }
    }
}

/// Completes the file. Assembling an XLSX zip takes a while, so it runs on
/// the blocking pool rather than holding up the worker's other requests.
async fn finish<S: RowSource>(
    export: Export<S, SharedBuf>,
) -> Result<Finished<SharedBuf>, ExportError> {
    let writer = export.into_writer();
    actix_web::web::block(move || writer.finish())
        .await
        .map_err(|err| ExportError::Io(std::io::Error::other(err.to_string())))?
}
