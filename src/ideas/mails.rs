//! The mails of the ideas channel: pure functions of the language, the
//! programme and the idea, called from the services in the same
//! transaction as the change they confirm.

use url::Url;

use crate::domain::Email;
use crate::entities::input;
use crate::mail::{MailBody, NewMail};
use crate::settings::service::{ModerationMode, Programme};
use crate::web::Lang;

/// The receipt for a new idea, with the sender's private link.
pub fn confirmation(
    lang: Lang,
    programme: &Programme,
    title: &str,
    to: &Email,
    link: &Url,
) -> NewMail {
    let body = MailBody::new(lang)
        .paragraph(lang.t("ideas.mail_thanks"))
        .paragraph(format!("«{title}»"))
        .paragraph(lang.t(match programme.moderation_mode {
            ModerationMode::Pre => "ideas.mail_pending",
            ModerationMode::Post => "ideas.mail_published",
        }))
        .button(lang.t("ideas.mail_button"), link)
        .paragraph(lang.t("ideas.mail_keep_private"))
        .footer(programme.programme_name.clone());
    NewMail::compose(to, lang.t("ideas.mail_subject"), &body)
}

/// Tells the sender why their idea was hidden (`inputs::moderation::HiddenMail`).
pub fn hidden(
    lang: Lang,
    programme: &Programme,
    idea: &input::Model,
    reason: &str,
    to: &Email,
) -> NewMail {
    let title = idea.title.as_deref().unwrap_or_default();
    let mut body = MailBody::new(lang)
        .paragraph(lang.tr("ideas_admin.mail.hidden_intro", &[("title", title)]))
        .paragraph(lang.t("ideas_admin.mail.hidden_reason"))
        .paragraph(reason);
    if let Some(contact_email) = &programme.contact_email {
        body = body.paragraph(lang.tr(
            "ideas_admin.mail.hidden_questions",
            &[("email", contact_email)],
        ));
    }
    let body = body.footer(lang.tr(
        "ideas_admin.mail.footer",
        &[("programme", &programme.programme_name)],
    ));
    let subject = lang.tr(
        "ideas_admin.mail.hidden_subject",
        &[("programme", &programme.programme_name)],
    );
    NewMail::compose(to, subject, &body)
}
