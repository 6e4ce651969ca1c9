//! Labelled inputs as CSV: `id,lang,channel,text,themes`, the themes a
//! `;`-separated list of slugs (the format of the demo data and of files
//! facilitators label by hand).

use std::io::Read;

use serde::Deserialize;

use super::engine::{Example, ThemeSpec};

/// One labelled row.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Row {
    pub id: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub channel: String,
    pub text: String,
    pub themes: String,
}

impl Row {
    pub fn slugs(&self) -> Vec<String> {
        self.themes
            .split(';')
            .map(str::trim)
            .filter(|slug| !slug.is_empty())
            .map(str::to_owned)
            .collect()
    }

    pub fn example(&self) -> Example {
        Example {
            text: self.text.clone(),
            themes: self.slugs(),
        }
    }
}

/// A file that cannot be read as labelled rows; says where.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct DatasetError(String);

/// Reads every row, or says which line is wrong. Rows must have a text and
/// at least one theme.
pub fn read(reader: impl Read) -> Result<Vec<Row>, DatasetError> {
    let mut csv = csv::ReaderBuilder::new()
        .trim(csv::Trim::Headers)
        .from_reader(reader);
    let mut rows = Vec::new();
    for (at, record) in csv.deserialize::<Row>().enumerate() {
        let line = at + 2;
        let row = record.map_err(|e| DatasetError(format!("line {line}: {e}")))?;
        if row.text.trim().is_empty() {
            return Err(DatasetError(format!("line {line}: the text is empty")));
        }
        if row.slugs().is_empty() {
            return Err(DatasetError(format!("line {line}: no themes")));
        }
        rows.push(row);
    }
    Ok(rows)
}

/// The labelled inputs built into the binary (the demo programme's).
pub fn built_in() -> Vec<Row> {
    read(crate::demo::data::EMBEDDED_INPUTS.as_bytes()).unwrap_or_default()
}

/// The demo programme's themes with their keywords, for evaluating
/// against a database that has no themes yet.
pub fn built_in_themes() -> Vec<ThemeSpec> {
    #[derive(Deserialize)]
    struct Theme {
        slug: String,
        #[serde(default)]
        keywords: String,
    }
    csv::Reader::from_reader(crate::demo::data::EMBEDDED_THEMES.as_bytes())
        .deserialize::<Theme>()
        .filter_map(Result::ok)
        .map(|theme| ThemeSpec::new(&theme.slug, &theme.keywords))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_read_and_bad_rows_are_named() {
        let good = "id,lang,channel,text,themes\n1,nb,idea,\"Fisk, og båt\",sjomat; reiseliv\n";
        let rows = read(good.as_bytes()).unwrap_or_default();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].slugs(), ["sjomat", "reiseliv"]);
        let empty = "id,lang,channel,text,themes\n1,nb,idea,Fisk,\n";
        assert_eq!(
            read(empty.as_bytes())
                .map_err(|e| e.to_string())
                .err()
                .as_deref(),
            Some("line 2: no themes")
        );
        assert!(read("id,text\n1,Fisk\n".as_bytes()).is_err());
    }

    #[test]
    fn the_built_in_rows_and_themes_are_all_there() {
        assert_eq!(built_in().len(), 320);
        let themes = built_in_themes();
        assert_eq!(themes.len(), 8);
        assert!(themes.iter().all(|theme| theme.keywords.len() >= 20));
    }
}
