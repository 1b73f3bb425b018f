//! # sitrep-store: coded documents and events in SQLite
//!
//! One file (or `:memory:`), three tables: `documents` (metadata and the
//! whole `sitrep/1` output), `events` (one row per event, flattened for
//! filtering, plus its JSON) and `event_actors`. Ingestion is idempotent
//! (the same output twice changes nothing) and transactional (a document's
//! rows are replaced in one transaction: a crash or an error leaves the
//! previous version intact).

mod incidents;

use rusqlite::{params, Connection, OptionalExtension};
use sitrep_core::{Event, Output};
pub use sitrep_incidents::LinkOptions;
use std::collections::{BTreeMap, HashMap};

/// Store errors.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Invalid(String),
}

/// What ingesting one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ingested {
    New,
    Replaced,
    Unchanged,
}

/// Query filters; `None` means no filter.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    /// Substring of an actor's canonical name or text (case-insensitive).
    pub actor: Option<String>,
    /// Event type ("raid") or PLOVER category ("ASSAULT").
    pub kind: Option<String>,
    /// ISO alpha-2 of the location, or alpha-3 of an actor's country.
    pub country: Option<String>,
    /// Events whose date interval ends on or after this day (YYYY-MM-DD).
    pub from: Option<String>,
    /// Events whose date interval starts on or before this day.
    pub to: Option<String>,
    /// Substring of the document source or of a claim's source.
    pub source: Option<String>,
    /// ACLED event type ("Battles") or sub-event type ("Air/drone strike"),
    /// case-insensitive.
    pub acled: Option<String>,
    /// Events located inside `[min_lon, min_lat, max_lon, max_lat]`.
    pub bbox: Option<[f64; 4]>,
    /// Events with at least this many reported deaths.
    pub fatalities_min: Option<u32>,
    /// Events with at most this many reported deaths (unknown tolls excluded).
    pub fatalities_max: Option<u32>,
    /// Events strictly after this position in the query order (keyset paging).
    pub after: Option<Cursor>,
    pub limit: Option<usize>,
}

/// Reads `MIN_LON,MIN_LAT,MAX_LON,MAX_LAT`: four numbers, longitudes in
/// −180..180, latitudes in −90..90, minimum not above maximum.
pub fn parse_bbox(s: &str) -> Result<[f64; 4], String> {
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("{s:?}: expected MIN_LON,MIN_LAT,MAX_LON,MAX_LAT"))?;
    let [w, so, e, n] = v[..] else {
        return Err(format!("{s:?}: expected four numbers, got {}", v.len()));
    };
    let lon = |x: f64| (-180.0..=180.0).contains(&x);
    let lat = |x: f64| (-90.0..=90.0).contains(&x);
    if !(lon(w) && lon(e) && lat(so) && lat(n)) {
        return Err(format!(
            "{s:?}: longitudes must be in -180..180, latitudes in -90..90"
        ));
    }
    if w > e || so > n {
        return Err(format!("{s:?}: the minimum is above the maximum"));
    }
    Ok([w, so, e, n])
}

/// A position in the query order (date, then id): where the next page
/// starts. Written as an opaque string by [`Cursor::encode`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub date_start: String,
    pub id: String,
}

impl Cursor {
    /// The cursor as a URL-safe token (hex of `date \x1f id`).
    pub fn encode(&self) -> String {
        format!("{}\u{1f}{}", self.date_start, self.id)
            .bytes()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// Reads a token written by [`Cursor::encode`]; `None` if it is not one.
    pub fn decode(token: &str) -> Option<Cursor> {
        if !token.len().is_multiple_of(2) || token.len() > 4096 {
            return None;
        }
        let bytes: Option<Vec<u8>> = (0..token.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(token.get(i..i + 2)?, 16).ok())
            .collect();
        let s = String::from_utf8(bytes?).ok()?;
        let (d, id) = s.split_once('\u{1f}')?;
        Some(Cursor {
            date_start: d.to_string(),
            id: id.to_string(),
        })
    }
}

/// An event row as returned by queries: the event, its document's
/// metadata, and its evidence sentences.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub doc_id: String,
    /// The document's source ("Reuters"), if given.
    pub doc_source: Option<String>,
    /// The document's publication date (YYYY-MM-DD), if given.
    pub published: Option<String>,
    /// When the document was stored (UTC, `YYYY-MM-DDTHH:MM:SSZ`).
    pub ingested_at: String,
    /// The event's evidence sentences, in text order, joined by a space.
    pub notes: String,
    pub event: Event,
}

