//! # sitrep-store: coded documents, events and incidents, in SQLite or PostgreSQL
//!
//! Two backends with one behaviour: a SQLite file (or `:memory:`), the
//! embedded default, and a PostgreSQL database (`postgres://…`) that
//! several workers and readers share. Everything the store does is written
//! once against one interface (`db::Db`), in SQL both accept; the tests
//! run the same suite on both.
//!
//! Tables: `documents` (metadata and the whole `sitrep/1` output),
//! `events` (one row per event, flattened for filtering, plus its JSON),
//! `event_actors`, `incidents` and `incident_keys` (see the incidents
//! module), `settings` (schema version, link options). Ingestion is
//! idempotent (the same output twice changes nothing) and transactional (a
//! document's rows, and the incidents they change, are replaced in one
//! transaction: a crash or an error leaves the previous version intact).
//! Migrations are versioned (`schema`) and applied on open.

mod db;
mod incidents;
mod pg;
pub mod schema;
mod sqlite;
#[doc(hidden)]
pub mod testkit;

use db::{args, int, one, texts, Db, Value};
use sitrep_core::{Event, Output};
pub use sitrep_incidents::LinkOptions;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

/// Store errors.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("PostgreSQL: {}", pg::message(.0))]
    Pg(::postgres::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("{0}")]
    Invalid(String),
}

impl From<::postgres::Error> for StoreError {
    fn from(e: ::postgres::Error) -> StoreError {
        StoreError::Pg(e)
    }
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

/// Whether `db` names a PostgreSQL database (`postgres://` or
/// `postgresql://`) rather than a SQLite file.
pub fn is_url(db: &str) -> bool {
    pg::is_url(db)
}

/// `db` as it may be shown: a URL's password replaced by `***`.
pub fn redact(db: &str) -> String {
    if !is_url(db) {
        return db.to_string();
    }
    let Some((scheme, rest)) = db.split_once("://") else {
        return db.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) if user.contains(':') => {
            let name = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{name}:***@{host}")
        }
        _ => db.to_string(),
    }
}

/// A connection of either backend.
enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Box<pg::Pg>),
}

impl Conn {
    fn db(&mut self) -> &mut dyn Db {
        match self {
            Conn::Sqlite(c) => c,
            Conn::Postgres(p) => p.as_mut(),
        }
    }
}

