//! Public interview pages: what the interviews are with the registration
//! form, and the receipt after it. The business's private page is in
//! `mine`.

pub mod mine;

use maud::{Markup, html};

use crate::entities::theme;
use crate::interviews::forms::{FORMATS, RegistrationForm, format_code, format_label_key};
use crate::interviews::service::Outcome;
use crate::interviews::{industry, size};
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::forms::{Choices, Field, FormErrors, checkbox, error_summary};
use crate::web::layout::{layout, paragraphs};
use crate::web::public_form::Guard;

/// What the page with the registration form shows.
pub struct RegistrationPage<'a> {
    pub form: &'a RegistrationForm,
    /// The active themes a business can tick.
    pub themes: &'a [theme::Model],
    pub guard: &'a Guard,
    pub errors: &'a FormErrors,
}

pub fn landing(ctx: &PageContext, page: &RegistrationPage) -> Markup {
    let title = ctx.t("interviews.public.title");
    layout(
        ctx,
        title,
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph data-size="lg" { (ctx.t("interviews.public.intro")) }
                (paragraphs(ctx.t("interviews.public.about")))
                (registration_form(ctx, page))
            }
        },
    )
}

/// A labelled select with a first, empty choice that asks to choose.
fn select(
    name: &str,
    label: &str,
    prompt: &str,
    options: Vec<(String, String)>,
    chosen: &str,
    errors: &FormErrors,
) -> Markup {
    let error = errors.get(name);
    html! {
        div.ds-field {
            label.ds-label for=(name) { (label) }
            select.ds-input id=(name) name=(name)
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[error.map(|_| format!("{name}-error"))] {
                option value="" selected[chosen.is_empty()] { (prompt) }
                @for (value, text) in &options {
                    option value=(value) selected[value == chosen] { (text) }
                }
            }
            @if let Some(message) = error {
                p.ds-validation-message data-field="validation" id={ (name) "-error" } { (message) }
            }
        }
    }
}

