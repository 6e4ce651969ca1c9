//! The survey export page: format and header language, then the download.

use maud::{Markup, html};

use crate::entities::user;
use crate::exports::Format;
use crate::surveys::model::Survey;
use crate::web::admin_shell::{Section, admin_page};
use crate::web::forms::{Choices, FormErrors};
use crate::web::{Lang, PageContext, csrf};

pub fn export_page(ctx: &PageContext, me: &user::Model, survey: &Survey, responses: u64) -> Markup {
    let title = ctx.tr("survey_results.export_heading", &[("title", &survey.title)]);
    // Every choice is a fixed option: nothing the browser sends can be wrong.
    let errors = FormErrors::new();
    let formats = Format::ALL
        .into_iter()
        .map(|f| {
            (
                f.code().to_owned(),
                ctx.t(&format!("exports.format_{}", f.code())).to_owned(),
            )
        })
        .collect();
    let hints = Format::ALL
        .into_iter()
        .map(|f| {
            ctx.t(&format!("exports.format_{}_hint", f.code()))
                .to_owned()
        })
        .collect();
    let checked = [Format::Xlsx.code().to_owned()];
    admin_page(
        ctx,
        me,
        &title,
        Section::Dashboard,
        html! {
            div.page-medium.stack {
                h1.ds-heading data-size="md" { (title) }
                p.ds-paragraph data-size="lg" { (ctx.t("survey_results.export_lead")) }
                p.ds-paragraph { (ctx.tr("survey_results.export_count", &[("count", &responses.to_string())])) }
                form.stack method="post" action=(format!("/admin/undersokelser/{}/eksport", survey.id)) {
                    (csrf::field(&ctx.csrf_token()))
                    (Choices::radio("format", ctx.t("exports.format"), formats, &checked)
                        .option_hints(hints)
                        .render(&errors))
                    div.ds-field {
                        label.ds-label for="lang" { (ctx.t("exports.lang")) }
                        div data-field="description" id="lang-hint" { (ctx.t("survey_results.export_lang_hint")) }
                        select.ds-input id="lang" name="lang" aria-describedby="lang-hint" {
                            @for lang in Lang::ALL {
                                option value=(lang.code()) selected[lang == ctx.lang] { (lang.native_name()) }
                            }
                        }
                    }
                    div { button.ds-button type="submit" data-variant="primary" { (ctx.t("exports.download")) } }
                }
                p.ds-paragraph {
                    a.ds-link href=(crate::surveys::views::results::results_path(survey.id)) { (ctx.t("survey_results.back_to_results")) }
                }
            }
        },
    )
}
