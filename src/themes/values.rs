//! The values a theme is made of, parsed once so that a bad slug, name or
//! colour cannot reach the database from a form, a CSV file or another feature.

use std::fmt;

/// Longest slug; the column is `varchar(60)`.
pub const SLUG_MAX: usize = 60;
/// Shortest slug: one letter says too little in a URL or a file.
pub const SLUG_MIN: usize = 2;
/// Longest name; the columns are `varchar(120)`.
pub const NAME_MAX: usize = 120;
/// Longest description and keyword list: a few paragraphs, not a report.
pub const TEXT_MAX: usize = 2000;

/// Colours given to new themes in turn. Each holds at least 4.5:1 against
/// white, so a swatch is visible (WCAG 1.4.11) and white text on it is
/// readable, and neighbouring hues differ for the common colour-vision types.
pub const PALETTE: [&str; 10] = [
    "#1f5f8b", "#b3401b", "#2e7d32", "#6a3d9a", "#8a5a00", "#00796b", "#ad1457", "#455a64",
    "#3949ab", "#795548",
];

/// What is wrong with a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Fault {
    #[error("is empty or too long")]
    Length,
    #[error("is not of its form")]
    Form,
    /// NUL, escape and the like: no one types them, they are invisible on a
    /// page, and they break the CSV files, terminals and tagger the text goes to.
    #[error("holds a control character")]
    ControlCharacter,
}

/// A value that does not fit its rule: which kind of value, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("invalid {field}: it {fault}")]
pub struct Invalid {
    pub field: &'static str,
    pub fault: Fault,
}

impl Invalid {
    fn new(field: &'static str, fault: Fault) -> Self {
        Self { field, fault }
    }
}

/// Refuses control characters except those in `allowed` (line breaks in a
/// multi-line text, say).
fn without_controls(field: &'static str, value: &str, allowed: &[char]) -> Result<(), Invalid> {
    if value
        .chars()
        .any(|c| c.is_control() && !allowed.contains(&c))
    {
        Err(Invalid::new(field, Fault::ControlCharacter))
    } else {
        Ok(())
    }
}

/// The stable identifier of a theme in URLs, files and the tagger's data:
/// 2–60 of `a-z`, `0-9` and `-`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slug(String);

