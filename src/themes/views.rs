//! Markup of the theme pages: the ordered list, the create and edit form, and
//! the CSV import form.

use maud::{Markup, html};

use crate::web::components::swatch::swatch;

use super::forms::ThemeForm;
use super::import::Problem;
use super::service::name_in;
use crate::entities::{theme, user};
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::csrf;
use crate::web::forms::{Field, FormErrors, error_summary, notice};

const LIST_PATH: &str = "/admin/temaer";

/// A button whose visible words are followed by the theme's name for screen
/// readers, so "Move up" is not said eight times without saying what.
fn post_button(ctx: &PageContext, action: &str, label: &str, name: &str) -> Markup {
    html! {
        form.inline method="post" action=(action) {
            (csrf::field(&ctx.csrf_token()))
            button.button-small type="submit" {
                (label) span.visually-hidden { ": " (name) }
            }
        }
    }
}

pub fn list(
    ctx: &PageContext,
    user: &user::Model,
    themes: &[theme::Model],
    can_edit: bool,
    message: Option<&str>,
) -> Markup {
    let title = ctx.t("themes.title");
    let last = themes.len().saturating_sub(1);
    admin_page(
        ctx,
        user,
        title,
        Section::Themes,
        html! {
            h1 { (title) }
            p { (ctx.t("themes.intro")) }
            (notice(message))
            @if can_edit {
                ul.theme-toolbar {
                    li { a href="/admin/temaer/ny" { (ctx.t("themes.new_link")) } }
                    li { a href="/admin/temaer/import" { (ctx.t("themes.import_link")) } }
                }
            } @else {
                p.muted { (ctx.t("themes.read_only")) }
            }
            @if themes.is_empty() {
                p { (ctx.t("themes.empty")) }
            } @else {
                // A region people can focus, so the table scrolls sideways by keyboard
                // on a narrow screen, where it is wider than the page.
                div.theme-table-wrap role="region" aria-labelledby="themes-caption" tabindex="0" {
                    table.data.theme-table {
                        caption #themes-caption { (ctx.tr("themes.caption", &[("count", &themes.len().to_string())])) }
                        thead {
                            tr {
                                th scope="col" { (ctx.t("themes.col_position")) }
                                th scope="col" { (ctx.t("themes.col_colour")) }
                                th scope="col" { (ctx.t("themes.col_name")) }
                                th scope="col" { (ctx.t("themes.col_slug")) }
                                th scope="col" { (ctx.t("themes.col_status")) }
                                @if can_edit {
                                    th scope="col" { (ctx.t("themes.col_actions")) }
                                }
                            }
                        }
                        tbody {
                            @for (index, theme) in themes.iter().enumerate() {
                                (row(ctx, theme, index, last, can_edit))
                            }
                        }
                    }
                }
            }
        },
    )
}

fn row(
    ctx: &PageContext,
    theme: &theme::Model,
    index: usize,
    last: usize,
    can_edit: bool,
) -> Markup {
    let name = name_in(theme, ctx.lang);
    let base = format!("{LIST_PATH}/{}", theme.id);
    html! {
        tr id={ "tema-" (theme.slug) } class=[(!theme.active).then_some("theme-inactive")] {
            td.num { (index + 1) }
            td.theme-colour {
                (swatch(&theme.colour))
                " " span.theme-colour-code { (theme.colour) }
            }
            th scope="row" {
                (name)
                @if !theme.keywords.is_empty() {
                    br;
                    span.muted.theme-keywords { (theme.keywords) }
                }
            }
            td { code { (theme.slug) } }
            td {
                @if theme.active {
                    span.theme-status.theme-status-active { (ctx.t("themes.active")) }
                } @else {
                    span.theme-status.theme-status-inactive { (ctx.t("themes.inactive")) }
                }
            }
            @if can_edit {
                td {
                    div.theme-actions {
                        a href=(base) {
                            (ctx.t("themes.edit")) span.visually-hidden { ": " (name) }
                        }
                        @if index > 0 {
                            (post_button(ctx, &format!("{base}/opp"), ctx.t("themes.move_up"), name))
                        }
                        @if index < last {
                            (post_button(ctx, &format!("{base}/ned"), ctx.t("themes.move_down"), name))
                        }
                        @if theme.active {
                            (post_button(ctx, &format!("{base}/deaktiver"), ctx.t("themes.deactivate"), name))
                        } @else {
                            (post_button(ctx, &format!("{base}/aktiver"), ctx.t("themes.activate"), name))
                        }
                    }
                }
            }
        }
    }
}

