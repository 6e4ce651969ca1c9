//! Each theme's keywords, as facilitators set them, matched on stems so
//! inflected forms count, and inside compounds: a keyword stem of four
//! letters or more also matches at the start or end of a longer word
//! (`næringsareal` holds `areal`, `laksefilet` holds `laks`).

use std::collections::HashMap;
use std::sync::OnceLock;

use rust_stemmers::Stemmer;
use serde::{Deserialize, Serialize};

use super::text::{Token, tokens};

/// Shortest stem that may match inside a compound; shorter ones (`vei`)
/// would find themselves in unrelated words (`veileder`).
const MIN_PART: usize = 4;
/// Matches beyond this many add nothing: a text naming the theme twice is
/// as much about it as one naming it ten times.
const SATURATION: f64 = 2.0;

/// Every theme's keywords, stemmed (a keyword of several words matches
/// when all its stems appear in order), with an index from stems to the
/// themes that have them, so scoring a text looks each of its words up
/// once rather than comparing it with every keyword.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Lexicons {
    themes: Vec<Vec<Vec<String>>>,
    #[serde(skip)]
    index: OnceLock<Index>,
}

impl Clone for Lexicons {
    fn clone(&self) -> Self {
        Self {
            themes: self.themes.clone(),
            index: OnceLock::new(),
        }
    }
}

/// Single-stem keywords by stem, for whole words and for the parts of
/// compounds; phrases are few and checked one by one.
#[derive(Debug, Default)]
struct Index {
    whole: HashMap<String, Vec<usize>>,
    part: HashMap<String, Vec<usize>>,
    phrases: Vec<(usize, Vec<String>)>,
}

/// One theme's lexicon score for a text: in [0, 1], and the indexes of
/// the text's tokens that matched.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Match {
    pub score: f64,
    pub tokens: Vec<usize>,
}

impl Lexicons {
    pub fn new(stemmer: &Stemmer, keywords: &[Vec<String>]) -> Self {
        let themes = keywords
            .iter()
            .map(|theme| {
                theme
                    .iter()
                    .map(|keyword| {
                        tokens(stemmer, keyword)
                            .into_iter()
                            .map(|token| token.stem)
                            .collect::<Vec<_>>()
                    })
                    .filter(|stems| !stems.is_empty())
                    .collect()
            })
            .collect();
        Self {
            themes,
            index: OnceLock::new(),
        }
    }

    /// Whether any theme has a keyword.
    pub fn any(&self) -> bool {
        self.themes.iter().any(|theme| !theme.is_empty())
    }

    /// Every theme's match in `text`, in the themes' order.
    pub fn score(&self, text: &[Token]) -> Vec<Match> {
        let index = self.index.get_or_init(|| self.build());
        let mut found: Vec<Vec<usize>> = vec![Vec::new(); self.themes.len()];
        for (at, token) in text.iter().enumerate() {
            let stem = token.stem.as_str();
            let mut hit = |themes: Option<&Vec<usize>>| {
                for theme in themes.into_iter().flatten() {
                    found[*theme].push(at);
                }
            };
            hit(index.whole.get(stem));
            // Every proper prefix and suffix of MIN_PART letters or more.
            let bounds: Vec<usize> = stem.char_indices().map(|(i, _)| i).skip(MIN_PART).collect();
            for &end in &bounds {
                hit(index.part.get(&stem[..end]));
            }
            let starts: Vec<usize> = stem.char_indices().map(|(i, _)| i).collect();
            let count = starts.len();
            for &start in starts.iter().skip(1).take(count.saturating_sub(MIN_PART)) {
                hit(index.part.get(&stem[start..]));
            }
        }
        for (theme, phrase) in &index.phrases {
            for start in 0..text.len() {
                let whole = phrase.iter().enumerate().all(|(offset, stem)| {
                    text.get(start + offset)
                        .is_some_and(|token| matches(stem, &token.stem))
                });
                if whole {
                    found[*theme].extend(start..start + phrase.len());
                }
            }
        }
        found
            .into_iter()
            .map(|mut tokens| {
                tokens.sort_unstable();
                tokens.dedup();
                Match {
                    score: (tokens.len() as f64).min(SATURATION) / SATURATION,
                    tokens,
                }
            })
            .collect()
    }

    fn build(&self) -> Index {
        let mut index = Index::default();
        for (theme, keywords) in self.themes.iter().enumerate() {
            for keyword in keywords {
                match keyword.as_slice() {
                    [stem] => {
                        add(&mut index.whole, stem, theme);
                        if stem.chars().count() >= MIN_PART {
                            add(&mut index.part, stem, theme);
                        }
                    }
                    _ => index.phrases.push((theme, keyword.clone())),
                }
            }
        }
        index
    }
}

fn add(map: &mut HashMap<String, Vec<usize>>, stem: &str, theme: usize) {
    let themes = map.entry(stem.to_owned()).or_default();
    if !themes.contains(&theme) {
        themes.push(theme);
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

    fn lexicons(themes: &[&[&str]]) -> Lexicons {
        let keywords: Vec<Vec<String>> = themes
            .iter()
            .map(|words| words.iter().map(|w| (*w).to_owned()).collect())
            .collect();
        Lexicons::new(&stemmer(), &keywords)
    }

    fn scores(lexicons: &Lexicons, text: &str) -> Vec<f64> {
        lexicons
            .score(&tokens(&stemmer(), text))
            .into_iter()
            .map(|m| m.score)
            .collect()
    }

    #[test]
    fn inflections_and_compounds_match() {
        let sea = lexicons(&[&["laks", "slakteri", "fiskebåt"], &["buss"]]);
        assert_eq!(scores(&sea, "Nytt lakseslakteri på kaia"), [0.5, 0.0]);
        assert_eq!(scores(&sea, "Laksen til slakteriet"), [1.0, 0.0]);
        assert_eq!(scores(&sea, "Flere fiskebåter i havna"), [0.5, 0.0]);
        assert_eq!(scores(&sea, "Bedre bussruter"), [0.0, 0.5]);
        assert_eq!(scores(&sea, "Bedre veier"), [0.0, 0.0]);
        assert_eq!(scores(&sea, "Flere busser"), [0.0, 0.5]);
    }

    #[test]
    fn short_keywords_match_only_whole_words() {
        let roads = lexicons(&[&["vei"]]);
        assert_eq!(scores(&roads, "Ny veileder for gründere"), [0.0]);
        assert_eq!(scores(&roads, "Vei til hytta"), [0.5]);
    }

    #[test]
    fn a_phrase_matches_in_order() {
        let phrase = lexicons(&[&["grønn omstilling"]]);
        assert_eq!(scores(&phrase, "Grønn omstilling av industrien"), [1.0]);
        assert_eq!(scores(&phrase, "Omstilling, men grønn"), [0.0]);
    }

    #[test]
    fn the_index_agrees_with_comparing_every_keyword() {
        let words = ["laks", "slakteri", "vei", "areal", "turist", "gård"];
        let lexicon = lexicons(&[&words]);
        let text = tokens(
            &stemmer(),
            "næringsarealet veiene turistene lakseslakteriet gårdsbutikk veileder arealplan",
        );
        let slow: Vec<usize> = (0..text.len())
            .filter(|&at| {
                lexicon.themes[0]
                    .iter()
                    .any(|keyword| matches(&keyword[0], &text[at].stem))
            })
            .collect();
        assert_eq!(lexicon.score(&text)[0].tokens, slow);
        assert!(slow.len() >= 5, "{slow:?}");
    }
}
