//! `/admin/prioritering/scenarier`: the saved weight scenarios, the form for
//! a new one, and one scenario's ranking with its sensitivity.

use std::collections::BTreeMap;

use maud::{Markup, html};

use super::{ranking, subnav, t};
use crate::entities::user;
use crate::priorities::criteria::{Criterion, Source};
use crate::priorities::ranking::result::Ranking;
use crate::priorities::ranking::scenario::{Scenario, ScenarioFields};
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::charts::decimal;
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, error_summary, notice};
use crate::web::{Lang, PageContext};

pub const LIST: &str = "/admin/prioritering/scenarier";

pub fn scenario_path(id: uuid::Uuid) -> String {
    format!("{LIST}/{id}")
}

/// The form's values as typed, so a refused form comes back as it was sent.
#[derive(Clone, Debug, Default)]
pub struct FormValues(pub BTreeMap<String, String>);

impl FormValues {
    pub fn get(&self, name: &str) -> &str {
        self.0.get(name).map_or("", String::as_str)
    }

    /// A scenario's values, in the language's number format.
    pub fn of(lang: Lang, fields: &ScenarioFields) -> Self {
        let mut map = BTreeMap::new();
        map.insert("name".to_owned(), fields.name.clone());
        for c in Criterion::ALL {
            map.insert(
                c.code().to_owned(),
                decimal(lang, Some(fields.weights[c.index()])),
            );
        }
        map.insert("areas".to_owned(), fields.areas.to_string());
        map.insert("samples".to_owned(), fields.sensitivity.samples.to_string());
        map.insert(
            "concentration".to_owned(),
            decimal(lang, Some(fields.sensitivity.concentration)),
        );
        map.insert("seed".to_owned(), fields.sensitivity.seed.to_string());
        Self(map)
    }
}

fn frame(
    ctx: &PageContext,
    me: &user::Model,
    title: &str,
    errors: &FormErrors,
    body: Markup,
) -> Markup {
    admin_page(
        ctx,
        me,
        title,
        Section::Priorities,
        html! {
            div.stack {
                (error_summary(ctx.lang, errors))
                h1.ds-heading data-size="md" { (title) }
                (subnav(ctx.lang, LIST))
                (body)
            }
        },
    )
}

pub fn list(
    ctx: &PageContext,
    me: &user::Model,
    scenarios: &[Scenario],
    form: &FormValues,
    errors: &FormErrors,
    flash: Option<&str>,
) -> Markup {
    let lang = ctx.lang;
    frame(
        ctx,
        me,
        t(lang, "scenarios"),
        errors,
        html! {
            (notice(flash.map(|key| ctx.t(key))))
            p.ds-paragraph { (t(lang, "scenarios_intro")) }
            @if scenarios.is_empty() {
                p.ds-paragraph #no-scenarios { (t(lang, "no_scenarios")) }
            } @else {
                div.table-wrap role="region" tabindex="0" aria-label=(t(lang, "scenarios")) {
                    table.ds-table data-border #scenarios {
                        caption.ds-sr-only { (t(lang, "scenarios")) }
                        thead { tr {
                            th scope="col" { (t(lang, "scenario_name")) }
                            th scope="col" { (t(lang, "areas")) }
                            th scope="col" { (t(lang, "in_report")) }
                        } }
                        tbody {
                            @for s in scenarios {
                                tr {
                                    th scope="row" { a.ds-link href=(scenario_path(s.id)) { (s.name) } }
                                    td.num { (s.areas) }
                                    td { @if s.chosen { span.ds-tag data-color="success" { (t(lang, "in_report")) } } }
                                }
                            }
                        }
                    }
                }
            }
            @if me.role.can_edit() {
                section.stack aria-labelledby="new-scenario" {
                    h2.ds-heading data-size="sm" id="new-scenario" { (t(lang, "new_scenario")) }
                    (scenario_form(ctx, LIST, form, errors, t(lang, "save_scenario")))
                }
            }
        },
    )
}

pub struct ScenarioPage<'a> {
    pub scenario: &'a Scenario,
    pub ranking: Option<&'a Ranking>,
    pub form: &'a FormValues,
    pub errors: &'a FormErrors,
    pub flash: Option<&'a str>,
}

