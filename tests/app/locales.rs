//! Every locale key the code names exists in bokmål, nynorsk and English.
//!
//! A missing key does not fail a build: `Lang::t` falls back to bokmål and
//! then shows "??". So this test reads the source: each string literal passed
//! to `t(…)` / `tr(…)`, each validator `message = "…"`, and each literal that
//! sits in a locale table three levels deep (`ideas_admin.notice.published`,
//! handed to a view that translates it later). Keys built with `format!` cannot
//! be read from the source; for those the enums that build them are walked.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use innspill::entities::input::Channel;
use innspill::entities::user::Role;
use innspill::exports::Format;
use innspill::inputs::{STATUSES, StakeholderGroup, status_code};
use innspill::web::Lang;
use innspill::web::i18n::{parse_catalog, sources};
use sea_orm::{ActiveEnum, Iterable};

type Catalog = HashMap<String, String>;

fn catalogs() -> Vec<(Lang, Catalog)> {
    sources()
        .iter()
        .map(|(lang, source)| (*lang, parse_catalog(source).expect("locale parses")))
        .collect()
}

/// The keys in `used` that some language lacks or leaves empty, one line each.
fn problems(catalogs: &[(Lang, Catalog)], used: &[(String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (key, place) in used {
        for (lang, catalog) in catalogs {
            match catalog.get(key) {
                None => problems.push(format!("{place}: `{key}` is missing in {lang:?}")),
                Some(text) if text.trim().is_empty() => {
                    problems.push(format!("{place}: `{key}` is empty in {lang:?}"))
                }
                Some(_) => {}
            }
        }
    }
    problems
}

#[test]
fn every_locale_key_the_source_names_exists_in_every_language() {
    let catalogs = catalogs();
    let tables = tables(&catalogs[0].1);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut used = Vec::new();
    let mut prefixes = Vec::new();
    for file in rust_files(&root.join("src")) {
        let source = fs::read_to_string(&file).expect("read source");
        let name = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        let found = keys_in(&source, &tables);
        used.extend(
            found
                .keys
                .into_iter()
                .map(|(key, line)| (key, format!("{name}:{line}"))),
        );
        prefixes.extend(
            found
                .prefixes
                .into_iter()
                .map(|(prefix, line)| (prefix, format!("{name}:{line}"))),
        );
    }
    // A scanner that finds nothing would pass; the views use hundreds of keys.
    assert!(used.len() > 300, "only {} keys found", used.len());

    let mut problems = problems(&catalogs, &used);
    for (prefix, place) in &prefixes {
        for (lang, catalog) in &catalogs {
            if !catalog.keys().any(|key| key.starts_with(prefix.as_str())) {
                problems.push(format!(
                    "{place}: no key starts with `{prefix}` in {lang:?}"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_key_built_from_an_enum_exists_in_every_language() {
    let catalogs = catalogs();
    let mut used = Vec::new();
    let mut add = |key: String, from: &str| used.push((key, from.to_owned()));
    for role in Role::ALL {
        add(format!("role.{}", role.as_str()), "Role");
    }
    for channel in Channel::iter() {
        add(format!("channel.{}", channel.to_value()), "Channel");
    }
    for group in StakeholderGroup::ALL {
        add(group.label_key(), "StakeholderGroup");
        add(
            format!("ideas_admin.group.{}", group.code()),
            "StakeholderGroup",
        );
    }
    for status in STATUSES {
        let code = status_code(status);
        add(format!("ideas.status.{code}"), "Status");
        add(format!("ideas_admin.status.{code}"), "Status");
        add(format!("exports.status_{code}"), "Status");
    }
    for format in Format::ALL {
        add(format!("exports.format_{}", format.code()), "Format");
        add(format!("exports.format_{}_hint", format.code()), "Format");
    }
    let table = innspill::inputs::export::table(Lang::Nb, true);
    add(format!("exports.{}.sheet", table.resource), "export table");
    for code in table.codes() {
        add(format!("exports.{}.{code}", table.resource), "export table");
    }
    let problems = problems(&catalogs, &used);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_string_is_empty_in_any_language() {
    for (lang, catalog) in catalogs() {
        for (key, text) in &catalog {
            assert!(!text.trim().is_empty(), "{lang:?} `{key}` is empty");
        }
    }
}

#[test]
fn the_scanner_reads_calls_messages_and_nested_literals() {
    let tables = BTreeSet::from(["ideas_admin.notice", "ideas", "role"].map(str::to_owned));
    let source = r##"
        // ctx.t("in.a.comment") is not code.
        let a = ctx.t("site.skip_link");
        let b = lang.tr(
            "ideas.mail_subject",
            &[("name", r#"a "quoted" raw string"#)],
        );
        let c = if x { '"' } else { '\'' };
        #[validate(length(max = 200, message = "name_length"))]
        #[validate(length(max = 200, message = "ideas.validation.name"))]
        let notice = "ideas_admin.notice.published";
        let action = "ideas.tag.confirm";
        let label = ctx.t(&format!("role.{}", role));
    "##;
    let found = keys_in(source, &tables);
    let keys: Vec<&str> = found.keys.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(
        keys,
        [
            "site.skip_link",
            "ideas.mail_subject",
            "validation.name_length",
            "ideas.validation.name",
            "ideas_admin.notice.published",
        ]
    );
    assert_eq!(found.keys[1].1, 5, "line of the key");
    let prefixes: Vec<&str> = found.prefixes.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(prefixes, ["role."]);
}

/// Every table that holds strings, by its dotted path (`ideas_admin.notice`).
fn tables(catalog: &Catalog) -> BTreeSet<String> {
    let mut tables = BTreeSet::new();
    for key in catalog.keys() {
        let mut path = key.as_str();
        while let Some((parent, _)) = path.rsplit_once('.') {
            tables.insert(parent.to_owned());
            path = parent;
        }
    }
    tables
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// What one file names: whole keys, and the fixed starts of keys built with
/// `format!`, each with its line.
#[derive(Debug, Default)]
struct Found {
    keys: Vec<(String, usize)>,
    prefixes: Vec<(String, usize)>,
}

fn keys_in(source: &str, tables: &BTreeSet<String>) -> Found {
    let tokens = tokenize(source);
    // A bare validator message is a key under `validation.`, unless the file
    // translates its messages under another table (`ideas_admin.validation.`).
    let mut message_prefix = "validation.".to_owned();
    for window in tokens.windows(4) {
        if let [
            Tok::Ident(name, _),
            Tok::Punct('!', _),
            Tok::Punct('(', _),
            Tok::Str(text, _),
        ] = window
            && name == "format"
            && let Some((prefix, _)) = text.split_once('{')
            && prefix.ends_with("validation.")
        {
            message_prefix = prefix.to_owned();
        }
    }

    let mut found = Found::default();
    // Strings already read as the argument of a call or a message.
    let mut taken = BTreeSet::new();
    for (i, token) in tokens.iter().enumerate() {
        let next = |n: usize| tokens.get(i + n);
        match token {
            Tok::Ident(name, _) if name == "t" || name == "tr" => {
                if let (Some(Tok::Punct('(', _)), Some(Tok::Str(key, line))) = (next(1), next(2)) {
                    found.keys.push((key.clone(), *line));
                    taken.insert(i + 2);
                }
            }
            Tok::Ident(name, _) if name == "message" => {
                if let (Some(Tok::Punct('=', _)), Some(Tok::Str(message, line))) =
                    (next(1), next(2))
                {
                    let key = if message.contains('.') {
                        message.clone()
                    } else {
                        format!("{message_prefix}{message}")
                    };
                    found.keys.push((key, *line));
                    taken.insert(i + 2);
                }
            }
            Tok::Ident(name, _) if name == "format" => {
                if let (
                    Some(Tok::Punct('!', _)),
                    Some(Tok::Punct('(', _)),
                    Some(Tok::Str(text, line)),
                ) = (next(1), next(2), next(3))
                    && let Some((prefix, _)) = text.split_once('{')
                    && prefix.ends_with(['.', '_'])
                    && looks_like_key(prefix.trim_end_matches(['.', '_']))
                    && tables.contains(prefix.split('.').next().unwrap_or_default())
                {
                    found.prefixes.push((prefix.to_owned(), *line));
                }
            }
            // `a.b.c` in a table `a.b` is a key handed on to be translated
            // later; two-part literals are left alone, as audit actions
            // (`settings.update`) look the same.
            Tok::Str(text, line)
                if !taken.contains(&i)
                    && looks_like_key(text)
                    && text.matches('.').count() >= 2
                    && text
                        .rsplit_once('.')
                        .is_some_and(|(parent, _)| tables.contains(parent)) =>
            {
                found.keys.push((text.clone(), *line));
            }
            _ => {}
        }
    }
    found
}

/// Lower-case dotted words: `ideas_admin.notice.published`, `exports.format_csv-rfc`.
fn looks_like_key(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        })
}

/// Just enough of Rust's lexical grammar to find string literals outside
/// comments: identifiers, strings (plain and raw), and single punctuation.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String, usize),
    Str(String, usize),
    Punct(char, usize),
}

fn tokenize(source: &str) -> Vec<Tok> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if c == '"' {
            let start = line;
            let mut text = String::new();
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    text.push(chars[i]);
                    i += 1;
                }
                if at(i) == '\n' {
                    line += 1;
                }
                text.push(at(i));
                i += 1;
            }
            i += 1;
            tokens.push(Tok::Str(text, start));
        } else if c == '\'' {
            // A char literal ('"', '\'', '\u{7f}') or a lifetime ('a).
            if at(i + 1) == '\\' {
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if (word == "r" || word == "br") && (at(i) == '"' || at(i) == '#') {
                let hashes = chars[i..].iter().take_while(|&&c| c == '#').count();
                if at(i + hashes) == '"' {
                    let start_line = line;
                    i += hashes + 1;
                    let mut text = String::new();
                    loop {
                        if i >= chars.len() {
                            break;
                        }
                        if chars[i] == '"' && chars[i + 1..].iter().take(hashes).all(|&c| c == '#')
                        {
                            i += 1 + hashes;
                            break;
                        }
                        if chars[i] == '\n' {
                            line += 1;
                        }
                        text.push(chars[i]);
                        i += 1;
                    }
                    tokens.push(Tok::Str(text, start_line));
                    continue;
                }
            }
            tokens.push(Tok::Ident(word, line));
        } else {
            tokens.push(Tok::Punct(c, line));
            i += 1;
        }
    }
    tokens
}
