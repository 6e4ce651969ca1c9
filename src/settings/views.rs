//! The programme settings form.

use maud::{Markup, html};

use crate::entities::user;
use crate::settings::routes::SettingsForm;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, error_summary, notice};

pub fn settings(
    ctx: &PageContext,
    me: &user::Model,
    form: &SettingsForm,
    errors: &FormErrors,
    flash: Option<&str>,
) -> Markup {
    let title = ctx.t("settings.title");
    admin_page(
        ctx,
        me,
        title,
        Section::Settings,
        html! {
            h1 { (title) }
            (notice(flash.map(|key| ctx.t(key))))
            (error_summary(ctx.lang, errors))
            form method="post" action="/admin/innstillinger" novalidate {
                (csrf::field(&ctx.csrf_token()))
                fieldset {
                    legend { (ctx.t("settings.programme")) }
                    (Field::new("programme_name", ctx.t("settings.programme_name"), &form.programme_name).required().render(errors))
                    (Field::new("municipality_name", ctx.t("settings.municipality_name"), &form.municipality_name).render(errors))
                    (Field::new("municipality_number", ctx.t("settings.municipality_number"), &form.municipality_number)
                        .hint(ctx.t("settings.municipality_number_hint")).render(errors))
                    (Field::new("period_start", ctx.t("settings.period_start"), &form.period_start).kind("date").render(errors))
                    (Field::new("period_end", ctx.t("settings.period_end"), &form.period_end).kind("date").render(errors))
                    (Field::new("contact_email", ctx.t("settings.contact_email"), &form.contact_email)
                        .kind("email").hint(ctx.t("settings.contact_email_hint")).render(errors))
                }
                fieldset {
                    legend { (ctx.t("settings.moderation")) }
                    @for (value, key) in [("pre", "settings.moderation_pre"), ("post", "settings.moderation_post")] {
                        div.choice {
                            input type="radio" name="moderation_mode" id={ "moderation_mode_" (value) } value=(value)
                                checked[form.moderation_mode == value];
                            label for={ "moderation_mode_" (value) } { (ctx.t(key)) }
                        }
                    }
                }
                fieldset {
                    legend { (ctx.t("settings.pages")) }
                    (Field::new("privacy_text", ctx.t("settings.privacy_text"), &form.privacy_text)
                        .kind("textarea").hint(ctx.t("settings.text_hint")).render(errors))
                    (Field::new("accessibility_text", ctx.t("settings.accessibility_text"), &form.accessibility_text)
                        .kind("textarea").hint(ctx.t("settings.text_hint")).render(errors))
                    (Field::new("accessibility_url", ctx.t("settings.accessibility_url"), &form.accessibility_url)
                        .kind("url").hint(ctx.t("settings.accessibility_url_hint")).render(errors))
                }
                button.button type="submit" { (ctx.t("settings.save")) }
            }
        },
    )
}
