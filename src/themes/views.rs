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
/// `danger` marks the button that takes a theme out of use.
fn post_button(ctx: &PageContext, action: &str, label: &str, name: &str, danger: bool) -> Markup {
    html! {
        form method="post" action=(action) {
            (csrf::field(&ctx.csrf_token()))
            button.ds-button type="submit" data-variant="secondary" data-size="sm"
                data-color=[danger.then_some("danger")] {
                (label) span.ds-sr-only { ": " (name) }
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
            div.stack {
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph { (ctx.t("themes.intro")) }
                (notice(message))
                @if can_edit {
                    ul.cluster.plain-list {
                        li { a.ds-button data-variant="primary" href="/admin/temaer/ny" { (ctx.t("themes.new_link")) } }
                        li { a.ds-button data-variant="secondary" href="/admin/temaer/import" { (ctx.t("themes.import_link")) } }
                    }
                } @else {
                    div.ds-alert data-color="info" { (ctx.t("themes.read_only")) }
                }
                @if themes.is_empty() {
                    div.ds-alert data-color="info" { (ctx.t("themes.empty")) }
                } @else {
                    // A region people can focus, so the table scrolls sideways by keyboard
                    // on a narrow screen, where it is wider than the page.
                    div.table-wrap role="region" aria-labelledby="themes-caption" tabindex="0" {
                        table.ds-table data-border {
                            caption #themes-caption data-size="xs" { (ctx.tr("themes.caption", &[("count", &themes.len().to_string())])) }
                            thead {
                                tr {
                                    th.num scope="col" { (ctx.t("themes.col_position")) }
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
        tr id={ "tema-" (theme.slug) } {
            td.num { (index + 1) }
            td { span.cluster { (swatch(&theme.colour)) code { (theme.colour) } } }
            th scope="row" {
                (name)
                @if !theme.keywords.is_empty() {
                    br;
                    small { (theme.keywords) }
                }
            }
            td { code { (theme.slug) } }
            td {
                @if theme.active {
                    span.ds-tag data-color="success" { (ctx.t("themes.active")) }
                } @else {
                    span.ds-tag data-color="neutral" { (ctx.t("themes.inactive")) }
                }
            }
            @if can_edit {
                td {
                    div.cluster {
                        a.ds-link href=(base) {
                            (ctx.t("themes.edit")) span.ds-sr-only { ": " (name) }
                        }
                        @if index > 0 {
                            (post_button(ctx, &format!("{base}/opp"), ctx.t("themes.move_up"), name, false))
                        }
                        @if index < last {
                            (post_button(ctx, &format!("{base}/ned"), ctx.t("themes.move_down"), name, false))
                        }
                        @if theme.active {
                            (post_button(ctx, &format!("{base}/deaktiver"), ctx.t("themes.deactivate"), name, true))
                        } @else {
                            (post_button(ctx, &format!("{base}/aktiver"), ctx.t("themes.activate"), name, false))
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
            div.page-medium.stack {
                p.ds-paragraph { a.ds-link href=(LIST_PATH) { (ctx.t("themes.back")) } }
                h1.ds-heading data-size="md" { (title) }
                (error_summary(ctx.lang, errors))
                form.stack method="post" action=(action) novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    @if existing.is_none() {
                        (Field::new("slug", ctx.t("themes.field_slug"), &form.slug)
                            .hint(ctx.t("themes.hint_slug"))
                            .autocomplete("off")
                            .required()
                            .render(errors))
                    } @else {
                        p.ds-paragraph {
                            (ctx.t("themes.field_slug")) ": " code { (form.slug) }
                            br;
                            small { (ctx.t("themes.slug_fixed")) }
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
                        p.ds-paragraph.cluster aria-hidden="true" {
                            (swatch(&form.colour)) span { (ctx.t("themes.colour_preview")) }
                        }
                    }
                    div.cluster {
                        button.ds-button type="submit" data-variant="primary" {
                            (if existing.is_none() { ctx.t("themes.create") } else { ctx.t("themes.save") })
                        }
                        a.ds-button data-variant="tertiary" href=(LIST_PATH) { (ctx.t("themes.cancel")) }
                    }
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
            div.page-medium.stack {
                p.ds-paragraph { a.ds-link href=(LIST_PATH) { (ctx.t("themes.back")) } }
                h1.ds-heading data-size="md" { (title) }
                (error_summary(ctx.lang, errors))
                p.ds-paragraph { (ctx.t("themes.import_intro")) }
                div.ds-card {
                    // Focusable, so it scrolls by keyboard where it is wider than the card.
                    pre tabindex="0" { code { "slug,name_nb,name_nn,name_en,description_en\n"
                        "reiseliv,Reiseliv og opplevelser,Reiseliv og opplevingar,Tourism and experiences,\"Visitors, guiding\"" } }
                }
                p.ds-paragraph { (ctx.t("themes.import_rules")) }
                @if !problems.is_empty() {
                    section.ds-alert.stack data-color="danger" aria-labelledby="import-problems-title" {
                        h2.ds-heading data-size="xs" #import-problems-title { (ctx.t("themes.import_problems")) }
                        ul.ds-list {
                            @for problem in problems {
                                li { (problem_text(ctx, problem)) }
                            }
                        }
                    }
                }
                form.stack method="post" action="/admin/temaer/import" novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    (Field::new("csv", ctx.t("themes.field_csv"), csv_text)
                        .kind("textarea")
                        .hint(ctx.t("themes.hint_csv"))
                        .required()
                        .render(errors))
                    div.cluster {
                        button.ds-button type="submit" data-variant="primary" { (ctx.t("themes.import_submit")) }
                        a.ds-button data-variant="tertiary" href=(LIST_PATH) { (ctx.t("themes.cancel")) }
                    }
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
