//! The SQLite backend: one file (or `:memory:`), the embedded default.

use crate::db::{Db, Dialect, Value};
use crate::StoreError;
use rusqlite::types::ValueRef;
use rusqlite::Connection;

pub(crate) fn open(path: &str) -> Result<Connection, StoreError> {
    let conn = if path == ":memory:" {
        Connection::open_in_memory()?
    } else {
        Connection::open(path)?
    };
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // Storing one document runs some 30 distinct statements, linking more:
    // rusqlite's default cache of 16 would prepare most of them again for
    // every document.
    conn.set_prepared_statement_cache_capacity(128);
    if path != ":memory:" {
        conn.pragma_update(None, "journal_mode", "WAL")?;
    }
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    Ok(conn)
}

fn bind(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match v {
        Value::Null => V::Null,
        Value::Int(i) => V::Integer(*i),
        Value::Real(f) => V::Real(*f),
        Value::Text(s) => V::Text(s.clone()),
    }
}

fn read(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) | ValueRef::Blob(t) => Value::Text(String::from_utf8_lossy(t).into()),
    }
}

impl Db for Connection {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn exec(&mut self, sql: &str, args: &[Value]) -> Result<usize, StoreError> {
        let mut stmt = self.prepare_cached(sql)?;
        Ok(stmt.execute(rusqlite::params_from_iter(args.iter().map(bind)))?)
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.execute_batch(sql)?)
    }

    fn each(
        &mut self,
        sql: &str,
        args: &[Value],
        each: &mut dyn FnMut(&[Value]) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self.prepare_cached(sql)?;
        let n = stmt.column_count();
        let mut rows = stmt.query(rusqlite::params_from_iter(args.iter().map(bind)))?;
        let mut row = Vec::with_capacity(n);
        while let Some(r) = rows.next()? {
            row.clear();
            for i in 0..n {
                row.push(read(r.get_ref(i)?));
            }
            each(&row)?;
        }
        Ok(())
    }
}

/// The schema version of a store an older sitrep wrote (before versions
/// were recorded), read off its columns; 0 for an empty file.
pub(crate) fn legacy_version(conn: &mut Connection) -> Result<i64, StoreError> {
    let has_table: bool = conn
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'")?
        .exists([])?;
    if !has_table {
        return Ok(0);
    }
    let has = |conn: &Connection, col: &str| -> Result<bool, StoreError> {
        Ok(conn
            .prepare("SELECT 1 FROM pragma_table_info('events') WHERE name = ?1")?
            .exists([col])?)
    };
    Ok(if has(conn, "incident_id")? {
        3
    } else if has(conn, "notes")? {
        2
    } else {
        1
    })
}
