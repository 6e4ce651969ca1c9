//! The two surveys a programme can start from: one for residents and one
//! for businesses, asking what restructuring programmes ask early in the
//! strategy phase. Question texts are in bokmål, the programme's default
//! language; facilitators edit them from there.

use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};
use uuid::Uuid;

use crate::audit::service::{self as audit, Entry};
use crate::error::AppError;
use crate::inputs::StakeholderGroup;
use crate::interviews::{industry, size};
use crate::surveys::model::{Audience, Choice, Kind, Role};
use crate::surveys::service::builder::{self, NewSurvey, QuestionFields};
use crate::web::Lang;

/// The built-in templates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Template {
    Resident,
    Business,
}

impl Template {
    pub const ALL: [Template; 2] = [Template::Resident, Template::Business];

    pub fn code(self) -> &'static str {
        match self {
            Template::Resident => "resident",
            Template::Business => "business",
        }
    }

    pub fn parse(code: &str) -> Option<Template> {
        Template::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The locale key of the template's name.
    pub fn label_key(self) -> String {
        format!("surveys.template.{}", self.code())
    }
}

/// A section of a template: its title and questions.
struct Part {
    title: &'static str,
    questions: Vec<QuestionFields>,
}

fn choices(pairs: &[(&str, &str)]) -> Vec<Choice> {
    pairs
        .iter()
        .map(|(code, label)| Choice {
            code: (*code).to_owned(),
            label: (*label).to_owned(),
            hidden: false,
        })
        .collect()
}

fn single(prompt: &str, options: Vec<Choice>, required: bool) -> QuestionFields {
    QuestionFields {
        options,
        required,
        ..QuestionFields::new(Kind::SingleChoice, prompt)
    }
}

fn likert(prompt: &str, low: &str, high: &str) -> QuestionFields {
    QuestionFields {
        scale_low: Some(low.to_owned()),
        scale_high: Some(high.to_owned()),
        ..QuestionFields::new(Kind::Likert, prompt)
    }
}

fn long(prompt: &str, help: &str) -> QuestionFields {
    QuestionFields {
        help: (!help.is_empty()).then(|| help.to_owned()),
        ..QuestionFields::new(Kind::LongText, prompt)
    }
}

fn importance() -> QuestionFields {
    QuestionFields {
        help: Some("1 betyr ikke viktig, 5 betyr svært viktig.".into()),
        scale_low: Some("Ikke viktig".into()),
        scale_high: Some("Svært viktig".into()),
        ..QuestionFields::new(
            Kind::ThemeImportance,
            "Hvor viktig er hvert av disse områdene for utviklingen av kommunen de neste årene?",
        )
    }
}

fn ranking() -> QuestionFields {
    QuestionFields {
        help: Some(
            "Gi det viktigste plass 1, det nest viktigste plass 2 og så videre. \
             Du kan rangere bare de tre viktigste."
                .into(),
        ),
        ..QuestionFields::new(
            Kind::ThemeRanking,
            "Hvilke områder bør omstillingsprogrammet prioritere?",
        )
    }
}

fn resident() -> (NewSurvey, Vec<Part>) {
    let groups = StakeholderGroup::ALL
        .into_iter()
        .map(|group| Choice {
            code: group.code().to_owned(),
            label: Lang::Nb.t(&group.label_key()).to_owned(),
            hidden: false,
        })
        .collect();
    let survey = NewSurvey {
        title: "Innbyggerundersøkelse".into(),
        intro: Some(
            "Kommunen er i gang med et omstillingsprogram. Svarene dine hjelper oss å velge \
             hva programmet skal satse på. Undersøkelsen er anonym og tar om lag ti minutter."
                .into(),
        ),
        audience: Audience::Resident,
        paged: true,
        offer_interview: false,
    };
    let parts = vec![
        Part {
            title: "Om deg",
            questions: vec![
                QuestionFields {
                    role: Some(Role::StakeholderGroup),
                    ..single("Hvem svarer du som?", groups, true)
                },
                single(
                    "Hvor gammel er du?",
                    choices(&[
                        ("u20", "Under 20 år"),
                        ("20-29", "20–29 år"),
                        ("30-44", "30–44 år"),
                        ("45-66", "45–66 år"),
                        ("67+", "67 år eller eldre"),
                    ]),
                    false,
                ),
                QuestionFields {
                    allow_other: true,
                    ..single(
                        "Hvor bor du?",
                        choices(&[
                            ("sentrum", "I kommunesenteret"),
                            ("utenfor", "Andre steder i kommunen"),
                            ("nabo", "I en nabokommune"),
                        ]),
                        false,
                    )
                },
            ],
        },
        Part {
            title: "Stedet",
            questions: vec![
                likert(
                    "Hvor fornøyd er du med å bo i kommunen?",
                    "Svært misfornøyd",
                    "Svært fornøyd",
                ),
                likert(
                    "Det er gode jobbmuligheter i kommunen.",
                    "Helt uenig",
                    "Helt enig",
                ),
                likert(
                    "Hvor fornøyd er du med tjenestene i kommunen (skole, helse, kultur, transport)?",
                    "Svært misfornøyd",
                    "Svært fornøyd",
                ),
                likert(
                    "Hvor sannsynlig er det at du bor i kommunen om ti år?",
                    "Svært lite sannsynlig",
                    "Svært sannsynlig",
                ),
                long("Hva er det beste med å bo her?", ""),
            ],
        },
        Part {
            title: "Prioriteringer",
            questions: vec![
                importance(),
                ranking(),
                long(
                    "Hva bør omstillingsprogrammet gjøre først?",
                    "Beskriv gjerne et konkret tiltak.",
                ),
                long("Har du andre innspill?", ""),
            ],
        },
    ];
    (survey, parts)
}

