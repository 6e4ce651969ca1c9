//! Markup of the workshop results pages facilitators fill in: the capture
//! page (method, tables, pasting notes, dot votes) and a table's form.

use maud::{Markup, html};
use uuid::Uuid;

use crate::entities::{event, theme, user, workshop_table};
use crate::events::views::admin::detail_path;
use crate::events::views::public::when;
use crate::events::workshop::forms::{
    MethodForm, PasteForm, TableForm, VotesForm, excerpt, votes_field,
};
use crate::events::workshop::notes::NOTE_MAX;
use crate::events::workshop::results::{Note, Results};
use crate::events::workshop::{METHODS, method_code, method_hint_key, method_label_key};
use crate::exports::Format;
use crate::inputs::StakeholderGroup;
use crate::themes::service::name_in;
use crate::web::PageContext;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::csrf;
use crate::web::forms::{Choices, Field, FormErrors, error_summary, notice};

pub fn results_path(event_id: Uuid) -> String {
    format!("{}/resultater", detail_path(event_id))
}

pub fn report_path(event_id: Uuid) -> String {
    format!("{}/rapport", results_path(event_id))
}

pub fn table_path(event_id: Uuid, table_id: Uuid) -> String {
    format!("{}/bord/{table_id}", results_path(event_id))
}

/// The formats the notes can be downloaded in, with their link text.
const DOWNLOADS: [(Format, &str); 3] = [
    (Format::Csv, "workshops.download_csv"),
    (Format::Xlsx, "workshops.download_xlsx"),
    (Format::Json, "workshops.download_json"),
];

/// Links to the notes as a file, in each format.
pub fn downloads(ctx: &PageContext, event_id: Uuid) -> Markup {
    html! {
        div.cluster.no-print {
            span { (ctx.t("workshops.download")) }
            @for (format, key) in DOWNLOADS {
                a.ds-link href={ (results_path(event_id)) "/eksport?format=" (format.code()) } download { (ctx.t(key)) }
            }
        }
    }
}

/// A theme's name in the page's language, from the list of all themes.
pub fn theme_name<'a>(
    ctx: &PageContext,
    themes: &'a [theme::Model],
    id: Option<Uuid>,
) -> Option<&'a str> {
    let id = id?;
    themes
        .iter()
        .find(|theme| theme.id == id)
        .map(|theme| name_in(theme, ctx.lang))
}

