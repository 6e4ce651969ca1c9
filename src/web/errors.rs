//! Turns bare error responses into a page in the user's language, or JSON under `/api/`,
//! and answers requests no route takes with 404 or 405.
//!
//! Handlers and actix itself answer errors with a status and plain text; this
//! middleware is the one place that sees both the error and the request, so
//! it picks the language and the format. Responses that already carry HTML
//! or JSON (a form shown again with its messages, say) pass untouched.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::{StatusCode, header};
use actix_web::middleware::{Next, from_fn};
use actix_web::{Error, HttpRequest, HttpResponse, Resource, ResponseError, web};

use crate::error::AppError;

use crate::web::context::PageContext;
use maud::{Markup, html};

use crate::web::layout::layout;

pub async fn render_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Errors from handlers and extractors arrive here as responses; an `Err`
    // would come only from a middleware inside this one, and there is none.
    let res = next.call(req).await?.map_into_boxed_body();
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || has_rendered_body(&res) {
        return Ok(res);
    }
    let (req, old) = res.into_parts();
    let key = old
        .extensions()
        .get::<crate::error::ErrorKey>()
        .map_or_else(|| message_key(status), |key| key.0);
    let api = req.path().starts_with("/api/");
    if status == StatusCode::UNAUTHORIZED && !api {
        return Ok(ServiceResponse::new(req.clone(), to_sign_in(&req, old)));
    }
    let mut new = if api {
        json_error(status, key)
    } else {
        html_error(&req, status, key).await
    };
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            new.headers_mut().append(name.clone(), value.clone());
        }
    }
    Ok(ServiceResponse::new(req, new))
}

/// The service to register last, in the app and in every scope: it takes
/// every path the routes before it did not.
///
/// Each `cfg.route(path, web::get()...)` is a resource of its own whose method
/// guard fails a request of another method, so such a request used to fall
/// through to the default service, a 404. On the way, actix's method guards
/// note every method registered for the path, and a resource without routes
/// answers with 405 and an `Allow` header listing them. This catch-all is
/// such a resource, so a known path with a wrong method gets 405 + `Allow`
/// whichever way its routes were registered; a path no route knows leaves
/// nothing noted, and its bare 405 becomes the 404 it is.
pub fn fallback() -> Resource<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<BoxBody>,
        Error = Error,
        InitError = (),
    >,
> {
    web::resource("/{tail}*").wrap(from_fn(unknown_path_is_not_found))
}

async fn unknown_path_is_not_found(
    req: ServiceRequest,
    next: Next<BoxBody>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    let res = next.call(req).await?;
    if res.status() == StatusCode::METHOD_NOT_ALLOWED && !res.headers().contains_key(header::ALLOW)
    {
        let (req, _) = res.into_parts();
        return Ok(ServiceResponse::new(
            req,
            AppError::NotFound.error_response(),
        ));
    }
    Ok(res)
}

/// Staff pages without a valid session go to the sign-in page, which comes
/// back here afterwards.
fn to_sign_in(req: &HttpRequest, old: HttpResponse) -> HttpResponse {
    let back = req
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/admin");
    let back: String = url::form_urlencoded::byte_serialize(back.as_bytes()).collect();
    let mut response = HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/admin/login?neste={back}")))
        .finish();
    // Keep the cookie that ends an expired session.
    for (name, value) in old.headers() {
        if name == header::SET_COOKIE {
            response.headers_mut().append(name.clone(), value.clone());
        }
    }
    response
}

fn has_rendered_body(res: &ServiceResponse<BoxBody>) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html") || ct.starts_with("application/json"))
}

/// The locale key of the message for a status.
fn message_key(status: StatusCode) -> &'static str {
    match status.as_u16() {
        401 | 403 => "forbidden",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "too_large",
        429 => "too_many",
        400..=499 => "bad_request",
        _ => "server",
    }
}

fn json_error(status: StatusCode, key: &str) -> HttpResponse {
    HttpResponse::build(status).json(serde_json::json!({
        "error": {
            "status": status.as_u16(),
            "code": key,
            "message": crate::web::Lang::En.t(&format!("error.{key}_title")),
        }
    }))
}

async fn html_error(req: &HttpRequest, status: StatusCode, key: &str) -> HttpResponse {
    let ctx = PageContext::from_http_request(req).await;
    let page = error_page(&ctx, status, key);
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(page.into_string())
}

fn error_page(ctx: &PageContext, status: StatusCode, key: &str) -> Markup {
    let title = ctx.t(&format!("error.{key}_title"));
    layout(
        ctx,
        title,
        html! {
            h1.ds-heading data-size="md" { (title) }
            p.ds-paragraph { (ctx.t(&format!("error.{key}_text"))) }
            p.ds-paragraph data-size="sm" { (ctx.tr("error.status", &[("code", &status.as_u16().to_string())])) }
            p.ds-paragraph { a.ds-link href="/" { (ctx.t("error.back_home")) } }
        },
    )
}
