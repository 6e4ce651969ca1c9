//! Composing many varied ideas from the hundred-odd labelled ones, for
//! `innspill demo --ideas N`: a labelled idea's text, sometimes joined by a
//! sentence from another idea on the same theme, a place and a closing
//! remark, under its own title, a workshop's short proposal, or either with
//! the place added. Themes follow the rows the text was taken from.

use std::collections::HashMap;

use rand::RngExt;

use super::data::{DemoIdea, Row, ideas};
use super::title::{TITLE_MAX_CHARS, capitalised, sentences, short_title};
use crate::inputs::StakeholderGroup;
use crate::web::Lang;

/// An idea ready to be stored, apart from its time and support.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub title: String,
    pub body: String,
    pub language: Lang,
    pub themes: Vec<String>,
    pub location: Option<String>,
}

/// A place in the fictional municipality, with how each language says "there".
struct Place {
    name: &'static str,
    nb: &'static str,
    nn: &'static str,
}

impl Place {
    /// "Hele kommunen" is no place to put before a title.
    fn everywhere(&self) -> bool {
        self.name == PLACES[PLACES.len() - 1].name
    }

    fn there(&self, language: Lang) -> &'static str {
        match language {
            Lang::Nn => self.nn,
            _ => self.nb,
        }
    }
}

const PLACES: [Place; 8] = [
    place("Sentrum", "i sentrum", "i sentrum"),
    place("Havna", "på havna", "på hamna"),
    place("Nordbygda", "i Nordbygda", "i Nordbygda"),
    place("Storøya", "på Storøya", "på Storøya"),
    place("Industriområdet på Neset", "på Neset", "på Neset"),
    place("Fjellstua", "ved Fjellstua", "ved Fjellstua"),
    place("Sørvika", "i Sørvika", "i Sørvika"),
    place("Hele kommunen", "i hele kommunen", "i heile kommunen"),
];

const fn place(name: &'static str, nb: &'static str, nn: &'static str) -> Place {
    Place { name, nb, nn }
}

/// A sentence shorter than this says too little to stand as a title.
const MIN_TITLE_CHARS: usize = 25;

/// Sentences naming a place; `{}` is where the place goes.
const PLACE_SENTENCES_NB: [&str; 3] = [
    "Dette trengs særlig {}.",
    "Det ville passe godt {}.",
    "Tenk hva dette kunne betydd {}.",
];
const PLACE_SENTENCES_NN: [&str; 3] = [
    "Dette trengst særleg {}.",
    "Det ville passa godt {}.",
    "Tenk kva dette kunne ha betydd {}.",
];
const CLOSINGS_NB: [&str; 4] = [
    "Håper kommunen tar tak i dette.",
    "Flere jeg har snakket med, mener det samme.",
    "Dette har vært snakket om lenge.",
    "Det haster.",
];
const CLOSINGS_NN: [&str; 4] = [
    "Håpar kommunen tek tak i dette.",
    "Fleire eg har snakka med, meiner det same.",
    "Dette har vore snakka om lenge.",
    "Det hastar.",
];

/// A workshop's short proposal, which reads like a title.
struct Proposal {
    text: String,
    themes: Vec<String>,
}

pub struct Composer {
    ideas: Vec<DemoIdea>,
    proposals: Vec<Proposal>,
    /// Indexes into `ideas` and `proposals` by language and theme, so a text
    /// is only joined by one on the same subject in the same language.
    ideas_on: HashMap<(Lang, String), Vec<usize>>,
    proposals_on: HashMap<(Lang, String), Vec<usize>>,
}

impl Composer {
    /// `None` when `rows` hold no idea to start from.
    pub fn new(rows: &[Row]) -> Option<Self> {
        let ideas = ideas(rows);
        if ideas.is_empty() {
            return None;
        }
        let mut ideas_on: HashMap<_, Vec<usize>> = HashMap::new();
        for (index, idea) in ideas.iter().enumerate() {
            for theme in &idea.themes {
                let key = (idea.language, theme.clone());
                ideas_on.entry(key).or_default().push(index);
            }
        }
        let mut proposals = Vec::new();
        let mut proposals_on: HashMap<_, Vec<usize>> = HashMap::new();
        let short = rows.iter().filter(|row| {
            row.channel == "workshop" && row.text.chars().count() <= TITLE_MAX_CHARS - 20
        });
        for row in short {
            for theme in &row.themes {
                let key = (row.language, theme.clone());
                proposals_on.entry(key).or_default().push(proposals.len());
            }
            proposals.push(Proposal {
                text: capitalised(row.text.trim_end_matches('.')),
                themes: row.themes.clone(),
            });
        }
        Some(Self {
            ideas,
            proposals,
            ideas_on,
            proposals_on,
        })
    }

