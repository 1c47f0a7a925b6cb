//! A URL's query string (`?q=…&country=…&from=…`) to what the command line's flags resolve to.
//!
//! Parameters are named as the flags are (`q` is the query), filters go through [`search::resolve`] as
//! the flags do, and each option has the command line's default and limits, so `/api/count?q=x&by=year`
//! answers what `demarche count x --by year --json` prints. Empty values count as absent: a form sends
//! its empty fields. Every page state is in its URL; [`Params::link`] writes the URL of a changed one.

use crate::analysis::kwic::Order;
use crate::analysis::Group;
use crate::error::{Error, Result};
use crate::search::{self, Filters, Request, Sort};

/// Most hits or lines one request may ask for: the command line has no bound, a server shared by many
/// needs one.
pub(crate) const MAX_LIMIT: usize = 1000;
/// Hits on a page.
pub(crate) const PER_PAGE: usize = 10;

/// Every parameter of a page or an API call, as given (repeated ones in order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// The parameters of a raw query string (none for none).
    pub(crate) fn parse(raw: Option<&str>) -> Params {
        let pairs = raw
            .map(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.trim().to_string()))
                    .filter(|(_, v)| !v.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        Params { pairs }
    }

    /// The last value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of `key`, in order.
    pub(crate) fn all(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The query text (empty: every paragraph the filters keep).
    pub(crate) fn query(&self) -> &str {
        self.get("q").unwrap_or("")
    }

    /// The filters, as typed.
    pub(crate) fn filters(&self) -> Filters {
        Filters {
            speaker: self.get("speaker").map(str::to_string),
            countries: self.all("country"),
            from: self.get("from").map(str::to_string),
            to: self.get("to").map(str::to_string),
            source: self.get("source").map(str::to_string),
            roles: self.all("role"),
            kinds: self.all("kind"),
        }
    }

    /// The query and filters resolved as the command line resolves them.
    pub(crate) fn request(&self) -> Result<Request> {
        search::resolve(self.query(), &self.filters())
    }

    /// A search's request: `limit` (default 10) and `sort` as `search` takes them.
    pub(crate) fn search_request(&self) -> Result<Request> {
        Ok(Request {
            limit: self.limit(10)?,
            sort: self.sort()?,
            ..self.request()?
        })
    }

    /// `sort` for a search: relevance (default), date or oldest.
    pub(crate) fn sort(&self) -> Result<Sort> {
        Ok(match self.get("sort") {
            None | Some("relevance") => Sort::Relevance,
            Some("date") => Sort::Date,
            Some("oldest") => Sort::Oldest,
            Some(other) => return Err(one_of("--sort", other, "relevance, date, oldest")),
        })
    }

    /// `limit`, from 1 to [`MAX_LIMIT`].
    pub(crate) fn limit(&self, default: usize) -> Result<usize> {
        let n = self.number("limit")?.unwrap_or(default);
        if !(1..=MAX_LIMIT).contains(&n) {
            return Err(Error::BadValue {
                what: format!("--limit {n}"),
                reason: format!("give from 1 to {MAX_LIMIT}"),
            });
        }
        Ok(n)
    }

    /// `top`: at least 1 when given.
    pub(crate) fn top(&self) -> Result<Option<usize>> {
        let top = self.number("top")?;
        if top == Some(0) {
            return Err(Error::BadValue {
                what: "--top 0".into(),
                reason: "must be at least 1".into(),
            });
        }
        Ok(top)
    }

    /// The page of hits, from 1, such that it ends within [`MAX_LIMIT`] hits.
    pub(crate) fn page(&self) -> Result<usize> {
        let page = self.number("page")?.unwrap_or(1);
        let last = MAX_LIMIT / PER_PAGE;
        if !(1..=last).contains(&page) {
            return Err(Error::BadValue {
                what: format!("page {page}"),
                reason: format!("give from 1 to {last}"),
            });
        }
        Ok(page)
    }

    /// `by` for `count`: what to group by (no default, as the flag).
    pub(crate) fn count_by(&self) -> Result<Group> {
        let groups = [
            Group::Speaker,
            Group::Country,
            Group::Year,
            Group::Month,
            Group::Role,
            Group::Kind,
            Group::Source,
            Group::Outlet,
        ];
        self.group("by", &groups)?.ok_or_else(|| Error::BadValue {
            what: "--by".into(),
            reason:
                "give what to count by: speaker, country, year, month, role, kind, source, outlet"
                    .into(),
        })
    }

    /// `by` for `trend`: year (default) or month.
    pub(crate) fn period(&self) -> Result<Group> {
        Ok(self
            .group("by", &[Group::Year, Group::Month])?
            .unwrap_or(Group::Year))
    }

    /// `split` for `trend`: country, speaker or kind, or none.
    pub(crate) fn split(&self) -> Result<Option<Group>> {
        self.group("split", &[Group::Country, Group::Speaker, Group::Kind])
    }

    /// `by` for `first` (`key` on a page, where `by` is the chart's period): country (default) or
    /// speaker.
    pub(crate) fn first_by(&self, key: &str) -> Result<Group> {
        Ok(self
            .group(key, &[Group::Country, Group::Speaker])?
            .unwrap_or(Group::Country))
    }

    /// `width` for `kwic`: characters each side, 1 to 500 (default 40).
    pub(crate) fn width(&self) -> Result<usize> {
        let n = self.number("width")?.unwrap_or(40);
        if !(1..=500).contains(&n) {
            return Err(Error::BadValue {
                what: format!("--width {n}"),
                reason: "give from 1 to 500".into(),
            });
        }
        Ok(n)
    }

    /// `sort` for `kwic` (`key` on a page, where `sort` orders the hits): date (default), left or right.
    pub(crate) fn kwic_order(&self, key: &str) -> Result<Order> {
        Ok(match self.get(key) {
            None | Some("date") => Order::Date,
            Some("left") => Order::Left,
            Some("right") => Order::Right,
            Some(other) => return Err(one_of("--sort", other, "date, left, right")),
        })
    }

    /// The group named by `key`, among `allowed`.
    fn group(&self, key: &str, allowed: &[Group]) -> Result<Option<Group>> {
        let Some(value) = self.get(key) else {
            return Ok(None);
        };
        allowed
            .iter()
            .copied()
            .find(|g| g.name() == value)
            .map(Some)
            .ok_or_else(|| {
                let names: Vec<&str> = allowed.iter().map(|g| g.name()).collect();
                one_of(&format!("--{key}"), value, &names.join(", "))
            })
    }

    fn number(&self, key: &str) -> Result<Option<usize>> {
        self.get(key)
            .map(|v| {
                v.parse().map_err(|_| Error::BadValue {
                    what: format!("--{key} {v:?}"),
                    reason: "not a whole number".into(),
                })
            })
            .transpose()
    }

    /// These parameters with every value of `key` replaced by `value` (removed, for `None`); `page` goes
    /// back to the first unless it is the one changed.
    pub(crate) fn with(&self, key: &str, value: Option<&str>) -> Params {
        let mut pairs: Vec<(String, String)> = self
            .pairs
            .iter()
            .filter(|(k, _)| k != key && (k != "page" || key == "page"))
            .cloned()
            .collect();
        if let Some(v) = value {
            pairs.push((key.to_string(), v.to_string()));
        }
        Params { pairs }
    }

    /// These parameters with `value` added to the values of `key` (once), from page 1.
    pub(crate) fn adding(&self, key: &str, value: &str) -> Params {
        let mut p = self.with("page", None);
        if !p.pairs.iter().any(|(k, v)| k == key && v == value) {
            p.pairs.push((key.to_string(), value.to_string()));
        }
        p
    }

    /// These parameters without the value `value` of `key`, from page 1.
    pub(crate) fn removing(&self, key: &str, value: &str) -> Params {
        let mut p = self.with("page", None);
        p.pairs.retain(|(k, v)| !(k == key && v == value));
        p
    }

    /// The filters and their values, in order, for the page to list (and to remove one by one).
    pub(crate) fn filter_pairs(&self) -> Vec<(&str, &str)> {
        const FILTERS: [&str; 7] = ["speaker", "country", "from", "to", "source", "role", "kind"];
        self.pairs
            .iter()
            .filter(|(k, _)| FILTERS.contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    /// `path` with these parameters as its query string.
    pub(crate) fn link(&self, path: &str) -> String {
        if self.pairs.is_empty() {
            return path.to_string();
        }
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&self.pairs)
            .finish();
        format!("{path}?{query}")
    }
}

/// A bad value of a flag that takes one of a few words.
fn one_of(flag: &str, value: &str, valid: &str) -> Error {
    Error::BadValue {
        what: format!("{flag} {value:?}"),
        reason: format!("give one of {valid}"),
    }
}

/// `id` written into a URL path (`/p/…`): every byte but unreserved characters and `/` percent-encoded,
/// so that a `#` or `?` in an id is part of the path, not the end of it.
pub(crate) fn path_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_are_kept_and_empty_values_dropped() {
        let p = Params::parse(Some(
            "q=belt+road&country=CN&country=Laos&speaker=&from=2021",
        ));
        assert_eq!(p.query(), "belt road");
        assert_eq!(p.all("country"), ["CN", "Laos"]);
        assert_eq!(p.get("speaker"), None);
        let r = p.request().unwrap();
        assert_eq!(r.countries.len(), 2);
        assert_eq!(r.from.unwrap().to_string(), "2021-01-01");
    }

    #[test]
    fn links_change_one_state_and_go_back_to_the_first_page() {
        let p = Params::parse(Some("q=a&page=3&country=CHN"));
        assert_eq!(
            p.adding("country", "USA").link("/"),
            "/?q=a&country=CHN&country=USA"
        );
        assert_eq!(p.removing("country", "CHN").link("/"), "/?q=a");
        assert_eq!(
            p.with("page", Some("4")).link("/"),
            "/?q=a&country=CHN&page=4"
        );
        // Values are encoded, never pasted: a quote cannot end an attribute.
        let evil = Params::parse(Some("q=%22%3E%3Cimg%20src%3Dx%3E"));
        assert_eq!(evil.link("/"), "/?q=%22%3E%3Cimg+src%3Dx%3E");
    }

    #[test]
    fn options_have_the_command_lines_limits() {
        let bad = |q: &str, f: fn(&Params) -> Result<usize>| {
            f(&Params::parse(Some(q))).unwrap_err().to_string()
        };
        assert!(bad("limit=0", |p| p.limit(10)).contains("--limit 0"));
        assert!(bad("limit=x", |p| p.limit(10)).contains("not a whole number"));
        assert!(bad("width=501", Params::width).contains("--width 501"));
        assert!(Params::parse(Some("top=0")).top().is_err());
        let by = Params::parse(Some("by=weekday")).count_by().unwrap_err();
        assert!(by.to_string().contains("--by \"weekday\""), "{by}");
        assert_eq!(path_segment("a/b c.txt#3"), "a/b%20c.txt%233");
    }
}