/// The create form (`existing` is `None`) or the edit form of a theme.
pub fn form_page(
    ctx: &PageContext,
    user: &user::Model,
    existing: Option<&theme::Model>,
    form: &ThemeForm,
    errors: &FormErrors,
) -> Markup {
    let (title, action) = match existing {
        None => (ctx.t("themes.new_title").to_owned(), LIST_PATH.to_owned()),
        Some(theme) => (
            ctx.tr("themes.edit_title", &[("name", name_in(theme, ctx.lang))]),
            format!("{LIST_PATH}/{}", theme.id),
        ),
    };
    admin_page(
        ctx,
        user,
        &title,
        Section::Themes,
        html! {
            p { a href=(LIST_PATH) { (ctx.t("themes.back")) } }
            h1 { (title) }
            (error_summary(ctx.lang, errors))
            form.theme-form method="post" action=(action) novalidate {
                (csrf::field(&ctx.csrf_token()))
                @if existing.is_none() {
                    (Field::new("slug", ctx.t("themes.field_slug"), &form.slug)
                        .hint(ctx.t("themes.hint_slug"))
                        .autocomplete("off")
                        .required()
                        .render(errors))
                } @else {
                    p {
                        (ctx.t("themes.field_slug")) ": " code { (form.slug) }
                        br;
                        span.muted { (ctx.t("themes.slug_fixed")) }
                    }
                }
                (Field::new("name_nb", ctx.t("themes.field_name_nb"), &form.name_nb).required().render(errors))
                (Field::new("name_nn", ctx.t("themes.field_name_nn"), &form.name_nn).required().render(errors))
                (Field::new("name_en", ctx.t("themes.field_name_en"), &form.name_en).required().render(errors))
                (Field::new("description", ctx.t("themes.field_description"), &form.description)
                    .kind("textarea")
                    .hint(ctx.t("themes.hint_description"))
                    .render(errors))
                (Field::new("keywords", ctx.t("themes.field_keywords"), &form.keywords)
                    .kind("textarea")
                    .hint(ctx.t("themes.hint_keywords"))
                    .render(errors))
                (Field::new("colour", ctx.t("themes.field_colour"), &form.colour)
                    .hint(ctx.t("themes.hint_colour"))
                    .autocomplete("off")
                    .required()
                    .render(errors))
                @if errors.get("colour").is_none() {
                    // Only for sighted users: the colour code in the field says it in words.
                    p.theme-colour-preview aria-hidden="true" {
                        (swatch(&form.colour)) " " (ctx.t("themes.colour_preview"))
                    }
                }
                div.theme-form-buttons {
                    button.button type="submit" {
                        (if existing.is_none() { ctx.t("themes.create") } else { ctx.t("themes.save") })
                    }
                    a href=(LIST_PATH) { (ctx.t("themes.cancel")) }
                }
            }
        },
    )
}

/// The CSV import form; after a refused file, every problem with its line.
pub fn import_page(
    ctx: &PageContext,
    user: &user::Model,
    csv_text: &str,
    errors: &FormErrors,
    problems: &[Problem],
) -> Markup {
    let title = ctx.t("themes.import_title");
    admin_page(
        ctx,
        user,
        title,
        Section::Themes,
        html! {
            p { a href=(LIST_PATH) { (ctx.t("themes.back")) } }
            h1 { (title) }
            (error_summary(ctx.lang, errors))
            p { (ctx.t("themes.import_intro")) }
            pre.theme-example { code { "slug,name_nb,name_nn,name_en,description_en\n"
                "reiseliv,Reiseliv og opplevelser,Reiseliv og opplevingar,Tourism and experiences,\"Visitors, guiding\"" } }
            p { (ctx.t("themes.import_rules")) }
            @if !problems.is_empty() {
                section.theme-import-problems aria-labelledby="import-problems-title" {
                    h2 #import-problems-title { (ctx.t("themes.import_problems")) }
                    ul {
                        @for problem in problems {
                            li { (problem_text(ctx, problem)) }
                        }
                    }
                }
            }
            form.theme-form method="post" action="/admin/temaer/import" novalidate {
                (csrf::field(&ctx.csrf_token()))
                (Field::new("csv", ctx.t("themes.field_csv"), csv_text)
                    .kind("textarea")
                    .hint(ctx.t("themes.hint_csv"))
                    .required()
                    .render(errors))
                div.theme-form-buttons {
                    button.button type="submit" { (ctx.t("themes.import_submit")) }
                    a href=(LIST_PATH) { (ctx.t("themes.cancel")) }
                }
            }
        },
    )
}

/// A problem in the page's language, with the line it is on.
pub fn problem_text(ctx: &PageContext, problem: &Problem) -> String {
    let args = problem.kind.args();
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let text = ctx.tr(
        &format!("themes.import_problem.{}", problem.kind.key()),
        &args,
    );
    match problem.line {
        Some(line) => ctx.tr(
            "themes.import_problem.on_line",
            &[("line", &line.to_string()), ("text", &text)],
        ),
        None => text,
    }
}
