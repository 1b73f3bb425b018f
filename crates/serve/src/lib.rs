//! # sitrep-serve: the HTTP API and the web map over a store
//!
//! `sitrep serve` runs [`run`]: an axum server over one SQLite store.
//!
//! - **Reading** (`api`): `GET /api/events` (the filters of `sitrep query`,
//!   a bounding box, a toll range, keyset paging), `GET /api/events/{id}`
//!   (the record with its evidence sentences and the spans that filled each
//!   field), `GET /api/documents/{id}`, `GET /api/stats` (counts by day,
//!   type, country, ACLED type), `GET /api/export` (what the same filters
//!   select, streamed as ACLED CSV, GeoJSON, Parquet or JSON Lines).
//! - **Writing**: `POST /api/documents` (one JSON document or JSON Lines),
//!   coded and stored idempotently, each document in its own transaction;
//!   only with a bearer token configured (else the server is read-only).
//! - **Describing itself**: `/openapi.json` (utoipa), `/healthz`,
//!   `/metrics` (Prometheus text).
//! - **The map** (`assets`): `/` serves an offline page (Leaflet and the
//!   Natural Earth basemap are embedded in the binary; nothing is fetched
//!   from elsewhere).
//!
//! Reads run on a small pool of SQLite connections (WAL: readers never wait
//! for the writer); writes go through one connection. Every request is
//! logged through `tracing` and counted for `/metrics`. On SIGTERM or
//! Ctrl-C the server stops accepting, refuses new writes with 503, and
//! lets in-flight requests finish; a document is stored whole or not at
//! all (the store's transaction per document).

pub mod api;
pub mod assets;
pub mod basemap;
pub mod error;
pub mod metrics;
pub mod params;

use error::ApiError;
use sitrep_store::Store;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// How the server is set up.
#[derive(Clone, Debug)]
pub struct Config {
    /// The store: a SQLite file (created if missing) or a `postgres://` URL.
    pub db: String,
    /// The address to listen on.
    pub addr: String,
    /// The bearer token writes need; `None`: the server is read-only.
    pub token: Option<String>,
    /// The largest request body accepted, in bytes.
    pub max_body_bytes: usize,
}

/// A few SQLite connections for reads, opened on demand and reused.
pub struct Pool {
    path: String,
    idle: Mutex<Vec<Store>>,
}

impl Pool {
    pub fn new(path: &str) -> Pool {
        Pool {
            path: path.to_string(),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// Runs `f` on a connection (blocking: call inside `spawn_blocking`).
    pub fn with<T>(&self, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let conn = self.idle.lock().ok().and_then(|mut v| v.pop());
        let conn = match conn {
            Some(c) => c,
            None => Store::open(&self.path)?,
        };
        let r = f(&conn);
        if let Ok(mut v) = self.idle.lock() {
            if v.len() < 32 {
                v.push(conn);
            }
        }
        r
    }
}

/// What every handler shares.
pub struct AppState {
    pub pool: Pool,
    /// The one connection that writes, with the pipeline that codes.
    pub writer: Option<Writer>,
    pub token: Option<String>,
    pub metrics: metrics::Metrics,
    pub shutting_down: AtomicBool,
    /// Counts and stats by filter, with the store version they were
    /// computed at (`Store::version`): a write by anyone makes them stale.
    cache: Mutex<HashMap<String, Cached>>,
}

/// A cached count or stats value.
#[derive(Clone)]
struct Cached {
    version: (i64, i64),
    at: std::time::Instant,
    value: serde_json::Value,
    /// Someone is computing a fresh value now.
    computing: bool,
}

/// Entries the count and stats cache holds before it starts afresh.
const CACHE_ENTRIES: usize = 512;

/// How long a value computed before the last write may still be served
/// while one request computes the fresh one (counts and the timeline may
/// lag a write by this much; the events themselves never do).
const STALE_FOR: std::time::Duration = std::time::Duration::from_secs(5);

impl AppState {
    /// `compute`'s value for `key` at the store's current version, from
    /// the cache when it is there (blocking). While a write has made it
    /// stale, one caller recomputes it and the others get the stale value,
    /// for at most `STALE_FOR`.
    pub fn cached(
        &self,
        store: &Store,
        key: String,
        compute: impl FnOnce(&Store) -> Result<serde_json::Value, ApiError>,
    ) -> Result<serde_json::Value, ApiError> {
        let version = store.version()?;
        {
            let mut c = self.cache.lock().map_err(ApiError::internal)?;
            if let Some(e) = c.get_mut(&key) {
                if e.version == version {
                    return Ok(e.value.clone());
                }
                if e.at.elapsed() < STALE_FOR {
                    if e.computing {
                        return Ok(e.value.clone());
                    }
                    e.computing = true;
                }
            }
        }
        let value = compute(store);
        let mut c = self.cache.lock().map_err(ApiError::internal)?;
        match value {
            Ok(value) => {
                if c.len() >= CACHE_ENTRIES {
                    c.clear();
                }
                c.insert(
                    key,
                    Cached {
                        version,
                        at: std::time::Instant::now(),
                        value: value.clone(),
                        computing: false,
                    },
                );
                Ok(value)
            }
            Err(e) => {
                if let Some(x) = c.get_mut(&key) {
                    x.computing = false;
                }
                Err(e)
            }
        }
    }
}

/// The write side: a connection and the coding pipeline.
pub struct Writer {
    pub store: Mutex<Store>,
    pub pipeline: sitrep_pipeline::Pipeline,
}

impl AppState {
    /// Opens the store; with a token, also the writer and the pipeline.
    pub fn open(db: &str, token: Option<String>) -> Result<Arc<AppState>, String> {
        let first = Store::open(db).map_err(|e| format!("{}: {e}", sitrep_store::redact(db)))?;
        let writer = match &token {
            Some(_) => Some(Writer {
                store: Mutex::new(first),
                pipeline: sitrep_pipeline::Pipeline::new()?,
            }),
            None => None,
        };
        Ok(Arc::new(AppState {
            pool: Pool::new(db),
            writer,
            token,
            metrics: metrics::Metrics::default(),
            shutting_down: AtomicBool::new(false),
            cache: Mutex::new(HashMap::new()),
        }))
    }

    /// Whether writes are accepted.
    pub fn writable(&self) -> bool {
        self.writer.is_some() && !self.shutting_down.load(Ordering::SeqCst)
    }
}

/// Store work that may run at once: more only makes SQLite's readers
/// contend for the cores and memory, so further requests wait their turn.
fn db_slots() -> &'static tokio::sync::Semaphore {
    static S: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new((2 * cores).max(4))
    })
}

