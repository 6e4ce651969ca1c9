//! Staff interview forms: slots, series, guide questions and the record.
