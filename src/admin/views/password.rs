//! Pages for a forgotten password and for choosing a password from a mailed link.

use maud::{Markup, html};

use crate::admin::tokens::Purpose;
use crate::web::PageContext;
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, error_summary};
use crate::web::layout::layout;

pub fn forgot(ctx: &PageContext, email: &str, errors: &FormErrors, sent: bool) -> Markup {
    let title = ctx.t("password.forgot_title");
    layout(
        ctx,
        title,
        html! {
            div.page-narrow.stack {
                h1.ds-heading data-size="md" { (title) }
                @if sent {
                    div.ds-alert data-color="success" role="status" { (ctx.t("password.forgot_sent")) }
                    p.ds-paragraph { a.ds-link href="/admin/login" { (ctx.t("password.back_to_sign_in")) } }
                } @else {
                    (error_summary(ctx.lang, errors))
                    p.ds-paragraph { (ctx.t("password.forgot_intro")) }
                    form.stack method="post" action="/admin/glemt-passord" novalidate {
                        (csrf::field(&ctx.csrf_token()))
                        (Field::new("email", ctx.t("signin.email"), email)
                            .kind("email").autocomplete("username").required().render(errors))
                        div {
                            button.ds-button type="submit" data-variant="primary" { (ctx.t("password.forgot_submit")) }
                        }
                    }
                }
            }
        },
    )
}

pub fn new_password(ctx: &PageContext, purpose: Purpose, errors: &FormErrors) -> Markup {
    let title = match purpose {
        Purpose::Invite => ctx.t("password.invite_title"),
        Purpose::Reset => ctx.t("password.reset_title"),
    };
    let hint = ctx.t("password.rules");
    layout(
        ctx,
        title,
        html! {
            div.page-narrow.stack {
                h1.ds-heading data-size="md" { (title) }
                (error_summary(ctx.lang, errors))
                form.stack method="post" novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    (Field::new("password", ctx.t("password.new"), "")
                        .kind("password").autocomplete("new-password").hint(hint).required().render(errors))
                    (Field::new("password_again", ctx.t("password.again"), "")
                        .kind("password").autocomplete("new-password").required().render(errors))
                    div {
                        button.ds-button type="submit" data-variant="primary" { (ctx.t("password.save")) }
                    }
                }
            }
        },
    )
}

pub fn link_expired(ctx: &PageContext) -> Markup {
    let title = ctx.t("password.expired_title");
    layout(
        ctx,
        title,
        html! {
            div.page-narrow.stack {
                h1.ds-heading data-size="md" { (title) }
                div.ds-alert data-color="warning" { (ctx.t("password.expired_text")) }
                p.ds-paragraph { a.ds-link href="/admin/glemt-passord" { (ctx.t("signin.forgot")) } }
            }
        },
    )
}
