//! Writing an export to a file or to standard output, for the command line.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;

use super::{Export, Format, RowSource, Table};
use crate::error::BoxError;

/// Writes every row of `source` as `format` to `output`, or to standard
/// output when there is none; returns the number of rows.
///
/// A file is written beside its final name and renamed when complete, so a
/// failed export never leaves a half-written file behind. XLSX is binary and
/// goes to standard output only when that is not a terminal (a pipe or a
/// redirect), where it would only garble the screen.
pub async fn write_out<S: RowSource>(
    source: S,
    format: Format,
    table: &Table,
    output: Option<&Path>,
) -> Result<u64, BoxError> {
    match output {
        Some(path) => {
            let dir = match path.parent() {
                Some(dir) if !dir.as_os_str().is_empty() => dir,
                _ => Path::new("."),
            };
            let mut file = tempfile::NamedTempFile::new_in(dir)
                .map_err(|err| format!("cannot write in {}: {err}", dir.display()))?;
            let rows = Export::new(source, format, table, BufWriter::new(file.as_file_mut()))?
                .run()
                .await?;
            file.as_file().sync_all()?;
            file.persist(path)
                .map_err(|err| format!("cannot write {}: {}", path.display(), err.error))?;
            Ok(rows)
        }
        None => {
            let stdout = std::io::stdout();
            if format == Format::Xlsx && stdout.is_terminal() {
                return Err(
                    "XLSX is binary: give --output FILE or redirect standard output".into(),
                );
            }
            let mut out = BufWriter::new(stdout);
            let rows = Export::new(source, format, table, &mut out)?.run().await?;
            out.flush()?;
            Ok(rows)
        }
    }
}
