//! The one interface both backends implement: run a statement, read rows.
//!
//! Everything the store does (ingest, linking, queries, migrations) is
//! written once against [`Db`], in SQL both SQLite and PostgreSQL accept:
//! numbered placeholders `?1`, `?2`… (the PostgreSQL backend rewrites them
//! as `$1`, `$2`…), `coalesce`, `lower`/`upper`, row-value comparisons,
//! `INSERT … ON CONFLICT`. What differs (column types, a document's
//! insertion order, how a transaction starts) is asked of [`Dialect`].

use crate::StoreError;

/// A value bound to a statement or read from a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Int(i64),
    Real(f64),
    Text(String),
}

impl Value {
    pub(crate) fn text(&self) -> Option<String> {
        match self {
            Value::Text(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Real(f) => Some(f.to_string()),
            Value::Null => None,
        }
    }

    pub(crate) fn int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            Value::Real(f) => Some(*f as i64),
            Value::Text(s) => s.parse().ok(),
            Value::Null => None,
        }
    }

    /// The text of a column that may not be NULL.
    pub(crate) fn string(&self) -> Result<String, StoreError> {
        self.text()
            .ok_or_else(|| StoreError::Invalid("a NOT NULL column read as NULL".into()))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::Text(s.clone())
    }
}
impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::Int(i)
    }
}
impl From<u32> for Value {
    fn from(i: u32) -> Value {
        Value::Int(i.into())
    }
}
impl From<u8> for Value {
    fn from(i: u8) -> Value {
        Value::Int(i.into())
    }
}
impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Real(f)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(o: Option<T>) -> Value {
        o.map_or(Value::Null, Into::into)
    }
}

/// Binds a list of values: `args![a, b]`.
macro_rules! args {
    ($($x:expr),* $(,)?) => { &[$($crate::db::Value::from($x)),*][..] };
}
pub(crate) use args;

/// Which SQL engine a [`Db`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

impl Dialect {
    /// The column that orders documents by when they were stored.
    pub(crate) fn doc_seq(self) -> &'static str {
        match self {
            Dialect::Sqlite => "rowid",
            Dialect::Postgres => "seq",
        }
    }

    /// The DDL type of integer columns (64-bit in both).
    pub(crate) fn int(self) -> &'static str {
        match self {
            Dialect::Sqlite => "INTEGER",
            Dialect::Postgres => "BIGINT",
        }
    }

    /// The DDL type of floating-point columns.
    pub(crate) fn real(self) -> &'static str {
        match self {
            Dialect::Sqlite => "REAL",
            Dialect::Postgres => "DOUBLE PRECISION",
        }
    }
}

/// A connection inside a transaction, of either backend.
pub(crate) trait Db {
    fn dialect(&self) -> Dialect;

    /// Runs one statement; the number of rows it changed.
    fn exec(&mut self, sql: &str, args: &[Value]) -> Result<usize, StoreError>;

    /// Runs a batch of statements separated by `;`, without arguments.
    fn batch(&mut self, sql: &str) -> Result<(), StoreError>;

    /// Runs a query and calls `each` on every row, streaming (the rows
    /// are not all held in memory).
    fn each(
        &mut self,
        sql: &str,
        args: &[Value],
        each: &mut dyn FnMut(&[Value]) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
}

/// Every row of a query.
pub(crate) fn rows(
    db: &mut dyn Db,
    sql: &str,
    args: &[Value],
) -> Result<Vec<Vec<Value>>, StoreError> {
    let mut out = Vec::new();
    db.each(sql, args, &mut |r| {
        out.push(r.to_vec());
        Ok(())
    })?;
    Ok(out)
}

/// The first row of a query, if any.
pub(crate) fn one(
    db: &mut dyn Db,
    sql: &str,
    args: &[Value],
) -> Result<Option<Vec<Value>>, StoreError> {
    let mut out = None;
    db.each(sql, args, &mut |r| {
        if out.is_none() {
            out = Some(r.to_vec());
        }
        Ok(())
    })?;
    Ok(out)
}

/// The first column of every row, as text (NULLs left out).
pub(crate) fn texts(db: &mut dyn Db, sql: &str, args: &[Value]) -> Result<Vec<String>, StoreError> {
    Ok(rows(db, sql, args)?
        .into_iter()
        .filter_map(|r| r.first().and_then(Value::text))
        .collect())
}

/// A single integer (a count); 0 when the query returns no row.
pub(crate) fn int(db: &mut dyn Db, sql: &str, args: &[Value]) -> Result<i64, StoreError> {
    Ok(one(db, sql, args)?
        .and_then(|r| r.first().and_then(Value::int))
        .unwrap_or(0))
}
