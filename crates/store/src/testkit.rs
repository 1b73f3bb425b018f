//! Throwaway stores for tests, on either backend.
//!
//! A SQLite store is a file in a fresh temporary folder. A PostgreSQL
//! store is a fresh schema in the database `SITREP_TEST_POSTGRES` names
//! (default `postgres://postgres@127.0.0.1:5432/test`), reached through a
//! URL that sets `search_path` to it; the schema is dropped when the
//! [`TestDb`] is. Where no PostgreSQL server answers, [`TestDb::new`]
//! returns `None` after saying so on stderr, unless
//! `SITREP_REQUIRE_SERVICES` is set (as `.ci/run` sets it): then it panics.
//! [`nats_url`] does the same for a NATS server with JetStream.

use std::sync::atomic::{AtomicU32, Ordering};

/// The backends a test can run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL database tests use.
pub fn postgres_base() -> String {
    std::env::var("SITREP_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

/// Whether tests must fail, rather than skip, when a service is missing.
pub fn required() -> bool {
    std::env::var_os("SITREP_REQUIRE_SERVICES").is_some()
}

/// The NATS server tests use (`SITREP_TEST_NATS`, default
/// `nats://127.0.0.1:4222`); `None` (with a message) when none answers.
pub fn nats_url() -> Option<String> {
    let url =
        std::env::var("SITREP_TEST_NATS").unwrap_or_else(|_| "nats://127.0.0.1:4222".to_string());
    let addr = url.trim_start_matches("nats://").to_string();
    let ok = std::net::ToSocketAddrs::to_socket_addrs(&addr.as_str())
        .ok()
        .and_then(|mut a| a.next())
        .is_some_and(|a| {
            std::net::TcpStream::connect_timeout(&a, std::time::Duration::from_secs(2)).is_ok()
        });
    if ok {
        return Some(url);
    }
    if required() {
        panic!("SITREP_REQUIRE_SERVICES is set but NATS at {url} does not answer");
    }
    eprintln!("SKIPPED: NATS at {url} does not answer; set SITREP_TEST_NATS to a server with JetStream to run it");
    None
}

/// A store location that is removed when dropped.
pub struct TestDb {
    /// What `Store::open` and `--db` take.
    pub url: String,
    backend: Backend,
    name: String,
}

static SEQ: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    /// A new, empty store location named after `tag`; `None` (with a
    /// message) when the backend is PostgreSQL and none answers.
    pub fn new(backend: Backend, tag: &str) -> Option<TestDb> {
        let name = format!(
            "sitrep_t_{}_{}_{}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed),
            tag.chars()
                .filter(char::is_ascii_alphanumeric)
                .take(24)
                .collect::<String>()
                .to_lowercase()
        );
        match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(&name);
                std::fs::create_dir_all(&dir).ok()?;
                Some(TestDb {
                    url: dir.join("store.db").to_string_lossy().into_owned(),
                    backend,
                    name,
                })
            }
            Backend::Postgres => {
                let base = postgres_base();
                let mut c = match postgres::Client::connect(&base, postgres::NoTls) {
                    Ok(c) => c,
                    Err(e) => {
                        if required() {
                            panic!(
                                "SITREP_REQUIRE_SERVICES is set but {base} does not answer: {e}"
                            );
                        }
                        eprintln!("SKIPPED on PostgreSQL: {base} does not answer ({e}); set SITREP_TEST_POSTGRES to a database to run it");
                        return None;
                    }
                };
                c.batch_execute(&format!(
                    "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
                ))
                .expect("creating a test schema");
                let sep = if base.contains('?') { '&' } else { '?' };
                Some(TestDb {
                    url: format!("{base}{sep}options=-csearch_path%3D{name}"),
                    backend,
                    name,
                })
            }
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match self.backend {
            Backend::Sqlite => {
                std::fs::remove_dir_all(std::env::temp_dir().join(&self.name)).ok();
            }
            Backend::Postgres => {
                if let Ok(mut c) = postgres::Client::connect(&postgres_base(), postgres::NoTls) {
                    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name))
                        .ok();
                }
            }
        }
    }
}
