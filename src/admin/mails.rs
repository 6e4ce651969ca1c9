//! The staff area's mails, composed from plain values in the reader's
//! language, so a service can send them and a test can read them without HTTP.

use url::Url;

use crate::domain::Email;
use crate::mail::{MailBody, NewMail};
use crate::settings::service::Programme;
use crate::web::i18n::Lang;

/// Asks `to` to choose a password through `link` and join the programme.
pub fn invitation(
    lang: Lang,
    programme: &Programme,
    to: &Email,
    inviter: &str,
    link: &Url,
) -> NewMail {
    let name = &programme.programme_name;
    let body = MailBody::new(lang)
        .paragraph(lang.tr(
            "users.invite_mail_intro",
            &[("inviter", inviter), ("programme", name)],
        ))
        .button(lang.t("users.invite_mail_button"), link)
        .paragraph(lang.t("users.invite_mail_expiry"))
        .footer(name.clone());
    NewMail::compose(
        to,
        lang.tr("users.invite_mail_subject", &[("programme", name)]),
        &body,
    )
}

/// Lets `to` choose a new password through `link`.
pub fn password_reset(lang: Lang, programme: &Programme, to: &Email, link: &Url) -> NewMail {
    let body = MailBody::new(lang)
        .paragraph(lang.t("password.reset_mail_intro"))
        .button(lang.t("password.reset_mail_button"), link)
        .paragraph(lang.t("password.reset_mail_ignore"))
        .footer(programme.programme_name.clone());
    NewMail::compose(to, lang.t("password.reset_mail_subject"), &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programme() -> Programme {
        Programme {
            programme_name: "Omstilling Vefsn".to_owned(),
            ..Programme::default()
        }
    }

    fn to() -> Email {
        Email::parse("siri@kommune.no").unwrap()
    }

    #[test]
    fn an_invitation_names_the_inviter_and_programme_in_the_readers_language() {
        let link = Url::parse("https://innspill.example/admin/invitasjon/abc").unwrap();
        let nb = invitation(Lang::Nb, &programme(), &to(), "Kari", &link);
        assert_eq!(nb.to, "siri@kommune.no");
        assert_eq!(nb.subject, "Invitasjon til Omstilling Vefsn");
        assert!(nb.text.contains("Kari har invitert deg"), "{}", nb.text);
        assert!(nb.text.contains(link.as_str()));
        assert!(nb.contact_id.is_none() && nb.attachments.is_empty());
        let en = invitation(Lang::En, &programme(), &to(), "Kari", &link);
        assert_ne!(en.subject, nb.subject, "English has a subject of its own");
        assert!(en.html.contains(r#"lang="en""#));
    }

    #[test]
    fn a_reset_mail_carries_the_link_and_the_programme_name() {
        let link = Url::parse("https://innspill.example/admin/nytt-passord/xyz").unwrap();
        let mail = password_reset(Lang::Nn, &programme(), &to(), &link);
        assert!(mail.text.contains(link.as_str()));
        assert!(
            mail.text.ends_with("-- \nOmstilling Vefsn\n"),
            "{}",
            mail.text
        );
        assert!(mail.html.contains(r#"lang="nn""#));
    }
}
