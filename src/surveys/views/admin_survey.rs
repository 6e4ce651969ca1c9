//! Markup of one survey in the builder: its status and links, publishing
//! and the kiosk link, its settings, then its sections and questions
//! (`admin_sections`). Observers see the same page without the forms.

use maud::{Markup, html};

use crate::entities::user;
use crate::surveys::forms::{QuestionForm, SectionForm, SettingsForm};
use crate::surveys::model::{Survey, SurveyStatus};
use crate::surveys::views::admin::{
    audience_label, audience_select, export_path, frame, post_button, preview_path, public_path,
    results_path, status_tag, survey_path, t,
};
use crate::surveys::views::admin_sections;
use crate::web::PageContext;
use crate::web::components::{Precision, time};
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, checkbox};

/// What the survey page shows besides the survey.
pub struct SurveyPage<'a> {
    pub survey: &'a Survey,
    pub responses: u64,
    pub settings: &'a SettingsForm,
    pub section: &'a SectionForm,
    pub question: &'a QuestionForm,
    pub errors: &'a FormErrors,
    /// A kiosk link just opened: shown in this response only.
    pub kiosk_link: Option<String>,
    /// The public link, absolute when the site knows its address.
    pub public_link: String,
}

pub fn page(ctx: &PageContext, me: &user::Model, page: &SurveyPage, flash: Option<&str>) -> Markup {
    let survey = page.survey;
    let editor = me.role.can_edit();
    frame(
        ctx,
        me,
        &survey.title,
        page.errors,
        flash,
        html! {
            nav aria-label=(t(ctx, "survey_nav")) {
                ul.cluster.plain-list {
                    li { a.ds-link href=(crate::surveys::views::admin::LIST_PATH) { (t(ctx, "back")) } }
                    li { a.ds-link href=(preview_path(survey.id)) { (t(ctx, "preview")) } }
                    li { a.ds-link href=(results_path(survey.id)) { (t(ctx, "results")) } }
                    li { a.ds-link href=(export_path(survey.id)) { (t(ctx, "export")) } }
                }
            }
            (status_box(ctx, page, editor))
            @if editor {
                (settings_form(ctx, page))
            } @else {
                (settings_facts(ctx, survey))
            }
            (admin_sections::sections(ctx, survey, editor))
            @if editor {
                (admin_sections::add_forms(ctx, survey, page.section, page.question, page.errors))
            }
        },
    )
}

fn status_box(ctx: &PageContext, page: &SurveyPage, editor: bool) -> Markup {
    let survey = page.survey;
    let status_action = format!("{}/status", survey_path(survey.id));
    html! {
        section.ds-card.stack aria-labelledby="status-heading" {
            h2.ds-heading data-size="sm" #status-heading { (t(ctx, "status_heading")) }
            dl.facts {
                dt { (t(ctx, "status_label")) } dd { (status_tag(ctx, survey.status)) }
                dt { (t(ctx, "responses")) } dd { (page.responses) }
                dt { (t(ctx, "questions")) } dd { (survey.asked().count()) }
                @if let Some(at) = survey.published_at {
                    dt { (t(ctx, "published_at")) } dd { (time(ctx.lang, at, Precision::Minute)) }
                }
            }
            @if survey.status == SurveyStatus::Published {
                p.ds-paragraph {
                    (t(ctx, "public_link")) " "
                    a.ds-link href=(public_path(survey.id)) { (page.public_link) }
                }
            }
            @if editor {
                div.cluster {
                    @match survey.status {
                        SurveyStatus::Draft => (post_button(ctx, &status_action, &[("status", "published")], t(ctx, "publish"), false)),
                        SurveyStatus::Published => (post_button(ctx, &status_action, &[("status", "closed")], t(ctx, "close"), true)),
                        SurveyStatus::Closed => (post_button(ctx, &status_action, &[("status", "published")], t(ctx, "reopen"), false)),
                    }
                }
                (kiosk(ctx, page))
            }
        }
    }
}

