//! Norwegian text as the tagger sees it: lower-case words without the
//! common ones (bokmål and nynorsk), each with its Snowball stem, and the
//! character n-grams that let a compound (`lakseslakteri`) share features
//! with its parts (`laks`, `slakteri`).

use rust_stemmers::{Algorithm, Stemmer};

use crate::inputs::search::text::{is_stop_word, words};

/// Shortest and longest character n-gram, counted with the word's
/// boundary marks: long enough to carry meaning, short enough to reach
/// inside compounds and past inflected endings.
pub const MIN_GRAM: usize = 3;
pub const MAX_GRAM: usize = 5;

/// One word of a text: as written (lower-cased) and its stem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub word: String,
    pub stem: String,
}

/// The words of `text` that carry meaning, in order.
pub fn tokens(stemmer: &Stemmer, text: &str) -> Vec<Token> {
    words(text)
        .filter(|word| !is_stop_word(word) && word.chars().any(char::is_alphabetic))
        .map(|word| Token {
            stem: stemmer.stem(&word).into_owned(),
            word,
        })
        .collect()
}

pub fn stemmer() -> Stemmer {
    Stemmer::create(Algorithm::Norwegian)
}

/// Calls `each` with the hash of every character n-gram of `word`, padded
/// with a space at each end so beginnings and endings are features of
/// their own. Hashes, not strings: a text has hundreds of n-grams and the
/// model only needs to tell them apart.
pub fn grams(word: &str, mut each: impl FnMut(u64)) {
    let chars: Vec<char> = std::iter::once(' ')
        .chain(word.chars())
        .chain(std::iter::once(' '))
        .collect();
    for start in 0..chars.len() {
        let mut hash = FNV_OFFSET;
        for (len, c) in chars[start..].iter().take(MAX_GRAM).enumerate() {
            hash = fnv(hash, *c);
            if len + 1 >= MIN_GRAM {
                each(hash);
            }
        }
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv(mut hash: u64, c: char) -> u64 {
    let mut buf = [0u8; 4];
    for byte in c.encode_utf8(&mut buf).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gram_hashes(word: &str) -> Vec<u64> {
        let mut out = Vec::new();
        grams(word, |hash| out.push(hash));
        out
    }

    #[test]
    fn common_words_go_and_stems_stay() {
        let stemmer = stemmer();
        let found = tokens(
            &stemmer,
            "Vi trenger flere lærlingplasser i kommunen, og 2 nye båter!",
        );
        let stems: Vec<&str> = found.iter().map(|t| t.stem.as_str()).collect();
        assert_eq!(
            stems,
            ["treng", "fler", "lærlingplass", "kommun", "nye", "båt"]
        );
    }

    #[test]
    fn a_compound_shares_grams_with_its_parts() {
        let compound = gram_hashes("lakseslakteri");
        for part in ["laks", "slakteri"] {
            let inner: Vec<u64> = gram_hashes(part)
                .into_iter()
                .filter(|hash| compound.contains(hash))
                .collect();
            assert!(inner.len() >= 3, "{part}: {}", inner.len());
        }
        // "abcde" padded is 7 characters: 5 trigrams, 4 four-grams, 3 five-grams.
        assert_eq!(gram_hashes("abcde").len(), 12);
    }
}
