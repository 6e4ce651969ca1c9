//! Which two options a voter sees next. Random, so no option is always
//! first; weighted towards options seen least, so a new proposal catches
//! up instead of waiting behind the themes that were there from the start.

use std::collections::HashMap;

use rand::{Rng, RngExt};
use uuid::Uuid;

/// The chance of drawing an option falls with how often it was shown.
fn weight(shown: u64) -> f64 {
    1.0 / (1.0 + shown as f64)
}

/// A weighted draw from `candidates`; None when there are none.
fn draw(rng: &mut impl Rng, candidates: &[(Uuid, f64)]) -> Option<Uuid> {
    let total: f64 = candidates.iter().map(|(_, w)| w).sum();
    let mut at = rng.random_range(0.0..1.0) * total;
    for (id, w) in candidates {
        if at < *w {
            return Some(*id);
        }
        at -= w;
    }
    candidates.last().map(|(id, _)| *id)
}

fn same_pair(a: (Uuid, Uuid), b: (Uuid, Uuid)) -> bool {
    a == b || a == (b.1, b.0)
}

/// Two different options from `options`, in random order, favouring those
/// with the fewest appearances in `shown` (votes they were part of). The
/// stream's `previous` pair is not repeated when there is any other.
pub fn choose(
    rng: &mut impl Rng,
    options: &[Uuid],
    shown: &HashMap<Uuid, u64>,
    previous: Option<(Uuid, Uuid)>,
) -> Option<(Uuid, Uuid)> {
    if options.len() < 2 {
        return None;
    }
    let weighted: Vec<(Uuid, f64)> = options
        .iter()
        .map(|id| (*id, weight(shown.get(id).copied().unwrap_or(0))))
        .collect();
    let first = draw(rng, &weighted)?;
    let fresh = |other: Uuid| previous.is_none_or(|p| !same_pair(p, (first, other)));
    let mut second: Vec<(Uuid, f64)> = weighted
        .iter()
        .copied()
        .filter(|(id, _)| *id != first && fresh(*id))
        .collect();
    if second.is_empty() {
        // Only two options, or the first drawn has no partner but the last one.
        second = weighted
            .iter()
            .copied()
            .filter(|(id, _)| *id != first)
            .collect();
    }
    let second = draw(rng, &second)?;
    Some(if rng.random_bool(0.5) {
        (first, second)
    } else {
        (second, first)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn ids(n: usize) -> Vec<Uuid> {
        (0..n).map(|_| Uuid::new_v4()).collect()
    }

    #[test]
    fn never_the_same_option_twice_and_none_without_two() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let options = ids(3);
        for _ in 0..500 {
            let (a, b) = choose(&mut rng, &options, &HashMap::new(), None).unwrap();
            assert_ne!(a, b);
            assert!(options.contains(&a) && options.contains(&b));
        }
        assert_eq!(choose(&mut rng, &options[..1], &HashMap::new(), None), None);
    }

    #[test]
    fn the_previous_pair_is_not_repeated_while_there_is_another() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let options = ids(3);
        let previous = (options[0], options[1]);
        for _ in 0..500 {
            let pair = choose(&mut rng, &options, &HashMap::new(), Some(previous)).unwrap();
            assert!(!same_pair(pair, previous), "{pair:?}");
        }
        // With two options there is no other pair.
        let two = &options[..2];
        assert!(choose(&mut rng, two, &HashMap::new(), Some(previous)).is_some());
    }

    #[test]
    fn options_seen_least_are_drawn_most() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let options = ids(6);
        let shown: HashMap<Uuid, u64> = options[1..].iter().map(|id| (*id, 100)).collect();
        let draws = 1000;
        let with_new = (0..draws)
            .filter_map(|_| choose(&mut rng, &options, &shown, None))
            .filter(|(a, b)| *a == options[0] || *b == options[0])
            .count();
        // Uniform pairs would hold it a third of the time; weighted, nearly always.
        assert!(with_new > draws * 9 / 10, "{with_new}");
    }

    #[test]
    fn both_sides_are_used() {
        let mut rng = ChaCha8Rng::seed_from_u64(4);
        let options = ids(2);
        let firsts = (0..200)
            .filter_map(|_| choose(&mut rng, &options, &HashMap::new(), None))
            .filter(|(a, _)| *a == options[0])
            .count();
        assert!(firsts > 50 && firsts < 150, "{firsts}");
    }
}
