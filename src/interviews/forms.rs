//! Interview forms: what people type, checked into service values.
