//! The programme settings form.

use maud::{Markup, html};

use crate::entities::user;
use crate::settings::routes::SettingsForm;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::swatch::swatch;
use crate::web::csrf;
use crate::web::forms::{Choices, Field, FormErrors, error_summary, notice};

pub fn settings(
    ctx: &PageContext,
    me: &user::Model,
    form: &SettingsForm,
    errors: &FormErrors,
    flash: Option<&str>,
) -> Markup {
    let title = ctx.t("settings.title");
    let moderation = [form.moderation_mode.clone()];
    let moderation_options = [
        ("pre", "settings.moderation_pre"),
        ("post", "settings.moderation_post"),
    ]
    .into_iter()
    .map(|(value, key)| (value.to_owned(), ctx.t(key).to_owned()))
    .collect();
    admin_page(
        ctx,
        me,
        title,
        Section::Settings,
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (title) }
                (notice(flash.map(|key| ctx.t(key))))
                (error_summary(ctx.lang, errors))
                form.stack method="post" action="/admin/innstillinger" novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    fieldset.ds-fieldset {
                        legend.ds-heading data-size="xs" { (ctx.t("settings.programme")) }
                        (Field::new("programme_name", ctx.t("settings.programme_name"), &form.programme_name).required().render(errors))
                        (Field::new("municipality_name", ctx.t("settings.municipality_name"), &form.municipality_name).render(errors))
                        (Field::new("municipality_number", ctx.t("settings.municipality_number"), &form.municipality_number)
                            .hint(ctx.t("settings.municipality_number_hint")).render(errors))
                        (Field::new("period_start", ctx.t("settings.period_start"), &form.period_start).kind("date").render(errors))
                        (Field::new("period_end", ctx.t("settings.period_end"), &form.period_end).kind("date").render(errors))
                        (Field::new("contact_email", ctx.t("settings.contact_email"), &form.contact_email)
                            .kind("email").hint(ctx.t("settings.contact_email_hint")).render(errors))
                    }
                    fieldset.ds-fieldset {
                        legend.ds-heading data-size="xs" { (ctx.t("appearance.legend")) }
                        (Field::new("main_colour", ctx.t("appearance.main_colour"), &form.main_colour)
                            .hint(ctx.t("appearance.main_colour_hint")).render(errors))
                        @if !form.main_colour.is_empty() && errors.get("main_colour").is_none() {
                            p.ds-paragraph.cluster {
                                (swatch(&form.main_colour)) code { (form.main_colour) }
                            }
                        }
                    }
                    (Choices::radio("moderation_mode", ctx.t("settings.moderation"), moderation_options, &moderation)
                        .render(errors))
                    fieldset.ds-fieldset {
                        legend.ds-heading data-size="xs" { (ctx.t("settings.pages")) }
                        (Field::new("privacy_text", ctx.t("settings.privacy_text"), &form.privacy_text)
                            .kind("textarea").hint(ctx.t("settings.text_hint")).render(errors))
                        (Field::new("accessibility_text", ctx.t("settings.accessibility_text"), &form.accessibility_text)
                            .kind("textarea").hint(ctx.t("settings.text_hint")).render(errors))
                        (Field::new("accessibility_url", ctx.t("settings.accessibility_url"), &form.accessibility_url)
                            .kind("url").hint(ctx.t("settings.accessibility_url_hint")).render(errors))
                    }
                    div {
                        button.ds-button type="submit" data-variant="primary" { (ctx.t("settings.save")) }
                    }
                }
            }
        },
    )
}