fn kiosk(ctx: &PageContext, page: &SurveyPage) -> Markup {
    let survey = page.survey;
    let action = format!("{}/kiosk", survey_path(survey.id));
    html! {
        h3.ds-heading data-size="xs" { (t(ctx, "kiosk_heading")) }
        p.ds-paragraph { (t(ctx, "kiosk_intro")) }
        @if let Some(link) = &page.kiosk_link {
            div.ds-alert.stack data-color="success" role="status" {
                p.ds-paragraph { (t(ctx, "kiosk_once")) }
                div.ds-field {
                    label.ds-label for="kiosk-link" { (t(ctx, "kiosk_link")) }
                    input.ds-input #kiosk-link type="text" readonly value=(link) size="60"
                        autocomplete="off" spellcheck="false";
                }
            }
        }
        div.cluster {
            @if survey.kiosk_open {
                p.ds-paragraph { (t(ctx, "kiosk_is_open")) }
                (post_button(ctx, &format!("{action}/lukk"), &[], t(ctx, "kiosk_close"), true))
                (post_button(ctx, &action, &[], t(ctx, "kiosk_renew"), false))
            } @else if survey.status != SurveyStatus::Closed {
                (post_button(ctx, &action, &[], t(ctx, "kiosk_open"), false))
            }
        }
    }
}

fn settings_form(ctx: &PageContext, page: &SurveyPage) -> Markup {
    let form = page.settings;
    let errors = page.errors;
    html! {
        section.stack aria-labelledby="settings-heading" {
            h2.ds-heading data-size="sm" #settings-heading { (t(ctx, "settings_heading")) }
            form.stack method="post" action={ (survey_path(page.survey.id)) "/innstillinger" } novalidate {
                (csrf::field(&ctx.csrf_token()))
                (Field::new("title", t(ctx, "title_label"), &form.title).required().render(errors))
                (Field::new("intro", t(ctx, "intro_label"), &form.intro).kind("textarea")
                    .hint(t(ctx, "intro_hint")).render(errors))
                (audience_select(ctx, &form.audience, errors))
                (checkbox("paged", t(ctx, "paged_label"), form.paged.is_some(), errors))
                (checkbox("offer_interview", t(ctx, "offer_interview_label"), form.offer_interview.is_some(), errors))
                (Field::new("opens_at", t(ctx, "opens_at"), &form.opens_at).kind("datetime-local")
                    .hint(t(ctx, "date_hint")).render(errors))
                (Field::new("closes_at", t(ctx, "closes_at"), &form.closes_at).kind("datetime-local")
                    .hint(t(ctx, "date_hint")).render(errors))
                div { button.ds-button type="submit" { (t(ctx, "save_settings")) } }
            }
        }
    }
}

fn settings_facts(ctx: &PageContext, survey: &Survey) -> Markup {
    let yes_no = |value: bool| t(ctx, if value { "yes" } else { "no" });
    html! {
        section.stack aria-labelledby="settings-heading" {
            h2.ds-heading data-size="sm" #settings-heading { (t(ctx, "settings_heading")) }
            @if let Some(intro) = &survey.intro { p.ds-paragraph.user-text { (intro) } }
            dl.facts {
                dt { (t(ctx, "audience_label")) } dd { (audience_label(ctx, survey.audience)) }
                dt { (t(ctx, "paged_label")) } dd { (yes_no(survey.paged)) }
                dt { (t(ctx, "offer_interview_label")) } dd { (yes_no(survey.offer_interview)) }
                dt { (t(ctx, "opens_at")) } dd { @if let Some(at) = survey.opens_at { (time(ctx.lang, at, Precision::Minute)) } @else { "–" } }
                dt { (t(ctx, "closes_at")) } dd { @if let Some(at) = survey.closes_at { (time(ctx.lang, at, Precision::Minute)) } @else { "–" } }
            }
        }
    }
}
