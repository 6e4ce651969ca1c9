//! The frame of every staff page: the section navigation for the user's role
//! and the sign-out button.

use maud::{Markup, html};

use crate::entities::user;
use crate::web::context::PageContext;
use crate::web::csrf;
use crate::web::layout::layout;

/// Sections of the staff area; which ones a user sees follows the role.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Ideas,
    Events,
    Interviews,
    Surveys,
    Priorities,
    Tagging,
    Themes,
    Exports,
    Users,
    Settings,
    Mail,
    ApiTokens,
    Audit,
}

impl Section {
    const ALL: [Section; 14] = [
        Section::Dashboard,
        Section::Ideas,
        Section::Events,
        Section::Interviews,
        Section::Surveys,
        Section::Priorities,
        Section::Tagging,
        Section::Themes,
        Section::Exports,
        Section::Users,
        Section::Settings,
        Section::Mail,
        Section::ApiTokens,
        Section::Audit,
    ];

    fn href(self) -> &'static str {
        match self {
            Section::Dashboard => "/admin",
            Section::Ideas => "/admin/ideer",
            Section::Events => "/admin/arrangementer",
            Section::Interviews => "/admin/intervjuer",
            Section::Surveys => "/admin/undersokelser",
            Section::Priorities => "/admin/prioritering",
            Section::Tagging => "/admin/temamerking",
            Section::Themes => "/admin/temaer",
            Section::Exports => "/admin/eksport",
            Section::Users => "/admin/brukere",
            Section::Settings => "/admin/innstillinger",
            Section::Mail => "/admin/e-post",
            Section::ApiTokens => "/admin/api-nokler",
            Section::Audit => "/admin/logg",
        }
    }

    fn label_key(self) -> &'static str {
        match self {
            Section::Dashboard => "admin.nav_dashboard",
            Section::Ideas => "admin.nav_ideas",
            Section::Events => "events.admin.nav",
            Section::Interviews => "interviews.admin.nav",
            Section::Surveys => "surveys.admin.nav",
            Section::Priorities => "priorities.nav",
            Section::Tagging => "tagging.triage.nav",
            Section::Themes => "admin.nav_themes",
            Section::Exports => "admin.nav_exports",
            Section::Users => "admin.nav_users",
            Section::Settings => "admin.nav_settings",
            Section::Mail => "admin.nav_mail",
            Section::ApiTokens => "admin.nav_api_tokens",
            Section::Audit => "admin.nav_audit",
        }
    }

    fn visible_to(self, role: user::Role) -> bool {
        match self {
            // Observers export too, without personal data.
            Section::Dashboard | Section::Themes | Section::Exports => true,
            // Observers read the businesses, slots and guide; the pages
            // leave out contact details and actions for them.
            Section::Interviews => true,
            // Observers read surveys, their settings and preview; only editors change them.
            Section::Surveys => true,
            // The steering group reads the evidence, the ranking and the report.
            Section::Priorities => true,
            // Observers read the queue and the suggestions; only editors act.
            Section::Tagging => true,
            // Participant lists hold personal data; observers see none.
            Section::Ideas | Section::Events => role.can_edit(),
            _ => role.is_admin(),
        }
    }
}

pub fn admin_page(
    ctx: &PageContext,
    user: &user::Model,
    title: &str,
    current: Section,
    content: Markup,
) -> Markup {
    layout(
        ctx,
        title,
        html! {
            div.admin-bar {
                nav.admin-nav aria-label=(ctx.t("admin.nav_label")) {
                    ul {
                        @for section in Section::ALL.into_iter().filter(|s| s.visible_to(user.role)) {
                            li {
                                a.ds-link href=(section.href())
                                    aria-current=[(section == current).then_some("page")] {
                                    (ctx.t(section.label_key()))
                                }
                            }
                        }
                    }
                }
                form method="post" action="/admin/logg-ut" {
                    (csrf::field(&ctx.csrf_token()))
                    span { (user.name) " (" (ctx.t(&format!("role.{}", user.role.as_str()))) ")" }
                    button.ds-button type="submit" data-variant="secondary" data-size="sm" { (ctx.t("admin.sign_out")) }
                }
            }
            (content)
        },
    )
}
