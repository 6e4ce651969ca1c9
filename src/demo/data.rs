//! The demo programme's data: the themes and labelled inputs in
//! `assets/demo/`, built into the binary so `innspill demo` works from any
//! directory, or the same two files from a folder named with `--data`.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::DemoError;
use super::title::short_title;
use crate::web::Lang;

pub const THEMES_FILE: &str = "themes.csv";
pub const INPUTS_FILE: &str = "inputs.csv";
/// The labelled inputs' name in the tagging data set they came from, so that
/// folder can be named with `--data` as it is.
pub const INPUTS_FILE_ORIGINAL: &str = "dev.csv";
/// Rows with less text than this make poor ideas and are skipped.
pub const MIN_BODY_CHARS: usize = 20;

pub(crate) const EMBEDDED_THEMES: &str = include_str!("../../assets/demo/themes.csv");
pub(crate) const EMBEDDED_INPUTS: &str = include_str!("../../assets/demo/inputs.csv");

/// The two files' contents and where they came from.
#[derive(Clone, Debug)]
pub struct DemoData {
    /// "built-in data" or the folder, for messages.
    pub source: String,
    pub themes: Cow<'static, str>,
    inputs: Cow<'static, str>,
    inputs_name: String,
}

impl DemoData {
    /// The data compiled into the binary.
    pub fn embedded() -> Self {
        Self {
            source: "the built-in demo data".to_owned(),
            themes: Cow::Borrowed(EMBEDDED_THEMES),
            inputs: Cow::Borrowed(EMBEDDED_INPUTS),
            inputs_name: INPUTS_FILE.to_owned(),
        }
    }

    /// `themes.csv` and `inputs.csv` (or `dev.csv`) from `dir`.
    pub fn from_dir(dir: &Path) -> Result<Self, DemoError> {
        let themes = dir.join(THEMES_FILE);
        let inputs = [INPUTS_FILE, INPUTS_FILE_ORIGINAL]
            .iter()
            .map(|name| dir.join(name))
            .find(|path| path.is_file());
        let (true, Some(inputs)) = (themes.is_file(), inputs) else {
            return Err(DemoError::DataNotFound(dir.to_path_buf()));
        };
        Ok(Self {
            source: dir.display().to_string(),
            themes: Cow::Owned(read(&themes)?),
            inputs_name: inputs.display().to_string(),
            inputs: Cow::Owned(read(&inputs)?),
        })
    }

    /// Every labelled input, checked before anything is written.
    pub fn rows(&self) -> Result<Vec<Row>, DemoError> {
        read_rows(self.inputs.as_bytes()).map_err(|problem| DemoError::BadFile {
            file: self.inputs_name.clone(),
            problem,
        })
    }
}

fn read(path: &Path) -> Result<String, DemoError> {
    std::fs::read_to_string(path).map_err(|err| DemoError::Unreadable(PathBuf::from(path), err))
}

/// One labelled input of any channel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub channel: String,
    pub text: String,
    pub language: Lang,
    pub themes: Vec<String>,
}

/// One idea as the demo stores it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoIdea {
    pub title: String,
    pub body: String,
    pub language: Lang,
    pub themes: Vec<String>,
}

/// The rows of a labelled file (`id,lang,channel,text,themes`, themes
/// separated by `;`).
pub fn read_rows(reader: impl std::io::Read) -> Result<Vec<Row>, String> {
    let mut csv = csv::Reader::from_reader(reader);
    let header = csv.headers().map_err(|err| err.to_string())?.clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| format!("the column {name} is missing"))
    };
    let (lang, channel, text, theme_list) = (
        column("lang")?,
        column("channel")?,
        column("text")?,
        column("themes")?,
    );
    let mut rows = Vec::new();
    for record in csv.records() {
        let record = record.map_err(|err| err.to_string())?;
        let cell = |index: usize| record.get(index).unwrap_or_default().trim();
        rows.push(Row {
            channel: cell(channel).to_owned(),
            text: cell(text).to_owned(),
            language: Lang::from_code(cell(lang)).unwrap_or_default(),
            themes: cell(theme_list)
                .split(';')
                .map(str::trim)
                .filter(|slug| !slug.is_empty())
                .map(str::to_owned)
                .collect(),
        });
    }
    Ok(rows)
}

/// The rows with channel `idea` and at least [`MIN_BODY_CHARS`] characters
/// of text, each titled from its first sentence.
pub fn ideas(rows: &[Row]) -> Vec<DemoIdea> {
    rows.iter()
        .filter(|row| row.channel == "idea" && row.text.chars().count() >= MIN_BODY_CHARS)
        .map(|row| DemoIdea {
            title: short_title(&row.text),
            body: row.text.clone(),
            language: row.language,
            themes: row.themes.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_idea_rows_with_enough_text() {
        let csv = "id,lang,channel,text,themes\n\
            a,nb,idea,\"Flere benker i sentrum, takk\",attraktivitet\n\
            b,nn,idea,\"Betre ferjesamband til byen\",infrastruktur;reiseliv\n\
            c,nb,survey,\"Vet ikke, kanskje hytteutleie\",reiseliv\n\
            d,nb,idea,For kort,landbruk\n";
        let ideas = ideas(&read_rows(csv.as_bytes()).expect("parses"));
        assert_eq!(ideas.len(), 2);
        assert_eq!(ideas[1].language, Lang::Nn);
        assert_eq!(ideas[1].themes, ["infrastruktur", "reiseliv"]);
        assert_eq!(ideas[0].title, "Flere benker i sentrum, takk");
        assert!(read_rows("id,text\n1,hei\n".as_bytes()).is_err());
    }

    #[test]
    fn the_built_in_data_has_themes_and_over_a_hundred_ideas() {
        let data = DemoData::embedded();
        let rows = data.rows().expect("the built-in inputs parse");
        assert!(ideas(&rows).len() > 100);
        assert!(rows.iter().any(|row| row.channel == "workshop"));
        assert_eq!(data.themes.lines().count(), 9, "a header and eight themes");
    }
}
