//! Paging, one way for every list: a `PageRequest` read leniently from the
//! query string, and a `Page<T>` that services return and pagers draw.
//!
//! Lists that count their own way (keyset paging, a cheaper count) build a
//! `Page` with `Page::new`; lists that are a plain sea-orm query use `fetch`.

use std::ops::RangeInclusive;

use sea_orm::{ConnectionTrait, DbErr, PaginatorTrait, SelectorTrait};

/// The query parameter that carries the page number, in every list's URL.
pub const PAGE_PARAM: &str = "side";
/// The highest page number honoured; beyond it a request gets this page. An
/// offset past it would not fit the databases' 64-bit integers once
/// multiplied by a page size, and shows nothing anyway.
pub const MAX_PAGE: u64 = 100_000;
/// The most rows a page may hold, whatever a caller asks for.
pub const MAX_PER_PAGE: u64 = 100;

/// Which page of a list to show. Always 1 ≤ page ≤ `MAX_PAGE` and
/// 1 ≤ per_page ≤ `MAX_PER_PAGE`, so `offset()` cannot overflow and a
/// paginator never gets a page size of zero (which panics).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    page: u64,
    per_page: u64,
}

impl PageRequest {
    /// The page asked for, clamped into range (0 counts as 1).
    pub fn new(page: u64, per_page: u64) -> Self {
        Self {
            page: page.clamp(1, MAX_PAGE),
            per_page: per_page.clamp(1, MAX_PER_PAGE),
        }
    }

    /// The page from a query value: missing or not a number is the first
    /// page; a number too large even for `u64` is the last page honoured.
    pub fn parse(raw: Option<&str>, per_page: u64) -> Self {
        let raw = raw.map(str::trim).unwrap_or_default();
        let page = if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
            // Only digits, so the one way to fail is overflow.
            raw.parse().unwrap_or(u64::MAX)
        } else {
            1
        };
        Self::new(page, per_page)
    }

    /// The first page.
    pub fn first(per_page: u64) -> Self {
        Self::new(1, per_page)
    }

    /// 1-based.
    pub fn page(&self) -> u64 {
        self.page
    }

    pub fn per_page(&self) -> u64 {
        self.per_page
    }

    /// Rows before this page.
    pub fn offset(&self) -> u64 {
        (self.page - 1) * self.per_page
    }
}

/// One page of a list, and where it sits in the whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    page: u64,
    per_page: u64,
    total: u64,
}

impl<T> Page<T> {
    /// A page a service fetched itself: `items` at `request`, of `total` rows.
    pub fn new(items: Vec<T>, request: PageRequest, total: u64) -> Self {
        Self {
            items,
            page: request.page,
            per_page: request.per_page,
            total,
        }
    }

    /// 1-based; may be past `pages()` when a page past the end was asked for.
    pub fn page(&self) -> u64 {
        self.page
    }

    pub fn per_page(&self) -> u64 {
        self.per_page
    }

    /// Rows on every page together.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The number of pages the rows fill; an empty list still has one page.
    pub fn pages(&self) -> u64 {
        self.total.div_ceil(self.per_page).max(1)
    }

    pub fn has_prev(&self) -> bool {
        self.page > 1
    }

    pub fn has_next(&self) -> bool {
        self.page < self.pages()
    }

    /// Whether the page asked for lies beyond the last one.
    pub fn is_past_end(&self) -> bool {
        self.page > self.pages()
    }

    /// The 1-based positions of this page's rows in the whole list
    /// ("showing 21–25 of 25"); None on an empty page.
    pub fn shown(&self) -> Option<RangeInclusive<u64>> {
        let len = u64::try_from(self.items.len())
            .ok()
            .filter(|len| *len > 0)?;
        let first = (self.page - 1) * self.per_page + 1;
        Some(first..=first + len - 1)
    }

    /// The same page with each item turned into something else.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            page: self.page,
            per_page: self.per_page,
            total: self.total,
        }
    }
}