/// A labelled select with its hint and message, as `web::forms::Field` lays out a text field.
fn select(
    name: &str,
    label: &str,
    hint: Option<&str>,
    options: &[(String, String)],
    selected: &str,
    errors: &FormErrors,
) -> Markup {
    let error = errors.get(name);
    let described_by = [
        hint.map(|_| format!("{name}-hint")),
        error.map(|_| format!("{name}-error")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    html! {
        div.ds-field {
            label.ds-label for=(name) { (label) }
            @if let Some(hint) = hint {
                div data-field="description" id={ (name) "-hint" } { (hint) }
            }
            select.ds-input id=(name) name=(name)
                aria-invalid=[error.map(|_| "true")]
                aria-describedby=[(!described_by.is_empty()).then_some(described_by.as_str())] {
                @for (value, text) in options {
                    option value=(value) selected[value == selected] { (text) }
                }
            }
            @if let Some(message) = error {
                p.ds-validation-message data-field="validation" id={ (name) "-error" } { (message) }
            }
        }
    }
}

/// The options of a theme select: none, then the themes offered.
fn theme_options(ctx: &PageContext, themes: &[theme::Model]) -> Vec<(String, String)> {
    std::iter::once((String::new(), ctx.t("workshops.no_theme").to_owned()))
        .chain(
            themes
                .iter()
                .map(|theme| (theme.id.to_string(), name_in(theme, ctx.lang).to_owned())),
        )
        .collect()
}

/// The fields of a table's form; `summary` is the long text the host gave.
fn table_fields(
    ctx: &PageContext,
    form: &TableForm,
    themes: &[theme::Model],
    errors: &FormErrors,
) -> Markup {
    html! {
        (Field::new("name", ctx.t("workshops.table_name"), &form.name)
            .hint(ctx.t("workshops.table_name_hint")).required().render(errors))
        (select("theme", ctx.t("workshops.table_theme"), Some(ctx.t("workshops.table_theme_hint")),
            &theme_options(ctx, themes), &form.theme, errors))
        (Field::new("host", ctx.t("workshops.host"), &form.host)
            .hint(ctx.t("workshops.host_hint")).autocomplete("off").render(errors))
        (Field::new("summary", ctx.t("workshops.summary"), &form.summary)
            .kind("textarea").hint(ctx.t("workshops.summary_hint")).render(errors))
    }
}

/// Everything the capture page shows; the forms hold what was sent when
/// one of them comes back with a mistake.
pub struct CapturePage<'a> {
    pub event: &'a event::Model,
    pub results: &'a Results,
    /// Every theme, for the names of tables' and notes' themes.
    pub themes: &'a [theme::Model],
    /// The themes a form may offer (the active ones).
    pub active: &'a [theme::Model],
    pub method: &'a MethodForm,
    pub table: &'a TableForm,
    pub paste: &'a PasteForm,
    pub votes: Option<&'a VotesForm>,
    pub errors: &'a FormErrors,
    pub notice: Option<String>,
}

pub fn capture(ctx: &PageContext, me: &user::Model, page: &CapturePage) -> Markup {
    let event = page.event;
    let title = ctx.tr("workshops.title", &[("title", &event.title)]);
    let path = results_path(event.id);
    admin_page(
        ctx,
        me,
        &title,
        Section::Events,
        html! {
            div.stack {
                p.ds-paragraph { a.ds-link href=(detail_path(event.id)) { (ctx.t("workshops.back")) } }
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph data-size="lg" { (ctx.t("workshops.lead")) }
                p.ds-paragraph { (when(ctx, event)) }
                (notice(page.notice.as_deref()))
                (error_summary(ctx.lang, page.errors))
                div.cluster {
                    a.ds-button data-variant="primary" href=(report_path(event.id)) { (ctx.t("workshops.see_report")) }
                }
                (downloads(ctx, event.id))
                (method_section(ctx, page, &path))
                (tables_section(ctx, page, &path))
                (paste_section(ctx, page, &path))
                (notes_section(ctx, page, &path))
            }
        },
    )
}

fn method_section(ctx: &PageContext, page: &CapturePage, path: &str) -> Markup {
    let options = METHODS
        .into_iter()
        .map(|method| {
            (
                method_code(method),
                ctx.t(&method_label_key(method)).to_owned(),
            )
        })
        .collect();
    let hints = METHODS
        .into_iter()
        .map(|method| ctx.t(&method_hint_key(method)).to_owned())
        .collect();
    let checked = [page.method.method.clone()];
    html! {
        section.stack aria-labelledby="method-heading" {
            h2.ds-heading data-size="sm" #method-heading { (ctx.t("workshops.method_heading")) }
            form.stack.page-medium method="post" action={ (path) "/metode" } novalidate {
                (csrf::field(&ctx.csrf_token()))
                (Choices::radio("method", ctx.t("workshops.method_legend"), options, &checked)
                    .option_hints(hints).render(page.errors))
                div { button.ds-button type="submit" data-variant="secondary" { (ctx.t("workshops.save_method")) } }
            }
        }
    }
}

fn tables_section(ctx: &PageContext, page: &CapturePage, path: &str) -> Markup {
    let tables = &page.results.tables;
    let count = |table: &workshop_table::Model| {
        page.results
            .notes
            .iter()
            .filter(|note| note.table_id == Some(table.id))
            .count()
    };
    html! {
        section.stack aria-labelledby="tables-heading" #tables {
            h2.ds-heading data-size="sm" #tables-heading { (ctx.t("workshops.tables_heading")) }
            p.ds-paragraph { (ctx.t("workshops.tables_lead")) }
            @if !tables.is_empty() {
                div.table-wrap role="region" aria-labelledby="tables-caption" tabindex="0" {
                    table.ds-table data-border {
                        caption #tables-caption { (ctx.t("workshops.tables_caption")) }
                        thead { tr {
                            th scope="col" { (ctx.t("workshops.table_name")) }
                            th scope="col" { (ctx.t("workshops.table_theme")) }
                            th scope="col" { (ctx.t("workshops.host")) }
                            th scope="col" { (ctx.t("workshops.summary")) }
                            th.num scope="col" { (ctx.t("workshops.col_notes")) }
                            th scope="col" { (ctx.t("workshops.actions")) }
                        } }
                        tbody {
                            @for (index, table) in tables.iter().enumerate() {
                                tr {
                                    th scope="row" { (table.name) }
                                    td { (theme_name(ctx, page.themes, table.theme_id).unwrap_or("–")) }
                                    td { (table.host.as_deref().unwrap_or("–")) }
                                    td { (ctx.t(if table.summary.is_some() { "workshops.summary_written" } else { "workshops.summary_missing" })) }
                                    td.num { (count(table)) }
                                    td { (table_actions(ctx, page, table, index, tables.len())) }
                                }
                            }
                        }
                    }
                }
            }
            h3.ds-heading data-size="xs" #add-table-heading { (ctx.t("workshops.add_table")) }
            form.stack.page-medium method="post" action={ (path) "/bord" } novalidate aria-labelledby="add-table-heading" {
                (csrf::field(&ctx.csrf_token()))
                (table_fields(ctx, page.table, page.active, page.errors))
                div { button.ds-button type="submit" data-variant="secondary" { (ctx.t("workshops.add_table_submit")) } }
            }
        }
    }
}

