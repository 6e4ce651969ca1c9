//! Password hashing (argon2id with a random salt) and generated passwords.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use rand::RngExt;

use crate::error::AppError;

pub fn hash(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|err| AppError::Unexpected(format!("hashing a password: {err}"), None))
}

/// False for a wrong password and for a hash that cannot be read.
pub fn verify(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A random password of 20 characters that are easy to read and type.
pub fn generate() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..20)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// The shortest password accepted.
pub const MIN_LENGTH: usize = 12;

/// Checks the password rules; the error is a locale key under `validation`.
pub fn check_rules(password: &str, email: &str) -> Result<(), &'static str> {
    if password.chars().count() < MIN_LENGTH {
        return Err("password_too_short");
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err("password_is_email");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery").expect("hashes");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify(&stored, "correct horse battery"));
        assert!(!verify(&stored, "correct horse batterY"));
        assert!(!verify("not a hash", "correct horse battery"));
    }

    #[test]
    fn rules_want_twelve_characters_and_not_the_email() {
        assert_eq!(check_rules("kort", "a@b.no"), Err("password_too_short"));
        assert_eq!(
            check_rules("Kari@Kommune.no", "kari@kommune.no"),
            Err("password_is_email")
        );
        assert_eq!(check_rules("tolv tegn her", "a@b.no"), Ok(()));
        assert_eq!(check_rules("æøåæøåæøåæøå", "a@b.no"), Ok(()));
    }

    #[test]
    fn generated_passwords_are_long_and_differ() {
        let (a, b) = (generate(), generate());
        assert_eq!(a.chars().count(), 20);
        assert_ne!(a, b);
    }
}
