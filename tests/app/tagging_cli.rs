//! `innspill tagger eval` and `innspill tagger train`, run as the real binary.

use innspill::entities::{tagger_model, tagger_seed};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::common::TestDatabase;
use crate::common::binary::command;

/// Two themes whose keywords no text can mistake.
const THEMES: &str = "slug,name_nb,name_nn,name_en,keywords
fisk,Fisk,Fisk,Fish,\"laks, torsk, fiskebåt, oppdrett\"
turisme,Turisme,Turisme,Tourism,\"hotell, turist, hytte, guide\"
";

const HEADER: &str = "id,lang,channel,text,themes\n";

fn train_file() -> String {
    let fish = [
        "Laks i merdene",
        "Torsk fra havet",
        "Ny fiskebåt til kaia",
        "Oppdrett av laks i fjorden",
        "Mer torsk på land",
        "Fiskebåt og torsk",
        "Laks og oppdrett",
        "Torsk og laks til eksport",
        "Større oppdrett ved øya",
        "Fiskebåten landet torsk",
    ];
    let tourism = [
        "Hotell ved sjøen",
        "Turist i sentrum",
        "Hytte for utleie",
        "Guide for turister",
        "Nytt hotell i byen",
        "Turister vil ha hytte",
        "Guide og hotell",
        "Hytte og turist",
        "Flere turister i sommer",
        "Hotellet trenger guide",
    ];
    let mut csv = HEADER.to_owned();
    for (n, text) in fish.iter().enumerate() {
        csv.push_str(&format!("f{n},nb,idea,{text},fisk\n"));
    }
    for (n, text) in tourism.iter().enumerate() {
        csv.push_str(&format!("t{n},nb,idea,{text},turisme\n"));
    }
    csv
}

/// Four texts the tagger gets right by their words, two of them labelled
/// so that the right answer is easy to count: row 3 is about fish but
/// labelled tourism (a false positive for fisk, a false negative for
/// turisme), row 4 is about tourism but labelled both (a false negative
/// for fisk).
const TEST_FILE: &str = "id,lang,channel,text,themes
1,nb,idea,Laks og torsk fra oppdrett,fisk
2,nb,idea,Hotell og hytte for turister,turisme
3,nb,idea,Torsk og laks på fiskebåten,turisme
4,nb,idea,En guide for turister på hotellet,fisk;turisme
";

async fn database_with_themes() -> TestDatabase {
    let database = TestDatabase::create().await;
    let db = innspill::db::connect(&database.url).await.expect("connect");
    innspill::db::migrate(&db).await.expect("migrate");
    innspill::themes::service::import_csv(&db, None, THEMES.as_bytes())
        .await
        .expect("themes");
    database
}

fn write(database: &TestDatabase, name: &str, content: &str) -> String {
    let path = database.data_dir().join(name);
    std::fs::write(&path, content).expect("write file");
    path.display().to_string()
}

fn tagger(database: &TestDatabase, args: &[&str]) -> (bool, String, String) {
    let output = command(&database.url, database.data_dir())
        .arg("tagger")
        .args(args)
        .output()
        .expect("run innspill tagger");
    (
        output.status.success(),
        String::from_utf8(output.stdout).expect("utf-8"),
        String::from_utf8(output.stderr).expect("utf-8"),
    )
}

#[tokio::test]
async fn eval_with_a_training_file_prints_the_figures_counted_by_hand() {
    let database = database_with_themes().await;
    let train = write(&database, "train.csv", &train_file());
    let test = write(&database, "test.csv", TEST_FILE);

    let (ok, out, err) = tagger(&database, &["eval", &test, "--train", &train]);
    assert!(ok, "{err}");
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("Trained on ")
            && first.contains("train.csv (20 texts), tested on ")
            && first.contains("test.csv (4 texts), 2 active themes."),
        "{out}"
    );
    // fisk: tp 1 (row 1), fp 1 (row 3), fn 1 (row 4): P = R = F1 = 0.5.
    // turisme: tp 2 (rows 2, 4), fn 1 (row 3): P 1, R 2/3, F1 0.8.
    // micro: tp 3, fp 1, fn 2: P 0.75, R 0.6, F1 6/9; macro F1 (0.5 + 0.8) / 2.
    for line in [
        "4 texts, 2 themes",
        "micro        0.750     0.600     0.667",
        "macro        0.750     0.583     0.650",
        "fisk                   2    1    1    1     0.500     0.500     0.500",
        "turisme                3    2    0    1     1.000     0.667     0.800",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
}

#[tokio::test]
async fn eval_without_a_training_file_uses_the_platform_data_without_the_file() {
    // A fresh database: no themes, the built-in seed, which is the file.
    let database = TestDatabase::create().await;
    let dev = crate::common::demo_data_dir().join("inputs.csv");
    let dev = dev.display().to_string();
    let (ok, out, err) = tagger(&database, &["eval", &dev, "--folds", "2"]);
    assert!(ok, "{err}");
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("2-fold cross-validation on ")
            && first.contains("(320 texts), each fold also trained on the platform's 0 labelled")
            && first.ends_with("8 built-in demo themes."),
        "{out}"
    );
    assert!(out.contains("320 texts, 8 themes"), "{out}");
}

#[tokio::test]
async fn train_loads_the_seed_and_a_bad_file_changes_nothing() {
    let database = database_with_themes().await;
    let good = write(
        &database,
        "seed.csv",
        &format!(
            "{}x1,nb,idea,Hytter for turister,turisme;bolig\n",
            train_file()
        ),
    );
    let (ok, out, err) = tagger(&database, &["train", &good]);
    assert!(ok, "{err}");
    assert!(
        out.contains("Loaded 21 labelled rows with 3 themes from"),
        "{out}"
    );
    assert!(out.contains("Trained and stored the model on "), "{out}");
    assert!(
        err.contains("theme slugs that are not active themes, ignored: bolig (1 rows)"),
        "{err}"
    );

    let db = innspill::db::connect(&database.url).await.expect("connect");
    let models = tagger_model::Entity::find().all(&db).await.expect("models");
    assert_eq!(models.len(), 1);
    assert_eq!(models[0].trained_on, 21);
    assert_eq!(
        tagger_seed::Entity::find().count(&db).await.expect("seed"),
        21
    );

    for (name, content, says) in [
        (
            "empty-themes.csv",
            format!("{HEADER}a,nb,idea,Laks,fisk\nb,nb,idea,Torsk,\n"),
            "line 3: no themes",
        ),
        (
            "twice.csv",
            format!("{HEADER}a,nb,idea,Laks,fisk\na,nb,idea,Torsk,fisk\n"),
            "line 3: the id a is used twice",
        ),
        ("columns.csv", "id,text\n1,Laks\n".to_owned(), "line 2"),
    ] {
        let bad = write(&database, name, &content);
        let (ok, _, err) = tagger(&database, &["train", &bad]);
        assert!(!ok, "{name} was accepted");
        assert!(err.contains(name) && err.contains(says), "{name}: {err}");
    }
    let after = tagger_model::Entity::find().all(&db).await.expect("models");
    assert_eq!(after, models, "no model was trained from a bad file");
    assert_eq!(
        tagger_seed::Entity::find().count(&db).await.expect("seed"),
        21
    );
}