fn table_actions(
    ctx: &PageContext,
    page: &CapturePage,
    table: &workshop_table::Model,
    index: usize,
    count: usize,
) -> Markup {
    let path = table_path(page.event.id, table.id);
    let token = ctx.csrf_token();
    let name = &table.name;
    html! {
        div.cluster {
            a.ds-link href=(path) { (ctx.t("workshops.edit_table")) span.ds-sr-only { ": " (name) } }
            @if index > 0 {
                form method="post" action={ (path) "/flytt" } {
                    (csrf::field(&token))
                    input type="hidden" name="direction" value="up";
                    button.ds-button type="submit" data-variant="tertiary" data-size="sm" {
                        (ctx.t("workshops.move_up")) span.ds-sr-only { ": " (name) }
                    }
                }
            }
            @if index + 1 < count {
                form method="post" action={ (path) "/flytt" } {
                    (csrf::field(&token))
                    input type="hidden" name="direction" value="down";
                    button.ds-button type="submit" data-variant="tertiary" data-size="sm" {
                        (ctx.t("workshops.move_down")) span.ds-sr-only { ": " (name) }
                    }
                }
            }
            form method="post" action={ (path) "/fjern" } {
                (csrf::field(&token))
                button.ds-button type="submit" data-variant="tertiary" data-color="danger" data-size="sm" {
                    (ctx.t("workshops.remove_table")) span.ds-sr-only { ": " (name) }
                }
            }
        }
    }
}

fn paste_section(ctx: &PageContext, page: &CapturePage, path: &str) -> Markup {
    let form = page.paste;
    let errors = page.errors;
    let tables: Vec<(String, String)> =
        std::iter::once((String::new(), ctx.t("workshops.no_table").to_owned()))
            .chain(page.results.tables.iter().map(|table| {
                let label = match theme_name(ctx, page.themes, table.theme_id) {
                    Some(theme) => format!("{} ({theme})", table.name),
                    None => table.name.clone(),
                };
                (table.id.to_string(), label)
            }))
            .collect();
    let theme_options = page
        .active
        .iter()
        .map(|theme| (theme.id.to_string(), name_in(theme, ctx.lang).to_owned()))
        .collect();
    let groups: Vec<(String, String)> = StakeholderGroup::ALL
        .into_iter()
        .map(|group| {
            (
                group.code().to_owned(),
                ctx.t(&group.label_key()).to_owned(),
            )
        })
        .collect();
    let notes_hint = ctx.tr("workshops.notes_hint", &[("max", &NOTE_MAX.to_string())]);
    html! {
        section.stack aria-labelledby="paste-heading" #paste {
            h2.ds-heading data-size="sm" #paste-heading { (ctx.t("workshops.paste_heading")) }
            form.stack.page-medium method="post" action={ (path) "/lapper" } novalidate {
                (csrf::field(&ctx.csrf_token()))
                input type="hidden" name="paste_key" value=(form.paste_key);
                (Field::new("notes", ctx.t("workshops.notes"), &form.notes)
                    .kind("textarea").hint(&notes_hint).required().render(errors))
                (select("table", ctx.t("workshops.paste_table"), Some(ctx.t("workshops.paste_table_hint")),
                    &tables, &form.table, errors))
                @if !page.active.is_empty() {
                    (Choices::checkboxes("themes", ctx.t("workshops.paste_themes"), theme_options, &form.themes)
                        .hint(ctx.t("workshops.paste_themes_hint")).render(errors))
                }
                (select("group", ctx.t("workshops.paste_group"), Some(ctx.t("workshops.paste_group_hint")),
                    &groups, &form.group, errors))
                div { button.ds-button type="submit" data-variant="primary" { (ctx.t("workshops.paste_submit")) } }
            }
        }
    }
}

