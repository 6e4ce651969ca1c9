//! Builds a mail's plain-text and HTML parts from the same few blocks, so
//! features never write mail HTML by hand and the two parts always agree.

use maud::{DOCTYPE, Markup, html};
use url::Url;

use crate::web::i18n::Lang;

/// The body of one mail: paragraphs, link buttons and an optional footer.
///
/// ```
/// # use innspill::mail::MailBody;
/// # use innspill::web::i18n::Lang;
/// let url = url::Url::parse("https://innspill.example/mine/abc").unwrap();
/// let body = MailBody::new(Lang::Nb)
///     .paragraph("Takk for innspillet ditt!")
///     .button("Se innspillet", &url)
///     .footer("Du får denne e-posten fordi du sendte et innspill.");
/// assert!(body.text().contains("https://innspill.example/mine/abc"));
/// assert!(body.html("Takk").contains(r#"lang="nb""#));
/// ```
#[derive(Clone, Debug)]
pub struct MailBody {
    lang: Lang,
    blocks: Vec<Block>,
    footer: Option<String>,
}

#[derive(Clone, Debug)]
enum Block {
    Paragraph(String),
    Button { label: String, url: Url },
}

impl MailBody {
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            blocks: Vec::new(),
            footer: None,
        }
    }

    /// A paragraph of plain text; line breaks inside it are kept.
    pub fn paragraph(mut self, text: impl Into<String>) -> Self {
        self.blocks.push(Block::Paragraph(text.into()));
        self
    }

    /// A link the reader is meant to follow, e.g. to confirm or to edit.
    pub fn button(mut self, label: impl Into<String>, url: &Url) -> Self {
        self.blocks.push(Block::Button {
            label: label.into(),
            url: url.clone(),
        });
        self
    }

    /// Small print under the rest: why the mail came, who sent it.
    pub fn footer(mut self, text: impl Into<String>) -> Self {
        self.footer = Some(text.into());
        self
    }

    /// The plain-text part. The URL stands on a line of its own so mail
    /// clients that only show text still make it clickable.
    pub fn text(&self) -> String {
        let mut parts: Vec<String> = self
            .blocks
            .iter()
            .map(|block| match block {
                Block::Paragraph(text) => text.trim().to_owned(),
                Block::Button { label, url } => format!("{}:\n{url}", label.trim()),
            })
            .collect();
        if let Some(footer) = &self.footer {
            // "-- " is the signature separator mail clients recognise and dim.
            parts.push(format!("-- \n{}", footer.trim()));
        }
        let mut text = parts.join("\n\n");
        text.push('\n');
        text
    }

    /// The HTML part: a small, valid document without styles or images,
    /// which every mail client renders and screen readers read in order.
    pub fn html(&self, title: &str) -> String {
        let markup = html! {
            (DOCTYPE)
            html lang=(self.lang.code()) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) }
                }
                body {
                    @for block in &self.blocks {
                        (render_block(block))
                    }
                    @if let Some(footer) = &self.footer {
                        hr;
                        p { small { (lines(footer)) } }
                    }
                }
            }
        };
        markup.into_string()
    }
}

fn render_block(block: &Block) -> Markup {
    match block {
        Block::Paragraph(text) => html! { p { (lines(text)) } },
        Block::Button { label, url } => html! {
            p { a href=(url.as_str()) { strong { (label.trim()) } } }
        },
    }
}

/// The text with its line breaks as `<br>`; every piece is escaped.
fn lines(text: &str) -> Markup {
    html! {
        @for (index, line) in text.trim().lines().enumerate() {
            @if index > 0 { br; }
            (line)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> MailBody {
        MailBody::new(Lang::Nn)
            .paragraph("Hei <Åse> & co.\nNy linje")
            .button(
                "Opne",
                &Url::parse("https://example.org/a?b=1&c=2").unwrap(),
            )
            .footer("Sendt av kommunen")
    }

    #[test]
    fn html_escapes_text_and_keeps_line_breaks() {
        let html = sample().html("Tittel <1>");
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains(r#"<html lang="nn">"#));
        assert!(html.contains("<title>Tittel &lt;1&gt;</title>"));
        assert!(html.contains("Hei &lt;Åse&gt; &amp; co.<br>Ny linje"));
        assert!(html.contains(r#"href="https://example.org/a?b=1&amp;c=2""#));
        assert!(html.contains("<hr><p><small>Sendt av kommunen</small></p>"));
        assert!(!html.contains("style"));
    }

    #[test]
    fn text_has_every_block_and_the_footer_after_a_separator() {
        assert_eq!(
            sample().text(),
            "Hei <Åse> & co.\nNy linje\n\nOpne:\nhttps://example.org/a?b=1&c=2\n\n-- \nSendt av kommunen\n"
        );
    }
}
