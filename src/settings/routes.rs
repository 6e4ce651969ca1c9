//! The programme settings page (admins only).

use actix_session::Session;
use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use serde::Deserialize;

use crate::AppState;
use crate::audit::service::{self as audit, Entry};
use crate::domain::Email;
use crate::error::AppError;
use crate::settings::accent;
use crate::settings::colour::Rgb;
use crate::settings::service::{self, ModerationMode, Programme};
use crate::settings::views;
use crate::web::auth::Admin;
use crate::web::csrf::CsrfForm;
use crate::web::forms::FormErrors;
use crate::web::{Lang, PageContext, html, html_status, see_other, session};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/innstillinger", web::get().to(settings_form))
        .route("/admin/innstillinger", web::post().to(save_settings));
}

/// The form as sent: every value a string, so a bad one can be shown again.
#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct SettingsForm {
    pub programme_name: String,
    pub municipality_name: String,
    pub municipality_number: String,
    pub period_start: String,
    pub period_end: String,
    pub contact_email: String,
    pub privacy_text: String,
    pub accessibility_url: String,
    pub accessibility_text: String,
    pub moderation_mode: String,
    pub main_colour: String,
}

impl From<&Programme> for SettingsForm {
    fn from(p: &Programme) -> Self {
        Self {
            programme_name: p.programme_name.clone(),
            municipality_name: p.municipality_name.clone(),
            municipality_number: p.municipality_number.clone(),
            period_start: p.period_start.map(|d| d.to_string()).unwrap_or_default(),
            period_end: p.period_end.map(|d| d.to_string()).unwrap_or_default(),
            contact_email: p.contact_email.clone().unwrap_or_default(),
            privacy_text: p.privacy_text.clone().unwrap_or_default(),
            accessibility_url: p.accessibility_url.clone().unwrap_or_default(),
            accessibility_text: p.accessibility_text.clone().unwrap_or_default(),
            moderation_mode: p.moderation_mode.as_str().to_owned(),
            main_colour: p.main_colour.clone().unwrap_or_default(),
        }
    }
}

impl SettingsForm {
    /// The settings this form describes, or a message (locale key) per bad field.
    fn parse(&self, ctx: &PageContext) -> Result<Programme, FormErrors> {
        let mut errors = FormErrors::new();
        let name = self.programme_name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            errors.add("programme_name", ctx.t("validation.programme_name"));
        }
        if self.municipality_name.trim().chars().count() > 200 {
            errors.add("municipality_name", ctx.t("validation.municipality_name"));
        }
        let number = self.municipality_number.trim();
        let valid_number = number.len() == 4 && number.chars().all(|c| c.is_ascii_digit());
        if !number.is_empty() && !valid_number {
            errors.add(
                "municipality_number",
                ctx.t("validation.municipality_number"),
            );
        }
        let start = parse_date(&self.period_start);
        let end = parse_date(&self.period_end);
        if start.is_err() {
            errors.add("period_start", ctx.t("validation.date"));
        }
        if end.is_err() {
            errors.add("period_end", ctx.t("validation.date"));
        }
        if let (Ok(Some(start)), Ok(Some(end))) = (start, end)
            && end < start
        {
            errors.add("period_end", ctx.t("validation.period_order"));
        }
        let email = self.contact_email.trim();
        let contact_email = if email.is_empty() {
            None
        } else {
            match Email::parse(email) {
                Ok(email) => Some(email.to_string()),
                Err(_) => {
                    errors.add("contact_email", ctx.t("validation.email"));
                    None
                }
            }
        };
        let url = self.accessibility_url.trim();
        if !url.is_empty()
            && url::Url::parse(url)
                .map(|u| u.scheme() != "https")
                .unwrap_or(true)
        {
            errors.add("accessibility_url", ctx.t("validation.https_url"));
        }
        let main_colour = self.parse_colour(ctx, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Programme {
            programme_name: name.to_owned(),
            municipality_name: self.municipality_name.trim().to_owned(),
            municipality_number: number.to_owned(),
            period_start: start.ok().flatten(),
            period_end: end.ok().flatten(),
            contact_email,
            privacy_text: non_empty(&self.privacy_text),
            accessibility_url: non_empty(url),
            accessibility_text: non_empty(&self.accessibility_text),
            moderation_mode: ModerationMode::parse(&self.moderation_mode),
            main_colour,
        })
    }

    /// The main colour as `#rrggbb`, or a message saying why it cannot be
    /// the accent and which colour of the same hue can.
    fn parse_colour(&self, ctx: &PageContext, errors: &mut FormErrors) -> Option<String> {
        let value = self.main_colour.trim();
        if value.is_empty() {
            return None;
        }
        let Some(colour) = Rgb::parse(value) else {
            errors.add("main_colour", ctx.t("appearance.invalid"));
            return None;
        };
        match accent::derive(colour) {
            Ok(_) => Some(colour.to_string()),
            Err(refused) => {
                errors.add(
                    "main_colour",
                    ctx.tr(
                        "appearance.too_light",
                        &[
                            ("ratio", &decimal(ctx.lang, refused.contrast)),
                            ("suggestion", &refused.suggestion.to_string()),
                        ],
                    ),
                );
                None
            }
        }
    }
}

