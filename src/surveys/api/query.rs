//! Query parameters of the survey operations, checked into a 422 with a
//! message per field, as the other lists do.

use serde::Deserialize;
use utoipa::IntoParams;
use validator::{ValidationError, ValidationErrors};

use crate::inputs::StakeholderGroup;
use crate::web::paging::{MAX_PAGE, MAX_PER_PAGE, PageRequest};

const DEFAULT_PER_PAGE: u64 = 20;

/// Page of `GET /api/v1/surveys/{id}/responses`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResponseQuery {
    /// The page, from 1 (the default).
    #[param(value_type = Option<u64>, minimum = 1)]
    pub page: Option<String>,
    /// Rows per page: 1 to 100, 20 by default.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
}

impl ResponseQuery {
    pub fn check(&self) -> Result<PageRequest, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let page = number(&mut errors, "page", &self.page, 1, MAX_PAGE);
        let per_page = number(
            &mut errors,
            "per_page",
            &self.per_page,
            DEFAULT_PER_PAGE,
            MAX_PER_PAGE,
        );
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(PageRequest::new(page, per_page))
    }
}

/// Filter of `GET /api/v1/surveys/{id}/results`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResultsQuery {
    /// Only responses of this stakeholder group (`innbygger`, `naeringsdrivende`,
    /// `ansatt`, `ungdom`, `offentlig`, `annet`).
    pub group: Option<String>,
}

impl ResultsQuery {
    pub fn check(&self) -> Result<Option<StakeholderGroup>, ValidationErrors> {
        match self
            .group
            .as_deref()
            .map(str::trim)
            .filter(|g| !g.is_empty())
        {
            None => Ok(None),
            Some(code) => StakeholderGroup::parse(code).map(Some).ok_or_else(|| {
                let mut errors = ValidationErrors::new();
                errors.add("group", invalid());
                errors
            }),
        }
    }
}

fn invalid() -> ValidationError {
    ValidationError::new("invalid").with_message("api.error_invalid".into())
}

fn number(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: &Option<String>,
    default: u64,
    max: u64,
) -> u64 {
    match value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
        None => default,
        Some(v) => match v.parse::<u64>() {
            Ok(n) if (1..=max).contains(&n) => n,
            _ => {
                errors.add(field, invalid());
                default
            }
        },
    }
}
