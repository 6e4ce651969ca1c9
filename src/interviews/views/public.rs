//! Public interview pages.
