//! The programme's main colour as Designsystemet's accent scale.
//!
//! Designsystemet's theme gives each accent step a role (page background,
//! surface, border, text, filled button) in light and dark mode. Its own
//! default scale meets WCAG 2.1 AA through the *luminance* of each step, not
//! its hue, so the scale here keeps the default theme's luminance for every
//! step and takes the hue from the municipality's colour. Light mode's filled
//! buttons use the colour itself; it is refused when it is too light to stand
//! out from the white page (1.4.11, 3:1), with a darker colour of the same hue
//! suggested. The contrast pairs the design system relies on are checked in
//! the tests below for colours of every hue.

use actix_web::http::header;
use actix_web::{HttpResponse, web};

use crate::error::AppError;
use crate::settings::colour::Rgb;
use crate::settings::service::Programme;

/// Bumped when the derivation changes, so cached stylesheets are left behind.
const VERSION: &str = "v1";

/// Text needs 4.5:1 (WCAG 1.4.3); borders and filled controls 3:1 (1.4.11).
pub const TEXT_CONTRAST: f64 = 4.5;
pub const CONTROL_CONTRAST: f64 = 3.0;

/// Each step of the accent scale and its relative luminance in the light and
/// dark scheme of Designsystemet's default theme (`assets/vendor`; a test
/// holds this table to that file). `None`: not taken from the table.
const STEPS: [(&str, Option<f64>, Option<f64>); 16] = [
    ("background-default", Some(1.0), Some(0.0092)),
    ("background-tinted", Some(0.8978), Some(0.0138)),
    ("surface-default", Some(1.0), Some(0.0212)),
    ("surface-tinted", Some(0.8087), Some(0.0272)),
    ("surface-hover", Some(0.7015), Some(0.0364)),
    ("surface-active", Some(0.5914), Some(0.0556)),
    ("border-subtle", Some(0.5002), Some(0.0795)),
    ("border-default", Some(0.1894), Some(0.2197)),
    ("border-strong", Some(0.1100), Some(0.3881)),
    ("text-subtle", Some(0.1100), Some(0.3881)),
    ("text-default", Some(0.0244), Some(0.8409)),
    ("base-default", None, Some(0.2629)),
    ("base-hover", None, Some(0.3561)),
    ("base-active", None, Some(0.4751)),
    ("base-contrast-subtle", None, None),
    ("base-contrast-default", None, None),
];

/// Why a colour cannot be the accent, with a colour that can.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TooLight {
    pub contrast: f64,
    pub suggestion: Rgb,
}

