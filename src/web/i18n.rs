//! UI languages and their strings, read from `assets/locales/<lang>/*.toml`.
//!
//! One file per feature and language; each is nested TOML tables and a string
//! is addressed by its dotted path (`landing.lead`). They are compiled into
//! the binary so it runs from anywhere.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nb,
    Nn,
    En,
}

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "lang";

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nb, Lang::Nn, Lang::En];

    /// BCP 47 code, as used in `lang` attributes and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nb => "nb",
            Lang::Nn => "nn",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|lang| lang.code() == code)
    }

    /// The language's name in itself, as a language switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nb => "Bokmål",
            Lang::Nn => "Nynorsk",
            Lang::En => "English",
        }
    }

    /// The string at `key`; the bokmål one if this language lacks it, else the key.
    pub fn t(self, key: &str) -> &'static str {
        let catalogs = &*CATALOGS;
        catalogs
            .get(&self)
            .and_then(|strings| strings.get(key))
            .or_else(|| catalogs.get(&Lang::Nb).and_then(|s| s.get(key)))
            .map(String::as_str)
            .unwrap_or_else(|| {
                tracing::warn!(key, "missing UI string");
                "??"
            })
    }

    /// The string at `key` with each `{name}` replaced by its value.
    pub fn tr(self, key: &str, args: &[(&str, &str)]) -> String {
        let mut text = self.t(key).to_owned();
        for (name, value) in args {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }
}

macro_rules! locale_files {
    ($lang:literal) => {
        concat!(
            include_str!(concat!("../../assets/locales/", $lang, "/common.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/site.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/admin.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/themes.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/api.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/mail.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/inputs.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/ideas.toml")),
            "\n",
            include_str!(concat!(
                "../../assets/locales/",
                $lang,
                "/ideas_public.toml"
            )),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/ideas_admin.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/exports.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/appearance.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/events.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/workshops.toml")),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/interviews.toml")),
            "\n",
            include_str!(concat!(
                "../../assets/locales/",
                $lang,
                "/interviews_public.toml"
            )),
            "\n",
            include_str!(concat!(
                "../../assets/locales/",
                $lang,
                "/interviews_admin.toml"
            )),
            "\n",
            include_str!(concat!(
                "../../assets/locales/",
                $lang,
                "/interviews_data.toml"
            )),
            "\n",
            include_str!(concat!(
                "../../assets/locales/",
                $lang,
                "/tagging_triage.toml"
            )),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/surveys.toml")),
            "\n",
            include_str!(concat!(
                "../../assets/locales/",
                $lang,
                "/surveys_results.toml"
            )),
            "\n",
            include_str!(concat!(
                "../../assets/locales/",
                $lang,
                "/surveys_admin.toml"
            )),
            "\n",
            include_str!(concat!("../../assets/locales/", $lang, "/priorities.toml")),
            "\n",
            include_str!(concat!(
                "../../assets/locales/",
                $lang,
                "/priorities_pairwise.toml"
            )),
            "\n",
            include_str!(concat!(
                "../../assets/locales/",
                $lang,
                "/priorities_assessment.toml"
            )),
        )
    };
}

/// Each language's files joined into one TOML document; a table name used in
/// two files is a parse error, which the locale test reports.
const SOURCES: [(Lang, &str); 3] = [
    (Lang::Nb, locale_files!("nb")),
    (Lang::Nn, locale_files!("nn")),
    (Lang::En, locale_files!("en")),
];

static CATALOGS: LazyLock<HashMap<Lang, HashMap<String, String>>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(lang, source)| (*lang, parse_catalog(source).unwrap_or_default()))
        .collect()
});

/// Flattens a locale file into dotted keys.
pub fn parse_catalog(source: &str) -> Result<HashMap<String, String>, toml::de::Error> {
    let table: toml::Table = toml::from_str(source)?;
    let mut strings = HashMap::new();
    flatten("", &table, &mut strings);
    Ok(strings)
}

fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) {
    for (name, value) in table {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        match value {
            toml::Value::Table(inner) => flatten(&key, inner, out),
            toml::Value::String(text) => {
                out.insert(key, text.clone());
            }
            // Only strings are UI text; the key test catches anything else.
            _ => {}
        }
    }
}

/// The raw locale files, so tests can hold them to the same set of keys.
pub fn sources() -> &'static [(Lang, &'static str)] {
    &SOURCES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_parses_and_has_the_same_keys_as_bokmal() {
        let mut reference: Vec<String> = parse_catalog(SOURCES[0].1)
            .expect("nb parses")
            .into_keys()
            .collect();
        reference.sort();
        assert!(!reference.is_empty());
        for (lang, source) in sources() {
            let catalog = parse_catalog(source).expect("locale parses");
            let mut keys: Vec<String> = catalog.keys().cloned().collect();
            keys.sort();
            assert_eq!(keys, reference, "keys of {lang:?} differ from nb");
            for (key, text) in &catalog {
                assert!(!text.trim().is_empty(), "{lang:?} {key} is empty");
            }
        }
    }

    #[test]
    fn interpolation_replaces_named_values() {
        let text = Lang::En.tr("site.municipality", &[("name", "Vefsn")]);
        assert!(text.contains("Vefsn"), "{text}");
        assert!(!text.contains('{'));
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
    }
}
