//! The facilitators' triage of suggested themes.