/// Runs `f` on the blocking pool, once a store slot is free.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let permit = db_slots().acquire().await.map_err(ApiError::internal)?;
    let r = tokio::task::spawn_blocking(f)
        .await
        .map_err(ApiError::internal)?;
    drop(permit);
    r
}

/// The example dispatch that ships with sitrep, stored into an empty store
/// so that a fresh clone's map shows something.
pub const EXAMPLE: &str = include_str!("../../../examples/dispatch.txt");

/// Codes the example dispatch into `db` if the store holds no document.
/// Returns how many events it stored (0 when the store was not empty).
pub fn seed_example(db: &str) -> Result<usize, String> {
    let mut store = Store::open(db).map_err(|e| e.to_string())?;
    if store.counts().map_err(|e| e.to_string())?.0 > 0 {
        return Ok(0);
    }
    let pipeline = sitrep_pipeline::Pipeline::new()?;
    let doc = sitrep_core::Document {
        id: "example-dispatch".into(),
        source: Some("sitrep example dispatch".into()),
        published: chrono::NaiveDate::from_ymd_opt(2024, 3, 15),
        language: "en".into(),
        url: None,
        title: None,
        text: EXAMPLE.to_string(),
    };
    let out = pipeline.run(&doc, vec![]);
    let n = out.events.len();
    store.ingest(&out).map_err(|e| e.to_string())?;
    Ok(n)
}

/// Serves until SIGTERM or Ctrl-C, then drains in-flight requests.
pub async fn run(config: Config) -> Result<(), String> {
    // Opened on the blocking pool: a PostgreSQL store's client blocks.
    let (db, token) = (config.db.clone(), config.token.clone());
    let state = tokio::task::spawn_blocking(move || AppState::open(&db, token))
        .await
        .map_err(|e| e.to_string())??;
    let app = api::router(state.clone(), config.max_body_bytes);
    let listener = tokio::net::TcpListener::bind(&config.addr)
        .await
        .map_err(|e| format!("{}: {e}", config.addr))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    if state.writer.is_some() {
        tracing::info!("writes accepted with the bearer token (POST /api/documents)");
    } else {
        eprintln!("read-only: no token configured (set SITREP_TOKEN or --token-file to accept POST /api/documents)");
    }
    eprintln!("sitrep serve: http://{addr}/ (the map), http://{addr}/openapi.json (the API); Ctrl-C to stop");
    let st = state.clone();
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            st.shutting_down.store(true, Ordering::SeqCst);
            eprintln!("shutting down: finishing requests in flight");
        })
        .await
        .map_err(|e| e.to_string())?;
    eprintln!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
