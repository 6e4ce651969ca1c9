//! Norwegian text into the words a search matches: lower-cased, split at
//! anything that is not a letter or digit, common words dropped, each word
//! cut to its stem by the Snowball Norwegian stemmer (which serves bokmål
//! and, for the common endings, nynorsk).

use rust_stemmers::{Algorithm, Stemmer};

/// Longer "words" (a pasted URL, a hash) are cut: nobody searches for them
/// whole, and they would bloat the index.
const MAX_WORD_CHARS: usize = 40;

/// Words too common to tell inputs apart, bokmål and nynorsk (the Snowball
/// Norwegian list). They are neither indexed nor searched for.
const STOP_WORDS: &[&str] = &[
    "alle",
    "at",
    "av",
    "bare",
    "begge",
    "ble",
    "blei",
    "bli",
    "blir",
    "blitt",
    "både",
    "båe",
    "da",
    "de",
    "deg",
    "dei",
    "deim",
    "deira",
    "deires",
    "dem",
    "den",
    "denne",
    "der",
    "dere",
    "deres",
    "det",
    "dette",
    "di",
    "din",
    "disse",
    "ditt",
    "du",
    "dykk",
    "dykkar",
    "då",
    "eg",
    "ein",
    "eit",
    "eitt",
    "eller",
    "elles",
    "en",
    "enn",
    "er",
    "et",
    "ett",
    "etter",
    "for",
    "fordi",
    "fra",
    "før",
    "ha",
    "hadde",
    "han",
    "hans",
    "har",
    "hennar",
    "henne",
    "hennes",
    "her",
    "hjå",
    "ho",
    "hoe",
    "honom",
    "hoss",
    "hossen",
    "hun",
    "hva",
    "hvem",
    "hver",
    "hvilke",
    "hvilken",
    "hvis",
    "hvor",
    "hvordan",
    "hvorfor",
    "i",
    "ikke",
    "ikkje",
    "ingen",
    "ingi",
    "inkje",
    "inn",
    "inni",
    "ja",
    "jeg",
    "kan",
    "kom",
    "korleis",
    "korso",
    "kun",
    "kunne",
    "kva",
    "kvar",
    "kvarhelst",
    "kven",
    "kvi",
    "kvifor",
    "man",
    "mange",
    "me",
    "med",
    "medan",
    "meg",
    "meget",
    "mellom",
    "men",
    "mi",
    "min",
    "mine",
    "mitt",
    "mot",
    "mykje",
    "ned",
    "no",
    "noe",
    "noen",
    "noka",
    "noko",
    "nokon",
    "nokor",
    "nokre",
    "nå",
    "når",
    "og",
    "også",
    "om",
    "opp",
    "oss",
    "over",
    "på",
    "samme",
    "seg",
    "selv",
    "si",
    "sia",
    "sidan",
    "siden",
    "sin",
    "sine",
    "sitt",
    "sjøl",
    "skal",
    "skulle",
    "slik",
    "so",
    "som",
    "somme",
    "somt",
    "så",
    "sånn",
    "til",
    "um",
    "upp",
    "ut",
    "uten",
    "var",
    "vart",
    "varte",
    "ved",
    "vere",
    "verte",
    "vi",
    "vil",
    "ville",
    "vore",
    "vors",
    "vort",
    "vår",
    "være",
    "vært",
    "å",
];

/// The text an input is indexed by: the stems of its title and body,
/// separated by spaces. Store it with `search::store`, or write it in the
/// same row when inserting in bulk (the demo does).
pub fn index_text(title: Option<&str>, body: &str) -> String {
    let stemmer = Stemmer::create(Algorithm::Norwegian);
    let mut out = String::with_capacity(title.map_or(0, str::len) + body.len());
    for word in words(title.unwrap_or_default()).chain(words(body)) {
        if is_stop_word(&word) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&stemmer.stem(&word));
    }
    out
}

/// The stems a search for `query` looks for, in order, without repeats.
/// A longer stem loses its last letter, so forms the stemmer leaves apart
/// still meet: `turister` (turist) and `turisme` (turism) both start `turis`.
pub(super) fn query_stems(query: &str, max: usize) -> Vec<String> {
    let stemmer = Stemmer::create(Algorithm::Norwegian);
    let mut stems: Vec<String> = Vec::new();
    for word in words(query) {
        if is_stop_word(&word) {
            continue;
        }
        let mut stem = stemmer.stem(&word).into_owned();
        if stem.chars().count() >= 6 {
            stem.pop();
        }
        if !stems.contains(&stem) {
            stems.push(stem);
        }
        if stems.len() == max {
            break;
        }
    }
    stems
}

/// Lower-case words of letters and digits; everything else separates them.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            word.chars()
                .take(MAX_WORD_CHARS)
                .collect::<String>()
                .to_lowercase()
        })
}

pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn index_text_is_stems_without_common_words() {
        assert_eq!(
            index_text(Some("Flere turister til bygdene"), "Og turisme på Ørland!"),
            "fler turist bygd turism ørland"
        );
    }

    #[test]
    fn inflected_forms_meet_in_the_query_stem() {
        let turist = query_stems("turister", 8);
        assert_eq!(turist, vec!["turis"]);
        for indexed in ["turisme", "turist", "turistar"] {
            assert!(
                index_text(None, indexed).starts_with(&turist[0]),
                "{indexed}"
            );
        }
        assert_eq!(query_stems("bygder", 8), query_stems("bygdene", 8));
    }

    #[test]
    fn odd_input_gives_plain_words_only() {
        assert_eq!(
            query_stems("\"fisk\" AND (NEAR sjø*) OR -- ; ' ", 8),
            vec!["fisk", "and", "near", "sjø", "or"]
        );
        assert!(query_stems("*** ((( \" ", 8).is_empty());
        assert_eq!(query_stems(&"a ".repeat(1000), 8), vec!["a"]);
        assert_eq!(query_stems(&"x".repeat(10_000), 8)[0].chars().count(), 39);
    }
}