pub fn scenario(ctx: &PageContext, me: &user::Model, page: &ScenarioPage) -> Markup {
    let lang = ctx.lang;
    let s = page.scenario;
    let title = lang.tr("priorities.scenario_heading", &[("name", &s.name)]);
    frame(
        ctx,
        me,
        &title,
        page.errors,
        html! {
            (notice(page.flash.map(|key| ctx.t(key))))
            @if s.chosen {
                div.ds-alert data-color="info" { (t(lang, "is_in_report")) }
            }
            p.ds-paragraph {
                a.ds-link href={ "/admin/prioritering/rapport?scenario=" (s.id) } { (t(lang, "open_report")) }
            }
            @match page.ranking {
                Some(ranking) => {
                    section.stack aria-labelledby="ranking-heading" {
                        h2.ds-heading data-size="sm" id="ranking-heading" { (t(lang, "ranking")) }
                        (ranking::places_table(lang, ranking))
                    }
                    section.stack aria-labelledby="sensitivity-heading" {
                        h2.ds-heading data-size="sm" id="sensitivity-heading" { (t(lang, "sensitivity")) }
                        (ranking::sensitivity(lang, ranking))
                    }
                    section.stack aria-labelledby="weights-heading" {
                        h2.ds-heading data-size="sm" id="weights-heading" { (t(lang, "weights")) }
                        (ranking::weights_table(lang, ranking))
                    }
                }
                None => p.ds-paragraph { (t(lang, "no_themes")) },
            }
            @if me.role.can_edit() {
                div.cluster {
                    @if !s.chosen {
                        form method="post" action={ (scenario_path(s.id)) "/velg" } {
                            (csrf::field(&ctx.csrf_token()))
                            button.ds-button type="submit" data-variant="primary" { (t(lang, "choose")) }
                        }
                    }
                    form method="post" action={ (scenario_path(s.id)) "/slett" } {
                        (csrf::field(&ctx.csrf_token()))
                        button.ds-button type="submit" data-variant="secondary" data-color="danger" { (t(lang, "delete")) }
                    }
                }
                section.stack aria-labelledby="edit-scenario" {
                    h2.ds-heading data-size="sm" id="edit-scenario" { (t(lang, "edit_scenario")) }
                    (scenario_form(ctx, &scenario_path(s.id), page.form, page.errors, t(lang, "save_changes")))
                }
            }
        },
    )
}

fn scenario_form(
    ctx: &PageContext,
    action: &str,
    form: &FormValues,
    errors: &FormErrors,
    submit: &str,
) -> Markup {
    let lang = ctx.lang;
    let weights = |source: Source, legend: &str| {
        html! {
            fieldset.ds-fieldset.stack {
                legend.ds-label { (legend) }
                div.ds-paragraph data-size="sm" { (t(lang, "weights_hint")) }
                @for c in Criterion::ALL.into_iter().filter(|c| c.source() == source) {
                    (Field::new(c.code(), lang.t(&c.label_key()), form.get(c.code()))
                        .hint(lang.t(&format!("{}_help", c.label_key())))
                        .render(errors))
                }
            }
        }
    };
    html! {
        form.stack method="post" action=(action) novalidate {
            (csrf::field(&ctx.csrf_token()))
            (Field::new("name", t(lang, "scenario_name"), form.get("name")).required().render(errors))
            @if let Some(message) = errors.get("weights") {
                p.ds-validation-message data-field="validation" #weights { (message) }
            }
            (weights(Source::Evidence, t(lang, "weights_evidence")))
            (weights(Source::Assessment, t(lang, "weights_assessment")))
            (Field::new("areas", t(lang, "areas"), form.get("areas")).kind("number").hint(t(lang, "areas_hint")).render(errors))
            details.ds-details {
                summary { (t(lang, "sensitivity_settings")) }
                div.stack {
                    (Field::new("samples", t(lang, "samples"), form.get("samples")).kind("number").hint(t(lang, "samples_hint")).render(errors))
                    (Field::new("concentration", t(lang, "concentration"), form.get("concentration")).hint(t(lang, "concentration_hint")).render(errors))
                    (Field::new("seed", t(lang, "seed"), form.get("seed")).kind("number").hint(t(lang, "seed_hint")).render(errors))
                }
            }
            div { button.ds-button type="submit" data-variant="primary" { (submit) } }
        }
    }
}