/// Write transactions run again in this process (PostgreSQL aborted them
/// to keep concurrent writers serializable, or lost the connection).
static RETRIES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many write transactions this process has had to run again (see
/// `Store::write`): a measure of contention between workers.
pub fn retried_transactions() -> u64 {
    RETRIES.load(std::sync::atomic::Ordering::Relaxed)
}

/// How many times a write transaction that PostgreSQL aborted (a
/// serialization failure, a deadlock, a lost connection) is run again.
const WRITE_TRIES: u32 = 60;

/// How long a lost PostgreSQL connection is tried again before giving up.
const RECONNECT_PATIENCE: std::time::Duration = std::time::Duration::from_secs(60);

/// A sitrep database: a SQLite file (the embedded default) or a
/// PostgreSQL database (`postgres://…`), with the same behaviour.
pub struct Store {
    conn: RefCell<Conn>,
    /// How events are linked into incidents; `None`: each event is its own.
    link: Option<LinkOptions>,
}

impl Store {
    /// Opens (creating if needed) a store: a SQLite file, `":memory:"` for
    /// a throwaway one, or a `postgres://user@host:port/database` URL.
    /// Brings its schema up to this sitrep's version first.
    pub fn open(path: &str) -> Result<Store, StoreError> {
        let conn = if pg::is_url(path) {
            Conn::Postgres(Box::new(pg::Pg::connect(path)?))
        } else {
            Conn::Sqlite(sqlite::open(path)?)
        };
        let mut store = Store {
            conn: RefCell::new(conn),
            link: Some(LinkOptions::default()),
        };
        // A store at this version is opened without a write (a reader
        // never waits for a writer's lock).
        let at = store.read(|db| Ok(schema::recorded(db).ok().flatten()))?;
        if at != Some(schema::VERSION) {
            store.migrate()?;
        }
        store.link = match store.read(incidents::recorded_linking)? {
            Some(link) => link,
            None => store.write(incidents::stored_linking)?,
        };
        Ok(store)
    }

    /// Which backend the store is on: "sqlite" or "postgres".
    pub fn backend(&self) -> &'static str {
        match &*self.conn.borrow() {
            Conn::Sqlite(_) => "sqlite",
            Conn::Postgres(_) => "postgres",
        }
    }

    /// The schema version the store is at (see [`schema::VERSION`]).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.read(|db| Ok(schema::recorded(db)?.unwrap_or(0)))
    }

    /// Applies every migration step above the store's version, each in its
    /// own transaction (on PostgreSQL under a session advisory lock, so
    /// that workers starting together migrate once).
    fn migrate(&mut self) -> Result<(), StoreError> {
        let legacy = match &mut *self.conn.borrow_mut() {
            Conn::Sqlite(c) => {
                c.execute_batch(schema::SETTINGS_SQL)?;
                Some(sqlite::legacy_version(c)?)
            }
            Conn::Postgres(p) => {
                // Held for the whole migration, outside its transactions
                // (whose snapshots would predate another worker's commit):
                // workers starting together migrate one after the other.
                p.batch("SELECT pg_advisory_lock(7438121)")?;
                p.batch(schema::SETTINGS_SQL)?;
                None
            }
        };
        let r = self.migrate_steps(legacy);
        if let Conn::Postgres(p) = self.conn.get_mut() {
            p.batch("SELECT pg_advisory_unlock(7438121)")?;
        }
        r
    }

    fn migrate_steps(&mut self, legacy: Option<i64>) -> Result<(), StoreError> {
        loop {
            let done = self.write(|db| {
                let at = match schema::recorded(db)? {
                    Some(v) => v,
                    None => legacy.unwrap_or(0),
                };
                if at > schema::VERSION {
                    return Err(StoreError::Invalid(format!(
                        "the store is at schema version {at}, newer than this sitrep's {}: upgrade sitrep",
                        schema::VERSION
                    )));
                }
                if at == schema::VERSION {
                    schema::set_version(db, at)?;
                    schema::indexes(db)?;
                    return Ok(true);
                }
                schema::step(db, at + 1)?;
                Ok(false)
            })?;
            if done {
                return Ok(());
            }
        }
    }

    /// Runs `f` on the connection, outside a transaction (one statement
    /// sees one state of the store).
    fn read<T>(
        &self,
        f: impl FnOnce(&mut dyn Db) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self.conn.borrow_mut();
        if let Conn::Postgres(p) = &mut *conn {
            if p.is_closed() {
                p.reconnect(RECONNECT_PATIENCE)?;
            }
        }
        f(conn.db())
    }

    /// Runs `f` in one write transaction: all of it is stored or none. On
    /// PostgreSQL the transaction is `SERIALIZABLE`, and one that the
    /// server aborts to keep concurrent writers serializable (or that
    /// loses its connection) is run again from the start.
    fn write<T>(
        &mut self,
        mut f: impl FnMut(&mut dyn Db) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let conn = self.conn.get_mut();
        let mut tries = 0;
        loop {
            tries += 1;
            if let Conn::Postgres(p) = conn {
                if p.is_closed() {
                    p.reconnect(RECONNECT_PATIENCE)?;
                }
            }
            let begin = match conn {
                Conn::Sqlite(_) => "BEGIN IMMEDIATE",
                Conn::Postgres(_) => "BEGIN ISOLATION LEVEL SERIALIZABLE",
            };
            let db = conn.db();
            let r = db
                .batch(begin)
                .and_then(|()| f(db))
                .and_then(|v| db.batch("COMMIT").map(|()| v));
            let e = match r {
                Ok(v) => return Ok(v),
                Err(e) => e,
            };
            let lost = matches!(conn, Conn::Postgres(p) if p.is_closed());
            if !lost {
                // Nothing to undo when the failure was COMMIT itself.
                let _ = conn.db().batch("ROLLBACK");
            }
            if tries >= WRITE_TRIES || !(lost || pg::retryable(&e)) {
                return Err(e);
            }
            RETRIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if lost {
                tracing::warn!(
                    "PostgreSQL connection lost ({e}); reconnecting to run the transaction again"
                );
            }
            // A short pause that grows, with jitter, so that the writers
            // that collided do not collide again.
            let jitter = u64::from(std::process::id() ^ tries.wrapping_mul(2_654_435_761)) % 7;
            std::thread::sleep(std::time::Duration::from_millis(
                (u64::from(tries.min(10)) * 3) + jitter,
            ));
        }
    }

    /// Stores one coded document, replacing its previous version.
    pub fn ingest(&mut self, out: &Output) -> Result<Ingested, StoreError> {
        Ok(self.ingest_all(std::slice::from_ref(out))?[0])
    }

    /// Stores several coded documents in one transaction: all of them or
    /// none (a worker acknowledges its batch only after this returns).
    /// What each ingest did, in order.
    pub fn ingest_all(&mut self, outs: &[Output]) -> Result<Vec<Ingested>, StoreError> {
        let mut jsons = Vec::with_capacity(outs.len());
        for out in outs {
            if out.document.id.is_empty() {
                return Err(StoreError::Invalid("document has an empty id".into()));
            }
            jsons.push(serde_json::to_string(out)?);
        }
        let link = self.link;
        let now = now_utc();
        self.write(|db| {
            outs.iter()
                .zip(&jsons)
                .map(|(out, json)| ingest_in(db, out, json, link.as_ref(), &now))
                .collect()
        })
    }

    /// A value that changes whenever the stored documents change (the
    /// highest document row id and the number of documents: a replaced
    /// document is deleted and inserted again, so it gets a new row id),
    /// whoever wrote them; for caches of counts and stats.
    pub fn version(&self) -> Result<(i64, i64), StoreError> {
        self.read(|db| {
            let seq = db.dialect().doc_seq();
            let r = one(
                db,
                &format!("SELECT coalesce(max({seq}), 0), count(*) FROM documents"),
                &[],
            )?
            .unwrap_or_default();
            let get = |i: usize| r.get(i).and_then(Value::int).unwrap_or(0);
            Ok((get(0), get(1)))
        })
    }

    /// Number of documents and events stored.
    pub fn counts(&self) -> Result<(usize, usize), StoreError> {
        self.read(|db| {
            let d = int(db, "SELECT count(*) FROM documents", &[])?;
            let e = int(db, "SELECT count(*) FROM events", &[])?;
            Ok((d as usize, e as usize))
        })
    }

    /// The `WHERE` clause (from `AND …` on) and its bound values for `f`;
    /// every value is a bound parameter, never spliced into the SQL.
    fn where_clause(f: &Filter) -> (String, Vec<Value>) {
        let mut sql = String::new();
        let mut args: Vec<Value> = Vec::new();
        // Binds a value and returns its numbered placeholder.
        let mut bind = |v: Value| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(a) = &f.actor {
            let p = bind(Value::Text(like(a).to_lowercase()));
            sql += &format!(" AND EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND (lower(x.canonical) LIKE {p} ESCAPE '\\' OR lower(x.text) LIKE {p} ESCAPE '\\'))");
        }
        if let Some(k) = &f.kind {
            let lo = bind(Value::Text(k.to_lowercase()));
            let up = bind(Value::Text(k.to_uppercase()));
            sql += &format!(" AND (lower(e.type) = {lo} OR upper(e.plover) = {up})");
        }
        if let Some(c) = &f.country {
            let p = bind(Value::Text(c.to_uppercase()));
            sql += &format!(" AND (upper(e.country) = {p} OR EXISTS (SELECT 1 FROM event_actors y WHERE y.event_id = e.id AND upper(y.country) = {p}))");
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
            let p = bind(Value::Text(like(s).to_lowercase()));
            sql += &format!(
                " AND (lower(d.source) LIKE {p} ESCAPE '\\' OR lower(e.sources) LIKE {p} ESCAPE '\\')"
            );
        }
        if let Some(a) = &f.acled {
            let p = bind(Value::Text(a.to_lowercase()));
            sql += &format!(" AND (lower(e.acled_type) = {p} OR lower(e.acled_sub_type) = {p})");
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
            let p = bind(Value::Int(m.into()));
            sql += &format!(" AND e.fatalities >= {p}");
        }
        if let Some(m) = f.fatalities_max {
            let p = bind(Value::Int(m.into()));
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
        let mut n = 0;
        self.read(|db| {
            db.each(&sql, &args, &mut |r| {
                each(row_of(r)?)?;
                n += 1;
                Ok(())
            })
        })?;
        Ok(n)
    }

    /// Number of events matching `f` (its cursor and limit ignored).
    pub fn count(&self, f: &Filter) -> Result<usize, StoreError> {
        let (from, args) = matching(f);
        let sql = format!("SELECT count(*) {from}");
        self.read(|db| Ok(int(db, &sql, &args)? as usize))
    }

    /// Counts by day, type, country and ACLED type of the events matching
    /// `f` (its cursor and limit ignored).
    pub fn stats(&self, f: &Filter) -> Result<Stats, StoreError> {
        let (from, args) = matching(f);
        // One scan, grouped finely, folded into the four counts here.
        let sql = format!(
            "SELECT coalesce(e.date_start, ''), e.type, coalesce(e.country, ''), coalesce(e.acled_type, ''), e.plover, count(*) {from} GROUP BY 1, 2, 3, 4, 5"
        );
        let mut day: BTreeMap<String, usize> = BTreeMap::new();
        let (mut kind, mut country, mut acled, mut plover) = (
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
            HashMap::new(),
        );
        let mut total = 0;
        self.read(|db| {
            db.each(&sql, &args, &mut |r| {
                let n = r[5].int().unwrap_or(0) as usize;
                total += n;
                let d = r[0].string()?;
                if !d.is_empty() {
                    *day.entry(d).or_default() += n;
                }
                *kind.entry(r[1].string()?).or_default() += n;
                *country.entry(r[2].string()?).or_default() += n;
                *acled.entry(r[3].string()?).or_default() += n;
                *plover.entry(r[4].string()?).or_default() += n;
                Ok(())
            })
        })?;
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
        self.read(|db| one(db, &sql, args![id])?.map(|r| row_of(&r)).transpose())
    }

    /// The stored output of one document.
    pub fn document(&self, id: &str) -> Result<Option<Output>, StoreError> {
        let j = self.read(|db| {
            texts(
                db,
                "SELECT output_json FROM documents WHERE id = ?1",
                args![id],
            )
        })?;
        Ok(match j.first() {
            Some(j) => Some(serde_json::from_str(j)?),
            None => None,
        })
    }
}

