//! Each theme's keywords, as facilitators set them, matched on stems so
//! inflected forms count, and inside compounds: a keyword stem of four
//! letters or more also matches at the start or end of a longer word
//! (`næringsareal` holds `areal`, `laksefilet` holds `laks`).

use rust_stemmers::Stemmer;
use serde::{Deserialize, Serialize};

use super::text::{Token, tokens};

/// Shortest stem that may match inside a compound; shorter ones (`vei`)
/// would find themselves in unrelated words (`veileder`).
const MIN_PART: usize = 4;
/// Matches beyond this many add nothing: a text naming the theme twice is
/// as much about it as one naming it ten times.
const SATURATION: f64 = 2.0;

/// One theme's keywords, stemmed. A keyword of several words matches when
/// all its stems appear in order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lexicon {
    keywords: Vec<Vec<String>>,
}

impl Lexicon {
    pub fn new(stemmer: &Stemmer, keywords: &[String]) -> Self {
        let keywords = keywords
            .iter()
            .map(|keyword| {
                tokens(stemmer, keyword)
                    .into_iter()
                    .map(|token| token.stem)
                    .collect::<Vec<_>>()
            })
            .filter(|stems| !stems.is_empty())
            .collect();
        Self { keywords }
    }

    pub fn is_empty(&self) -> bool {
        self.keywords.is_empty()
    }

    /// The score in [0, 1] and the indexes of the tokens that matched.
    pub fn score(&self, text: &[Token]) -> (f64, Vec<usize>) {
        let mut matched: Vec<usize> = Vec::new();
        for keyword in &self.keywords {
            for start in 0..text.len() {
                let hit = keyword.iter().enumerate().all(|(offset, stem)| {
                    text.get(start + offset)
                        .is_some_and(|token| matches(stem, &token.stem))
                });
                if hit {
                    matched.extend(start..start + keyword.len());
                }
            }
        }
        matched.sort_unstable();
        matched.dedup();
        let score = (matched.len() as f64).min(SATURATION) / SATURATION;
        (score, matched)
    }
}

fn matches(keyword: &str, stem: &str) -> bool {
    stem == keyword
        || (keyword.chars().count() >= MIN_PART
            && (stem.starts_with(keyword) || stem.ends_with(keyword)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagging::engine::text::stemmer;

    fn lexicon(words: &[&str]) -> Lexicon {
        let words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        Lexicon::new(&stemmer(), &words)
    }

    fn score(lexicon: &Lexicon, text: &str) -> f64 {
        lexicon.score(&tokens(&stemmer(), text)).0
    }

    #[test]
    fn inflections_and_compounds_match() {
        let sea = lexicon(&["laks", "slakteri", "fiskebåt"]);
        assert_eq!(score(&sea, "Nytt lakseslakteri på kaia"), 0.5);
        assert_eq!(score(&sea, "Laksen til slakteriet"), 1.0);
        assert_eq!(score(&sea, "Flere fiskebåter i havna"), 0.5);
        assert_eq!(score(&sea, "Bedre bussruter"), 0.0);
    }

    #[test]
    fn short_keywords_match_only_whole_words() {
        let roads = lexicon(&["vei"]);
        assert_eq!(score(&roads, "Ny veileder for gründere"), 0.0);
        assert_eq!(score(&roads, "Vei til hytta"), 0.5);
    }

    #[test]
    fn a_phrase_matches_in_order() {
        let phrase = lexicon(&["grønn omstilling"]);
        assert_eq!(score(&phrase, "Grønn omstilling av industrien"), 1.0);
        assert_eq!(score(&phrase, "Omstilling, men grønn"), 0.0);
    }
}
