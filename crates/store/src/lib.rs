//! # sitrep-store: coded documents and events in SQLite
//!
//! One file (or `:memory:`), three tables: `documents` (metadata and the
//! whole `sitrep/1` output), `events` (one row per event, flattened for
//! filtering, plus its JSON) and `event_actors`. Ingestion is idempotent
//! (the same output twice changes nothing) and transactional (a document's
//! rows are replaced in one transaction: a crash or an error leaves the
//! previous version intact).

use rusqlite::{params, Connection, OptionalExtension};
use sitrep_core::{Event, Output};

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
    pub limit: Option<usize>,
}

/// An event row as returned by queries.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub doc_id: String,
    pub event: Event,
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
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    canonical TEXT NOT NULL,
    country TEXT,
    sector TEXT
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_id);
CREATE INDEX IF NOT EXISTS events_date ON events(date_start, date_end);
CREATE INDEX IF NOT EXISTS actors_event ON event_actors(event_id);
CREATE INDEX IF NOT EXISTS actors_canonical ON event_actors(canonical);
";

/// A sitrep database.
pub struct Store {
    conn: Connection,
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
        Ok(Store { conn })
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
        tx.execute("DELETE FROM documents WHERE id = ?1", [&doc.id])?;
        tx.execute(
            "INSERT INTO documents (id, source, published, url, language, output_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![doc.id, doc.source, doc.published.map(|d| d.to_string()), doc.url, doc.language, json],
        )?;
        {
            let mut ev_stmt = tx.prepare(
                "INSERT INTO events (id, doc_id, type, plover, cameo, acled_type, acled_sub_type, date, date_start, date_end, precision, country, location, lat, lon, geo_precision, fatalities, injuries, mode, sources, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
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
        tx.commit()?;
        Ok(if old.is_some() {
            Ingested::Replaced
        } else {
            Ingested::New
        })
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

    /// Events matching `f`, ordered by date then id.
    pub fn query(&self, f: &Filter) -> Result<Vec<EventRow>, StoreError> {
        let mut sql = String::from(
            "SELECT e.doc_id, e.json FROM events e JOIN documents d ON d.id = e.doc_id WHERE 1=1",
        );
        let mut args: Vec<String> = Vec::new();
        // Binds a value and returns its numbered placeholder.
        let mut bind = |v: String| {
            args.push(v);
            format!("?{}", args.len())
        };
        if let Some(a) = &f.actor {
            let p = bind(like(a));
            sql += &format!(" AND EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND (x.canonical LIKE {p} ESCAPE '\\' OR x.text LIKE {p} ESCAPE '\\'))");
        }
        if let Some(k) = &f.kind {
            let p = bind(k.clone());
            sql += &format!(" AND (lower(e.type) = lower({p}) OR upper(e.plover) = upper({p}))");
        }
        if let Some(c) = &f.country {
            let p = bind(c.clone());
            sql += &format!(" AND (upper(e.country) = upper({p}) OR EXISTS (SELECT 1 FROM event_actors y WHERE y.event_id = e.id AND upper(y.country) = upper({p})))");
        }
        if let Some(d) = &f.from {
            let p = bind(d.clone());
            sql += &format!(" AND e.date_end >= {p}");
        }
        if let Some(d) = &f.to {
            let p = bind(d.clone());
            sql += &format!(" AND e.date_start <= {p}");
        }
        if let Some(s) = &f.source {
            let p = bind(like(s));
            sql +=
                &format!(" AND (d.source LIKE {p} ESCAPE '\\' OR e.sources LIKE {p} ESCAPE '\\')");
        }
        sql.push_str(" ORDER BY e.date_start, e.id");
        if let Some(l) = f.limit {
            sql.push_str(&format!(" LIMIT {l}"));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for r in rows {
            let (doc_id, json) = r?;
            out.push(EventRow {
                doc_id,
                event: serde_json::from_str(&json)?,
            });
        }
        Ok(out)
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
}
