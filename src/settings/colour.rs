//! sRGB colours and the WCAG 2.1 contrast maths the accent scale is held to.

use std::fmt;

/// An opaque sRGB colour, as `#rrggbb` in forms and stylesheets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    pub const WHITE: Rgb = Rgb::new(255, 255, 255);
    pub const BLACK: Rgb = Rgb::new(0, 0, 0);

    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// `#rrggbb` or `#rgb`, any case; the `#` may be left out.
    pub fn parse(value: &str) -> Option<Self> {
        let hex = value.trim().trim_start_matches('#');
        let expanded: String = match hex.len() {
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            6 => hex.to_owned(),
            _ => return None,
        };
        if !expanded.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&expanded[i..i + 2], 16).ok();
        Some(Self::new(channel(0)?, channel(2)?, channel(4)?))
    }

    /// Relative luminance as WCAG 2.1 defines it, 0 for black to 1 for white.
    pub fn luminance(self) -> f64 {
        let linear = |channel: u8| {
            let c = f64::from(channel) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }

    /// The WCAG contrast ratio, from 1 (same) to 21 (black on white).
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (lighter, darker) = if a > b { (a, b) } else { (b, a) };
        (lighter + 0.05) / (darker + 0.05)
    }

    /// The colour of the same hue with relative luminance `target`: mixed
    /// towards white to lighten or towards black to darken, found by
    /// bisection (luminance grows with the share of white).
    pub fn with_luminance(self, target: f64) -> Rgb {
        let target = target.clamp(0.0, 1.0);
        let towards = if target > self.luminance() {
            Rgb::WHITE
        } else {
            Rgb::BLACK
        };
        let (mut low, mut high) = (0.0_f64, 1.0_f64);
        let mut best = self;
        for _ in 0..40 {
            let share = (low + high) / 2.0;
            let mixed = self.mix(towards, share);
            best = mixed;
            let luminance = mixed.luminance();
            if (luminance - target).abs() < 1e-5 {
                break;
            }
            // More white raises luminance; more black lowers it.
            let too_far = if towards == Rgb::WHITE {
                luminance > target
            } else {
                luminance < target
            };
            if too_far {
                high = share;
            } else {
                low = share;
            }
        }
        best
    }

    /// `share` of `other` mixed into this colour, in sRGB.
    fn mix(self, other: Rgb, share: f64) -> Rgb {
        let channel = |a: u8, b: u8| {
            (f64::from(a) + (f64::from(b) - f64::from(a)) * share)
                .round()
                .clamp(0.0, 255.0) as u8
        };
        Rgb::new(
            channel(self.r, other.r),
            channel(self.g, other.g),
            channel(self.b, other.b),
        )
    }

    /// White or black, whichever reads better on this colour.
    pub fn best_text(self) -> Rgb {
        if self.contrast(Rgb::WHITE) >= self.contrast(Rgb::BLACK) {
            Rgb::WHITE
        } else {
            Rgb::BLACK
        }
    }
}

impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_long_and_short_forms_and_refuses_the_rest() {
        assert_eq!(Rgb::parse("#0062BA"), Some(Rgb::new(0, 0x62, 0xba)));
        assert_eq!(Rgb::parse("0062ba"), Some(Rgb::new(0, 0x62, 0xba)));
        assert_eq!(Rgb::parse("#fff"), Some(Rgb::WHITE));
        for bad in ["", "#", "#12345", "#1234567", "#gggggg", "blue", "#+12345"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        assert_eq!(Rgb::new(0, 0x62, 0xba).to_string(), "#0062ba");
    }

    #[test]
    fn contrast_matches_known_wcag_values() {
        assert!((Rgb::BLACK.contrast(Rgb::WHITE) - 21.0).abs() < 1e-9);
        assert!((Rgb::WHITE.contrast(Rgb::WHITE) - 1.0).abs() < 1e-9);
        // #767676 is the lightest grey with 4.5:1 on white.
        let grey = Rgb::parse("#767676").unwrap();
        assert!(grey.contrast(Rgb::WHITE) >= 4.5);
        assert!(Rgb::parse("#777777").unwrap().contrast(Rgb::WHITE) < 4.5);
    }

    #[test]
    fn with_luminance_reaches_the_target_and_keeps_the_hue() {
        let blue = Rgb::parse("#0062ba").unwrap();
        for target in [0.0092, 0.11, 0.5, 0.8978] {
            let shade = blue.with_luminance(target);
            assert!(
                (shade.luminance() - target).abs() < 0.004,
                "{target}: {shade}"
            );
            // Blue stays the strongest channel.
            assert!(shade.b >= shade.r && shade.b >= shade.g, "{shade}");
        }
    }
}
