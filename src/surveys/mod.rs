//! Surveys: facilitators build them (or start from the resident or the
//! business template), residents and businesses answer them anonymously,
//! free-text answers become inputs (channel `survey`) that tagging sees, and
//! results and exports read the responses.

pub mod answering;
pub mod api;
pub mod carry_over;
pub mod export;
pub mod forms;
pub mod model;
pub mod results;
pub mod routes;
pub mod service;
pub mod views;

pub use routes::configure;

pub use model::{
    Answer, Answers, Audience, Choice, Kind, Question, Role, Section, Survey, SurveyStatus,
};