/// Now, as `YYYY-MM-DDTHH:MM:SSZ` (UTC).
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// Stores one document inside the caller's transaction.
fn ingest_in(
    db: &mut dyn Db,
    out: &Output,
    json: &str,
    link: Option<&LinkOptions>,
    now: &str,
) -> Result<Ingested, StoreError> {
    let doc = &out.document;
    let old = texts(
        db,
        "SELECT output_json FROM documents WHERE id = ?1",
        args![&doc.id],
    )?;
    if old.first().map(String::as_str) == Some(json) {
        return Ok(Ingested::Unchanged);
    }
    let touched = incidents::touched(db, &doc.id)?;
    db.exec("DELETE FROM documents WHERE id = ?1", args![&doc.id])?;
    db.exec(
        "INSERT INTO documents (id, source, published, url, language, output_json, ingested_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        args![
            &doc.id,
            doc.source.clone(),
            doc.published.map(|d| d.to_string()),
            doc.url.clone(),
            &doc.language,
            json,
            now
        ],
    )?;
    for e in &out.events {
        let loc = e.location.as_ref();
        let sources: Vec<&str> = e.claims.iter().map(|c| c.source.as_str()).collect();
        let precision = e.date.as_ref().map(|d| d.precision.as_str());
        let mode = serde_json::to_value(e.mode)?
            .as_str()
            .unwrap_or("")
            .to_string();
        db.exec(
            "INSERT INTO events (id, doc_id, type, plover, cameo, acled_type, acled_sub_type, date, date_start, date_end, precision, country, location, lat, lon, geo_precision, fatalities, injuries, mode, sources, json, notes)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
            args![
                &e.id,
                &doc.id,
                &e.kind,
                &e.plover.category,
                &e.cameo,
                e.acled.as_ref().map(|a| a.event_type.clone()),
                e.acled.as_ref().map(|a| a.sub_event_type.clone()),
                e.date.as_ref().map(|d| d.value.clone()),
                e.date.as_ref().map(|d| d.start_date.to_string()),
                e.date.as_ref().map(|d| d.end_date.to_string()),
                precision,
                loc.and_then(|l| l.country_code.clone()),
                loc.map(|l| l.name.clone()),
                loc.and_then(|l| l.lat),
                loc.and_then(|l| l.lon),
                loc.map(|l| l.precision),
                e.fatalities,
                e.injuries,
                mode,
                sources.join("; "),
                serde_json::to_string(e)?,
                notes_of(out, e),
            ],
        )?;
        for a in &e.actors {
            db.exec(
                "INSERT INTO event_actors (event_id, role, text, canonical, country, sector) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                args![&e.id, a.role.as_str(), &a.text, &a.canonical, a.country.clone(), a.sector.clone()],
            )?;
        }
    }
    incidents::link(db, link, Some(out), touched)?;
    Ok(if old.is_empty() {
        Ingested::New
    } else {
        Ingested::Replaced
    })
}

/// The tables a count reads: the documents only when the filter needs
/// their source.
/// The events `f` selects, its cursor and limit ignored: `FROM … WHERE …`
/// and the arguments it binds.
fn matching(f: &Filter) -> (String, Vec<Value>) {
    let f = Filter {
        after: None,
        limit: None,
        ..f.clone()
    };
    let (cond, args) = Store::where_clause(&f);
    (format!("FROM {} WHERE 1=1{cond}", from_of(&f)), args)
}

fn from_of(f: &Filter) -> &'static str {
    if f.source.is_some() {
        "events e JOIN documents d ON d.id = e.doc_id"
    } else {
        "events e"
    }
}

/// An [`EventRow`] from the columns of `ROW_SQL`.
fn row_of(r: &[Value]) -> Result<EventRow, StoreError> {
    Ok(EventRow {
        doc_id: r[0].string()?,
        doc_source: r[1].text(),
        published: r[2].text(),
        ingested_at: r[3].string()?,
        notes: r[4].text().unwrap_or_default(),
        event: serde_json::from_str(&r[5].string()?)?,
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
mod tests;
