//! The prioritisation pages: the evidence overview, the scenarios with their
//! ranking, and the report.

pub mod evidence;
pub mod overview;
pub mod ranking;
pub mod report;
pub mod scenarios;

use crate::inputs::StakeholderGroup;
use crate::web::Lang;

/// A priorities string in the reader's language.
pub fn t(lang: Lang, key: &str) -> &'static str {
    lang.t(&format!("priorities.{key}"))
}

/// A channel code's name ("idea" → "Ideer").
pub fn channel_name(lang: Lang, code: &str) -> String {
    lang.t(&format!("channel.{code}")).to_owned()
}

/// A stakeholder group code's name.
pub fn group_name(lang: Lang, code: &str) -> String {
    match StakeholderGroup::parse(code) {
        Some(group) => lang.t(&group.label_key()).to_owned(),
        None => code.to_owned(),
    }
}

/// The pages under `/admin/prioritering`, for the sub-navigation.
pub const PAGES: [(&str, &str); 5] = [
    ("/admin/prioritering", "nav_evidence"),
    ("/admin/prioritering/parvis", "nav_pairwise"),
    ("/admin/prioritering/vurdering", "nav_assessment"),
    ("/admin/prioritering/scenarier", "nav_scenarios"),
    ("/admin/prioritering/rapport", "nav_report"),
];

/// The sub-navigation, with the current page marked.
pub fn subnav(lang: Lang, current: &str) -> maud::Markup {
    maud::html! {
        nav aria-label=(t(lang, "subnav")) {
            div.cluster {
                @for (href, key) in PAGES {
                    a.ds-link href=(href) aria-current=[(href == current).then_some("page")] { (t(lang, key)) }
                }
            }
        }
    }
}
