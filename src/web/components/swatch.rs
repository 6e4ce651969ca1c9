//! A colour shown as a small square.

use maud::{Markup, html};

/// An SVG `fill` rather than a `style` attribute, which the content security
/// policy forbids. Hidden from screen readers: the colour code beside it says
/// the same in words.
pub fn swatch(colour: &str) -> Markup {
    html! {
        svg.swatch width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" {
            rect x="0.5" y="0.5" width="19" height="19" rx="3" fill=(colour)
                stroke="currentColor" stroke-opacity="0.5" {}
        }
    }
}
