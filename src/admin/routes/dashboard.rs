//! The staff dashboard: how much input has come in, by channel and by theme.

use actix_web::{HttpResponse, web};

use crate::AppState;
use crate::admin::service;
use crate::error::AppError;
use crate::web::auth::Staff;
use crate::web::{PageContext, html};

use crate::admin::views::dashboard as views;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin", web::get().to(dashboard));
}

#[tracing::instrument(skip_all)]
async fn dashboard(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
) -> Result<HttpResponse, AppError> {
    let counts = service::input_counts(&state.db).await?;
    Ok(html(views::dashboard(&ctx, &me, &counts)))
}
