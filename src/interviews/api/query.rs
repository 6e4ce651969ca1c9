//! The query parameters of the interview lists, documented, and their check
//! into filters with a message for each one that is not valid (a 422, as
//! for ideas, rather than serde's bare 400).

use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;
use validator::{ValidationError, ValidationErrors};

use super::bodies::{BusinessStatus, InterviewStatus};
use crate::interviews::industry;
use crate::web::paging::{MAX_PAGE, MAX_PER_PAGE, PageRequest};

/// Rows on a page unless `per_page` says otherwise.
const DEFAULT_PER_PAGE: u64 = 20;

/// Filters and page of `GET /api/v1/businesses`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BusinessQuery {
    /// Only businesses with this status.
    #[param(value_type = Option<BusinessStatus>)]
    pub status: Option<String>,
    /// Only businesses in this SN2025 section, `A` to `V`.
    #[param(example = "I", pattern = "^[A-Va-v]$")]
    pub industry: Option<String>,
    /// The page, from 1 (the default).
    #[param(value_type = Option<u64>, minimum = 1)]
    pub page: Option<String>,
    /// Rows per page: 1 to 100, 20 by default.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

pub struct BusinessFilter {
    pub status: Option<BusinessStatus>,
    pub industry: Option<char>,
    pub page: PageRequest,
}

impl BusinessQuery {
    pub fn check(&self) -> Result<BusinessFilter, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let status = param(&mut errors, "status", &self.status, None, |value| {
            BusinessStatus::parse(value).map(Some)
        });
        let industry = param(&mut errors, "industry", &self.industry, None, |value| {
            industry::parse(value).map(Some)
        });
        let page = page(&mut errors, &self.page, &self.per_page);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(BusinessFilter {
            status,
            industry,
            page,
        })
    }
}

/// Filter and page of `GET /api/v1/interviews`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InterviewQuery {
    /// Only records with this status.
    #[param(value_type = Option<InterviewStatus>)]
    pub status: Option<String>,
    /// The page, from 1 (the default).
    #[param(value_type = Option<u64>, minimum = 1)]
    pub page: Option<String>,
    /// Rows per page: 1 to 100, 20 by default.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

pub struct InterviewFilter {
    pub status: Option<InterviewStatus>,
    pub page: PageRequest,
}

impl InterviewQuery {
    pub fn check(&self) -> Result<InterviewFilter, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let status = param(&mut errors, "status", &self.status, None, |value| {
            InterviewStatus::parse(value).map(Some)
        });
        let page = page(&mut errors, &self.page, &self.per_page);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(InterviewFilter { status, page })
    }
}

/// Filter and page of `GET /api/v1/interview-findings`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FindingQuery {
    /// Only findings from this business's interview.
    #[param(value_type = Option<Uuid>)]
    pub business_id: Option<String>,
    /// The page, from 1 (the default).
    #[param(value_type = Option<u64>, minimum = 1)]
    pub page: Option<String>,
    /// Rows per page: 1 to 100, 20 by default.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

pub struct FindingFilter {
    pub business_id: Option<Uuid>,
    pub page: PageRequest,
}

impl FindingQuery {
    pub fn check(&self) -> Result<FindingFilter, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let business_id = param(
            &mut errors,
            "business_id",
            &self.business_id,
            None,
            |value| Uuid::parse_str(value).ok().map(Some),
        );
        let page = page(&mut errors, &self.page, &self.per_page);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(FindingFilter { business_id, page })
    }
}

fn page(
    errors: &mut ValidationErrors,
    page: &Option<String>,
    per_page: &Option<String>,
) -> PageRequest {
    let page = param(errors, "page", page, 1, |value| {
        value.parse().ok().filter(|n| (1..=MAX_PAGE).contains(n))
    });
    let per_page = param(errors, "per_page", per_page, DEFAULT_PER_PAGE, |value| {
        value
            .parse()
            .ok()
            .filter(|n| (1..=MAX_PER_PAGE).contains(n))
    });
    PageRequest::new(page, per_page)
}

/// A parameter parsed by `parse`, `default` when missing or blank; a value
/// `parse` refuses is noted in `errors` under `field`.
fn param<T>(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: &Option<String>,
    default: T,
    parse: impl FnOnce(&str) -> Option<T>,
) -> T {
    let Some(value) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
        return default;
    };
    parse(value).unwrap_or_else(|| {
        errors.add(
            field,
            ValidationError::new("invalid").with_message("api.error_invalid".into()),
        );
        default
    })
}
