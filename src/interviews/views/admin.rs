//! Staff interview pages.
