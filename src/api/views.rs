//! Markup of the admin page for API tokens: the list, the form, and a new token shown once.

use chrono::{DateTime, Utc};
use maud::{Markup, html};
use uuid::Uuid;

use crate::entities::{api_token, user};
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::components::time::{Precision, time};
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, error_summary, notice};

/// What the create form holds, kept when it is shown again with messages.
#[derive(Default)]
pub struct TokenFormValues {
    pub name: String,
    pub owner: Option<Uuid>,
}

/// Everything the page shows.
pub struct TokenPage<'a> {
    pub tokens: &'a [(api_token::Model, Option<user::Model>)],
    pub owners: &'a [user::Model],
    pub form: TokenFormValues,
    pub errors: FormErrors,
    /// A token just made: its name and the secret itself, shown this once.
    pub created: Option<(&'a str, &'a str)>,
    pub notice: Option<&'a str>,
}

pub fn token_page(ctx: &PageContext, me: &user::Model, page: &TokenPage<'_>) -> Markup {
    let title = ctx.t("api.title");
    admin_page(
        ctx,
        me,
        title,
        Section::ApiTokens,
        html! {
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                (notice(page.notice))
                @if let Some((name, token)) = page.created {
                    (created_token(ctx, name, token))
                }
                p.ds-paragraph { (ctx.t("api.intro")) }
                p.ds-paragraph {
                    a.ds-link href="/api/v1/openapi.json" { (ctx.t("api.openapi_link")) }
                }
                (token_table(ctx, page.tokens))
                (create_form(ctx, me, page))
            }
        },
    )
}

/// The new token, in a status region so a screen reader announces it at once.
fn created_token(ctx: &PageContext, name: &str, token: &str) -> Markup {
    html! {
        section.ds-alert.stack data-color="success" role="status" aria-labelledby="new-token-heading" {
            h2.ds-heading data-size="xs" #new-token-heading { (ctx.tr("api.created_heading", &[("name", name)])) }
            p.ds-paragraph { (ctx.t("api.created_once")) }
            div.ds-field {
                label.ds-label for="new-token" { (ctx.t("api.created_label")) }
                input.ds-input #new-token type="text" readonly value=(token) size="60"
                    autocomplete="off" spellcheck="false";
            }
            p.ds-paragraph { (ctx.t("api.created_usage")) }
            div.ds-card {
                // Focusable, so it scrolls by keyboard where it is wider than the card.
                pre tabindex="0" { code { "Authorization: Bearer " (token) } }
            }
        }
    }
}

/// A moment as the other staff pages show it.
fn when(ctx: &PageContext, at: Option<DateTime<Utc>>) -> Markup {
    html! {
        @if let Some(at) = at {
            (time(ctx.lang, at, Precision::Minute))
        } @else {
            (ctx.t("api.never"))
        }
    }
}

fn token_table(ctx: &PageContext, tokens: &[(api_token::Model, Option<user::Model>)]) -> Markup {
    html! {
        section.stack aria-labelledby="tokens-heading" {
            h2.ds-heading data-size="sm" #tokens-heading { (ctx.t("api.list_heading")) }
            @if tokens.is_empty() {
                div.ds-alert data-color="info" { (ctx.t("api.none")) }
            } @else {
                // A region people can focus, so the table scrolls sideways by
                // keyboard on a narrow screen.
                div.table-wrap role="region" aria-labelledby="tokens-caption" tabindex="0" {
                    table.ds-table data-border {
                        caption #tokens-caption data-size="2xs" { (ctx.t("api.list_caption")) }
                        thead {
                            tr {
                                th scope="col" { (ctx.t("api.col_name")) }
                                th scope="col" { (ctx.t("api.col_owner")) }
                                th scope="col" { (ctx.t("api.col_prefix")) }
                                th scope="col" { (ctx.t("api.col_created")) }
                                th scope="col" { (ctx.t("api.col_last_used")) }
                                th scope="col" { (ctx.t("api.col_status")) }
                                th scope="col" { (ctx.t("api.col_action")) }
                            }
                        }
                        tbody {
                            @for (token, owner) in tokens {
                                (token_row(ctx, token, owner.as_ref()))
                            }
                        }
                    }
                }
            }
        }
    }
}

fn token_row(ctx: &PageContext, token: &api_token::Model, owner: Option<&user::Model>) -> Markup {
    html! {
        tr {
            th scope="row" { (token.name) }
            td {
                @if let Some(owner) = owner {
                    (owner.name) " (" (ctx.t(&format!("role.{}", owner.role.as_str()))) ")"
                    @if owner.disabled {
                        " " (ctx.t("api.owner_disabled"))
                    }
                }
            }
            td { code { (token.prefix) "…" } }
            td { (when(ctx, Some(token.created_at))) }
            td { (when(ctx, token.last_used_at)) }
            td {
                @if let Some(revoked) = token.revoked_at {
                    span.ds-tag data-color="neutral" { (ctx.t("api.revoked")) }
                    " " (when(ctx, Some(revoked)))
                } @else {
                    span.ds-tag data-color="success" { (ctx.t("api.active")) }
                }
            }
            td {
                @if token.revoked_at.is_none() {
                    form method="post" action={ "/admin/api-nokler/" (token.id) "/trekk-tilbake" } {
                        (csrf::field(&ctx.csrf_token()))
                        // The hidden part tells screen-reader users which token the button revokes.
                        button.ds-button type="submit" data-variant="secondary" data-color="danger" data-size="sm" {
                            (ctx.t("api.revoke"))
                            span.ds-sr-only { " " (ctx.tr("api.revoke_which", &[("name", &token.name)])) }
                        }
                    }
                }
            }
        }
    }
}

fn create_form(ctx: &PageContext, me: &user::Model, page: &TokenPage<'_>) -> Markup {
    let selected = page.form.owner.unwrap_or(me.id);
    let owner_error = page.errors.get("owner");
    html! {
        section.page-narrow.stack aria-labelledby="create-heading" {
            h2.ds-heading data-size="sm" #create-heading { (ctx.t("api.create_heading")) }
            (error_summary(ctx.lang, &page.errors))
            form.stack method="post" action="/admin/api-nokler" novalidate {
                (csrf::field(&ctx.csrf_token()))
                (Field::new("name", ctx.t("api.field_name"), &page.form.name)
                    .hint(ctx.t("api.field_name_hint"))
                    .autocomplete("off")
                    .required()
                    .render(&page.errors))
                div.ds-field {
                    label.ds-label for="owner" { (ctx.t("api.field_owner")) }
                    div data-field="description" id="owner-hint" { (ctx.t("api.field_owner_hint")) }
                    select.ds-input id="owner" name="owner"
                        aria-describedby=(if owner_error.is_some() { "owner-hint owner-error" } else { "owner-hint" })
                        aria-invalid=[owner_error.map(|_| "true")] {
                        @for owner in page.owners {
                            option value=(owner.id) selected[owner.id == selected] {
                                (owner.name) " <" (owner.email) "> – "
                                (ctx.t(&format!("role.{}", owner.role.as_str())))
                            }
                        }
                    }
                    @if let Some(message) = owner_error {
                        p.ds-validation-message data-field="validation" id="owner-error" { (message) }
                    }
                }
                div {
                    button.ds-button type="submit" data-variant="primary" { (ctx.t("api.create")) }
                }
            }
        }
    }
}