/// Fetches the requested page of `query` with sea-orm's paginator: one count
/// and, when there is anything to show, one page of rows. A page past the end
/// becomes the last page, so a stale link or a list that shrank still shows
/// rows. `query` needs a total order (end with the primary key) or rows can
/// repeat or go missing between pages.
pub async fn fetch<'db, C, Q>(
    db: &'db C,
    query: Q,
    request: PageRequest,
) -> Result<Page<<Q::Selector as SelectorTrait>::Item>, DbErr>
where
    C: ConnectionTrait,
    Q: PaginatorTrait<'db, C>,
{
    let paginator = query.paginate(db, request.per_page);
    let total = paginator.num_items().await?;
    if total == 0 {
        return Ok(Page::new(
            Vec::new(),
            PageRequest::first(request.per_page),
            0,
        ));
    }
    let last = total.div_ceil(request.per_page);
    let request = PageRequest::new(request.page.min(last), request.per_page);
    let items = paginator.fetch_page(request.page - 1).await?;
    Ok(Page::new(items, request, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_clamped_into_range() {
        assert_eq!(PageRequest::new(0, 20).page(), 1);
        assert_eq!(PageRequest::new(u64::MAX, 20).page(), MAX_PAGE);
        assert_eq!(PageRequest::new(3, 0).per_page(), 1);
        assert_eq!(PageRequest::new(3, 10_000).per_page(), MAX_PER_PAGE);
    }

    #[test]
    fn the_offset_counts_the_rows_before_the_page() {
        assert_eq!(PageRequest::new(1, 20).offset(), 0);
        assert_eq!(PageRequest::new(3, 20).offset(), 40);
        // The largest possible offset is far from overflowing.
        assert_eq!(
            PageRequest::new(u64::MAX, u64::MAX).offset(),
            (MAX_PAGE - 1) * MAX_PER_PAGE
        );
    }

    #[test]
    fn a_query_value_is_read_leniently() {
        let page = |raw: Option<&str>| PageRequest::parse(raw, 20).page();
        assert_eq!(page(None), 1);
        assert_eq!(page(Some("")), 1);
        assert_eq!(page(Some(" 4 ")), 4);
        assert_eq!(page(Some("x")), 1);
        assert_eq!(page(Some("-3")), 1);
        assert_eq!(page(Some("+3")), 1);
        assert_eq!(page(Some("0")), 1);
        assert_eq!(page(Some("922337203685477581")), MAX_PAGE);
        assert_eq!(page(Some("99999999999999999999999999")), MAX_PAGE);
    }

    #[test]
    fn pages_are_counted_and_at_least_one() {
        let page =
            |page: u64, total: u64| Page::<()>::new(Vec::new(), PageRequest::new(page, 10), total);
        assert_eq!(page(1, 0).pages(), 1);
        assert_eq!(page(1, 10).pages(), 1);
        assert_eq!(page(1, 11).pages(), 2);
        assert!(!page(1, 0).has_next());
        assert!(!page(1, 0).has_prev());
        assert!(page(1, 11).has_next());
        assert!(page(2, 11).has_prev());
        assert!(!page(2, 11).has_next());
        assert!(!page(2, 11).is_past_end());
        assert!(page(3, 11).is_past_end());
    }

    #[test]
    fn shown_names_the_positions_on_the_page() {
        let items = vec!['a'; 5];
        let page = Page::new(items, PageRequest::new(3, 10), 25);
        assert_eq!(page.shown(), Some(21..=25));
        let empty = Page::<char>::new(Vec::new(), PageRequest::new(9, 10), 25);
        assert_eq!(empty.shown(), None);
    }

    #[test]
    fn map_keeps_the_position() {
        let page = Page::new(vec![1, 2], PageRequest::new(2, 2), 4).map(|n| n * 10);
        assert_eq!(page.items, vec![10, 20]);
        assert_eq!((page.page(), page.per_page(), page.total()), (2, 2, 4));
    }
}
