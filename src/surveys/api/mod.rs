//! The survey part of the JSON API (`/api/v1/surveys`): surveys with their
//! questions, the responses keyed by question code, and the results the
//! staff page shows. Every operation needs an admin's or a facilitator's
//! token. Responses are anonymous; nothing here names a person.

pub mod bodies;
mod operations;
pub mod query;

pub use operations::{
    __path_get_survey, __path_list_survey_responses, __path_list_surveys, __path_survey_results,
    get_survey, list_survey_responses, list_surveys, survey_results,
};
