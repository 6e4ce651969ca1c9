//! Survey pages (maud).