/// A ratio with one decimal, written as the reader's language writes it.
fn decimal(lang: Lang, value: f64) -> String {
    let text = format!("{value:.1}");
    if lang == Lang::En {
        text
    } else {
        text.replace('.', ",")
    }
}

fn parse_date(value: &str) -> Result<Option<NaiveDate>, chrono::ParseError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map(Some)
}

fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.replace("\r\n", "\n"))
}

#[tracing::instrument(skip_all)]
async fn settings_form(ctx: PageContext, Admin(me): Admin, session: Session) -> HttpResponse {
    let form = SettingsForm::from(&ctx.programme);
    let flash = session::take_flash(&session);
    html(views::settings(
        &ctx,
        &me,
        &form,
        &FormErrors::new(),
        flash.as_deref(),
    ))
}

#[tracing::instrument(skip_all)]
async fn save_settings(
    ctx: PageContext,
    state: web::Data<AppState>,
    Admin(me): Admin,
    session: Session,
    form: CsrfForm<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.0;
    let programme = match form.parse(&ctx) {
        Ok(programme) => programme,
        Err(errors) => {
            return Ok(html_status(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                views::settings(&ctx, &me, &form, &errors, None),
            ));
        }
    };
    let txn = crate::db::begin(&state.db).await?;
    let before = service::current(&txn).await?;
    service::save(&txn, &programme).await?;
    let changed = changed_fields(&before, &programme);
    audit::record(
        &txn,
        Entry::new(Some(me.id), "settings.update")
            .on("settings", 1)
            .details(changed.join(", ")),
    )
    .await?;
    txn.commit().await?;
    session::flash(&session, "settings.saved");
    Ok(see_other("/admin/innstillinger"))
}

/// Names of the fields that differ, for the audit log.
fn changed_fields(before: &Programme, after: &Programme) -> Vec<&'static str> {
    let mut changed = Vec::new();
    let mut check = |name: &'static str, differs: bool| {
        if differs {
            changed.push(name);
        }
    };
    check(
        "programme_name",
        before.programme_name != after.programme_name,
    );
    check(
        "municipality_name",
        before.municipality_name != after.municipality_name,
    );
    check(
        "municipality_number",
        before.municipality_number != after.municipality_number,
    );
    check(
        "period",
        before.period_start != after.period_start || before.period_end != after.period_end,
    );
    check("contact_email", before.contact_email != after.contact_email);
    check("privacy_text", before.privacy_text != after.privacy_text);
    check(
        "accessibility_url",
        before.accessibility_url != after.accessibility_url,
    );
    check(
        "accessibility_text",
        before.accessibility_text != after.accessibility_text,
    );
    check(
        "moderation_mode",
        before.moderation_mode != after.moderation_mode,
    );
    check("main_colour", before.main_colour != after.main_colour);
    changed
}
