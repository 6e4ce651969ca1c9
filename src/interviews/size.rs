//! How many people a business employs: a number when the business gives
//! one, or a band (the bands of Statistics Norway's business register).

/// Band codes, smallest first.
pub const BANDS: [&str; 8] = [
    "0", "1-4", "5-9", "10-19", "20-49", "50-99", "100-249", "250+",
];

pub fn parse_band(code: &str) -> Option<&'static str> {
    BANDS.into_iter().find(|band| *band == code.trim())
}

/// The band a head count falls in.
pub fn band_of(employees: i32) -> &'static str {
    match employees {
        i32::MIN..=0 => "0",
        1..=4 => "1-4",
        5..=9 => "5-9",
        10..=19 => "10-19",
        20..=49 => "20-49",
        50..=99 => "50-99",
        100..=249 => "100-249",
        _ => "250+",
    }
}

/// A head count to weigh a business by: the number given, else the middle
/// of its band (250 for "250+", the least it can be).
pub fn estimate(employees: Option<i32>, band: Option<&str>) -> Option<i32> {
    employees.or_else(|| {
        Some(match band? {
            "0" => 0,
            "1-4" => 2,
            "5-9" => 7,
            "10-19" => 15,
            "20-49" => 35,
            "50-99" => 75,
            "100-249" => 175,
            "250+" => 250,
            _ => return None,
        })
    })
}

/// The locale key of a band's name.
pub fn label_key(band: &str) -> String {
    format!(
        "interviews.size.{}",
        band.replace('-', "_").replace('+', "plus")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_count_has_a_band_and_every_band_an_estimate_inside_it() {
        for count in [0, 1, 4, 5, 9, 10, 49, 50, 99, 100, 249, 250, 10_000] {
            let band = band_of(count);
            assert!(BANDS.contains(&band));
        }
        for band in BANDS {
            let estimate = estimate(None, Some(band)).unwrap();
            assert_eq!(band_of(estimate), band);
        }
        assert_eq!(estimate(Some(12), Some("250+")), Some(12));
        assert_eq!(estimate(None, None), None);
        assert_eq!(parse_band("5-9"), Some("5-9"));
        assert_eq!(parse_band("7"), None);
    }
}
