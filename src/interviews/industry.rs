//! Industry by section of the Norwegian standard industrial classification
//! SN2025 (Statistics Norway; the Norwegian version of NACE Rev. 2.1). Only
//! the section letter is stored; its name comes from the locale files
//! (`interviews.industry.<letter>`).

/// The 22 sections, A–V.
pub const SECTIONS: [char; 22] = [
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O', 'P', 'Q', 'R', 'S',
    'T', 'U', 'V',
];

/// A section letter as typed or stored; anything else is refused.
pub fn parse(code: &str) -> Option<char> {
    let mut chars = code.trim().chars();
    let letter = chars.next()?.to_ascii_uppercase();
    (chars.next().is_none() && SECTIONS.contains(&letter)).then_some(letter)
}

/// The locale key of a section's name.
pub fn label_key(letter: &str) -> String {
    format!("interviews.industry.{letter}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_a_to_v_and_nothing_else() {
        assert_eq!(SECTIONS.len(), 22);
        assert_eq!(parse("a"), Some('A'));
        assert_eq!(parse(" V "), Some('V'));
        for wrong in ["", "W", "Z", "AB", "1", "Å"] {
            assert_eq!(parse(wrong), None, "{wrong}");
        }
    }
}
