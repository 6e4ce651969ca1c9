//! `/admin/prioritering`: the evidence, for every staff role.

use actix_web::{HttpResponse, web};

use crate::AppState;
use crate::error::AppError;
use crate::priorities::analysis;
use crate::priorities::views::overview;
use crate::web::auth::Staff;
use crate::web::{PageContext, html};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/admin/prioritering", web::get().to(show));
}

async fn show(
    ctx: PageContext,
    state: web::Data<AppState>,
    Staff(me): Staff,
) -> Result<HttpResponse, AppError> {
    let basis = analysis::gather(&state.db, ctx.lang).await?;
    Ok(html(overview::page(&ctx, &me, &basis.evidence)))
}
