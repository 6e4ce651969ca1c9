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
            h1.ds-heading data-size="md" { (title) }
            (notice(flash.map(|key| ctx.t(key))))
            p.ds-paragraph { (ctx.t("mail_admin.intro")) }
            @if failed.is_empty() {
                div.ds-alert data-color="success" { (ctx.t("mail_admin.none")) }
            } @else {
                // A region people can focus, so the table scrolls sideways by
                // keyboard on a narrow screen.
                div.table-wrap role="region" aria-labelledby="mail-caption" tabindex="0" {
                    table.ds-table data-border {
                        caption.ds-sr-only #mail-caption { (title) }
                        thead { tr {
                            th scope="col" { (ctx.t("mail_admin.created")) }
                            th scope="col" { (ctx.t("mail_admin.recipient")) }
                            th scope="col" { (ctx.t("mail_admin.subject")) }
                            th.num scope="col" { (ctx.t("mail_admin.attempts")) }
                            th scope="col" { (ctx.t("mail_admin.error")) }
                            th scope="col" { span.ds-sr-only { (ctx.t("mail_admin.actions")) } }
                        } }
                        tbody {
                            @for mail in failed {
                                tr {
                                    td { (time(ctx.lang, mail.created_at, Precision::Minute)) }
                                    td { (mail.recipient) }
                                    td { (mail.subject) }
                                    td.num { (mail.attempts) }
                                    td.user-text { (mail.last_error.as_deref().unwrap_or("")) }
                                    td {
                                        form method="post" action={ "/admin/e-post/" (mail.id) "/send-igjen" } {
                                            (csrf::field(&token))
                                            button.ds-button type="submit" data-variant="secondary" data-size="sm" {
                                                (ctx.tr("mail_admin.retry", &[("subject", &mail.subject)]))
                                            }
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
