//! An e-mail address, trimmed and lower-cased.

use std::fmt;

use validator::ValidateEmail;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("not a valid e-mail address")]
pub struct InvalidEmail;

impl Email {
    pub fn parse(raw: &str) -> Result<Self, InvalidEmail> {
        let email = raw.trim().to_lowercase();
        if email.len() <= 254 && email.validate_email() {
            Ok(Self(email))
        } else {
            Err(InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_space() {
        let email = Email::parse("  Kari.Nordmann@Kommune.NO ").expect("valid");
        assert_eq!(email.as_str(), "kari.nordmann@kommune.no");
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for raw in [
            "",
            "kari",
            "kari@",
            "@kommune.no",
            "kari nordmann@kommune.no",
        ] {
            assert_eq!(Email::parse(raw), Err(InvalidEmail), "{raw:?}");
        }
    }
}
