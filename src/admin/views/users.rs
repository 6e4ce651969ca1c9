//! The user list with the invitation form.

use maud::{Markup, html};

use crate::entities::user::{self, Role};
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, error_summary, notice};

/// What the invitation form shows again after a failed submission.
pub struct InviteValues<'a> {
    pub email: &'a str,
    pub name: &'a str,
    pub role: &'a str,
}

pub fn users(
    ctx: &PageContext,
    me: &user::Model,
    all: &[user::Model],
    invite: &InviteValues<'_>,
    errors: &FormErrors,
    flash: Option<&str>,
) -> Markup {
    let title = ctx.t("users.title");
    let token = ctx.csrf_token();
    admin_page(
        ctx,
        me,
        title,
        Section::Users,
        html! {
            h1 { (title) }
            (notice(flash.map(|key| ctx.t(key))))
            (error_summary(ctx.lang, errors))
            table.data {
                caption.visually-hidden { (title) }
                thead { tr {
                    th scope="col" { (ctx.t("users.name")) }
                    th scope="col" { (ctx.t("users.email")) }
                    th scope="col" { (ctx.t("users.role")) }
                    th scope="col" { (ctx.t("users.status")) }
                } }
                tbody {
                    @for user in all {
                        tr {
                            td { (user.name) }
                            td { (user.email) }
                            td {
                                @if user.id == me.id {
                                    (ctx.t(&format!("role.{}", user.role.as_str())))
                                } @else {
                                    form.inline method="post" action={ "/admin/brukere/" (user.id) "/rolle" } {
                                        (csrf::field(&token))
                                        label.visually-hidden for={ "role-" (user.id) } {
                                            (ctx.tr("users.role_of", &[("name", &user.name)]))
                                        }
                                        select id={ "role-" (user.id) } name="role" {
                                            @for role in Role::ALL {
                                                option value=(role.as_str()) selected[role == user.role] {
                                                    (ctx.t(&format!("role.{}", role.as_str())))
                                                }
                                            }
                                        }
                                        button.button-small type="submit" { (ctx.t("users.save_role")) }
                                    }
                                }
                            }
                            td {
                                @if user.disabled {
                                    (ctx.t("users.disabled"))
                                } @else if user.password_hash.is_empty() {
                                    (ctx.t("users.invited"))
                                } @else {
                                    (ctx.t("users.active"))
                                }
                                @if user.id != me.id {
                                    form.inline method="post" action={ "/admin/brukere/" (user.id) "/status" } {
                                        (csrf::field(&token))
                                        input type="hidden" name="disabled" value=(if user.disabled { "false" } else { "true" });
                                        button.button-small type="submit" {
                                            @if user.disabled { (ctx.tr("users.enable", &[("name", &user.name)])) }
                                            @else { (ctx.tr("users.disable", &[("name", &user.name)])) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            h2 #invite-heading { (ctx.t("users.invite_title")) }
            form method="post" action="/admin/brukere" novalidate aria-labelledby="invite-heading" {
                (csrf::field(&token))
                (Field::new("email", ctx.t("users.email"), invite.email)
                    .kind("email").autocomplete("off").required().render(errors))
                (Field::new("name", ctx.t("users.name"), invite.name)
                    .autocomplete("off").required().render(errors))
                div.field.field-error[errors.get("role").is_some()] {
                    label for="role" { (ctx.t("users.role")) }
                    @if let Some(message) = errors.get("role") {
                        p.error-message id="role-error" { (message) }
                    }
                    select #role name="role" {
                        @for role in Role::ALL {
                            option value=(role.as_str()) selected[role.as_str() == invite.role || (invite.role.is_empty() && role == Role::Facilitator)] {
                                (ctx.t(&format!("role.{}", role.as_str())))
                            }
                        }
                    }
                }
                button.button type="submit" { (ctx.t("users.invite_submit")) }
            }
        },
    )
}
