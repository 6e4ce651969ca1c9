//! Single-use links sent by mail: invitations and password resets. The token,
//! the mail that carries it and the audit row commit in one transaction, so
//! no link exists that was not mailed and no mail holds a link that does not.

use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};
use url::Url;

use crate::admin::mails;
use crate::admin::service as users;
use crate::admin::tokens::{self, Purpose};
use crate::audit::service::{self as audit, Entry};
use crate::domain::Email;
use crate::entities::user::{self, Role};
use crate::error::AppError;
use crate::mail;
use crate::settings::service::Programme;
use crate::web::i18n::Lang;

/// Who is being invited.
pub struct Invitee<'a> {
    pub email: &'a Email,
    pub name: &'a str,
    pub role: Role,
}

/// How the mail is written and where its link points: the reader's
/// language, the programme it comes from and the site's public base URL.
#[derive(Clone, Copy)]
pub struct Letterhead<'a> {
    pub lang: Lang,
    pub programme: &'a Programme,
    pub site: &'a Url,
}

/// Creates the account, which cannot sign in yet, and mails the invitee a
/// link to choose a password. A taken address is a conflict.
pub async fn invite<C>(
    db: &C,
    inviter: &user::Model,
    invitee: Invitee<'_>,
    letterhead: Letterhead<'_>,
) -> Result<user::Model, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = crate::db::begin(db).await?;
    let user = users::create_invited(&txn, invitee.email, invitee.name, invitee.role).await?;
    let token = tokens::issue(&txn, user.id, Purpose::Invite).await?;
    let link = link(letterhead.site, &format!("admin/invitasjon/{token}"))?;
    let mail = mails::invitation(
        letterhead.lang,
        letterhead.programme,
        invitee.email,
        &inviter.name,
        &link,
    );
    mail::enqueue(&txn, mail).await?;
    audit::record(
        &txn,
        Entry::new(Some(inviter.id), "user.invite")
            .on("user", user.id)
            .details(format!("role={}", invitee.role.as_str())),
    )
    .await?;
    txn.commit().await?;
    Ok(user)
}

/// Mails a reset link when `email` belongs to an enabled account; returns
/// whether it did. Callers must answer the same either way, so the page does
/// not tell who has an account.
pub async fn request_password_reset<C>(
    db: &C,
    email: &Email,
    letterhead: Letterhead<'_>,
) -> Result<bool, AppError>
where
    C: ConnectionTrait + TransactionTrait,
{
    let txn = crate::db::begin(db).await?;
    let Some(user) = users::find_by_email(&txn, email).await? else {
        return Ok(false);
    };
    if user.disabled {
        return Ok(false);
    }
    let token = tokens::issue(&txn, user.id, Purpose::Reset).await?;
    let link = link(letterhead.site, &format!("admin/nytt-passord/{token}"))?;
    let mail = mails::password_reset(letterhead.lang, letterhead.programme, email, &link);
    mail::enqueue(&txn, mail).await?;
    audit::record(
        &txn,
        Entry::new(Some(user.id), "password.reset_requested").on("user", user.id),
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

fn link(site: &Url, path: &str) -> Result<Url, AppError> {
    site.join(path)
        .map_err(|err| AppError::unexpected("building a link", err))
}
