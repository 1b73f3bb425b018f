//! The PostgreSQL backend: a shared store for several workers and readers.
//!
//! It uses `postgres`, the blocking client of `tokio-postgres` (the store
//! is synchronous, like rusqlite, and every caller already runs it on a
//! blocking thread). Statements are prepared once per connection and
//! cached. Write transactions run at `SERIALIZABLE` isolation and are
//! retried when PostgreSQL reports a serialization failure or a deadlock
//! (see `Store::write`); a lost connection is opened again.

use crate::db::{Db, Dialect, Value};
use crate::StoreError;
use bytes::BytesMut;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{IsNull, ToSql, Type};
use postgres::{Client, NoTls, Statement};
use std::collections::HashMap;

/// Whether a `--db` value names a PostgreSQL database.
pub(crate) fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// A connection and its prepared statements.
pub(crate) struct Pg {
    url: String,
    /// `None` only while it is dropped.
    client: Option<Client>,
    cache: HashMap<String, Statement>,
}

/// Closes a client. The blocking client closes its connection by blocking
/// on its own runtime, which panics on a thread that drives an async
/// runtime (a store dropped inside `sitrep serve`): close it on a thread of
/// its own.
fn close(c: Client) {
    let _ = std::thread::spawn(move || drop(c)).join();
}

impl Drop for Pg {
    fn drop(&mut self) {
        if let Some(c) = self.client.take() {
            close(c);
        }
    }
}

impl Pg {
    pub(crate) fn connect(url: &str) -> Result<Pg, StoreError> {
        let client = Client::connect(url, NoTls)?;
        Ok(Pg {
            url: url.to_string(),
            client: Some(client),
            cache: HashMap::new(),
        })
    }

    /// Opens the connection again after it was lost (a server restart),
    /// trying for up to `patience`.
    pub(crate) fn reconnect(&mut self, patience: std::time::Duration) -> Result<(), StoreError> {
        let start = std::time::Instant::now();
        let mut wait = std::time::Duration::from_millis(100);
        loop {
            match Client::connect(&self.url, NoTls) {
                Ok(c) => {
                    if let Some(old) = self.client.replace(c) {
                        close(old);
                    }
                    self.cache.clear();
                    return Ok(());
                }
                Err(e) if start.elapsed() >= patience => return Err(e.into()),
                Err(e) => {
                    tracing::warn!("PostgreSQL unreachable; trying again: {}", message(&e));
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(std::time::Duration::from_secs(2));
                }
            }
        }
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.client.as_ref().is_none_or(Client::is_closed)
    }

    fn client(&mut self) -> Result<&mut Client, StoreError> {
        self.client
            .as_mut()
            .ok_or_else(|| StoreError::Invalid("the PostgreSQL connection is closed".into()))
    }

    fn statement(&mut self, sql: &str) -> Result<Statement, StoreError> {
        if let Some(s) = self.cache.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client()?.prepare(&placeholders(sql))?;
        self.cache.insert(sql.to_string(), s.clone());
        Ok(s)
    }
}

/// `?1`, `?2`… as PostgreSQL's `$1`, `$2`…, outside string literals.
fn placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut quoted = false;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        if c == '?' && !quoted && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut BytesMut,
    ) -> Result<IsNull, Box<dyn std::error::Error + Sync + Send>> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                _ => i.to_string().to_sql(ty, out),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::FLOAT8 => f.to_sql(ty, out),
                _ => Err(format!("a number bound to a {ty} parameter").into()),
            },
            Value::Text(s) => s.as_str().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

fn read(row: &postgres::Row, i: usize) -> Result<Value, StoreError> {
    let ty = row.columns()[i].type_();
    let v = match *ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Value::Int),
        Type::INT4 => row
            .try_get::<_, Option<i32>>(i)?
            .map(|x| Value::Int(x.into())),
        Type::INT2 => row
            .try_get::<_, Option<i16>>(i)?
            .map(|x| Value::Int(x.into())),
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(i)?.map(Value::Real),
        Type::FLOAT4 => row
            .try_get::<_, Option<f32>>(i)?
            .map(|x| Value::Real(x.into())),
        Type::BOOL => row
            .try_get::<_, Option<bool>>(i)?
            .map(|x| Value::Int(x.into())),
        _ => row.try_get::<_, Option<String>>(i)?.map(Value::Text),
    };
    Ok(v.unwrap_or(Value::Null))
}

impl Db for Pg {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn exec(&mut self, sql: &str, args: &[Value]) -> Result<usize, StoreError> {
        let stmt = self.statement(sql)?;
        let params: Vec<&(dyn ToSql + Sync)> = args.iter().map(|v| v as _).collect();
        Ok(self.client()?.execute(&stmt, &params)? as usize)
    }

    fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.client()?.batch_execute(sql)?)
    }

    fn each(
        &mut self,
        sql: &str,
        args: &[Value],
        each: &mut dyn FnMut(&[Value]) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let stmt = self.statement(sql)?;
        let n = stmt.columns().len();
        let mut rows = self.client()?.query_raw(&stmt, args.iter())?;
        let mut row = Vec::with_capacity(n);
        while let Some(r) = rows.next()? {
            row.clear();
            for i in 0..n {
                row.push(read(&r, i)?);
            }
            each(&row)?;
        }
        Ok(())
    }
}

/// An error as one line: the server's own message where there is one.
pub(crate) fn message(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut m = format!("{}: {}", db.severity(), db.message());
            if let Some(d) = db.detail() {
                m += &format!(" ({d})");
            }
            m
        }
        None => {
            let mut m = e.to_string();
            let mut src = std::error::Error::source(e);
            while let Some(cause) = src {
                let c = cause.to_string();
                if !m.contains(&c) {
                    m += &format!(": {c}");
                }
                src = cause.source();
            }
            m
        }
    }
}

/// Whether a failed transaction may simply be run again: a serialization
/// failure or a deadlock, which PostgreSQL resolves by aborting one side.
pub(crate) fn retryable(e: &StoreError) -> bool {
    use postgres::error::SqlState;
    match e {
        StoreError::Pg(e) => matches!(
            e.code(),
            Some(c) if *c == SqlState::T_R_SERIALIZATION_FAILURE || *c == SqlState::T_R_DEADLOCK_DETECTED
        ),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_rewritten_outside_literals() {
        assert_eq!(
            super::placeholders("SELECT '?1', x FROM t WHERE a = ?1 AND b LIKE ?12 ESCAPE '\\'"),
            "SELECT '?1', x FROM t WHERE a = $1 AND b LIKE $12 ESCAPE '\\'"
        );
    }
}
