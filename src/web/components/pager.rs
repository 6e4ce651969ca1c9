//! The pager under every paged list: previous and next links, a window of
//! page numbers around the current one, and "page x of y".
//!
//! It is Designsystemet's pagination: a labelled `<nav>`, the current page
//! marked `aria-current="true"` (the attribute its styles follow), and each
//! number link named "Page n" for screen readers, which otherwise hear a bare
//! number.

use maud::{Markup, html};
use url::form_urlencoded;

use crate::web::Lang;
use crate::web::paging::PAGE_PARAM;

/// Page numbers shown on each side of the current page.
const WINDOW: u64 = 2;

/// The addresses of one list's pages: its path and the query parameters to
/// keep (filters, sort order), plus the page number. The first page's address
/// has no page number, so the list has one address, not two.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageLinks {
    path: String,
    params: Vec<(String, String)>,
}

impl PageLinks {
    /// `path` comes from the code (a route), never from the request.
    pub fn new(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            params: Vec::new(),
        }
    }

    /// Keeps a query parameter on every page's address.
    pub fn keep(mut self, name: &str, value: &str) -> Self {
        self.params.push((name.to_owned(), value.to_owned()));
        self
    }

    /// The address of page `page`.
    pub fn href(&self, page: u64) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in &self.params {
            query.append_pair(name, value);
        }
        if page > 1 {
            query.append_pair(PAGE_PARAM, &page.to_string());
        }
        let query = query.finish();
        if query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{query}", self.path)
        }
    }
}

/// The pager for page `page` of `pages`; nothing when everything fits on one
/// page. `label` names this list's pages ("Pages of the log"), since a page
/// may hold more than one `<nav>`. `href` gives a page's address; a
/// `PageLinks` does for most lists. A page past the end (a stale link) gets a
/// link back to the last page and no current page.
pub fn pager(
    lang: Lang,
    label: &str,
    page: u64,
    pages: u64,
    href: impl Fn(u64) -> String,
) -> Markup {
    if pages <= 1 && page <= 1 {
        return html! {};
    }
    let number = |n: u64| n.to_string();
    let page_label = |n: u64| lang.tr("common.pager.page", &[("page", &number(n))]);
    html! {
        nav.ds-pagination aria-label=(label) {
            ul {
                // Designsystemet draws the arrows on the first and last item
                // and keeps their place when there is no link.
                li {
                    @if page > 1 {
                        a.ds-button data-variant="tertiary" rel="prev"
                            href=(href(page.min(pages.saturating_add(1)) - 1)) {
                            (lang.t("common.pager.previous"))
                        }
                    } @else {
                        span.ds-button data-variant="tertiary" aria-hidden="true" {}
                    }
                }
                @for slot in window(page, pages) {
                    @match slot {
                        Some(n) if n == page => li {
                            a.ds-button data-variant="tertiary" href=(href(n)) aria-current="true"
                                aria-label=(page_label(n)) { (n) }
                        },
                        Some(n) => li {
                            a.ds-button data-variant="tertiary" href=(href(n))
                                aria-label=(page_label(n)) { (n) }
                        },
                        None => li { span.pagination-gap { "…" } },
                    }
                }
                li {
                    @if page < pages {
                        a.ds-button data-variant="tertiary" rel="next" href=(href(page + 1)) {
                            (lang.t("common.pager.next"))
                        }
                    } @else {
                        span.ds-button data-variant="tertiary" aria-hidden="true" {}
                    }
                }
            }
            p.ds-paragraph.pagination-status data-size="sm" {
                (lang.tr("common.pager.page_of", &[("page", &number(page)), ("pages", &number(pages))]))
            }
        }
    }
}

