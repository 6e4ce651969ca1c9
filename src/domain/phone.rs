//! A phone number in E.164 form. Norwegian numbers are typed as eight digits,
//! with or without +47 (or 0047) and spaces; other countries' numbers start
//! with + and their country code.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone(String);

#[derive(Debug, thiserror::Error, Clone, Copy, PartialEq, Eq)]
#[error("not a valid phone number")]
pub struct InvalidPhone;

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, InvalidPhone> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '(' | ')' | '.'))
            .collect();
        let international = if let Some(rest) = compact.strip_prefix("00") {
            format!("+{rest}")
        } else {
            compact
        };
        let (country, national) = match international.strip_prefix('+') {
            Some(rest) => (true, rest.to_owned()),
            None => (false, international),
        };
        if national.is_empty() || !national.chars().all(|c| c.is_ascii_digit()) {
            return Err(InvalidPhone);
        }
        if !country {
            // Without a country code only a Norwegian number is understood.
            return if national.len() == 8 {
                Ok(Self(format!("+47{national}")))
            } else {
                Err(InvalidPhone)
            };
        }
        if let Some(norwegian) = national.strip_prefix("47") {
            return if norwegian.len() == 8 {
                Ok(Self(format!("+47{norwegian}")))
            } else {
                Err(InvalidPhone)
            };
        }
        // E.164: a country code that does not start with 0, at most 15 digits.
        if national.starts_with('0') || !(8..=15).contains(&national.len()) {
            return Err(InvalidPhone);
        }
        Ok(Self(format!("+{national}")))
    }

    /// E.164, as stored: "+4791234567".
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_numbers_in_every_usual_form() {
        for raw in [
            "91234567",
            "912 34 567",
            "+47 912 34 567",
            "+4791234567",
            "0047 91 23 45 67",
        ] {
            assert_eq!(Phone::parse(raw).unwrap().as_str(), "+4791234567", "{raw}");
        }
    }

    #[test]
    fn other_countries_need_their_code() {
        assert_eq!(
            Phone::parse("+46 70 123 45 67").unwrap().as_str(),
            "+46701234567"
        );
        assert_eq!(
            Phone::parse("+354 551 2345").unwrap().as_str(),
            "+3545512345"
        );
    }

    #[test]
    fn wrong_numbers_are_refused() {
        for raw in [
            "",
            "1234567",
            "123456789",
            "+47 1234 567",
            "+47 123 45 6789",
            "+0 1234 5678",
            "+1234",
            "+12345678901234567",
            "9123456a",
            "tlf 91234567",
        ] {
            assert_eq!(Phone::parse(raw), Err(InvalidPhone), "{raw}");
        }
    }
}