/// The accent scale for light and dark mode, in `STEPS` order.
#[derive(Debug, Clone, PartialEq)]
pub struct Scale {
    pub light: Vec<(&'static str, Rgb)>,
    pub dark: Vec<(&'static str, Rgb)>,
}

impl Scale {
    pub fn get(steps: &[(&'static str, Rgb)], name: &str) -> Rgb {
        steps
            .iter()
            .find(|(step, _)| *step == name)
            .map(|(_, colour)| *colour)
            .unwrap_or(Rgb::BLACK)
    }
}

/// Checks `main` and derives its scale.
pub fn derive(main: Rgb) -> Result<Scale, TooLight> {
    let page = Rgb::WHITE;
    let contrast = main.contrast(page);
    if contrast < CONTROL_CONTRAST {
        return Err(TooLight {
            contrast,
            suggestion: darkest_suggestion(main),
        });
    }
    Ok(Scale {
        light: light_scale(main),
        dark: dark_scale(main),
    })
}

/// The lightest colour of `main`'s hue that stands out from a white page,
/// with a little room so rounding never takes it below.
fn darkest_suggestion(main: Rgb) -> Rgb {
    // contrast = 1.05 / (L + 0.05) ≥ 3  ⇔  L ≤ 0.30
    let mut luminance = 1.05 / CONTROL_CONTRAST - 0.05 - 0.01;
    loop {
        let candidate = main.with_luminance(luminance);
        if candidate.contrast(Rgb::WHITE) >= CONTROL_CONTRAST || luminance <= 0.0 {
            return candidate;
        }
        luminance -= 0.005;
    }
}

fn light_scale(main: Rgb) -> Vec<(&'static str, Rgb)> {
    let text = main.best_text();
    let base_luminance = main.luminance();
    // Hover and active darken a button with white text and lighten one with
    // black text, so the label keeps its contrast.
    let (hover, active) = if text == Rgb::WHITE {
        (
            main.with_luminance(base_luminance * 0.634),
            main.with_luminance(base_luminance * 0.376),
        )
    } else {
        (
            main.with_luminance(base_luminance + (1.0 - base_luminance) * 0.15),
            main.with_luminance(base_luminance + (1.0 - base_luminance) * 0.3),
        )
    };
    // Subtle text on the button: as tinted as the default theme's, but never
    // below 4.5:1 against the button.
    let contrast_subtle = if text == Rgb::WHITE {
        let needed = TEXT_CONTRAST * (base_luminance + 0.05) - 0.05 + 0.01;
        main.with_luminance(needed.clamp(0.7993, 1.0))
    } else {
        let needed = (base_luminance + 0.05) / TEXT_CONTRAST - 0.05 - 0.005;
        main.with_luminance(needed.clamp(0.0, 0.0244))
    };
    STEPS
        .iter()
        .map(|(name, light, _)| {
            let colour = match (*name, light) {
                (_, Some(luminance)) if *luminance >= 0.999 => Rgb::WHITE,
                (_, Some(luminance)) => main.with_luminance(*luminance),
                ("base-default", None) => main,
                ("base-hover", None) => hover,
                ("base-active", None) => active,
                ("base-contrast-subtle", None) => contrast_subtle,
                _ => text,
            };
            (*name, colour)
        })
        .collect()
}

fn dark_scale(main: Rgb) -> Vec<(&'static str, Rgb)> {
    STEPS
        .iter()
        .map(|(name, _, dark)| {
            let colour = match (*name, dark) {
                (_, Some(luminance)) => main.with_luminance(*luminance),
                ("base-contrast-subtle", None) => main.with_luminance(0.0091),
                _ => Rgb::BLACK,
            };
            (*name, colour)
        })
        .collect()
}

/// The stylesheet that puts the scale in place of the theme's accent, for
/// the light scheme, the dark one, and "auto" following the reader's system.
pub fn stylesheet(scale: &Scale) -> String {
    let block = |steps: &[(&'static str, Rgb)]| {
        steps
            .iter()
            .map(|(name, colour)| format!("--ds-color-accent-{name}:{colour};"))
            .collect::<String>()
    };
    let (light, dark) = (block(&scale.light), block(&scale.dark));
    format!(
        ":root,[data-color-scheme=light]{{{light}}}\n\
         @media (prefers-color-scheme:light){{[data-color-scheme=auto]{{{light}}}}}\n\
         [data-color-scheme=dark]{{{dark}}}\n\
         @media (prefers-color-scheme:dark){{[data-color-scheme=auto]{{{dark}}}}}\n"
    )
}

/// The address of the programme's accent stylesheet, or `None` when it uses
/// Designsystemet's own colours. The colour is in the address, so the file
/// can be cached for good and a new colour is a new file.
pub fn stylesheet_url(programme: &Programme) -> Option<String> {
    let colour = Rgb::parse(programme.main_colour.as_deref()?)?;
    Some(format!(
        "/tema/{VERSION}-{}.css",
        colour.to_string().trim_start_matches('#')
    ))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/tema/{name}.css", web::get().to(serve_stylesheet));
}

async fn serve_stylesheet(name: web::Path<String>) -> Result<HttpResponse, AppError> {
    let hex = name
        .strip_prefix(VERSION)
        .and_then(|rest| rest.strip_prefix('-'))
        .filter(|hex| hex.len() == 6)
        .ok_or(AppError::NotFound)?;
    let colour = Rgb::parse(hex).ok_or(AppError::NotFound)?;
    let scale = derive(colour).map_err(|_| AppError::NotFound)?;
    Ok(HttpResponse::Ok()
        .content_type("text/css; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .body(stylesheet(&scale)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Colours of every hue and many lightnesses, as admins might pick them.
    fn sample_colours() -> Vec<Rgb> {
        let mut colours = Vec::new();
        for r in (0..=255).step_by(17) {
            for g in (0..=255).step_by(51) {
                for b in (0..=255).step_by(51) {
                    colours.push(Rgb::new(r as u8, g as u8, b as u8));
                }
            }
        }
        colours
    }

    fn ratio(steps: &[(&'static str, Rgb)], a: &str, b: &str) -> f64 {
        Scale::get(steps, a).contrast(Scale::get(steps, b))
    }

    #[test]
    fn every_accepted_colour_gives_a_scale_that_meets_aa() {
        let neutral_light = Rgb::WHITE;
        // Designsystemet's dark page background.
        let neutral_dark = Rgb::parse("#17181a").unwrap();
        let mut accepted = 0;
        for colour in sample_colours() {
            let Ok(scale) = derive(colour) else { continue };
            accepted += 1;
            for (steps, page) in [(&scale.light, neutral_light), (&scale.dark, neutral_dark)] {
                for text in ["text-default", "text-subtle"] {
                    for background in ["background-default", "background-tinted", "surface-tinted"]
                    {
                        assert!(
                            ratio(steps, text, background) >= TEXT_CONTRAST,
                            "{colour} {text} on {background}"
                        );
                    }
                    assert!(
                        Scale::get(steps, text).contrast(page) >= TEXT_CONTRAST,
                        "{colour} {text}"
                    );
                }
                for base in ["base-default", "base-hover", "base-active"] {
                    assert!(
                        ratio(steps, "base-contrast-default", base) >= TEXT_CONTRAST,
                        "{colour} label on {base}"
                    );
                }
                assert!(
                    ratio(steps, "base-contrast-subtle", "base-default") >= TEXT_CONTRAST,
                    "{colour} subtle label"
                );
                assert!(
                    Scale::get(steps, "base-default").contrast(page) >= CONTROL_CONTRAST,
                    "{colour} button on page"
                );
                assert!(
                    Scale::get(steps, "border-default").contrast(page) >= CONTROL_CONTRAST,
                    "{colour} border on page"
                );
            }
            assert_eq!(
                Scale::get(&scale.light, "base-default"),
                colour,
                "the colour itself fills buttons"
            );
        }
        assert!(accepted > 100, "{accepted}");
    }

    #[test]
    fn a_colour_too_light_for_a_white_page_is_refused_with_a_darker_one_that_works() {
        for hex in ["#ffff00", "#f0a000", "#ffffff", "#7fb2e5", "#c0c0c0"] {
            let colour = Rgb::parse(hex).unwrap();
            let refused = derive(colour).expect_err(hex);
            assert!(refused.contrast < CONTROL_CONTRAST);
            assert!(
                derive(refused.suggestion).is_ok(),
                "{hex} → {}",
                refused.suggestion
            );
        }
        // A suggestion keeps the hue: yellow stays yellowish (red and green lead).
        let yellow = derive(Rgb::parse("#ffff00").unwrap())
            .unwrap_err()
            .suggestion;
        assert!(yellow.r > yellow.b && yellow.g > yellow.b, "{yellow}");
    }

    #[test]
    fn designsystemets_default_blue_gives_back_its_own_scale() {
        let theme = include_str!("../../assets/vendor/designsystemet/theme.css");
        let block = |start: &str, end: &str| {
            let from = theme.find(start).expect("scheme block");
            let to = from + theme[from..].find(end).expect("block end");
            theme[from..to].to_owned()
        };
        let light = block("[data-color-scheme=light]{", "@media");
        let dark = block("[data-color-scheme=dark]{", "@media");
        let value = |css: &str, step: &str| {
            let key = format!("--ds-color-accent-{step}:");
            let at = css.find(&key).expect(step) + key.len();
            Rgb::parse(&css[at..at + css[at..].find(';').unwrap()]).expect("hex")
        };
        for (name, light_luminance, dark_luminance) in STEPS {
            if let Some(luminance) = light_luminance {
                assert!(
                    (value(&light, name).luminance() - luminance).abs() < 0.001,
                    "light {name}"
                );
            }
            if let Some(luminance) = dark_luminance {
                assert!(
                    (value(&dark, name).luminance() - luminance).abs() < 0.001,
                    "dark {name}"
                );
            }
        }
        let blue = value(&light, "base-default");
        let scale = derive(blue).expect("the default blue is fine");
        assert_eq!(
            Scale::get(&scale.light, "base-contrast-default"),
            Rgb::WHITE
        );
    }

    #[test]
    fn the_stylesheet_sets_every_step_for_each_scheme() {
        let scale = derive(Rgb::parse("#1b4d7a").unwrap()).unwrap();
        let css = stylesheet(&scale);
        assert_eq!(css.matches("--ds-color-accent-base-default:").count(), 4);
        assert!(css.contains("--ds-color-accent-base-default:#1b4d7a;"));
        assert!(css.contains("@media (prefers-color-scheme:dark){[data-color-scheme=auto]{"));
    }
}
