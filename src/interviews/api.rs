//! The interview part of the JSON API.
