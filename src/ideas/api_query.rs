//! The query of `GET /api/v1/ideas`: its documented parameters and their
//! check into a list filter, with a message for each one that is not valid.

use sea_orm::ActiveEnum;
use serde::Deserialize;
use utoipa::IntoParams;
use validator::{ValidationError, ValidationErrors};

use crate::api::v1::params::{SortParam, StatusParam};
use crate::entities::input::Status;
use crate::ideas::listing::{ListFilter, Sort};
use crate::inputs::StakeholderGroup;
use crate::web::paging::{MAX_PAGE, MAX_PER_PAGE, PageRequest};

/// Ideas on a page unless `per_page` says otherwise.
const DEFAULT_PER_PAGE: u64 = 20;

/// Filters, order and page of `GET /api/v1/ideas`.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IdeaQuery {
    /// Only ideas tagged with the theme of this slug.
    #[param(example = "reiseliv")]
    pub theme: Option<String>,
    /// Only ideas from this stakeholder group (a code as in `stakeholder_group`).
    #[param(example = "innbygger")]
    pub group: Option<String>,
    /// Words that must each appear in the title or the text, in any case.
    pub q: Option<String>,
    /// `newest` (the default: latest first) or `most_supported`.
    #[param(value_type = Option<SortParam>)]
    pub sort: Option<String>,
    /// The page, from 1 (the default).
    #[param(value_type = Option<u64>, minimum = 1)]
    pub page: Option<String>,
    /// Ideas per page: 1 to 100, 20 by default.
    #[param(value_type = Option<u64>, minimum = 1, maximum = 100)]
    pub per_page: Option<String>,
    /// Ideas with this status: `pending`, `published`, `hidden`, `merged` or
    /// `withdrawn`. Editors get every status without it; others may ask only
    /// for `published`.
    #[param(value_type = Option<StatusParam>)]
    pub status: Option<String>,
}

/// A checked query.
pub struct Checked {
    pub filter: ListFilter,
    pub status: Option<Status>,
}

impl IdeaQuery {
    /// The filter, or a message for each parameter that is not valid.
    pub fn check(&self) -> Result<Checked, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let group = param(&mut errors, "group", &self.group, None, |code| {
            StakeholderGroup::parse(code).map(Some)
        });
        let sort = param(&mut errors, "sort", &self.sort, Sort::Newest, |code| {
            SortParam::parse(code).map(|sort| match sort {
                SortParam::Newest => Sort::Newest,
                SortParam::MostSupported => Sort::MostSupported,
            })
        });
        let page = param(&mut errors, "page", &self.page, 1, |value| {
            value
                .parse()
                .ok()
                .filter(|page| (1..=MAX_PAGE).contains(page))
        });
        let per_page = param(
            &mut errors,
            "per_page",
            &self.per_page,
            DEFAULT_PER_PAGE,
            |value| {
                value
                    .parse()
                    .ok()
                    .filter(|n| (1..=MAX_PER_PAGE).contains(n))
            },
        );
        let status = param(&mut errors, "status", &self.status, None, |code| {
            Status::try_from_value(&code.to_owned()).ok().map(Some)
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Checked {
            filter: ListFilter {
                theme: text(&self.theme).map(str::to_owned),
                group,
                query: text(&self.q).map(str::to_owned),
                sort,
                page: PageRequest::new(page, per_page),
            },
            status,
        })
    }
}

/// A parameter's value, trimmed; None when it is missing or blank.
fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// A parameter parsed by `parse`, `default` when it is missing; a value
/// `parse` refuses is noted in `errors` under `field`.
fn param<T>(
    errors: &mut ValidationErrors,
    field: &'static str,
    value: &Option<String>,
    default: T,
    parse: impl FnOnce(&str) -> Option<T>,
) -> T {
    let Some(value) = text(value) else {
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
