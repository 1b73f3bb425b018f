//! Versioned schema migrations, the same for both backends.
//!
//! `settings.schema_version` holds the version a store is at. On open,
//! each step above it runs in its own transaction together with the
//! version it brings the store to, so a store is always at one version.
//! A SQLite file written before versions were recorded is read off its
//! columns (see `sqlite::legacy_version`).
//!
//! | version | what it adds |
//! |---|---|
//! | 1 | `documents`, `events`, `event_actors` |
//! | 2 | `events.notes` (the evidence sentences), filled from each document |
//! | 3 | incidents: `events.incident_id/component/link_profile`, `incidents`, `incident_keys`; every stored event linked |
//! | 4 | every stored event linked again (link profiles now carry the story's names and what an event hit) |

use crate::db::{args, texts, Db, Dialect};
use crate::{incidents, notes_of, StoreError};
use sitrep_core::Output;

/// The schema version this sitrep writes.
pub const VERSION: i64 = 4;

pub(crate) const SETTINGS_SQL: &str =
    "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)";

fn v1(d: Dialect) -> String {
    let (int, real) = (d.int(), d.real());
    let seq = match d {
        Dialect::Sqlite => "",
        Dialect::Postgres => "seq BIGSERIAL,",
    };
    format!(
        "
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    {seq}
    source TEXT,
    published TEXT,
    url TEXT,
    language TEXT,
    output_json TEXT NOT NULL,
    ingested_at TEXT NOT NULL
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
    lat {real},
    lon {real},
    geo_precision {int},
    fatalities {int},
    injuries {int},
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
"
    )
}

fn v3(d: Dialect) -> String {
    let int = d.int();
    format!(
        "
ALTER TABLE events ADD COLUMN incident_id TEXT;
ALTER TABLE events ADD COLUMN component TEXT;
ALTER TABLE events ADD COLUMN link_profile TEXT;
CREATE TABLE IF NOT EXISTS incidents (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    plover TEXT NOT NULL,
    acled_type TEXT,
    date_start TEXT,
    date_end TEXT,
    country TEXT,
    fatalities {int},
    reports {int} NOT NULL,
    sources {int} NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS incident_keys (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    day {int} NOT NULL,
    cell TEXT NOT NULL
);
"
    )
}

/// Indexes, created (if missing) after every migration.
const INDEX_SQL: &str = "
CREATE INDEX IF NOT EXISTS events_order ON events((coalesce(date_start, '')), id);
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
CREATE INDEX IF NOT EXISTS incidents_order ON incidents((coalesce(date_start, '')), id);
";

/// The version a store records (`None`: it records none).
pub(crate) fn recorded(db: &mut dyn Db) -> Result<Option<i64>, StoreError> {
    Ok(texts(
        db,
        "SELECT value FROM settings WHERE key = 'schema_version'",
        &[],
    )?
    .first()
    .and_then(|v| v.parse().ok()))
}

pub(crate) fn set_version(db: &mut dyn Db, v: i64) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO settings (key, value) VALUES ('schema_version', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        args![v.to_string()],
    )?;
    Ok(())
}

/// Runs migration step `to` (from `to - 1`), inside the caller's
/// transaction.
pub(crate) fn step(db: &mut dyn Db, to: i64) -> Result<(), StoreError> {
    let d = db.dialect();
    match to {
        1 => db.batch(&v1(d))?,
        2 => {
            db.batch("ALTER TABLE events ADD COLUMN notes TEXT")?;
            let docs = texts(db, "SELECT output_json FROM documents", &[])?;
            for json in docs {
                let out: Output = serde_json::from_str(&json)?;
                for e in &out.events {
                    db.exec(
                        "UPDATE events SET notes = ?1 WHERE id = ?2",
                        args![notes_of(&out, e), &e.id],
                    )?;
                }
            }
        }
        3 => {
            db.batch(&v3(d))?;
            db.batch(INDEX_SQL)?;
            // Step 4 links what is stored.
        }
        4 => {
            // Link what is stored, with the options the store is opened
            // with. Profiles are read back when components are regrouped,
            // so every event gets one of this version's (the story's
            // names, what it hit): no two documents linked by different
            // rules.
            let link = incidents::stored_linking(db)?;
            incidents::relink_all(db, link.as_ref())?;
        }
        _ => return Err(StoreError::Invalid(format!("no migration to version {to}"))),
    }
    set_version(db, to)?;
    Ok(())
}

pub(crate) fn indexes(db: &mut dyn Db) -> Result<(), StoreError> {
    db.batch(INDEX_SQL)
}
