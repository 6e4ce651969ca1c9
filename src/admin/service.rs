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
        session_epoch: Set(0),
    }
}

pub async fn find_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<user::Model>, AppError> {
    use sea_orm::{ColumnTrait, QueryFilter};
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?)
}

pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find_by_id(id).one(db).await?)
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<user::Model>, AppError> {
    use sea_orm::QueryOrder;
    Ok(user::Entity::find()
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?)
}

/// Creates an account that cannot sign in until its invitation sets a password.
pub async fn create_invited(
    db: &impl ConnectionTrait,
    email: &Email,
    name: &str,
    role: Role,
) -> Result<user::Model, AppError> {
    let row = new_user(email, name, role, String::new());
    Ok(user::Entity::insert(row).exec_with_returning(db).await?)
}

pub async fn set_password(
    db: &impl ConnectionTrait,
    user: user::Model,
    password: &str,
) -> Result<(), AppError> {
    use sea_orm::{ActiveModelTrait, IntoActiveModel};
    let epoch = user.session_epoch;
    let mut row = user.into_active_model();
    row.password_hash = Set(password::hash(password)?);
    // A new password ends every session opened with the old one.
    row.session_epoch = Set(epoch.wrapping_add(1));
    row.updated_at = Set(Utc::now());
    row.update(db).await?;
    Ok(())
}

pub async fn set_role(
    db: &impl ConnectionTrait,
    user: user::Model,
    role: Role,
) -> Result<(), AppError> {
    use sea_orm::{ActiveModelTrait, IntoActiveModel};
    let mut row = user.into_active_model();
    row.role = Set(role);
    row.updated_at = Set(Utc::now());
    row.update(db).await?;
    Ok(())
}

pub async fn set_disabled(
    db: &impl ConnectionTrait,
    user: user::Model,
    disabled: bool,
) -> Result<(), AppError> {
    use sea_orm::{ActiveModelTrait, IntoActiveModel};
    let mut row = user.into_active_model();
    row.disabled = Set(disabled);
    row.updated_at = Set(Utc::now());
    row.update(db).await?;
    Ok(())
}

/// Inputs counted for the dashboard.
pub struct InputCounts {
    /// Every channel, in a fixed order, with its count (zero included).
    pub by_channel: Vec<(crate::entities::input::Channel, i64)>,
    /// Every theme by position, with the number of inputs tagged with it.
    pub by_theme: Vec<(crate::entities::theme::Model, i64)>,
    pub total: i64,
}

pub async fn input_counts(db: &impl ConnectionTrait) -> Result<InputCounts, AppError> {
    use sea_orm::sea_query::{Expr, Func};
    use sea_orm::{ColumnTrait, FromQueryResult, Iterable, QueryFilter, QueryOrder, QuerySelect};

    use crate::entities::{input, input_theme, theme};

    #[derive(FromQueryResult)]
    struct ChannelCount {
        channel: input::Channel,
        count: i64,
    }
    #[derive(FromQueryResult)]
    struct ThemeCount {
        theme_id: Uuid,
        count: i64,
    }

    let channel_counts = input::Entity::find()
        .select_only()
        .column(input::Column::Channel)
        .column_as(
            Expr::from(Func::count(Expr::col(input::Column::Id))),
            "count",
        )
        .group_by(input::Column::Channel)
        .into_model::<ChannelCount>()
        .all(db)
        .await?;
    let by_channel: Vec<_> = input::Channel::iter()
        .map(|channel| {
            let count = channel_counts
                .iter()
                .find(|row| row.channel == channel)
                .map_or(0, |row| row.count);
            (channel, count)
        })
        .collect();
    let theme_counts = input_theme::Entity::find()
        .select_only()
        .column(input_theme::Column::ThemeId)
        .column_as(
            Expr::from(Func::count(Expr::col(input_theme::Column::InputId))),
            "count",
        )
        .group_by(input_theme::Column::ThemeId)
        .into_model::<ThemeCount>()
        .all(db)
        .await?;
    let themes = theme::Entity::find()
        .filter(theme::Column::Active.eq(true))
        .order_by_asc(theme::Column::Position)
        .all(db)
        .await?;
    let by_theme = themes
        .into_iter()
        .map(|theme| {
            let count = theme_counts
                .iter()
                .find(|row| row.theme_id == theme.id)
                .map_or(0, |row| row.count);
            (theme, count)
        })
        .collect();
    let total = by_channel.iter().map(|(_, count)| count).sum();
    Ok(InputCounts {
        by_channel,
        by_theme,
        total,
    })
}

/// Ends every session of the user, wherever it was opened.
pub async fn end_sessions(db: &impl ConnectionTrait, user_id: Uuid) -> Result<(), AppError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    use sea_orm::{ColumnTrait, QueryFilter};
    user::Entity::update_many()
        .col_expr(
            user::Column::SessionEpoch,
            Expr::col(user::Column::SessionEpoch).add(1),
        )
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Inside a transaction that changes users: locks the enabled admins and
/// checks the acting one is still among them. Two admins demoting each other
/// at the same moment then run one after the other, and the second finds it
/// no longer may, so there is always an admin left.
pub async fn lock_acting_admin(db: &impl ConnectionTrait, actor: Uuid) -> Result<(), AppError> {
    use sea_orm::{ColumnTrait, QueryFilter, QuerySelect};
    let admins = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin))
        .filter(user::Column::Disabled.eq(false))
        .lock_exclusive()
        .all(db)
        .await?;
    if admins.iter().any(|admin| admin.id == actor) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
