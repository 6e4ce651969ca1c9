//! Reading a batch with the contact behind each row only when personal data
//! was asked for: without it, contacts are not even read, and what is not
//! loaded cannot leak into a file.

use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Related, Select};

use crate::entities::contact;

pub async fn with_contacts<E>(
    db: &impl ConnectionTrait,
    query: Select<E>,
    with_personal_data: bool,
) -> Result<Vec<(E::Model, Option<contact::Model>)>, DbErr>
where
    E: EntityTrait + Related<contact::Entity>,
{
    if with_personal_data {
        query.find_also_related(contact::Entity).all(db).await
    } else {
        Ok(query
            .all(db)
            .await?
            .into_iter()
            .map(|row| (row, None))
            .collect())
    }
}
