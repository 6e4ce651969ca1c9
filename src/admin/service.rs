//! Creating and counting user accounts.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, PaginatorTrait, TryInsertResult};
use uuid::Uuid;

use crate::admin::password;
use crate::domain::Email;
use crate::entities::user::{self, Role};
use crate::error::AppError;

pub async fn count_users(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    Ok(user::Entity::find().count(db).await?)
}

/// Stores a new account; an e-mail that is taken is a conflict.
pub async fn create_user(
    db: &impl ConnectionTrait,
    email: &Email,
    name: &str,
    role: Role,
    password: &str,
) -> Result<user::Model, AppError> {
    let row = new_user(email, name, role, password::hash(password)?);
    Ok(user::Entity::insert(row).exec_with_returning(db).await?)
}

/// On an empty database, creates an admin with a generated password and returns
/// that password, to be shown once. Two instances starting together create one.
pub async fn ensure_first_admin(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<String>, AppError> {
    if count_users(db).await? > 0 {
        return Ok(None);
    }
    let password = password::generate();
    let row = new_user(
        email,
        "Administrator",
        Role::Admin,
        password::hash(&password)?,
    );
    let result = user::Entity::insert(row)
        .on_conflict_do_nothing_on([user::Column::Email])
        .exec(db)
        .await?;
    Ok(match result {
        TryInsertResult::Inserted(_) => Some(password),
        _ => None,
    })
}

fn new_user(email: &Email, name: &str, role: Role, password_hash: String) -> user::ActiveModel {
    let now = Utc::now();
    user::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.as_str().to_owned()),
        name: Set(name.trim().to_owned()),
        role: Set(role),
        password_hash: Set(password_hash),
        disabled: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
    }
}
