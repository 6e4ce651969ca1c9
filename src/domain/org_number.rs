//! A Norwegian organisation number (organisasjonsnummer): nine digits whose
//! last is a modulus-11 check digit over the first eight, weighted
//! 3, 2, 7, 6, 5, 4, 3, 2 (Brønnøysundregistrene).

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct OrgNumber(String);

/// Why a typed organisation number is refused.
#[derive(Debug, thiserror::Error, Clone, Copy, PartialEq, Eq)]
pub enum InvalidOrgNumber {
    #[error("an organisation number has nine digits")]
    Length,
    #[error("an organisation number holds only digits")]
    NotDigits,
    #[error("the check digit does not match")]
    CheckDigit,
}

const WEIGHTS: [u32; 8] = [3, 2, 7, 6, 5, 4, 3, 2];

impl OrgNumber {
    /// Accepts the number as people type it: spaces (also non-breaking) and
    /// the dots some write between groups are ignored.
    pub fn parse(raw: &str) -> Result<Self, InvalidOrgNumber> {
        let compact: String = raw
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '.')
            .collect();
        if !compact.chars().all(|c| c.is_ascii_digit()) {
            return Err(InvalidOrgNumber::NotDigits);
        }
        if compact.len() != 9 {
            return Err(InvalidOrgNumber::Length);
        }
        let digits: Vec<u32> = compact.bytes().map(|b| u32::from(b - b'0')).collect();
        let sum: u32 = WEIGHTS.iter().zip(&digits).map(|(w, d)| w * d).sum();
        let check = match 11 - sum % 11 {
            11 => 0,
            // No number is issued whose check digit would be 10.
            10 => return Err(InvalidOrgNumber::CheckDigit),
            digit => digit,
        };
        if check == digits[8] {
            Ok(Self(compact))
        } else {
            Err(InvalidOrgNumber::CheckDigit)
        }
    }

    /// The nine digits, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// "974 760 673", as the registers print it.
    pub fn grouped(&self) -> String {
        format!("{} {} {}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }
}

impl fmt::Display for OrgNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_numbers_pass() {
        for number in ["974760673", "991825827", "971526920", "958935420"] {
            assert_eq!(OrgNumber::parse(number).unwrap().as_str(), number);
        }
    }

    #[test]
    fn spaces_are_ignored_and_grouping_is_printed() {
        let number = OrgNumber::parse(" 974 760\u{a0}673 ").unwrap();
        assert_eq!(number.as_str(), "974760673");
        assert_eq!(number.grouped(), "974 760 673");
    }

    #[test]
    fn wrong_numbers_are_refused_with_the_reason() {
        assert_eq!(
            OrgNumber::parse("988077918"),
            Err(InvalidOrgNumber::CheckDigit)
        );
        assert_eq!(OrgNumber::parse("12345678"), Err(InvalidOrgNumber::Length));
        assert_eq!(
            OrgNumber::parse("1234567890"),
            Err(InvalidOrgNumber::Length)
        );
        assert_eq!(
            OrgNumber::parse("97476067A"),
            Err(InvalidOrgNumber::NotDigits)
        );
        assert_eq!(OrgNumber::parse("abc"), Err(InvalidOrgNumber::NotDigits));
        assert_eq!(OrgNumber::parse(""), Err(InvalidOrgNumber::Length));
    }

    #[test]
    fn a_check_digit_of_ten_is_never_valid() {
        // 00000001x: sum = 2, 11 - 2 = 9 → valid with 9; find a prefix giving 10.
        let prefix = (0..100_000_000u32)
            .map(|n| format!("{n:08}"))
            .find(|p| {
                let sum: u32 = WEIGHTS
                    .iter()
                    .zip(p.bytes())
                    .map(|(w, d)| w * u32::from(d - b'0'))
                    .sum();
                sum % 11 == 1
            })
            .unwrap();
        for last in 0..=9 {
            assert!(OrgNumber::parse(&format!("{prefix}{last}")).is_err());
        }
    }
}