    /// One new idea.
    pub fn compose(&self, rng: &mut impl rand::Rng) -> Draft {
        let idea = &self.ideas[rng.random_range(0..self.ideas.len())];
        let language = idea.language;
        let mut themes = idea.themes.clone();
        let mut body = ended(&idea.body);
        if rng.random_bool(0.4)
            && let Some(other) = self.related(&self.ideas_on, idea, rng)
        {
            let other = &self.ideas[other];
            let pieces = sentences(&other.body);
            if let Some(sentence) = pieces.get(rng.random_range(0..pieces.len().max(1)))
                && !idea.body.contains(sentence)
            {
                body = format!("{body} {}", ended(sentence));
                merge(&mut themes, &other.themes);
            }
        }
        let place = rng
            .random_bool(0.35)
            .then(|| &PLACES[rng.random_range(0..PLACES.len())]);
        if let Some(place) = place
            && rng.random_bool(0.6)
        {
            let templates = match language {
                Lang::Nn => PLACE_SENTENCES_NN,
                _ => PLACE_SENTENCES_NB,
            };
            let template = templates[rng.random_range(0..templates.len())];
            body = format!("{body} {}", template.replace("{}", place.there(language)));
        }
        if rng.random_bool(0.25) {
            let closings = match language {
                Lang::Nn => CLOSINGS_NN,
                _ => CLOSINGS_NB,
            };
            body = format!("{body} {}", closings[rng.random_range(0..closings.len())]);
        }

        let mut title = idea.title.clone();
        let mut proposed = false;
        if rng.random_bool(0.4)
            && let Some(proposal) = self.related(&self.proposals_on, idea, rng)
        {
            let proposal = &self.proposals[proposal];
            title = proposal.text.clone();
            proposed = true;
            merge(&mut themes, &proposal.themes);
        } else if rng.random_bool(0.4)
            && let Some(sentence) = later_sentence_as_title(&idea.body, rng)
        {
            title = sentence;
        }
        if let Some(place) = place
            && rng.random_bool(0.5)
        {
            title = with_place(title, place, proposed, language);
        }
        Draft {
            title,
            body,
            language,
            themes,
            location: place.map(|place| place.name.to_owned()),
        }
    }

    /// An entry of `index` in `idea`'s language on one of its themes.
    fn related(
        &self,
        index: &HashMap<(Lang, String), Vec<usize>>,
        idea: &DemoIdea,
        rng: &mut impl rand::Rng,
    ) -> Option<usize> {
        let theme = idea
            .themes
            .get(rng.random_range(0..idea.themes.len().max(1)))?;
        let candidates = index.get(&(idea.language, theme.clone()))?;
        candidates
            .get(rng.random_range(0..candidates.len().max(1)))
            .copied()
    }
}

/// One of the sentences after the first, when it would make a whole title
/// ("Få akvakulturlinja tilbake på videregående!" is one; a cut one is not).
fn later_sentence_as_title(body: &str, rng: &mut impl rand::Rng) -> Option<String> {
    let pieces = sentences(body);
    let later = pieces.get(1..)?;
    let sentence = later.get(rng.random_range(0..later.len().max(1)))?;
    let length = sentence.chars().count();
    (MIN_TITLE_CHARS..=TITLE_MAX_CHARS)
        .contains(&length)
        .then(|| short_title(sentence))
}

/// A short proposal with the place after it ("Fiber ut til alle grendene i
/// Sørvika"), a resident's sentence with the place before it, as a
/// headline has it ("Sørvika: Vi trenger ny molo"), or `title` as it is when
/// that would not fit or the place is already there.
fn with_place(title: String, place: &Place, proposed: bool, language: Lang) -> String {
    let there = place.there(language);
    let longer = if proposed {
        format!("{title} {there}")
    } else if place.everywhere() {
        return title;
    } else {
        format!("{}: {title}", place.name)
    };
    let fits = longer.chars().count() <= TITLE_MAX_CHARS;
    if fits && !title.ends_with('…') && !title.contains(place.name) {
        longer
    } else {
        title
    }
}

/// `text` closed with a full stop unless it already ends a sentence.
fn ended(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?', '…']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

fn merge(themes: &mut Vec<String>, more: &[String]) {
    for theme in more {
        if !themes.contains(theme) {
            themes.push(theme.clone());
        }
    }
}

/// Where about a third of the labelled ideas are set, as the plain demo has it.
pub fn random_location(rng: &mut impl rand::Rng) -> Option<String> {
    rng.random_bool(0.35)
        .then(|| PLACES[rng.random_range(0..PLACES.len())].name.to_owned())
}

/// Senders as a municipality's campaign would draw them: residents first.
pub fn random_group(rng: &mut impl rand::Rng) -> StakeholderGroup {
    match rng.random_range(0..100) {
        0..45 => StakeholderGroup::Resident,
        45..63 => StakeholderGroup::BusinessOwner,
        63..75 => StakeholderGroup::Employee,
        75..84 => StakeholderGroup::Youth,
        84..92 => StakeholderGroup::PublicEmployee,
        _ => StakeholderGroup::Other,
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use rand::SeedableRng;
    use rand::rngs::StdRng;

    use super::*;
    use crate::demo::data::DemoData;

    #[test]
    fn composed_ideas_vary_and_keep_their_themes_and_language() {
        let rows = DemoData::embedded().rows().expect("rows");
        let composer = Composer::new(&rows).expect("ideas");
        let mut rng = StdRng::seed_from_u64(7);
        let drafts: Vec<Draft> = (0..500).map(|_| composer.compose(&mut rng)).collect();
        let titles: HashSet<&str> = drafts.iter().map(|d| d.title.as_str()).collect();
        let bodies: HashSet<&str> = drafts.iter().map(|d| d.body.as_str()).collect();
        assert!(titles.len() > 250, "{} distinct titles", titles.len());
        assert!(bodies.len() > 300, "{} distinct texts", bodies.len());
        for draft in &drafts {
            assert!(!draft.themes.is_empty(), "{draft:?}");
            assert!(draft.title.chars().count() <= TITLE_MAX_CHARS, "{draft:?}");
            assert!(draft.title.starts_with(char::is_uppercase), "{draft:?}");
        }
        assert!(drafts.iter().any(|d| d.language == Lang::Nn));
        assert!(drafts.iter().any(|d| d.location.is_some()));
    }

    #[test]
    fn the_same_seed_composes_the_same_ideas() {
        let rows = DemoData::embedded().rows().expect("rows");
        let composer = Composer::new(&rows).expect("ideas");
        let run = |seed| {
            let mut rng = StdRng::seed_from_u64(seed);
            (0..50)
                .map(|_| composer.compose(&mut rng))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(3), run(3));
        assert_ne!(run(3), run(4));
    }
}
