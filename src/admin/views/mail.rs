//! The failed-mail page.

use maud::{Markup, html};

use crate::entities::{outbox, user};
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::time::{Precision, time};
use crate::web::csrf;
use crate::web::forms::notice;

pub fn failed_mail(
    ctx: &PageContext,
    me: &user::Model,
    failed: &[outbox::Model],
    flash: Option<&str>,
) -> Markup {
    let title = ctx.t("mail_admin.title");
    let token = ctx.csrf_token();
    admin_page(
        ctx,
        me,
        title,
        Section::Mail,
        html! {
            h1 { (title) }
            (notice(flash.map(|key| ctx.t(key))))
            p { (ctx.t("mail_admin.intro")) }
            @if failed.is_empty() {
                p { (ctx.t("mail_admin.none")) }
            } @else {
                table.data {
                    thead { tr {
                        th scope="col" { (ctx.t("mail_admin.created")) }
                        th scope="col" { (ctx.t("mail_admin.recipient")) }
                        th scope="col" { (ctx.t("mail_admin.subject")) }
                        th scope="col" { (ctx.t("mail_admin.attempts")) }
                        th scope="col" { (ctx.t("mail_admin.error")) }
                        th scope="col" { span.visually-hidden { (ctx.t("mail_admin.actions")) } }
                    } }
                    tbody {
                        @for mail in failed {
                            tr {
                                td { (time(ctx.lang, mail.created_at, Precision::Minute)) }
                                td { (mail.recipient) }
                                td { (mail.subject) }
                                td.num { (mail.attempts) }
                                td { (mail.last_error.as_deref().unwrap_or("")) }
                                td {
                                    form method="post" action={ "/admin/e-post/" (mail.id) "/send-igjen" } {
                                        (csrf::field(&token))
                                        button.button-small type="submit" {
                                            (ctx.tr("mail_admin.retry", &[("subject", &mail.subject)]))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
