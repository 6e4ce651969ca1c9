//! The export page: what to export, in which format and language.

use maud::{Markup, html};
use sea_orm::{ActiveEnum, Iterable};

use crate::entities::input::Channel;
use crate::entities::user;
use crate::exports::Format;
use crate::exports::routes::Resource;
use crate::inputs::{STATUSES, status_code};
use crate::web::admin_shell::{Section, admin_page};
use crate::web::forms::{Choices, FormErrors};
use crate::web::{Lang, PageContext, csrf};

pub fn export_page(ctx: &PageContext, me: &user::Model) -> Markup {
    let title = ctx.t("exports.title");
    // The form checks nothing the browser can get wrong, so it never has messages.
    let errors = FormErrors::new();
    let format_options = Format::ALL
        .into_iter()
        .map(|format| {
            let code = format.code();
            (
                code.to_owned(),
                ctx.t(&format!("exports.format_{code}")).to_owned(),
            )
        })
        .collect();
    let format_hints = Format::ALL
        .into_iter()
        .map(|format| {
            ctx.t(&format!("exports.format_{}_hint", format.code()))
                .to_owned()
        })
        .collect();
    let format_checked = [Format::Xlsx.code().to_owned()];
    let resource_options = Resource::ALL
        .into_iter()
        .map(|resource| {
            let code = resource.code();
            (
                code.to_owned(),
                ctx.t(&format!("exports.resources.{code}")).to_owned(),
            )
        })
        .collect();
    let resource_hints = Resource::ALL
        .into_iter()
        .map(|resource| {
            ctx.t(&format!("exports.resources.{}_hint", resource.code()))
                .to_owned()
        })
        .collect();
    let resource_checked = [Resource::Inputs.code().to_owned()];
    let channel_options = Channel::iter()
        .map(|channel| {
            let code = channel.to_value();
            let label = ctx.t(&format!("channel.{code}")).to_owned();
            (code, label)
        })
        .collect();
    let personal_options = vec![("on".to_owned(), ctx.t("exports.personal_data").to_owned())];
    admin_page(
        ctx,
        me,
        title,
        Section::Exports,
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph data-size="lg" { (ctx.t("exports.lead")) }
                form.stack method="post" action="/admin/eksport" {
                    (csrf::field(&ctx.csrf_token()))
                    (Choices::radio("resource", ctx.t("exports.resources.label"), resource_options, &resource_checked)
                        .hint(ctx.t("exports.resources.hint"))
                        .option_hints(resource_hints)
                        .render(&errors))
                    (Choices::radio("format", ctx.t("exports.format"), format_options, &format_checked)
                        .option_hints(format_hints)
                        .render(&errors))
                    (Choices::checkboxes("channel", ctx.t("exports.channels"), channel_options, &[])
                        .hint(ctx.t("exports.channels_hint"))
                        .render(&errors))
                    div.ds-field {
                        label.ds-label for="status" { (ctx.t("exports.status")) }
                        select.ds-input id="status" name="status" {
                            option value="all" selected { (ctx.t("exports.status_all")) }
                            @for status in STATUSES {
                                option value=(status_code(status)) {
                                    (ctx.t(&format!("exports.status_{}", status_code(status))))
                                }
                            }
                        }
                    }
                    div.ds-field {
                        label.ds-label for="lang" { (ctx.t("exports.lang")) }
                        div data-field="description" id="lang-hint" { (ctx.t("exports.lang_hint")) }
                        select.ds-input id="lang" name="lang" aria-describedby="lang-hint" {
                            @for lang in Lang::ALL {
                                option value=(lang.code()) selected[lang == ctx.lang] { (lang.native_name()) }
                            }
                        }
                    }
                    @if me.role.can_edit() {
                        (Choices::checkboxes("personal_data", ctx.t("exports.personal"), personal_options, &[])
                            .hint(ctx.t("exports.personal_data_hint"))
                            .render(&errors))
                    } @else {
                        div.ds-alert data-color="info" { (ctx.t("exports.personal_data_observer")) }
                    }
                    div {
                        button.ds-button type="submit" data-variant="primary" { (ctx.t("exports.download")) }
                    }
                }
            }
        },
    )
}
