//! A secret token for links and API access: 32 random bytes, shown once, and
//! stored only as its SHA-256, so a leaked table opens nothing.
//!
//! A high-entropy random token needs no slow password hash: SHA-256 cannot be
//! brute-forced back to 256 random bits. Every stored format so far is the
//! lower-case hex SHA-256 of the whole token text (any marker included), and
//! this type keeps it, so rows written before it existed still verify.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The token itself. It is deliberately not `Display` and its `Debug` hides
/// the value, so it cannot slip into a log line or an error message.
#[derive(Clone, PartialEq, Eq)]
pub struct SecretToken(String);

impl SecretToken {
    /// A fresh token: 32 random bytes in URL-safe base64 without padding
    /// (43 characters), safe in a path or query without escaping.
    pub fn generate() -> Self {
        Self::generate_with_prefix("")
    }

    /// A fresh token behind a fixed marker (such as `inn_`), so secret
    /// scanners and people can tell what it is.
    pub fn generate_with_prefix(prefix: &str) -> Self {
        // `rand::random` draws from the thread-local CSPRNG.
        let bytes: [u8; 32] = rand::random();
        Self(format!("{prefix}{}", URL_SAFE_NO_PAD.encode(bytes)))
    }

    /// The token's text, to put in a mail, a link or a page shown once.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The token's text, for handing over to whoever shows it once.
    pub fn into_string(self) -> String {
        self.0
    }

    /// What is stored for this token.
    pub fn hash(&self) -> String {
        Self::hash_of(&self.0)
    }

    /// What is stored for a token someone presents: its SHA-256 in lower-case
    /// hex. Looking a row up by this value is how a presented token is checked.
    pub fn hash_of(presented: &str) -> String {
        hex::encode(Sha256::digest(presented.as_bytes()))
    }

    /// Whether `presented` is the token whose hash is `stored_hash`, compared
    /// in constant time: for a row found some other way (by id, say), where an
    /// early-exit comparison would tell an attacker how much of a guess was right.
    pub fn matches(presented: &str, stored_hash: &str) -> bool {
        let presented = Self::hash_of(presented);
        !stored_hash.is_empty() && bool::from(presented.as_bytes().ct_eq(stored_hash.as_bytes()))
    }
}

impl fmt::Debug for SecretToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretToken(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_43_url_safe_characters_and_never_repeats() {
        let a = SecretToken::generate();
        let b = SecretToken::generate();
        assert_ne!(a, b);
        assert_eq!(a.expose().len(), 43);
        assert!(
            a.expose()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
    }

    #[test]
    fn a_prefixed_token_starts_with_its_marker() {
        let token = SecretToken::generate_with_prefix("inn_");
        assert!(token.expose().starts_with("inn_"));
        assert_eq!(token.expose().len(), 4 + 43);
    }

    #[test]
    fn the_hash_is_the_hex_sha256_of_the_whole_text() {
        // The value every stored row was written with; it must never change.
        assert_eq!(
            SecretToken::hash_of("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let token = SecretToken::generate_with_prefix("inn_");
        assert_eq!(token.hash(), SecretToken::hash_of(token.expose()));
        assert_eq!(token.hash(), token.hash());
        assert_eq!(token.hash().len(), 64);
    }

    #[test]
    fn only_the_right_token_matches_its_hash() {
        let token = SecretToken::generate();
        let stored = token.hash();
        assert!(SecretToken::matches(token.expose(), &stored));
        assert!(!SecretToken::matches(
            SecretToken::generate().expose(),
            &stored
        ));
        assert!(!SecretToken::matches("", &stored));
        assert!(!SecretToken::matches(token.expose(), ""));
        assert!(!SecretToken::matches(token.expose(), &stored[..63]));
        assert!(!SecretToken::matches(
            token.expose(),
            &stored.to_uppercase()
        ));
    }

    #[test]
    fn debug_output_hides_the_token() {
        let token = SecretToken::generate();
        let shown = format!("{token:?}");
        assert!(!shown.contains(token.expose()));
    }
}
