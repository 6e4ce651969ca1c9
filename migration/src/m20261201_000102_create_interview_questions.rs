//! The interview guide: the questions facilitators ask, in order, each under
//! a topic. It starts with the topics restructuring programmes ask
//! businesses about; facilitators edit it from there. Questions are switched
//! off rather than deleted, so recorded answers keep their question.

use sea_orm_migration::sea_orm::prelude::{DateTimeUtc, Uuid};
use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::InterviewQuestions as Q;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (topic, question, help) in bokmål, the programme's default language.
const GUIDE: [(&str, &str, &str); 9] = [
    (
        "markets",
        "Hvem er kundene og markedene deres, og hvordan ser de ut de neste fem årene?",
        "Lokalt, regionalt, nasjonalt, eksport. Nye markeder dere vurderer.",
    ),
    (
        "competence",
        "Hvilken kompetanse trenger dere, og får dere tak i den?",
        "Fagarbeidere, ingeniører, lærlinger, etter- og videreutdanning.",
    ),
    (
        "premises",
        "Har dere de lokalene og arealene dere trenger?",
        "Næringsareal, kaiplass, lager, kontor, boliger til ansatte.",
    ),
    (
        "infrastructure",
        "Hva betyr infrastruktur for dere: vei, havn, bredbånd, strøm?",
        "Flaskehalser som hindrer vekst.",
    ),
    (
        "financing",
        "Hvordan finansierer dere utvikling og investeringer?",
        "Egenkapital, bank, Innovasjon Norge, fylkeskommunen, kommunalt næringsfond.",
    ),
    (
        "cooperation",
        "Hvem samarbeider dere med, og hvem kunne dere samarbeidet med?",
        "Andre bedrifter, klynger, skoler, FoU-miljøer, kommunen.",
    ),
    (
        "growth",
        "Hvilke planer har dere for vekst og utvikling?",
        "Nye produkter, investeringer, eierskifte, utfordringer som står i veien.",
    ),
    (
        "employees",
        "Hvordan venter dere at antallet ansatte endrer seg de neste tre årene?",
        "Omtrent hvor mange flere eller færre.",
    ),
    (
        "municipality",
        "Hva kan kommunen og omstillingsprogrammet gjøre for dere?",
        "Det viktigste dere ønsker dere av programmet.",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Q::Table)
                    .if_not_exists()
                    .col(pk_uuid(Q::Id))
                    .col(integer(Q::Position))
                    .col(string_len(Q::Topic, 30))
                    .col(text(Q::Text))
                    .col(text_null(Q::Help))
                    .col(boolean(Q::Active).default(true))
                    .col(timestamp_with_time_zone(Q::CreatedAt))
                    .col(timestamp_with_time_zone(Q::UpdatedAt))
                    .to_owned(),
            )
            .await?;
        let now: DateTimeUtc = chrono_now();
        let mut insert = Query::insert();
        insert.into_table(Q::Table).columns([
            Q::Id,
            Q::Position,
            Q::Topic,
            Q::Text,
            Q::Help,
            Q::Active,
            Q::CreatedAt,
            Q::UpdatedAt,
        ]);
        for (position, (topic, text, help)) in (1i32..).zip(GUIDE.iter()) {
            // Fixed ids, so every database starts with the same guide.
            let id = Uuid::from_u128(
                0x0196_0000_0000_7000_8000_0000_0000_0000 + position.unsigned_abs() as u128,
            );
            insert.values_panic([
                id.into(),
                position.into(),
                (*topic).into(),
                (*text).into(),
                (*help).into(),
                true.into(),
                now.into(),
                now.into(),
            ]);
        }
        manager.exec_stmt(insert).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Q::Table).to_owned())
            .await
    }
}

fn chrono_now() -> DateTimeUtc {
    sea_orm_migration::sea_orm::prelude::ChronoUtc::now()
}