/// The page numbers to show: the first, the last and those near `page`;
/// `None` stands for a gap. A gap of a single page shows that page instead,
/// since "…" would take as much room.
fn window(page: u64, pages: u64) -> Vec<Option<u64>> {
    let pages = pages.max(1);
    let near = page.saturating_sub(WINDOW).max(1)..=page.saturating_add(WINDOW).min(pages);
    let mut numbers: Vec<u64> = std::iter::once(1)
        .chain(near)
        .chain(std::iter::once(pages))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let mut slots = Vec::with_capacity(numbers.len() + 2);
    let mut previous = 0;
    for n in numbers {
        match n - previous {
            1 => {}
            2 => slots.push(Some(n - 1)),
            _ => slots.push(None),
        }
        slots.push(Some(n));
        previous = n;
    }
    slots
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(page: u64, pages: u64) -> String {
        let links = PageLinks::new("/liste").keep("sort", "nyeste");
        pager(Lang::Nb, "Sider", page, pages, |n| links.href(n)).into_string()
    }

    #[test]
    fn one_page_needs_no_pager() {
        assert_eq!(render(1, 1), "");
        assert_eq!(render(1, 0), "");
    }

    #[test]
    fn the_first_page_has_next_but_no_previous() {
        let html = render(1, 3);
        assert!(
            html.starts_with("<nav class=\"ds-pagination\" aria-label=\"Sider\">"),
            "{html}"
        );
        assert!(!html.contains("rel=\"prev\""), "{html}");
        assert!(html.contains("aria-hidden=\"true\""), "{html}");
        assert!(
            html.contains("rel=\"next\" href=\"/liste?sort=nyeste&amp;side=2\">Neste side</a>"),
            "{html}"
        );
        assert!(
            html.contains(
                "href=\"/liste?sort=nyeste\" aria-current=\"true\" aria-label=\"Side 1\">1</a>"
            ),
            "{html}"
        );
        assert!(html.contains("Side 1 av 3"));
    }

    #[test]
    fn the_last_page_has_previous_but_no_next() {
        let html = render(3, 3);
        assert!(
            html.contains("rel=\"prev\" href=\"/liste?sort=nyeste&amp;side=2\">Forrige side</a>"),
            "{html}"
        );
        assert!(!html.contains("rel=\"next\""), "{html}");
        assert_eq!(html.matches("aria-current").count(), 1);
        assert!(html.contains("side=3\" aria-current=\"true\""), "{html}");
    }

    #[test]
    fn a_page_past_the_end_leads_back_to_the_last() {
        let html = render(9, 3);
        assert!(
            html.contains("rel=\"prev\" href=\"/liste?sort=nyeste&amp;side=3\">"),
            "{html}"
        );
        assert!(!html.contains("aria-current"), "{html}");
        assert!(!html.contains("rel=\"next\""), "{html}");
    }

    #[test]
    fn parameters_are_kept_and_escaped() {
        let links = PageLinks::new("/ideer")
            .keep("q", "a&b \"<c>\"")
            .keep("tema", "reiseliv");
        assert_eq!(links.href(1), "/ideer?q=a%26b+%22%3Cc%3E%22&tema=reiseliv");
        assert_eq!(
            links.href(2),
            "/ideer?q=a%26b+%22%3Cc%3E%22&tema=reiseliv&side=2"
        );
        assert_eq!(PageLinks::new("/admin/logg").href(1), "/admin/logg");
        let html = pager(Lang::En, "<Pages>", 2, 2, |n| links.href(n)).into_string();
        assert!(html.contains("aria-label=\"&lt;Pages&gt;\""), "{html}");
        assert!(
            html.contains("href=\"/ideer?q=a%26b+%22%3Cc%3E%22&amp;tema=reiseliv\""),
            "{html}"
        );
        assert!(html.contains("aria-label=\"Page 1\""), "{html}");
        assert!(html.contains("Page 2 of 2"), "{html}");
    }

    #[test]
    fn the_window_shows_the_ends_and_the_neighbourhood() {
        assert_eq!(window(1, 1), vec![Some(1)]);
        assert_eq!(window(1, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(
            window(10, 20),
            vec![
                Some(1),
                None,
                Some(8),
                Some(9),
                Some(10),
                Some(11),
                Some(12),
                None,
                Some(20)
            ]
        );
        // A gap of one page shows the page.
        assert_eq!(
            window(4, 7),
            vec![
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7)
            ]
        );
        assert_eq!(window(99, 3), vec![Some(1), Some(2), Some(3)]);
        assert_eq!(window(u64::MAX, u64::MAX).len(), 5);
    }
}
