//! The sign-in page.

use maud::{Markup, html};

use crate::web::PageContext;
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, notice};
use crate::web::layout::layout;

pub fn sign_in(
    ctx: &PageContext,
    email: &str,
    next: &str,
    error: Option<&str>,
    flash: Option<&str>,
) -> Markup {
    let title = ctx.t("signin.title");
    let errors = FormErrors::new();
    layout(
        ctx,
        title,
        html! {
            div.page-narrow.stack {
                h1.ds-heading data-size="md" { (title) }
                (notice(flash.map(|key| ctx.t(key))))
                @if let Some(key) = error {
                    // Not tied to one field (which one was wrong is not told), so
                    // an alert that takes focus rather than an error summary.
                    div.ds-alert data-color="danger" role="alert" tabindex="-1" autofocus {
                        (ctx.t(key))
                    }
                }
                form.stack method="post" action="/admin/login" novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    input type="hidden" name="neste" value=(next);
                    (Field::new("email", ctx.t("signin.email"), email)
                        .kind("email").autocomplete("username").required().render(&errors))
                    (Field::new("password", ctx.t("signin.password"), "")
                        .kind("password").autocomplete("current-password").required().render(&errors))
                    div {
                        button.ds-button type="submit" data-variant="primary" { (ctx.t("signin.submit")) }
                    }
                }
                p.ds-paragraph { a.ds-link href="/admin/glemt-passord" { (ctx.t("signin.forgot")) } }
            }
        },
    )
}