/// Counts of the events a filter selects, for a timeline and facets.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Stats {
    pub total: usize,
    /// Events per first day of their date interval, in date order.
    pub by_day: Vec<(String, usize)>,
    /// Per event type, most frequent first.
    pub by_type: Vec<(String, usize)>,
    /// Per ISO alpha-2 location country ("" when unplaced), most frequent first.
    pub by_country: Vec<(String, usize)>,
    /// Per ACLED event type ("" outside ACLED's scope), most frequent first.
    pub by_acled: Vec<(String, usize)>,
    /// Per PLOVER category, most frequent first.
    pub by_plover: Vec<(String, usize)>,
}

const SCHEMA_SQL: &str = "
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source TEXT,
    published TEXT,
    url TEXT,
    language TEXT,
    output_json TEXT NOT NULL,
    ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    plover TEXT NOT NULL,
    cameo TEXT NOT NULL,
    acled_type TEXT,
    acled_sub_type TEXT,
    date TEXT,
    date_start TEXT,
    date_end TEXT,
    precision TEXT,
    country TEXT,
    location TEXT,
    lat REAL,
    lon REAL,
    geo_precision INTEGER,
    fatalities INTEGER,
    injuries INTEGER,
    mode TEXT NOT NULL,
    sources TEXT NOT NULL,
    json TEXT NOT NULL,
    notes TEXT,
    incident_id TEXT,
    component TEXT,
    link_profile TEXT
);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    canonical TEXT NOT NULL,
    country TEXT,
    sector TEXT
);
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS incidents (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    plover TEXT NOT NULL,
    acled_type TEXT,
    date_start TEXT,
    date_end TEXT,
    country TEXT,
    fatalities INTEGER,
    reports INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS incident_keys (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    day INTEGER NOT NULL,
    cell TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start, date_end);
CREATE INDEX IF NOT EXISTS actors_event ON event_actors(event_id);
CREATE INDEX IF NOT EXISTS actors_canonical ON event_actors(canonical);
";

/// Indexes on columns that a store made before them lacks: created after
/// the migration that adds the columns.
const INDEX_SQL: &str = "
CREATE INDEX IF NOT EXISTS events_order ON events(coalesce(date_start, ''), id);
CREATE INDEX IF NOT EXISTS events_place ON events(lat, lon);
CREATE INDEX IF NOT EXISTS events_type ON events(lower(type));
CREATE INDEX IF NOT EXISTS events_plover ON events(upper(plover));
CREATE INDEX IF NOT EXISTS events_country ON events(upper(country));
CREATE INDEX IF NOT EXISTS events_acled ON events(lower(acled_type));
CREATE INDEX IF NOT EXISTS events_acled_sub ON events(lower(acled_sub_type));
CREATE INDEX IF NOT EXISTS events_incident ON events(incident_id);
CREATE INDEX IF NOT EXISTS events_component ON events(component);
CREATE INDEX IF NOT EXISTS incident_keys_day ON incident_keys(day, cell);
CREATE INDEX IF NOT EXISTS incident_keys_event ON incident_keys(event_id);
CREATE INDEX IF NOT EXISTS incidents_order ON incidents(coalesce(date_start, ''), id);
";

/// The columns every row of `query` reads, in `row_of`'s order.
const ROW_SQL: &str = "SELECT e.doc_id, d.source, d.published, d.ingested_at, coalesce(e.notes, ''), e.json FROM events e JOIN documents d ON d.id = e.doc_id";

/// The evidence sentences of an event, joined by a space.
pub fn notes_of(out: &Output, e: &Event) -> String {
    e.evidence
        .iter()
        .filter_map(|ev| out.text.get(ev.start..ev.end))
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A sitrep database.
pub struct Store {
    conn: Connection,
    /// How events are linked into incidents; `None`: each event is its own.
    link: Option<LinkOptions>,
}

impl Store {
    /// Opens (creating if needed) a database file; `":memory:"` for a
    /// throwaway one.
    pub fn open(path: &str) -> Result<Store, StoreError> {
        let conn = if path == ":memory:" {
            Connection::open_in_memory()?
        } else {
            Connection::open(path)?
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        if path != ":memory:" {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.execute_batch(SCHEMA_SQL)?;
        let mut store = Store {
            conn,
            link: Some(LinkOptions::default()),
        };
        store.migrate()?;
        store.conn.execute_batch(INDEX_SQL)?;
        store.link = store.stored_linking()?;
        Ok(store)
    }

    /// Brings a store written by an older sitrep up to this schema: adds
    /// `events.notes` and fills it from each document's stored output;
    /// adds the incident columns and links every stored event.
    fn migrate(&mut self) -> Result<(), StoreError> {
        let has = |conn: &Connection, col: &str| -> Result<bool, StoreError> {
            Ok(conn
                .prepare("SELECT 1 FROM pragma_table_info('events') WHERE name = ?1")?
                .exists([col])?)
        };
        if !has(&self.conn, "notes")? {
            self.add_notes()?;
        }
        if !has(&self.conn, "incident_id")? {
            self.conn.execute_batch(
                "ALTER TABLE events ADD COLUMN incident_id TEXT; ALTER TABLE events ADD COLUMN component TEXT; ALTER TABLE events ADD COLUMN link_profile TEXT;",
            )?;
            self.conn.execute_batch(INDEX_SQL)?;
            self.relink()?;
        }
        Ok(())
    }

    fn add_notes(&mut self) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute("ALTER TABLE events ADD COLUMN notes TEXT", [])?;
        let docs: Vec<String> = tx
            .prepare("SELECT output_json FROM documents")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        {
            let mut set = tx.prepare("UPDATE events SET notes = ?1 WHERE id = ?2")?;
            for json in docs {
                let out: Output = serde_json::from_str(&json)?;
                for e in &out.events {
                    set.execute(params![notes_of(&out, e), e.id])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores one coded document, replacing its previous version.
    pub fn ingest(&mut self, out: &Output) -> Result<Ingested, StoreError> {
        let json = serde_json::to_string(out)?;
        let doc = &out.document;
        if doc.id.is_empty() {
            return Err(StoreError::Invalid("document has an empty id".into()));
        }
        let tx = self.conn.transaction()?;
        let old: Option<String> = tx
            .query_row(
                "SELECT output_json FROM documents WHERE id = ?1",
                [&doc.id],
                |r| r.get(0),
            )
            .optional()?;
        if old.as_deref() == Some(json.as_str()) {
            return Ok(Ingested::Unchanged);
        }
        let touched = incidents::touched(&tx, &doc.id)?;
        tx.execute("DELETE FROM documents WHERE id = ?1", [&doc.id])?;
        tx.execute(
            "INSERT INTO documents (id, source, published, url, language, output_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![doc.id, doc.source, doc.published.map(|d| d.to_string()), doc.url, doc.language, json],
        )?;
        {
            let mut ev_stmt = tx.prepare(
                "INSERT INTO events (id, doc_id, type, plover, cameo, acled_type, acled_sub_type, date, date_start, date_end, precision, country, location, lat, lon, geo_precision, fatalities, injuries, mode, sources, json, notes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
            )?;
            let mut ac_stmt = tx.prepare("INSERT INTO event_actors (event_id, role, text, canonical, country, sector) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
            for e in &out.events {
                let loc = e.location.as_ref();
                let sources: Vec<&str> = e.claims.iter().map(|c| c.source.as_str()).collect();
                ev_stmt.execute(params![
                    e.id,
                    doc.id,
                    e.kind,
                    e.plover.category,
                    e.cameo,
                    e.acled.as_ref().map(|a| a.event_type.clone()),
                    e.acled.as_ref().map(|a| a.sub_event_type.clone()),
                    e.date.as_ref().map(|d| d.value.clone()),
                    e.date.as_ref().map(|d| d.start_date.to_string()),
                    e.date.as_ref().map(|d| d.end_date.to_string()),
                    e.date.as_ref().map(|d| serde_json::to_value(d.precision)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))),
                    loc.and_then(|l| l.country_code.clone()),
                    loc.map(|l| l.name.clone()),
                    loc.and_then(|l| l.lat),
                    loc.and_then(|l| l.lon),
                    loc.map(|l| l.precision),
                    e.fatalities,
                    e.injuries,
                    serde_json::to_value(e.mode)?
                        .as_str()
                        .unwrap_or("")
                        .to_string(),
                    sources.join("; "),
                    serde_json::to_string(e)?,
                    notes_of(out, e),
                ])?;
                for a in &e.actors {
                    ac_stmt.execute(params![
                        e.id,
                        a.role.as_str(),
                        a.text,
                        a.canonical,
                        a.country,
                        a.sector
                    ])?;
                }
            }
        }
        incidents::link(&tx, self.link.as_ref(), Some(out), touched)?;
        tx.commit()?;
        Ok(if old.is_some() {
            Ingested::Replaced
        } else {
            Ingested::New
        })
    }

    /// A value that changes whenever the stored documents change (the
    /// highest document row id and the number of documents: a replaced
    /// document is deleted and inserted again, so it gets a new row id),
    /// whoever wrote them; for caches of counts and stats.
    pub fn version(&self) -> Result<(i64, i64), StoreError> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(rowid), 0), count(*) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Number of documents and events stored.
    pub fn counts(&self) -> Result<(usize, usize), StoreError> {
        let d: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))?;
        let e: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
        Ok((d as usize, e as usize))
    }

    /// The `WHERE` clause (from `AND …` on) and its bound values for `f`;
    /// every value is a bound parameter, never spliced into the SQL.
    fn where_clause(f: &Filter) -> (String, Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        let mut sql = String::new();
        let mut args: Vec<Value> = Vec::new();
        // Binds a value and returns its numbered placeholder.
        let mut bind = |v: Value| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(a) = &f.actor {
            let p = bind(Value::Text(like(a)));
            sql += &format!(" AND EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND (x.canonical LIKE {p} ESCAPE '\\' OR x.text LIKE {p} ESCAPE '\\'))");
        }
        if let Some(k) = &f.kind {
            let p = bind(Value::Text(k.clone()));
            sql += &format!(" AND (lower(e.type) = lower({p}) OR upper(e.plover) = upper({p}))");
        }
        if let Some(c) = &f.country {
            let p = bind(Value::Text(c.clone()));
            sql += &format!(" AND (upper(e.country) = upper({p}) OR EXISTS (SELECT 1 FROM event_actors y WHERE y.event_id = e.id AND upper(y.country) = upper({p})))");
        }
        if let Some(d) = &f.from {
            let p = bind(Value::Text(d.clone()));
            sql += &format!(" AND e.date_end >= {p}");
        }
        if let Some(d) = &f.to {
            let p = bind(Value::Text(d.clone()));
            sql += &format!(" AND e.date_start <= {p}");
        }
        if let Some(s) = &f.source {
            let p = bind(Value::Text(like(s)));
            sql +=
                &format!(" AND (d.source LIKE {p} ESCAPE '\\' OR e.sources LIKE {p} ESCAPE '\\')");
        }
        if let Some(a) = &f.acled {
            let p = bind(Value::Text(a.clone()));
            sql += &format!(
                " AND (lower(e.acled_type) = lower({p}) OR lower(e.acled_sub_type) = lower({p}))"
            );
        }
        if let Some([w, s, e, n]) = f.bbox {
            let (w, s, e, n) = (
                bind(Value::Real(w)),
                bind(Value::Real(s)),
                bind(Value::Real(e)),
                bind(Value::Real(n)),
            );
            sql += &format!(" AND e.lat BETWEEN {s} AND {n} AND e.lon BETWEEN {w} AND {e}");
        }
        if let Some(m) = f.fatalities_min {
            let p = bind(Value::Integer(m.into()));
            sql += &format!(" AND e.fatalities >= {p}");
        }
        if let Some(m) = f.fatalities_max {
            let p = bind(Value::Integer(m.into()));
            sql += &format!(" AND e.fatalities <= {p}");
        }
        if let Some(c) = &f.after {
            let d = bind(Value::Text(c.date_start.clone()));
            let i = bind(Value::Text(c.id.clone()));
            sql += &format!(" AND (coalesce(e.date_start, ''), e.id) > ({d}, {i})");
        }
        (sql, args)
    }

    /// Events matching `f`, ordered by date (undated first) then id.
    pub fn query(&self, f: &Filter) -> Result<Vec<EventRow>, StoreError> {
        let mut out = Vec::new();
        self.for_each(f, |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }

    /// Calls `each` on every event matching `f`, in query order, without
    /// holding them all in memory (for exports of any size).
    pub fn for_each(
        &self,
        f: &Filter,
        mut each: impl FnMut(EventRow) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        let (cond, args) = Self::where_clause(f);
        let mut sql =
            format!("{ROW_SQL} WHERE 1=1{cond} ORDER BY coalesce(e.date_start, ''), e.id");
        if let Some(l) = f.limit {
            sql.push_str(&format!(" LIMIT {l}"));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            each(row_of(raw_row(r)?)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// Number of events matching `f` (its cursor and limit ignored).
    pub fn count(&self, f: &Filter) -> Result<usize, StoreError> {
        let f = Filter {
            after: None,
            limit: None,
            ..f.clone()
        };
        let (cond, args) = Self::where_clause(&f);
        let sql = format!("SELECT count(*) FROM {} WHERE 1=1{cond}", from_of(&f));
        let n: i64 = self
            .conn
            .query_row(&sql, rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        Ok(n as usize)
    }

    /// Counts by day, type, country and ACLED type of the events matching
    /// `f` (its cursor and limit ignored).
    pub fn stats(&self, f: &Filter) -> Result<Stats, StoreError> {
        let f = Filter {
            after: None,
            limit: None,
            ..f.clone()
        };
        let (cond, args) = Self::where_clause(&f);
        // One scan, grouped finely, folded into the four counts here.
        let sql = format!(
            "SELECT coalesce(e.date_start, ''), e.type, coalesce(e.country, ''), coalesce(e.acled_type, ''), e.plover, count(*) FROM {} WHERE 1=1{cond} GROUP BY 1, 2, 3, 4, 5",
            from_of(&f)
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
        let mut day: BTreeMap<String, usize> = BTreeMap::new();
        let (mut kind, mut country, mut acled, mut plover) = (
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
        );
        let mut total = 0;
        while let Some(r) = rows.next()? {
            let n = r.get::<_, i64>(5)? as usize;
            total += n;
            let d: String = r.get(0)?;
            if !d.is_empty() {
                *day.entry(d).or_default() += n;
            }
            *kind.entry(r.get::<_, String>(1)?).or_default() += n;
            *country.entry(r.get::<_, String>(2)?).or_default() += n;
            *acled.entry(r.get::<_, String>(3)?).or_default() += n;
            *plover.entry(r.get::<_, String>(4)?).or_default() += n;
        }
        // Most frequent first, ties by name.
        let ranked = |m: HashMap<String, usize>| {
            let mut v: Vec<(String, usize)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        Ok(Stats {
            total,
            by_day: day.into_iter().collect(),
            by_type: ranked(kind),
            by_country: ranked(country),
            by_acled: ranked(acled),
            by_plover: ranked(plover),
        })
    }

    /// One event by its id.
    pub fn event(&self, id: &str) -> Result<Option<EventRow>, StoreError> {
        let sql = format!("{ROW_SQL} WHERE e.id = ?1");
        let raw = self.conn.query_row(&sql, [id], raw_row).optional()?;
        raw.map(row_of).transpose()
    }

    /// The stored output of one document.
    pub fn document(&self, id: &str) -> Result<Option<Output>, StoreError> {
        let j: Option<String> = self
            .conn
            .query_row(
                "SELECT output_json FROM documents WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match j {
            Some(j) => Some(serde_json::from_str(&j)?),
            None => None,
        })
    }
}

/// The tables a count reads: the documents only when the filter needs
/// their source.
fn from_of(f: &Filter) -> &'static str {
    if f.source.is_some() {
        "events e JOIN documents d ON d.id = e.doc_id"
    } else {
        "events e"
    }
}

/// The columns of `ROW_SQL`, before the event's JSON is parsed.
type RawRow = (
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
);

fn raw_row(r: &rusqlite::Row) -> rusqlite::Result<RawRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn row_of(raw: RawRow) -> Result<EventRow, StoreError> {
    let (doc_id, doc_source, published, ingested_at, notes, json) = raw;
    Ok(EventRow {
        doc_id,
        doc_source,
        published,
        ingested_at,
        notes,
        event: serde_json::from_str(&json)?,
    })
}

fn like(s: &str) -> String {
    let esc = s
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{esc}%")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_core::*;

    fn output(id: &str, kind: &str, actor: &str) -> Output {
        let d = chrono::NaiveDate::from_ymd_opt(2025, 9, 19).unwrap();
        Output {
            schema: SCHEMA.into(),
            document: DocMeta {
                id: id.into(),
                source: Some("wire".into()),
                published: Some(d),
                language: "en".into(),
                url: None,
                title: None,
            },
            text: "x".into(),
            entities: vec![],
            times: vec![],
            places: vec![],
            events: vec![Event {
                id: format!("{id}#e1"),
                kind: kind.into(),
                trigger: kind.into(),
                plover: Plover {
                    category: "ASSAULT".into(),
                    mode: None,
                },
                cameo: "190".into(),
                acled: None,
                date: Some(EventDate {
                    value: "2025-09-19".into(),
                    precision: Precision::Day,
                    start_date: d,
                    end_date: d,
                    text: None,
                    start: None,
                    end: None,
                    basis: "text".into(),
                }),
                location: None,
                actors: vec![ActorRef {
                    role: Role::Actor1,
                    text: actor.into(),
                    start: 0,
                    end: 1,
                    canonical: actor.into(),
                    country: Some("USA".into()),
                    sector: None,
                    affiliation: None,
                    claimed_by: vec![],
                }],
                fatalities: Some(1),
                injuries: None,
                mode: Mode::Asserted,
                claims: vec![],
                disputed: vec![],
                evidence: vec![],
                fields: vec![],
            }],
            warnings: vec![],
        }
    }

    #[test]
    fn ingest_is_idempotent_and_replaces() {
        let mut s = Store::open(":memory:").unwrap();
        assert_eq!(
            s.ingest(&output("a", "raid", "US CENTCOM")).unwrap(),
            Ingested::New
        );
        assert_eq!(
            s.ingest(&output("a", "raid", "US CENTCOM")).unwrap(),
            Ingested::Unchanged
        );
        assert_eq!(s.counts().unwrap(), (1, 1));
        assert_eq!(
            s.ingest(&output("a", "airstrike", "US CENTCOM")).unwrap(),
            Ingested::Replaced
        );
        assert_eq!(s.counts().unwrap(), (1, 1));
        assert_eq!(
            s.query(&Filter::default()).unwrap()[0].event.kind,
            "airstrike"
        );
    }

    #[test]
    fn filters() {
        let mut s = Store::open(":memory:").unwrap();
        s.ingest(&output("a", "raid", "US CENTCOM")).unwrap();
        s.ingest(&output("b", "arrest", "Kenya Police")).unwrap();
        let q = |f: Filter| {
            s.query(&f)
                .unwrap()
                .into_iter()
                .map(|r| r.doc_id)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            q(Filter {
                actor: Some("centcom".into()),
                ..Default::default()
            }),
            vec!["a"]
        );
        assert_eq!(
            q(Filter {
                kind: Some("arrest".into()),
                ..Default::default()
            }),
            vec!["b"]
        );
        assert_eq!(
            q(Filter {
                kind: Some("assault".into()),
                ..Default::default()
            })
            .len(),
            2
        );
        assert_eq!(
            q(Filter {
                country: Some("usa".into()),
                ..Default::default()
            })
            .len(),
            2
        );
        assert!(q(Filter {
            from: Some("2025-09-20".into()),
            ..Default::default()
        })
        .is_empty());
        assert_eq!(
            q(Filter {
                to: Some("2025-09-19".into()),
                source: Some("wir".into()),
                ..Default::default()
            })
            .len(),
            2
        );
        assert!(q(Filter {
            actor: Some("100%_".into()),
            ..Default::default()
        })
        .is_empty());
    }

    #[test]
    fn failed_transaction_keeps_previous_version() {
        let mut s = Store::open(":memory:").unwrap();
        s.ingest(&output("a", "raid", "US CENTCOM")).unwrap();
        // Two events with the same id violate the primary key mid-document.
        let mut bad = output("a", "airstrike", "X");
        bad.events.push(bad.events[0].clone());
        assert!(s.ingest(&bad).is_err());
        let rows = s.query(&Filter::default()).unwrap();
        assert_eq!((rows.len(), rows[0].event.kind.as_str()), (1, "raid"));
    }

    /// `n` documents, each with one event dated `2025-09-(day)` at
    /// (lat, lon) = (day, day) with `day` deaths.
    fn filled(n: u32) -> Store {
        let mut s = Store::open(":memory:").unwrap();
        for day in 1..=n {
            let mut o = output(&format!("d{day:02}"), "raid", "US CENTCOM");
            let d = chrono::NaiveDate::from_ymd_opt(2025, 9, day).unwrap();
            let e = &mut o.events[0];
            let date = e.date.as_mut().unwrap();
            (date.start_date, date.end_date, date.value) = (d, d, d.to_string());
            e.fatalities = Some(day);
            e.location = Some(Place {
                text: "x".into(),
                start: 0,
                end: 1,
                name: "Somewhere".into(),
                geonames_id: None,
                lat: Some(day as f64),
                lon: Some(day as f64),
                country_code: Some("SY".into()),
                admin1: None,
                admin2: None,
                feature: None,
                precision: 1,
                basis: Some("text".into()),
            });
            e.evidence = vec![Evidence { start: 0, end: 1 }];
            s.ingest(&o).unwrap();
        }
        s
    }

    #[test]
    fn pages_follow_the_cursor_without_gaps_or_repeats() {
        let s = filled(7);
        let mut f = Filter {
            limit: Some(3),
            ..Default::default()
        };
        let mut seen = Vec::new();
        loop {
            let page = s.query(&f).unwrap();
            let Some(last) = page.last() else { break };
            f.after = Some(Cursor {
                date_start: last.event.date.as_ref().unwrap().start_date.to_string(),
                id: last.event.id.clone(),
            });
            let token = f.after.as_ref().unwrap().encode();
            assert_eq!(Cursor::decode(&token).as_ref(), f.after.as_ref());
            seen.extend(page.into_iter().map(|r| r.doc_id));
        }
        let want: Vec<String> = (1..=7).map(|d| format!("d{d:02}")).collect();
        assert_eq!(seen, want);
        assert_eq!(s.count(&f).unwrap(), 7, "count ignores the cursor");
        assert!(Cursor::decode("zz").is_none());
        assert!(Cursor::decode("abc").is_none());
    }

    #[test]
    fn bbox_toll_and_stats() {
        let s = filled(9);
        let ids = |f: Filter| -> Vec<String> {
            s.query(&f).unwrap().into_iter().map(|r| r.doc_id).collect()
        };
        assert_eq!(
            ids(Filter {
                bbox: Some([2.5, 2.5, 4.0, 4.0]),
                ..Default::default()
            }),
            vec!["d03", "d04"]
        );
        assert_eq!(
            ids(Filter {
                fatalities_min: Some(8),
                ..Default::default()
            }),
            vec!["d08", "d09"]
        );
        assert_eq!(
            ids(Filter {
                fatalities_max: Some(1),
                ..Default::default()
            }),
            vec!["d01"]
        );
        let st = s
            .stats(&Filter {
                from: Some("2025-09-08".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(st.total, 2);
        assert_eq!(
            st.by_day,
            vec![("2025-09-08".to_string(), 1), ("2025-09-09".to_string(), 1)]
        );
        assert_eq!(st.by_country, vec![("SY".to_string(), 2)]);
        let one = s.event("d05#e1").unwrap().unwrap();
        assert_eq!(
            (one.notes.as_str(), one.doc_source.as_deref()),
            ("x", Some("wire"))
        );
        assert!(s.event("nope").unwrap().is_none());
    }

    #[test]
    fn an_older_store_gains_notes() {
        let dir = std::env::temp_dir().join(format!("sitrep-store-mig-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("old.db");
        let path = path.to_str().unwrap();
        {
            let s = filled(2);
            s.conn
                .execute(&format!("VACUUM INTO '{path}'"), [])
                .unwrap();
        }
        {
            // The store as an older sitrep wrote it: no `notes` column.
            let c = Connection::open(path).unwrap();
            c.execute_batch(
                "DROP INDEX IF EXISTS events_order; ALTER TABLE events DROP COLUMN notes;",
            )
            .unwrap();
        }
        let s = Store::open(path).unwrap();
        let rows = s.query(&Filter::default()).unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows.iter().all(|r| r.notes == "x"));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn an_older_store_gains_incidents() {
        let dir = std::env::temp_dir().join(format!("sitrep-store-inc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("old.db");
        let path = path.to_str().unwrap();
        {
            let s = filled(3);
            s.conn
                .execute(&format!("VACUUM INTO '{path}'"), [])
                .unwrap();
        }
        {
            // The store as sitrep wrote it before incidents.
            let c = Connection::open(path).unwrap();
            c.execute_batch(
                "DROP INDEX events_incident; DROP INDEX events_component;
                 ALTER TABLE events DROP COLUMN incident_id; ALTER TABLE events DROP COLUMN component;
                 ALTER TABLE events DROP COLUMN link_profile;
                 DROP TABLE incidents; DROP TABLE incident_keys; DROP TABLE settings;",
            )
            .unwrap();
        }
        let s = Store::open(path).unwrap();
        let incidents = s.incidents(&Filter::default()).unwrap();
        let reports: usize = incidents.iter().map(|i| i.reports).sum();
        assert_eq!(reports, 3, "{incidents:?}");
        assert_eq!(s.linking(), Some(LinkOptions::default()));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn linking_options_are_remembered_and_a_change_relinks() {
        // Two reports of one raid on one day.
        let mut s = Store::open(":memory:").unwrap();
        s.ingest(&output("a", "raid", "US CENTCOM")).unwrap();
        s.ingest(&output("b", "raid", "US CENTCOM")).unwrap();
        assert_eq!(s.incident_count().unwrap(), 1);
        s.set_linking(None).unwrap();
        assert_eq!(s.incident_count().unwrap(), 2);
        assert_eq!(s.linking(), None);
        s.set_linking(Some(LinkOptions::default())).unwrap();
        assert_eq!(s.incident_count().unwrap(), 1);
        let i = &s.incidents(&Filter::default()).unwrap()[0];
        assert_eq!((i.reports, i.id.as_str()), (2, "inc:a#e1"));
    }

    #[test]
    fn bbox_is_checked() {
        assert_eq!(
            parse_bbox("-10,5.5,20,30").unwrap(),
            [-10.0, 5.5, 20.0, 30.0]
        );
        assert!(parse_bbox("1,2,3").is_err());
        assert!(parse_bbox("1,2,3,x").is_err());
        assert!(parse_bbox("10,0,5,1").is_err());
        assert!(parse_bbox("0,0,200,1").is_err());
        assert!(parse_bbox("NaN,0,1,1").is_err());
    }
}
