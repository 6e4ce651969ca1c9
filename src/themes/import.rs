//! Reading a themes CSV file (`slug,name_nb,name_nn,name_en,description_en`,
//! optionally `keywords` and `colour`) into checked rows, without touching
//! the database: a file is applied whole or not at all, so every problem is
//! found before anything is written.

use std::collections::HashMap;
use std::io::Read;

pub use super::problems::{Problem, ProblemKind};
use super::values::{Colour, Description, Fault, Invalid, Keywords, Name, Slug};

/// Columns every file must have.
const REQUIRED: [&str; 4] = ["slug", "name_nb", "name_nn", "name_en"];
/// Columns a file may have; `description` is accepted as well as the
/// `description_en` of the tagging data set.
const OPTIONAL: [&str; 4] = ["description_en", "description", "keywords", "colour"];

/// One theme as the file gives it. Optional cells left empty are `None`, so
/// an import keeps what facilitators set for an existing theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    pub line: u64,
    pub slug: Slug,
    pub name_nb: Name,
    pub name_nn: Name,
    pub name_en: Name,
    pub description: Option<String>,
    pub keywords: Option<String>,
    pub colour: Option<Colour>,
}

/// A file that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile {
    pub rows: Vec<ImportRow>,
    /// Header names the import does not know and skipped.
    pub ignored_columns: Vec<String>,
}

/// Reads and checks a whole file. Either every row is good, or the answer
/// lists every problem found.
pub fn parse(mut reader: impl Read) -> Result<ParsedFile, Vec<Problem>> {
    let mut bytes = Vec::new();
    if let Err(err) = reader.read_to_end(&mut bytes) {
        return Err(vec![file_problem(ProblemKind::Unreadable(err.to_string()))]);
    }
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(vec![file_problem(ProblemKind::NotUtf8)]);
    };
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(vec![file_problem(ProblemKind::Empty)]);
    }
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = match csv.headers() {
        Ok(header) => header.clone(),
        Err(err) => return Err(vec![csv_problem(&err)]),
    };
    let columns = Columns::from_header(header.iter())?;

    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut first_line_of: HashMap<String, u64> = HashMap::new();
    for record in csv.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                // A broken quote throws the rest of the file out of step.
                problems.push(csv_problem(&err));
                break;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            problems.push(Problem {
                line: Some(line),
                kind: ProblemKind::FieldCount {
                    expected: header.len(),
                    found: record.len(),
                },
            });
            continue;
        }
        match columns.row(&record, line) {
            Ok(row) => {
                if let Some(first_line) = first_line_of.get(row.slug.as_str()) {
                    problems.push(Problem {
                        line: Some(line),
                        kind: ProblemKind::DuplicateSlug {
                            slug: row.slug.to_string(),
                            first_line: *first_line,
                        },
                    });
                } else {
                    first_line_of.insert(row.slug.to_string(), line);
                    rows.push(row);
                }
            }
            Err(row_problems) => {
                // Even a row with other faults claims its slug, so a later
                // duplicate is reported too.
                let slug = record.get(columns.slug).unwrap_or_default().trim();
                first_line_of.entry(slug.to_owned()).or_insert(line);
                problems.extend(row_problems);
            }
        }
    }
    if problems.is_empty() {
        Ok(ParsedFile {
            rows,
            ignored_columns: columns.ignored,
        })
    } else {
        Err(problems)
    }
}

/// Spreadsheets set to Norwegian save CSV with semicolons; a header with
/// semicolons and no commas is read that way.
fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or_default();
    if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    }
}

fn file_problem(kind: ProblemKind) -> Problem {
    Problem { line: None, kind }
}

fn csv_problem(err: &csv::Error) -> Problem {
    Problem {
        line: err.position().map(|p| p.line()),
        kind: ProblemKind::Unreadable(err.to_string()),
    }
}

/// Where each known column is in the header.
struct Columns {
    slug: usize,
    name_nb: usize,
    name_nn: usize,
    name_en: usize,
    description: Option<usize>,
    keywords: Option<usize>,
    colour: Option<usize>,
    ignored: Vec<String>,
}