fn notes_section(ctx: &PageContext, page: &CapturePage, path: &str) -> Markup {
    let notes = &page.results.notes;
    html! {
        section.stack aria-labelledby="notes-heading" #saved-notes {
            h2.ds-heading data-size="sm" #notes-heading {
                (ctx.tr("workshops.notes_heading", &[("count", &notes.len().to_string())]))
            }
            @if notes.is_empty() {
                div.ds-alert data-color="info" { (ctx.t("workshops.no_notes")) }
            } @else {
                p.ds-paragraph { (ctx.t("workshops.votes_lead")) }
                form.stack method="post" action={ (path) "/stemmer" } novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    div.table-wrap role="region" aria-labelledby="notes-caption" tabindex="0" {
                        table.ds-table.note-table data-border {
                            caption #notes-caption { (ctx.t("workshops.notes_caption")) }
                            thead { tr {
                                th scope="col" { (ctx.t("workshops.col_note")) }
                                th scope="col" { (ctx.t("workshops.col_votes")) }
                                th scope="col" { (ctx.t("workshops.col_table")) }
                                th scope="col" { (ctx.t("workshops.col_themes")) }
                                th scope="col" { span.ds-sr-only { (ctx.t("workshops.actions")) } }
                            } }
                            tbody {
                                @for note in notes.iter() {
                                    (note_row(ctx, page, note))
                                }
                            }
                        }
                    }
                    div { button.ds-button type="submit" data-variant="primary" { (ctx.t("workshops.save_votes")) } }
                }
                // Outside the votes form, so Enter in a vote field saves the
                // votes; each delete button names this form and its note.
                form #delete-note method="post" action={ (path) "/lapper/slett" } {
                    (csrf::field(&ctx.csrf_token()))
                }
            }
        }
    }
}

fn note_row(ctx: &PageContext, page: &CapturePage, note: &Note) -> Markup {
    let field = votes_field(note.input_id);
    let value = page
        .votes
        .and_then(|votes| votes.values.get(&note.input_id).cloned())
        .unwrap_or_else(|| note.votes.to_string());
    let error = page.errors.get(&field);
    let short = excerpt(&note.body);
    let table = page.results.table(note.table_id);
    html! {
        tr {
            td.user-text { (note.body) }
            td {
                div.ds-field {
                    label.ds-sr-only for=(field) { (ctx.tr("workshops.votes_for", &[("note", &short)])) }
                    input.ds-input data-size="sm" type="number" inputmode="numeric" min="0" step="1"
                        id=(field) name=(field) value=(value)
                        aria-invalid=[error.map(|_| "true")]
                        aria-describedby=[error.map(|_| format!("{field}-error"))];
                    @if let Some(message) = error {
                        p.ds-validation-message data-field="validation" id={ (field) "-error" } { (message) }
                    }
                }
            }
            td { (table.map_or("–", |table| table.name.as_str())) }
            td {
                @if !note.themes.is_empty() {
                    ul.cluster.plain-list {
                        @for theme in &note.themes {
                            li { span.ds-tag data-color="accent" data-size="sm" { (name_in(theme, ctx.lang)) } }
                        }
                    }
                }
            }
            td {
                button.ds-button type="submit" form="delete-note" name="note" value=(note.input_id)
                    data-variant="tertiary" data-color="danger" data-size="sm" {
                    (ctx.t("workshops.delete_note")) span.ds-sr-only { ": " (short) }
                }
            }
        }
    }
}

/// A table's own form, to change its name, theme, host and summary.
pub fn table_page(
    ctx: &PageContext,
    me: &user::Model,
    event: &event::Model,
    table: &workshop_table::Model,
    themes: &[theme::Model],
    form: &TableForm,
    errors: &FormErrors,
) -> Markup {
    let title = ctx.tr("workshops.edit_table_title", &[("name", &table.name)]);
    let back = format!("{}#tables", results_path(event.id));
    admin_page(
        ctx,
        me,
        &title,
        Section::Events,
        html! {
            div.page-medium.stack {
                p.ds-paragraph { a.ds-link href=(back) { (ctx.t("workshops.back_to_results")) } }
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph { (event.title) }
                (error_summary(ctx.lang, errors))
                form.stack method="post" action=(table_path(event.id, table.id)) novalidate {
                    (csrf::field(&ctx.csrf_token()))
                    (table_fields(ctx, form, themes, errors))
                    div.cluster {
                        button.ds-button type="submit" data-variant="primary" { (ctx.t("workshops.save_table")) }
                        a.ds-link href=(back) { (ctx.t("workshops.cancel")) }
                    }
                }
            }
        },
    )
}
