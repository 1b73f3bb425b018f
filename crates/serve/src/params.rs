//! Query parameters: read into a store [`Filter`], each checked, so that a
//! bad value is a 400 that names its parameter and never reaches SQL (which
//! binds every value anyway).

use crate::error::ApiError;
use sitrep_store::{Cursor, Filter};
use std::collections::HashMap;

/// The filter parameters every listing, export and stats endpoint takes.
pub const FILTERS: &[&str] = &[
    "actor",
    "type",
    "acled",
    "country",
    "from",
    "to",
    "source",
    "bbox",
    "min_fatalities",
    "max_fatalities",
];

/// The most events one page returns, and the default page size.
pub const MAX_LIMIT: usize = 1000;
pub const DEFAULT_LIMIT: usize = 100;

/// A free-text value: at most 200 characters, no control characters.
fn text(name: &str, v: &str) -> Result<String, ApiError> {
    if v.chars().count() > 200 {
        return Err(ApiError::bad(name, "longer than 200 characters"));
    }
    if v.chars().any(char::is_control) {
        return Err(ApiError::bad(name, "contains control characters"));
    }
    Ok(v.to_string())
}

/// A code-like value (an event type, an ACLED type): ASCII
/// letters, digits, spaces and `/ - _ .` only.
fn code(name: &str, v: &str, max: usize) -> Result<String, ApiError> {
    let ok = !v.is_empty()
        && v.len() <= max
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '/' | '-' | '_' | '.'));
    if ok {
        Ok(v.to_string())
    } else {
        Err(ApiError::bad(
            name,
            "expected a code of letters, digits, spaces and / - _ .",
        ))
    }
}

fn day(name: &str, v: &str) -> Result<String, ApiError> {
    chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .filter(|_| v.len() == 10)
        .map(|d| d.to_string())
        .ok_or_else(|| ApiError::bad(name, "expected a date YYYY-MM-DD"))
}

fn count(name: &str, v: &str) -> Result<u32, ApiError> {
    v.parse::<u32>()
        .map_err(|_| ApiError::bad(name, "expected a whole number from 0 to 4294967295"))
}

fn bbox(v: &str) -> Result<[f64; 4], ApiError> {
    sitrep_store::parse_bbox(v).map_err(|why| ApiError::bad("bbox", &why))
}

/// Reads the filters, and with `paged` the cursor and limit, from a query
/// string; `extra` names further parameters the endpoint reads itself.
/// An unknown parameter is an error too (a misspelt filter would otherwise
/// silently select everything).
pub fn filter(
    q: &HashMap<String, String>,
    paged: bool,
    extra: &[&str],
) -> Result<Filter, ApiError> {
    for k in q.keys() {
        let known = FILTERS.contains(&k.as_str())
            || extra.contains(&k.as_str())
            || (paged && matches!(k.as_str(), "cursor" | "limit"));
        if !known {
            return Err(ApiError::bad(k, "unknown parameter"));
        }
    }
    // An empty value is an error, not "no filter": a form that sends
    // `type=` meant something, and a script that does has a bug.
    if let Some((k, _)) = q.iter().find(|(_, v)| v.is_empty()) {
        return Err(ApiError::bad(
            k,
            "empty value (leave the parameter out instead)",
        ));
    }
    let get = |k: &str| q.get(k).map(String::as_str);
    let mut f = Filter {
        actor: get("actor").map(|v| text("actor", v)).transpose()?,
        kind: get("type").map(|v| code("type", v, 40)).transpose()?,
        acled: get("acled").map(|v| code("acled", v, 80)).transpose()?,
        country: get("country")
            .map(|v| {
                if (2..=3).contains(&v.len()) && v.chars().all(|c| c.is_ascii_alphabetic()) {
                    Ok(v.to_ascii_uppercase())
                } else {
                    Err(ApiError::bad(
                        "country",
                        "expected an ISO 3166-1 alpha-2 or alpha-3 code",
                    ))
                }
            })
            .transpose()?,
        from: get("from").map(|v| day("from", v)).transpose()?,
        to: get("to").map(|v| day("to", v)).transpose()?,
        source: get("source").map(|v| text("source", v)).transpose()?,
        bbox: get("bbox").map(bbox).transpose()?,
        fatalities_min: get("min_fatalities")
            .map(|v| count("min_fatalities", v))
            .transpose()?,
        fatalities_max: get("max_fatalities")
            .map(|v| count("max_fatalities", v))
            .transpose()?,
        after: None,
        limit: None,
    };
    if let (Some(a), Some(b)) = (&f.from, &f.to) {
        if a > b {
            return Err(ApiError::bad("from", "is after `to`"));
        }
    }
    if paged {
        f.after = get("cursor")
            .map(|v| {
                Cursor::decode(v).ok_or_else(|| {
                    ApiError::bad("cursor", "not a cursor this API returned (next_cursor)")
                })
            })
            .transpose()?;
        let limit = match get("limit") {
            Some(v) => v
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=MAX_LIMIT).contains(n))
                .ok_or_else(|| ApiError::bad("limit", "expected a number from 1 to 1000"))?,
            None => DEFAULT_LIMIT,
        };
        f.limit = Some(limit);
    }
    Ok(f)
}