impl Columns {
    fn from_header<'a>(names: impl Iterator<Item = &'a str>) -> Result<Self, Vec<Problem>> {
        let mut found: HashMap<String, usize> = HashMap::new();
        let mut ignored = Vec::new();
        let mut problems = Vec::new();
        for (index, name) in names.enumerate() {
            let name = name.trim().to_ascii_lowercase();
            if !REQUIRED.contains(&name.as_str()) && !OPTIONAL.contains(&name.as_str()) {
                if !name.is_empty() {
                    ignored.push(name);
                }
            } else if found.insert(name.clone(), index).is_some() {
                problems.push(header_problem(ProblemKind::DuplicateColumn(name)));
            }
        }
        for column in REQUIRED {
            if !found.contains_key(column) {
                problems.push(header_problem(ProblemKind::MissingColumn(column)));
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let at = |name: &str| found.get(name).copied().unwrap_or_default();
        Ok(Self {
            slug: at("slug"),
            name_nb: at("name_nb"),
            name_nn: at("name_nn"),
            name_en: at("name_en"),
            description: found
                .get("description_en")
                .or_else(|| found.get("description"))
                .copied(),
            keywords: found.get("keywords").copied(),
            colour: found.get("colour").copied(),
            ignored,
        })
    }

    fn row(&self, record: &csv::StringRecord, line: u64) -> Result<ImportRow, Vec<Problem>> {
        let cell = |index: usize| record.get(index).unwrap_or_default().trim();
        let optional = |index: Option<usize>| index.map(cell).filter(|value| !value.is_empty());
        let mut problems = Vec::new();
        let mut problem = |kind| {
            problems.push(Problem {
                line: Some(line),
                kind,
            })
        };

        let slug_text = cell(self.slug);
        let slug = if slug_text.is_empty() {
            problem(ProblemKind::MissingSlug);
            None
        } else {
            Slug::parse(slug_text)
                .map_err(|_| problem(ProblemKind::BadSlug(slug_text.to_owned())))
                .ok()
        };
        let mut name = |column: &'static str, index: usize| {
            let text = cell(index);
            if text.is_empty() {
                problem(ProblemKind::MissingName(column));
            }
            Name::parse(text)
                .map_err(|invalid| {
                    if invalid.fault == Fault::ControlCharacter {
                        problem(ProblemKind::ControlCharacter(column));
                    } else if !text.is_empty() {
                        problem(ProblemKind::NameTooLong(column));
                    }
                })
                .ok()
        };
        let name_nb = name("name_nb", self.name_nb);
        let name_nn = name("name_nn", self.name_nn);
        let name_en = name("name_en", self.name_en);
        let mut text = |column: &'static str,
                        index: Option<usize>,
                        parse: fn(&str) -> Result<String, Invalid>| {
            let parsed = optional(index).map(parse).transpose();
            parsed
                .map_err(|invalid| match invalid.fault {
                    Fault::ControlCharacter => problem(ProblemKind::ControlCharacter(column)),
                    _ => problem(ProblemKind::TooLong(column)),
                })
                .ok()
                .flatten()
        };
        let description = text("description", self.description, |value| {
            Description::parse(value).map(Description::into_string)
        });
        let keywords = text("keywords", self.keywords, |value| {
            Keywords::parse(value).map(Keywords::into_string)
        });
        let colour = match optional(self.colour) {
            Some(text) => match Colour::parse(text) {
                Ok(colour) => Some(colour),
                Err(_) => {
                    problem(ProblemKind::BadColour(text.to_owned()));
                    None
                }
            },
            None => None,
        };
        match (slug, name_nb, name_nn, name_en) {
            (Some(slug), Some(name_nb), Some(name_nn), Some(name_en)) if problems.is_empty() => {
                Ok(ImportRow {
                    line,
                    slug,
                    name_nb,
                    name_nn,
                    name_en,
                    description,
                    keywords,
                    colour,
                })
            }
            _ => Err(problems),
        }
    }
}

