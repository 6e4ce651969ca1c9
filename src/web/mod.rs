//! What every page shares: layout, language, assets, headers, error pages.

pub mod assets;
pub mod context;
pub mod errors;
pub mod headers;
pub mod i18n;
pub mod layout;
pub mod request_log;

pub use context::PageContext;
pub use i18n::Lang;