impl Slug {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim();
        if is_valid_slug(value) {
            Ok(Self(value.to_owned()))
        } else {
            Err(Invalid::new("slug", Fault::Form))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn is_valid_slug(value: &str) -> bool {
    (SLUG_MIN..=SLUG_MAX).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A theme's name in one language: one trimmed line of 1–120 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name(String);

impl Name {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim();
        without_controls("name", value, &[])?;
        let length = value.chars().count();
        if (1..=NAME_MAX).contains(&length) {
            Ok(Self(value.to_owned()))
        } else {
            Err(Invalid::new("name", Fault::Length))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A colour as `#rrggbb`, stored in lower case so equal colours compare equal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colour(String);

impl Colour {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim();
        if is_valid_colour(value) {
            Ok(Self(value.to_ascii_lowercase()))
        } else {
            Err(Invalid::new("colour", Fault::Form))
        }
    }

    /// The palette colour for the `index`-th theme, wrapping round.
    pub fn from_palette(index: usize) -> Self {
        Self(PALETTE[index % PALETTE.len()].to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

pub fn is_valid_colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// A theme's description: trimmed, up to 2000 characters, in lines and
/// paragraphs but without other control characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Description(String);

impl Description {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        let value = value.trim();
        // A textarea sends CR LF; a pasted paragraph may bring a tab.
        without_controls("description", value, &['\n', '\r', '\t'])?;
        if value.chars().count() <= TEXT_MAX {
            Ok(Self(value.to_owned()))
        } else {
            Err(Invalid::new("description", Fault::Length))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A theme's keywords, normalised with [`normalise_keywords`] to one line of
/// at most 2000 characters. Line breaks and tabs separate words as commas do;
/// any other control character is refused.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keywords(String);

impl Keywords {
    pub fn parse(value: &str) -> Result<Self, Invalid> {
        without_controls("keywords", value, &['\n', '\r', '\t'])?;
        let line = normalise_keywords(value);
        if line.chars().count() <= TEXT_MAX {
            Ok(Self(line))
        } else {
            Err(Invalid::new("keywords", Fault::Length))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Keywords as one comma-separated line: the tagger splits on commas, and
/// people paste them one per line, from a spreadsheet row (tabs) or with
/// stray spaces.
pub fn normalise_keywords(text: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    for word in text.split([',', '\n', ';', '\t']).map(str::trim) {
        if !word.is_empty() && !seen.iter().any(|w| w.to_lowercase() == word.to_lowercase()) {
            seen.push(word.to_owned());
        }
    }
    seen.join(", ")
}

/// Everything about a theme that can change after it is created.
///
/// `description` and `keywords` are plain strings so that tests elsewhere can
/// build a theme in one expression; every form, file and API body fills them
/// from [`Description::parse`] and [`Keywords::parse`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeFields {
    pub name_nb: Name,
    pub name_nn: Name,
    pub name_en: Name,
    pub description: String,
    /// Already normalised with [`normalise_keywords`].
    pub keywords: String,
    pub colour: Colour,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contrast_with_white(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0)) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        let luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
        1.05 / (luminance + 0.05)
    }

    #[test]
    fn palette_colours_are_valid_and_readable_on_white() {
        for colour in PALETTE {
            assert!(is_valid_colour(colour), "{colour}");
            assert_eq!(Colour::parse(colour).map(|c| c.0), Ok(colour.to_owned()));
            assert!(contrast_with_white(colour) >= 4.5, "{colour}");
        }
    }

    #[test]
    fn slugs_allow_only_lowercase_ascii_digits_and_hyphens() {
        for good in ["ab", "reiseliv", "omstilling-2030", &"a".repeat(60)] {
            assert!(Slug::parse(good).is_ok(), "{good}");
        }
        for bad in [
            "a",
            "",
            "Reiseliv",
            "sjømat",
            "to ord",
            "a_b",
            &"a".repeat(61),
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_are_trimmed_and_limited() {
        assert_eq!(
            Name::parse("  Reiseliv ").map(|n| n.0),
            Ok("Reiseliv".into())
        );
        assert!(Name::parse("   ").is_err());
        assert!(Name::parse(&"æ".repeat(120)).is_ok());
        assert!(Name::parse(&"æ".repeat(121)).is_err());
    }

    #[test]
    fn colours_are_hash_and_six_hex_digits() {
        assert_eq!(Colour::parse("#A1B2C3").map(|c| c.0), Ok("#a1b2c3".into()));
        for bad in ["a1b2c3", "#abc", "#a1b2c3d", "#ggggggg", "red", "#ééé"] {
            assert!(Colour::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_with_control_characters_is_refused_but_line_breaks_are_kept() {
        let control = |result: Result<(), Invalid>| {
            matches!(
                result,
                Err(Invalid {
                    fault: Fault::ControlCharacter,
                    ..
                })
            )
        };
        for bad in [
            "Reise\0liv",
            "Reise\u{1b}[31mliv",
            "Reise\u{7f}liv",
            "a\tb",
            "a\nb",
        ] {
            assert!(control(Name::parse(bad).map(drop)), "{bad:?}");
        }
        for bad in ["nul\0", "bell\u{7}", "c1\u{85}x"] {
            assert!(control(Description::parse(bad).map(drop)), "{bad:?}");
            assert!(control(Keywords::parse(bad).map(drop)), "{bad:?}");
        }
        assert_eq!(
            Description::parse(" Første avsnitt.\r\n\r\n\tAndre. ").map(Description::into_string),
            Ok("Første avsnitt.\r\n\r\n\tAndre.".to_owned())
        );
        assert_eq!(
            Keywords::parse("hytte\tfjell\r\nfisk").map(Keywords::into_string),
            Ok("hytte, fjell, fisk".to_owned())
        );
        assert_eq!(
            Description::parse(&"æ".repeat(2001)),
            Err(Invalid::new("description", Fault::Length))
        );
    }

    #[test]
    fn keywords_become_one_deduplicated_line() {
        assert_eq!(
            normalise_keywords(" turisme,\nhytte ;Turisme,, fjell "),
            "turisme, hytte, fjell"
        );
        assert_eq!(normalise_keywords("  "), "");
    }
}
