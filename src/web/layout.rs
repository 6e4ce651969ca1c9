//! The page frame every HTML page is rendered in.

use maud::{DOCTYPE, Markup, html};
use url::form_urlencoded;

use crate::web::assets::asset_url;
use crate::web::context::PageContext;
use crate::web::i18n::Lang;

/// A whole page: `title` names it in the browser tab, `content` goes in `<main>`.
pub fn layout(ctx: &PageContext, title: &str, content: Markup) -> Markup {
    let programme = &ctx.programme;
    let tab_title = if title == programme.programme_name {
        title.to_owned()
    } else {
        format!("{title} – {}", programme.programme_name)
    };
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (tab_title) }
                link rel="stylesheet" href=(asset_url("main.css"));
                link rel="icon" type="image/svg+xml" href=(asset_url("icon.svg"));
            }
            body {
                a.skip-link href="#main" { (ctx.t("site.skip_link")) }
                header.site-header {
                    div.container.header-inner {
                        a.brand href="/" {
                            span.brand-name { (programme.programme_name) }
                            @if !programme.municipality_name.is_empty() {
                                span.brand-municipality {
                                    (ctx.tr("site.municipality", &[("name", &programme.municipality_name)]))
                                }
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
        nav.language-switch aria-label=(ctx.t("site.language_nav")) {
            ul {
                @for lang in Lang::ALL {
                    li {
                        a href={ "/sprak/" (lang.code()) "?neste=" (back) }
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
            div.container.footer-inner {
                div {
                    p.footer-name { (programme.programme_name) }
                    @if let Some(email) = &programme.contact_email {
                        p {
                            (ctx.t("site.contact")) ": "
                            a href={ "mailto:" (email) } { (email) }
                        }
                    }
                }
                nav aria-label=(ctx.t("site.footer_nav")) {
                    ul {
                        li { a href="/personvern" { (ctx.t("site.privacy")) } }
                        li { a href=(accessibility_url) { (ctx.t("site.accessibility")) } }
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
            p {
                @for (index, line) in paragraph.lines().enumerate() {
                    @if index > 0 { br; }
                    (line)
                }
            }
        }
    }
}