/// An id from a path: at most 512 bytes, no control characters, no
/// `..` path segment or backslash (ids are never paths).
pub fn id(v: &str) -> Result<&str, ApiError> {
    let traversal = v.split(['/', '\\']).any(|s| s == "..") || v.contains('\\');
    if v.is_empty() || v.len() > 512 || v.chars().any(char::is_control) || traversal {
        return Err(ApiError::bad("id", "not a valid id"));
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn param_of(r: Result<Filter, ApiError>) -> String {
        r.unwrap_err().parameter.unwrap_or_default()
    }

    #[test]
    fn good_values_become_a_filter() {
        let f = filter(
            &q(&[
                ("type", "airstrike"),
                ("country", "sy"),
                ("from", "2025-09-01"),
                ("bbox", "30,30,40,40"),
                ("limit", "5"),
                ("actor", "O'Brien"),
            ]),
            true,
            &[],
        )
        .unwrap();
        assert_eq!(f.country.as_deref(), Some("SY"));
        assert_eq!(f.limit, Some(5));
        assert_eq!(f.actor.as_deref(), Some("O'Brien"));
    }

    #[test]
    fn hostile_values_name_their_parameter() {
        assert_eq!(
            param_of(filter(&q(&[("type", "x' OR 1=1 --")]), true, &[])),
            "type"
        );
        assert_eq!(
            param_of(filter(&q(&[("country", "SYR';")]), true, &[])),
            "country"
        );
        assert_eq!(
            param_of(filter(&q(&[("from", "2025-02-30")]), true, &[])),
            "from"
        );
        assert_eq!(
            param_of(filter(&q(&[("from", "2025-09-01'")]), true, &[])),
            "from"
        );
        assert_eq!(
            param_of(filter(&q(&[("limit", "99999999999999999999")]), true, &[])),
            "limit"
        );
        assert_eq!(
            param_of(filter(&q(&[("min_fatalities", "-1")]), true, &[])),
            "min_fatalities"
        );
        assert_eq!(
            param_of(filter(&q(&[("bbox", "1,2,3,1e999")]), true, &[])),
            "bbox"
        );
        assert_eq!(
            param_of(filter(&q(&[("cursor", "../../etc")]), true, &[])),
            "cursor"
        );
        assert_eq!(
            param_of(filter(&q(&[("colour", "red")]), true, &[])),
            "colour"
        );
        assert_eq!(param_of(filter(&q(&[("limit", "5")]), false, &[])), "limit");
        assert_eq!(param_of(filter(&q(&[("type", "")]), true, &[])), "type");
        assert_eq!(
            param_of(filter(&q(&[("type", "ataqu\u{e9}")]), true, &[])),
            "type"
        );
        assert_eq!(
            param_of(filter(
                &q(&[("from", "2025-09-02"), ("to", "2025-09-01")]),
                true,
                &[]
            )),
            "from"
        );
    }

    #[test]
    fn ids_are_never_paths() {
        assert!(id("seed#e1").is_ok());
        assert!(id("feed.jsonl:12").is_ok());
        assert!(id("../../etc/passwd").is_err());
        assert!(id("a\\..\\b").is_err());
        assert!(id("").is_err());
        assert!(id(&"x".repeat(600)).is_err());
    }
}
