//! Titles and sentences cut from an idea's free text, so demo ideas get
//! titles that read like the ones residents write.

pub const TITLE_MAX_CHARS: usize = 80;
/// A clause shorter than this is too little to stand as a title on its own.
const MIN_CLAUSE_CHARS: usize = 20;
const SENTENCE_ENDS: [char; 3] = ['.', '!', '?'];

/// A title from an idea's text: its first sentence, or the first clause of a
/// long one, cut at a word boundary with "…" beyond 80 characters, and
/// starting with a capital letter.
pub fn short_title(text: &str) -> String {
    capitalised(&shortened(text))
}

/// `text` with its first letter in upper case.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn shortened(text: &str) -> String {
    let text = text.trim();
    let mut title = first_piece(text, &SENTENCE_ENDS, char::is_uppercase);
    if title.chars().count() > TITLE_MAX_CHARS {
        let clause = first_piece(title, &[',', ';', ':'], |_| true);
        if clause.chars().count() >= MIN_CLAUSE_CHARS {
            title = clause;
        }
    }
    if title.chars().count() <= TITLE_MAX_CHARS {
        return title.trim_end_matches(['.', ',', ';', ':']).to_owned();
    }
    let room: String = title.chars().take(TITLE_MAX_CHARS - 1).collect();
    let cut = match room.rfind(char::is_whitespace) {
        Some(space) => &room[..space],
        None => room.as_str(),
    };
    format!("{}…", cut.trim_end_matches(|c: char| !c.is_alphanumeric()))
}

/// The sentences of `text`, each with its closing punctuation.
pub fn sentences(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let piece = first_piece(rest, &SENTENCE_ENDS, char::is_uppercase);
        let after = rest[piece.len()..].trim_start();
        let end = match after.chars().next() {
            Some(c) if SENTENCE_ENDS.contains(&c) => rest.len() - after.len() + c.len_utf8(),
            _ => piece.len(),
        };
        // A piece that cannot move on would loop forever; the rest is one sentence.
        if end == 0 {
            found.push(rest);
            break;
        }
        found.push(rest[..end].trim());
        rest = rest[end..].trim_start();
    }
    found
}

/// `text` up to the first of `ends` that closes a sentence or clause, without
/// it: one followed by the end, or by whitespace and a character `next` accepts
/// (so "ca. 5" does not end a sentence).
fn first_piece<'a>(text: &'a str, ends: &[char], next: fn(char) -> bool) -> &'a str {
    for (index, c) in text.char_indices().skip(1) {
        if !ends.contains(&c) {
            continue;
        }
        let rest = &text[index + c.len_utf8()..];
        let closes = rest.trim_start().chars().next().is_none_or(next)
            && (rest.is_empty() || rest.starts_with(char::is_whitespace));
        if closes {
            return text[..index].trim_end();
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_the_first_sentence_or_clause_within_80_characters() {
        assert_eq!(
            short_title(
                "Lag pakketurer sammen med nabokommunene, en turist gidder ikke kjøre. Vi må selges som en region"
            ),
            "Lag pakketurer sammen med nabokommunene, en turist gidder ikke kjøre"
        );
        assert_eq!(
            short_title("Flere benker i sentrum!"),
            "Flere benker i sentrum"
        );
        assert_eq!(
            short_title("øvre del av elva bør ryddes"),
            "Øvre del av elva bør ryddes"
        );
        let long = "Jeg foreslår at kommunen kjøper opp noe av dyrkamarka som ligger brakk og leier den ut billig til de som vil drive";
        let title = short_title(long);
        assert!(
            title.ends_with('…') && title.chars().count() <= 80,
            "{title}"
        );
        assert!(long.starts_with(title.trim_end_matches('…')), "{title}");
        assert!(!title.trim_end_matches('…').ends_with(' '));
        let clause = "Bygg ut havna i Sørvika med ny kai for fiskeflåten og turistbåtene, slik at flere kan legge til her om sommeren og høsten";
        assert_eq!(
            short_title(clause),
            "Bygg ut havna i Sørvika med ny kai for fiskeflåten og turistbåtene"
        );
        assert_eq!(
            short_title("Ca. 5 nye hytter ved Fjellstua. Det trengs."),
            "Ca. 5 nye hytter ved Fjellstua"
        );
    }

    #[test]
    fn sentences_keep_their_punctuation_and_abbreviations() {
        assert_eq!(
            sentences("Hydrogenproduksjon! Vi har f.eks. billig vannkraft. Hvorfor ikke?"),
            [
                "Hydrogenproduksjon!",
                "Vi har f.eks. billig vannkraft.",
                "Hvorfor ikke?"
            ]
        );
        assert_eq!(
            sentences("Uten punktum til slutt"),
            ["Uten punktum til slutt"]
        );
        assert!(sentences("  ").is_empty());
    }
}