fn registration_form(ctx: &PageContext, page: &RegistrationPage) -> Markup {
    let form = page.form;
    let errors = page.errors;
    let industries = industry::SECTIONS
        .iter()
        .map(|letter| {
            let code = letter.to_string();
            let name = ctx.t(&industry::label_key(&code));
            (code.clone(), format!("{code} – {name}"))
        })
        .collect();
    let bands = size::BANDS
        .iter()
        .map(|band| ((*band).to_owned(), ctx.t(&size::label_key(band)).to_owned()))
        .collect();
    let themes = page
        .themes
        .iter()
        .map(|theme| (theme.id.to_string(), name_in(theme, ctx.lang).to_owned()))
        .collect();
    let formats = FORMATS
        .into_iter()
        .map(|format| {
            (
                format_code(format).to_owned(),
                ctx.t(&format_label_key(format)).to_owned(),
            )
        })
        .collect();
    let chosen_format = [form.format.clone()];
    html! {
        section.stack aria-labelledby="register-heading" {
            h2.ds-heading data-size="sm" #register-heading { (ctx.t("interviews.public.form_heading")) }
            (error_summary(ctx.lang, errors))
            form.stack method="post" action="/intervju/registrering" novalidate {
                (page.guard.fields(ctx))
                h3.ds-heading data-size="xs" { (ctx.t("interviews.public.company_heading")) }
                (Field::new("org_number", ctx.t("interviews.public.org_number"), &form.org_number)
                    .hint(ctx.t("interviews.public.org_number_hint")).autocomplete("off").required().render(errors))
                (Field::new("name", ctx.t("interviews.public.name"), &form.name)
                    .autocomplete("organization").required().render(errors))
                (select("industry", ctx.t("interviews.public.industry"),
                    ctx.t("interviews.public.industry_choose"), industries, &form.industry, errors))
                fieldset.ds-fieldset aria-describedby="size-hint" {
                    legend.ds-label { (ctx.t("interviews.public.size_legend")) }
                    p data-field="description" id="size-hint" { (ctx.t("interviews.public.size_hint")) }
                    (Field::new("employees", ctx.t("interviews.public.employees"), &form.employees).render(errors))
                    (select("size_band", ctx.t("interviews.public.size_band"),
                        ctx.t("interviews.public.size_band_choose"), bands, &form.size_band, errors))
                }
                h3.ds-heading data-size="xs" { (ctx.t("interviews.public.contact_heading")) }
                (Field::new("contact_name", ctx.t("interviews.public.contact_name"), &form.contact_name)
                    .autocomplete("name").required().render(errors))
                (Field::new("email", ctx.t("interviews.public.email"), &form.email)
                    .kind("email").autocomplete("email").hint(ctx.t("interviews.public.email_hint")).required().render(errors))
                (Field::new("phone", ctx.t("interviews.public.phone"), &form.phone)
                    .kind("tel").autocomplete("tel").hint(ctx.t("interviews.public.phone_hint")).required().render(errors))
                h3.ds-heading data-size="xs" { (ctx.t("interviews.public.conversation_heading")) }
                @if !page.themes.is_empty() {
                    (Choices::checkboxes("themes", ctx.t("interviews.public.themes"), themes, &form.themes)
                        .hint(ctx.t("interviews.public.themes_hint")).render(errors))
                }
                (Field::new("message", ctx.t("interviews.public.message"), &form.message)
                    .kind("textarea").hint(ctx.t("interviews.public.message_hint")).render(errors))
                (Choices::radio("format", ctx.t("interviews.public.format"), formats, &chosen_format)
                    .required().render(errors))
                div.ds-card.stack {
                    h3.ds-heading data-size="xs" { (ctx.t("interviews.public.consent_heading")) }
                    (paragraphs(ctx.t("interviews.public.consent_text")))
                    p.ds-paragraph { a.ds-link href="/personvern" { (ctx.t("interviews.public.privacy_link")) } }
                    (checkbox("consent", ctx.t("interviews.public.consent"), form.consent.is_some(), errors))
                }
                div {
                    button.ds-button type="submit" data-variant="primary" { (ctx.t("interviews.public.submit")) }
                }
            }
        }
    }
}

/// What the receipt says: which business, whether it was new, and the
/// private link (None for a form sent twice, whose link went by mail).
pub struct Receipt<'a> {
    pub business: &'a str,
    pub org_number: &'a str,
    pub outcome: Outcome,
    pub link: Option<&'a str>,
}

pub fn receipt(ctx: &PageContext, receipt: &Receipt) -> Markup {
    let (title, text) = match receipt.outcome {
        Outcome::New => (
            ctx.t("interviews.public.receipt_new"),
            "interviews.public.receipt_new_text",
        ),
        Outcome::Updated => (
            ctx.t("interviews.public.receipt_updated"),
            "interviews.public.receipt_updated_text",
        ),
    };
    let args = [
        ("business", receipt.business),
        ("org_number", receipt.org_number),
    ];
    layout(
        ctx,
        title,
        html! {
            div.page-medium.stack {
                div.ds-alert.stack data-color="success" role="status" {
                    h1.ds-heading data-size="sm" { (title) }
                    p.ds-paragraph { (ctx.tr(text, &args)) }
                }
                p.ds-paragraph { (ctx.t("interviews.public.receipt_mail")) }
                @if let Some(link) = receipt.link {
                    section.ds-card.stack aria-labelledby="pick-heading" {
                        h2.ds-heading data-size="xs" #pick-heading { (ctx.t("interviews.public.receipt_pick_heading")) }
                        p.ds-paragraph { (ctx.t("interviews.public.receipt_pick_text")) }
                        div.cluster {
                            a.ds-button #private-link data-variant="primary" href=(link) {
                                (ctx.t("interviews.public.receipt_pick_button"))
                            }
                        }
                        p.ds-paragraph.user-text data-size="sm" { (link) }
                    }
                } @else {
                    div.ds-alert data-color="info" { (ctx.t("interviews.public.receipt_no_link")) }
                }
            }
        },
    )
}
