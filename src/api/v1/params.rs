//! Query parameters with a fixed set of values, as schema types, so the
//! OpenAPI document lists what each accepts instead of a bare string.
//!
//! A query struct keeps such a field as `Option<String>` (a bad value then
//! gets a 422 with a message, not serde's 400) and points the document here:
//! `#[param(value_type = Option<SortParam>)]`, then reads it with `parse`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The order of a list of inputs: `newest` (latest first, the default) or
/// `most_supported` (most supports first; among equals, the newest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(example = "most_supported")]
pub enum SortParam {
    Newest,
    MostSupported,
}

impl SortParam {
    pub const ALL: [Self; 2] = [Self::Newest, Self::MostSupported];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Newest => "newest",
            Self::MostSupported => "most_supported",
        }
    }

    /// The value a query gives; `None` for anything else.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|sort| sort.as_str() == value)
    }
}

/// Where an input is in moderation: `pending`, `published`, `hidden`,
/// `merged` (into another input) or `withdrawn` (by its sender).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(example = "pending")]
pub enum StatusParam {
    Pending,
    Published,
    Hidden,
    Merged,
    Withdrawn,
}

impl StatusParam {
    pub const ALL: [Self; 5] = [
        Self::Pending,
        Self::Published,
        Self::Hidden,
        Self::Merged,
        Self::Withdrawn,
    ];

    /// The same word as the database and the `status` field of a response use.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Published => "published",
            Self::Hidden => "hidden",
            Self::Merged => "merged",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// The value a query gives; `None` for anything else.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};
    use utoipa::openapi::path::ParameterIn;
    use utoipa::{IntoParams, PartialSchema};

    #[test]
    fn the_schemas_list_exactly_what_parse_accepts_and_serde_writes() {
        let sort = serde_json::to_value(SortParam::schema()).expect("schema");
        assert_eq!(sort["enum"], json!(["newest", "most_supported"]));
        let status = serde_json::to_value(StatusParam::schema()).expect("schema");
        assert_eq!(
            status["enum"],
            json!(["pending", "published", "hidden", "merged", "withdrawn"])
        );
        for sort in SortParam::ALL {
            assert_eq!(SortParam::parse(sort.as_str()), Some(sort));
            assert_eq!(json!(sort), json!(sort.as_str()));
        }
        for status in StatusParam::ALL {
            assert_eq!(StatusParam::parse(status.as_str()), Some(status));
            assert_eq!(json!(status), json!(status.as_str()));
        }
        assert_eq!(SortParam::parse("oldest"), None);
        assert_eq!(StatusParam::parse("Published"), None);
    }

    /// A query struct as the ideas endpoint will declare it.
    #[derive(IntoParams)]
    #[into_params(parameter_in = Query)]
    #[allow(dead_code)]
    struct Query {
        #[param(value_type = Option<SortParam>)]
        sort: Option<String>,
        #[param(value_type = Option<StatusParam>)]
        status: Option<String>,
    }

    #[test]
    fn a_string_field_documented_with_these_types_refers_to_their_schemas() {
        let params = Query::into_params(|| Some(ParameterIn::Query));
        let refs: Vec<Value> = params
            .iter()
            .map(|param| serde_json::to_value(param).expect("parameter"))
            .map(|param| param["schema"].clone())
            .collect();
        let text = serde_json::to_string(&refs).expect("JSON");
        assert!(text.contains("#/components/schemas/SortParam"), "{text}");
        assert!(text.contains("#/components/schemas/StatusParam"), "{text}");
    }
}