fn business() -> (NewSurvey, Vec<Part>) {
    let sections: Vec<(String, String)> = industry::SECTIONS
        .into_iter()
        .map(|letter| {
            let code = letter.to_string();
            let label = format!("{code} {}", Lang::Nb.t(&industry::label_key(&code)));
            (code, label)
        })
        .collect();
    let industries = sections
        .iter()
        .map(|(code, label)| Choice {
            code: code.clone(),
            label: label.clone(),
            hidden: false,
        })
        .collect();
    let bands = size::BANDS
        .into_iter()
        .map(|band| Choice {
            code: band.to_owned(),
            label: format!("{} ansatte", band.replace('-', "–")),
            hidden: false,
        })
        .collect();
    let survey = NewSurvey {
        title: "Næringslivsundersøkelse".into(),
        intro: Some(
            "Omstillingsprogrammet vil vite hva bedriftene i kommunen trenger for å vokse. \
             Svarene er anonyme og tar om lag ti minutter. Til slutt kan dere melde \
             interesse for et intervju."
                .into(),
        ),
        audience: Audience::Business,
        paged: true,
        offer_interview: true,
    };
    let parts = vec![
        Part {
            title: "Om bedriften",
            questions: vec![
                QuestionFields {
                    role: Some(Role::StakeholderGroup),
                    ..single(
                        "Hvilken rolle har du i bedriften?",
                        choices(&[
                            ("naeringsdrivende", "Eier eller daglig leder"),
                            ("ansatt", "Ansatt"),
                            ("annet", "Annet"),
                        ]),
                        true,
                    )
                },
                QuestionFields {
                    role: Some(Role::Industry),
                    help: Some("Næringshovedområde etter SN2025.".into()),
                    ..single("Hvilken bransje er bedriften i?", industries, true)
                },
                QuestionFields {
                    role: Some(Role::Size),
                    ..single("Hvor mange ansatte har bedriften?", bands, true)
                },
                single(
                    "Hvordan venter dere at antallet ansatte endrer seg de neste tre årene?",
                    choices(&[
                        ("flere", "Flere ansatte"),
                        ("like", "Omtrent like mange"),
                        ("faerre", "Færre ansatte"),
                        ("vet_ikke", "Vet ikke"),
                    ]),
                    false,
                ),
                QuestionFields {
                    help: Some("Bruk minus for færre, for eksempel −3.".into()),
                    min_value: Some(-10_000.0),
                    max_value: Some(10_000.0),
                    ..QuestionFields::new(Kind::Number, "Omtrent hvor mange flere eller færre?")
                },
            ],
        },
        Part {
            title: "Behov",
            questions: vec![
                QuestionFields {
                    allow_other: true,
                    ..QuestionFields {
                        options: choices(&[
                            ("kompetanse", "Kompetanse og arbeidskraft"),
                            ("lokaler", "Lokaler og næringsareal"),
                            ("infrastruktur", "Infrastruktur: vei, havn, bredbånd, strøm"),
                            ("finansiering", "Finansiering og kapital"),
                            ("samarbeid", "Samarbeid med andre bedrifter, skoler og FoU"),
                        ]),
                        ..QuestionFields::new(
                            Kind::MultipleChoice,
                            "Hva trenger bedriften for å utvikle seg de neste tre årene?",
                        )
                    }
                },
                likert(
                    "Hvor lett er det å rekruttere folk med den kompetansen dere trenger?",
                    "Svært vanskelig",
                    "Svært lett",
                ),
                long(
                    "Beskriv det viktigste behovet bedriften har.",
                    "Hva står i veien, og hva ville hjulpet?",
                ),
            ],
        },
        Part {
            title: "Prioriteringer",
            questions: vec![
                importance(),
                ranking(),
                long(
                    "Hva kan kommunen og omstillingsprogrammet gjøre for bedriften?",
                    "",
                ),
            ],
        },
        Part {
            title: "Intervju",
            questions: vec![QuestionFields {
                role: Some(Role::InterviewInterest),
                help: Some(
                    "Programmet intervjuer bedrifter om planer og behov. Svarer dere ja, \
                     kan dere melde dere på etter at undersøkelsen er sendt."
                        .into(),
                ),
                ..single(
                    "Er bedriften interessert i et intervju med omstillingsprogrammet?",
                    choices(&[("ja", "Ja"), ("nei", "Nei")]),
                    false,
                )
            }],
        },
    ];
    (survey, parts)
}

/// Creates a draft survey from a template and returns its id.
pub async fn create_from<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    actor: Option<Uuid>,
    template: Template,
) -> Result<Uuid, AppError> {
    let (survey, parts) = match template {
        Template::Resident => resident(),
        Template::Business => business(),
    };
    let txn = crate::db::begin(db).await?;
    let id = builder::insert_survey(&txn, &survey).await?;
    for part in parts {
        let section = builder::add_section_in(&txn, id, part.title, None).await?;
        for question in &part.questions {
            builder::add_question_in(&txn, id, section, question).await?;
        }
    }
    audit::record(
        &txn,
        Entry::new(actor, "survey.create")
            .on("survey", id)
            .details(format!("template {}", template.code())),
    )
    .await?;
    txn.commit().await?;
    Ok(id)
}
