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
    admin_page(
        ctx,
        me,
        title,
        Section::Users,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                (notice(flash.map(|key| ctx.t(key))))
                (error_summary(ctx.lang, errors))
                // A region people can focus, so the table scrolls sideways by
                // keyboard on a narrow screen.
                div.table-wrap role="region" aria-labelledby="users-caption" tabindex="0" {
                    table.ds-table data-border {
                        caption.ds-sr-only #users-caption { (title) }
                        thead { tr {
                            th scope="col" { (ctx.t("users.name")) }
                            th scope="col" { (ctx.t("users.email")) }
                            th scope="col" { (ctx.t("users.role")) }
                            th scope="col" { (ctx.t("users.status")) }
                        } }
                        tbody {
                            @for user in all {
                                (row(ctx, me, user))
                            }
                        }
                    }
                }
                (invite_form(ctx, invite, errors))
            }
        },
    )
}

fn row(ctx: &PageContext, me: &user::Model, user: &user::Model) -> Markup {
    let token = ctx.csrf_token();
    let (status, colour) = if user.disabled {
        ("users.disabled", "neutral")
    } else if user.password_hash.is_empty() {
        ("users.invited", "info")
    } else {
        ("users.active", "success")
    };
    html! {
        tr {
            td { (user.name) }
            td { (user.email) }
            td {
                @if user.id == me.id {
                    (ctx.t(&format!("role.{}", user.role.as_str())))
                } @else {
                    form.cluster method="post" action={ "/admin/brukere/" (user.id) "/rolle" } {
                        (csrf::field(&token))
                        label.ds-sr-only for={ "role-" (user.id) } {
                            (ctx.tr("users.role_of", &[("name", &user.name)]))
                        }
                        select.ds-input data-size="sm" id={ "role-" (user.id) } name="role" {
                            @for role in Role::ALL {
                                option value=(role.as_str()) selected[role == user.role] {
                                    (ctx.t(&format!("role.{}", role.as_str())))
                                }
                            }
                        }
                        button.ds-button type="submit" data-variant="secondary" data-size="sm" {
                            (ctx.t("users.save_role"))
                        }
                    }
                }
            }
            td {
                div.cluster {
                    span.ds-tag data-color=(colour) { (ctx.t(status)) }
                    @if user.id != me.id {
                        form method="post" action={ "/admin/brukere/" (user.id) "/status" } {
                            (csrf::field(&token))
                            input type="hidden" name="disabled" value=(if user.disabled { "false" } else { "true" });
                            @if user.disabled {
                                button.ds-button type="submit" data-variant="secondary" data-size="sm" {
                                    (ctx.tr("users.enable", &[("name", &user.name)]))
                                }
                            } @else {
                                button.ds-button type="submit" data-variant="secondary" data-color="danger" data-size="sm" {
                                    (ctx.tr("users.disable", &[("name", &user.name)]))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn invite_form(ctx: &PageContext, invite: &InviteValues<'_>, errors: &FormErrors) -> Markup {
    let role_error = errors.get("role");
    html! {
        div.page-narrow.stack {
            h2.ds-heading data-size="sm" #invite-heading { (ctx.t("users.invite_title")) }
            form.stack method="post" action="/admin/brukere" novalidate aria-labelledby="invite-heading" {
                (csrf::field(&ctx.csrf_token()))
                (Field::new("email", ctx.t("users.email"), invite.email)
                    .kind("email").autocomplete("off").required().render(errors))
                (Field::new("name", ctx.t("users.name"), invite.name)
                    .autocomplete("off").required().render(errors))
                div.ds-field {
                    label.ds-label for="role" { (ctx.t("users.role")) }
                    select.ds-input #role name="role"
                        aria-invalid=[role_error.map(|_| "true")]
                        aria-describedby=[role_error.map(|_| "role-error")] {
                        @for role in Role::ALL {
                            option value=(role.as_str()) selected[role.as_str() == invite.role || (invite.role.is_empty() && role == Role::Facilitator)] {
                                (ctx.t(&format!("role.{}", role.as_str())))
                            }
                        }
                    }
                    @if let Some(message) = role_error {
                        p.ds-validation-message data-field="validation" id="role-error" { (message) }
                    }
                }
                div {
                    button.ds-button type="submit" data-variant="primary" { (ctx.t("users.invite_submit")) }
                }
            }
        }
    }
}
