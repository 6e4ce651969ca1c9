//! The export page: what to export, in which format and language.

use maud::{Markup, html};
use sea_orm::{ActiveEnum, Iterable};

use crate::entities::input::Channel;
use crate::entities::user;
use crate::exports::Format;
use crate::inputs::{STATUSES, status_code};
use crate::web::admin_shell::{Section, admin_page};
use crate::web::{Lang, PageContext, csrf};

pub fn export_page(ctx: &PageContext, me: &user::Model) -> Markup {
    let title = ctx.t("exports.title");
    admin_page(
        ctx,
        me,
        title,
        Section::Exports,
        html! {
            h1 { (title) }
            p { (ctx.t("exports.lead")) }
            form method="post" action="/admin/eksport" {
                (csrf::field(&ctx.csrf_token()))
                fieldset {
                    legend { (ctx.t("exports.format")) }
                    @for format in Format::ALL {
                        div.choice {
                            input type="radio" name="format" id={ "format-" (format.code()) }
                                value=(format.code()) checked[format == Format::Xlsx]
                                aria-describedby={ "format-" (format.code()) "-hint" };
                            label for={ "format-" (format.code()) } { (ctx.t(&format!("exports.format_{}", format.code()))) }
                            p.hint id={ "format-" (format.code()) "-hint" } {
                                (ctx.t(&format!("exports.format_{}_hint", format.code())))
                            }
                        }
                    }
                }
                fieldset aria-describedby="channel-hint" {
                    legend { (ctx.t("exports.channels")) }
                    p.hint id="channel-hint" { (ctx.t("exports.channels_hint")) }
                    @for channel in Channel::iter() {
                        @let code = channel.to_value();
                        div.choice {
                            input type="checkbox" name="channel" id={ "channel-" (code) } value=(code);
                            label for={ "channel-" (code) } { (ctx.t(&format!("channel.{code}"))) }
                        }
                    }
                }
                div.field {
                    label for="status" { (ctx.t("exports.status")) }
                    select id="status" name="status" {
                        option value="all" selected { (ctx.t("exports.status_all")) }
                        @for status in STATUSES {
                            option value=(status_code(status)) {
                                (ctx.t(&format!("exports.status_{}", status_code(status))))
                            }
                        }
                    }
                }
                div.field {
                    label for="lang" { (ctx.t("exports.lang")) }
                    p.hint id="lang-hint" { (ctx.t("exports.lang_hint")) }
                    select id="lang" name="lang" aria-describedby="lang-hint" {
                        @for lang in Lang::ALL {
                            option value=(lang.code()) selected[lang == ctx.lang] { (lang.native_name()) }
                        }
                    }
                }
                @if me.role.can_edit() {
                    fieldset {
                        legend { (ctx.t("exports.personal")) }
                        div.choice {
                            input type="checkbox" name="personal_data" id="personal_data" value="on"
                                aria-describedby="personal_data-hint";
                            label for="personal_data" { (ctx.t("exports.personal_data")) }
                            p.hint id="personal_data-hint" { (ctx.t("exports.personal_data_hint")) }
                        }
                    }
                } @else {
                    p.hint { (ctx.t("exports.personal_data_observer")) }
                }
                button.button type="submit" { (ctx.t("exports.download")) }
            }
        },
    )
}
