//! The page frame every HTML page is rendered in.

use maud::{DOCTYPE, Markup, html};
use url::form_urlencoded;

use crate::settings::accent;
use crate::web::assets::asset_url;
use crate::web::context::PageContext;
use crate::web::i18n::Lang;

/// A whole page: `title` names it in the browser tab, `content` goes in `<main>`.
///
/// `data-color-scheme="auto"` lets Designsystemet follow the reader's light or
/// dark preference; its components also handle forced colours.
pub fn layout(ctx: &PageContext, title: &str, content: Markup) -> Markup {
    let programme = &ctx.programme;
    let tab_title = if title == programme.programme_name {
        title.to_owned()
    } else {
        format!("{title} – {}", programme.programme_name)
    };
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) data-color-scheme="auto" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (tab_title) }
                link rel="stylesheet" href=(asset_url("app.css"));
                @if let Some(href) = accent::stylesheet_url(programme) {
                    link rel="stylesheet" href=(href);
                }
                link rel="icon" type="image/svg+xml" href=(asset_url("icon.svg"));
            }
            body {
                a.ds-skiplink href="#main" { (ctx.t("site.skip_link")) }
                header.site-header {
                    div.container.site-header__inner {
                        a.site-brand href="/" {
                            img.site-brand__mark src=(asset_url("icon.svg")) alt="";
                            span.site-brand__text {
                                @if !programme.municipality_name.is_empty() {
                                    span.site-brand__municipality {
                                        (ctx.tr("site.municipality", &[("name", &programme.municipality_name)]))
                                    }
                                }
                                span.site-brand__name { (programme.programme_name) }
                            }
                        }
                        (language_switch(ctx))
                    }
                }
                main #main.container tabindex="-1" {
                    (content)
                }
                (footer(ctx))
            }
        }
    }
}

fn language_switch(ctx: &PageContext) -> Markup {
    let back: String = form_urlencoded::byte_serialize(ctx.path.as_bytes()).collect();
    html! {
        nav.site-languages aria-label=(ctx.t("site.language_nav")) {
            ul {
                @for lang in Lang::ALL {
                    li {
                        a.ds-link href={ "/sprak/" (lang.code()) "?neste=" (back) }
                            lang=(lang.code()) hreflang=(lang.code())
                            aria-current=[(lang == ctx.lang).then_some("true")] {
                            (lang.native_name())
                        }
                    }
                }
            }
        }
    }
}

fn footer(ctx: &PageContext) -> Markup {
    let programme = &ctx.programme;
    let accessibility_url = programme
        .accessibility_url
        .as_deref()
        .unwrap_or("/tilgjengelighet");
    html! {
        footer.site-footer {
            div.container.site-footer__inner {
                div {
                    p.ds-paragraph { strong { (programme.programme_name) } }
                    @if let Some(email) = &programme.contact_email {
                        p.ds-paragraph {
                            (ctx.t("site.contact")) ": "
                            a.ds-link href={ "mailto:" (email) } { (email) }
                        }
                    }
                }
                nav aria-label=(ctx.t("site.footer_nav")) {
                    ul {
                        li { a.ds-link href="/personvern" { (ctx.t("site.privacy")) } }
                        li { a.ds-link href=(accessibility_url) { (ctx.t("site.accessibility")) } }
                    }
                }
            }
        }
    }
}

/// Text as people write it: a paragraph per blank-line block, its single
/// line breaks kept.
pub fn paragraphs(text: &str) -> Markup {
    html! {
        @for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            p.ds-paragraph {
                @for (index, line) in paragraph.lines().enumerate() {
                    @if index > 0 { br; }
                    (line)
                }
            }
        }
    }
}