fn header_problem(kind: ProblemKind) -> Problem {
    Problem {
        line: Some(1),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "slug,name_nb,name_nn,name_en,description_en\n";

    fn kinds(text: &str) -> Vec<(Option<u64>, ProblemKind)> {
        match parse(text.as_bytes()) {
            Ok(file) => panic!("expected problems, got {file:?}"),
            Err(problems) => problems.into_iter().map(|p| (p.line, p.kind)).collect(),
        }
    }

    #[test]
    fn reads_rows_in_file_order_with_quoted_commas() {
        let text = format!(
            "{HEADER}reiseliv,Reiseliv,Reiseliv,Tourism,\"Visitors, guiding\"\nsjomat,Sjømat,Sjømat,Seafood,\n"
        );
        let file = parse(text.as_bytes()).expect("parses");
        assert_eq!(file.rows.len(), 2);
        assert_eq!(file.rows[0].slug.as_str(), "reiseliv");
        assert_eq!(
            file.rows[0].description.as_deref(),
            Some("Visitors, guiding")
        );
        assert_eq!(file.rows[1].line, 3);
        assert_eq!(file.rows[1].description, None);
        assert!(file.ignored_columns.is_empty());
    }

    #[test]
    fn accepts_semicolons_a_bom_optional_columns_and_reports_unknown_ones() {
        let text = "\u{feff}Slug;name_nb;name_nn;name_en;colour;keywords;note\n\
                    hav;Hav;Hav;Sea;#AABBCC;fisk, båt;x\n";
        let file = parse(text.as_bytes()).expect("parses");
        let row = &file.rows[0];
        assert_eq!(row.colour.as_ref().map(Colour::as_str), Some("#aabbcc"));
        assert_eq!(row.keywords.as_deref(), Some("fisk, båt"));
        assert_eq!(file.ignored_columns, vec!["note".to_owned()]);
    }

    #[test]
    fn reports_every_bad_row_with_its_line() {
        let text = format!(
            "{HEADER}ok-1,A,A,A,\n,B,B,B,\nBad Slug,C,C,C,\nok-1,D,D,D,\nok-2,,E,E,\nok-3,F,F\n"
        );
        assert_eq!(
            kinds(&text),
            vec![
                (Some(3), ProblemKind::MissingSlug),
                (Some(4), ProblemKind::BadSlug("Bad Slug".into())),
                (
                    Some(5),
                    ProblemKind::DuplicateSlug {
                        slug: "ok-1".into(),
                        first_line: 2
                    }
                ),
                (Some(6), ProblemKind::MissingName("name_nb")),
                (
                    Some(7),
                    ProblemKind::FieldCount {
                        expected: 5,
                        found: 3
                    }
                ),
            ]
        );
    }

    #[test]
    fn refuses_a_file_without_the_required_columns_or_text() {
        assert_eq!(
            kinds("slug,name_nb,name_en\nx,y,z\n"),
            vec![(Some(1), ProblemKind::MissingColumn("name_nn"))]
        );
        assert_eq!(kinds("  \n"), vec![(None, ProblemKind::Empty)]);
        assert!(matches!(
            parse(&[0xff, 0xfe, b'a'][..]),
            Err(p) if p[0].kind == ProblemKind::NotUtf8
        ));
        assert!(matches!(
            kinds("slug,name_nb,name_nn,name_en,colour\nx1,A,A,A,#12345\n")[0].1,
            ProblemKind::BadColour(_)
        ));
    }

    #[test]
    fn control_characters_in_any_text_column_are_reported() {
        let text = "slug,name_nb,name_nn,name_en,description,keywords\n\
                    hav,H\u{0}av,Hav,Sea,Fisk\u{7},fisk\u{1b}\n";
        assert_eq!(
            kinds(text),
            vec![
                (Some(2), ProblemKind::ControlCharacter("name_nb")),
                (Some(2), ProblemKind::ControlCharacter("description")),
                (Some(2), ProblemKind::ControlCharacter("keywords")),
            ]
        );
    }

    #[test]
    fn english_messages_name_the_line() {
        let problem = Problem {
            line: Some(4),
            kind: ProblemKind::BadSlug("Bad Slug".into()),
        };
        assert!(
            problem
                .to_string()
                .starts_with("line 4: the slug \"Bad Slug\"")
        );
    }
}
