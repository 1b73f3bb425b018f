//! Parquet, written with arrow-rs: one row per event, typed columns (dates
//! as Date32, coordinates as Float64, counts as Int32, codes as UTF-8),
//! null where sitrep has no value, in row groups of [`BATCH`] rows.

use crate::ExportError;
use arrow_array::builder::{Date32Builder, Float64Builder, Int32Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use sitrep_core::Role;
use sitrep_store::EventRow;
use std::io::Write;
use std::sync::Arc;

/// Rows held before a record batch is written.
pub const BATCH: usize = 8192;

/// The text columns, in file order (after them come the typed ones of
/// [`schema`]).
const TEXT: [&str; 18] = [
    "event_id",
    "doc_id",
    "type",
    "plover",
    "cameo",
    "acled_event_type",
    "acled_sub_event_type",
    "date_precision",
    "location",
    "country_code",
    "admin1",
    "actor1",
    "actor2",
    "target",
    "mode",
    "sources",
    "disputed",
    "notes",
];

/// The file's schema.
pub fn schema() -> SchemaRef {
    let mut fields: Vec<Field> = TEXT
        .iter()
        .map(|n| Field::new(*n, DataType::Utf8, !matches!(*n, "event_id" | "doc_id")))
        .collect();
    fields.extend([
        Field::new("date_start", DataType::Date32, true),
        Field::new("date_end", DataType::Date32, true),
        Field::new("published", DataType::Date32, true),
        Field::new("latitude", DataType::Float64, true),
        Field::new("longitude", DataType::Float64, true),
        Field::new("geo_precision", DataType::Int32, true),
        Field::new("fatalities", DataType::Int32, true),
        Field::new("injuries", DataType::Int32, true),
    ]);
    Arc::new(Schema::new(fields))
}

/// Days since 1970-01-01, Arrow's Date32.
fn days(d: chrono::NaiveDate) -> i32 {
    (d - chrono::NaiveDate::default()).num_days() as i32
}

/// Writes events as Parquet.
pub struct Writer<W: Write + Send> {
    writer: ArrowWriter<W>,
    rows: Vec<EventRow>,
}

impl<W: Write + Send> Writer<W> {
    pub fn new(out: W) -> Result<Self, ExportError> {
        let writer = ArrowWriter::try_new(out, schema(), None)
            .map_err(|e| ExportError::Parquet(e.to_string()))?;
        Ok(Writer {
            writer,
            rows: Vec::new(),
        })
    }

    pub fn push(&mut self, row: &EventRow) -> Result<(), ExportError> {
        self.rows.push(row.clone());
        if self.rows.len() >= BATCH {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), ExportError> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let batch = batch(&self.rows)?;
        self.rows.clear();
        self.writer
            .write(&batch)
            .map_err(|e| ExportError::Parquet(e.to_string()))
    }

    pub fn finish(mut self) -> Result<(), ExportError> {
        self.flush_batch()?;
        let mut out = self
            .writer
            .into_inner()
            .map_err(|e| ExportError::Parquet(e.to_string()))?;
        out.flush()?;
        Ok(())
    }
}

/// The rows as one record batch.
fn batch(rows: &[EventRow]) -> Result<RecordBatch, ExportError> {
    let mut text: Vec<StringBuilder> = TEXT.iter().map(|_| StringBuilder::new()).collect();
    let (mut d0, mut d1, mut pubd) = (
        Date32Builder::new(),
        Date32Builder::new(),
        Date32Builder::new(),
    );
    let (mut lat, mut lon) = (Float64Builder::new(), Float64Builder::new());
    let (mut gp, mut dead, mut hurt) = (
        Int32Builder::new(),
        Int32Builder::new(),
        Int32Builder::new(),
    );
    let nonempty = |s: String| (!s.is_empty()).then_some(s);
    for r in rows {
        let e = &r.event;
        let loc = e.location.as_ref();
        let values: [Option<String>; 18] = [
            Some(e.id.clone()),
            Some(r.doc_id.clone()),
            Some(e.kind.clone()),
            Some(e.plover.category.clone()),
            Some(e.cameo.clone()),
            e.acled.as_ref().map(|a| a.event_type.clone()),
            e.acled.as_ref().map(|a| a.sub_event_type.clone()),
            crate::precision_name(e),
            loc.map(|l| l.name.clone()),
            loc.and_then(|l| l.country_code.clone()),
            loc.and_then(|l| l.admin1.clone()),
            nonempty(crate::names(e, Role::Actor1)),
            nonempty(crate::names(e, Role::Actor2)),
            nonempty(crate::names(e, Role::Target)),
            Some(crate::mode_name(e)),
            nonempty(crate::claimants(r)),
            nonempty(crate::disputes(e)),
            Some(r.notes.clone()),
        ];
        for (b, v) in text.iter_mut().zip(values) {
            b.append_option(v);
        }
        d0.append_option(e.date.as_ref().map(|d| days(d.start_date)));
        d1.append_option(e.date.as_ref().map(|d| days(d.end_date)));
        pubd.append_option(
            r.published
                .as_deref()
                .and_then(|p| chrono::NaiveDate::parse_from_str(p, "%Y-%m-%d").ok())
                .map(days),
        );
        lat.append_option(loc.and_then(|l| l.lat));
        lon.append_option(loc.and_then(|l| l.lon));
        gp.append_option(loc.map(|l| i32::from(l.precision)));
        dead.append_option(e.fatalities.map(|x| x.min(i32::MAX as u32) as i32));
        hurt.append_option(e.injuries.map(|x| x.min(i32::MAX as u32) as i32));
    }
    let mut cols: Vec<ArrayRef> = text
        .iter_mut()
        .map(|b| Arc::new(b.finish()) as ArrayRef)
        .collect();
    cols.push(Arc::new(d0.finish()));
    cols.push(Arc::new(d1.finish()));
    cols.push(Arc::new(pubd.finish()));
    cols.push(Arc::new(lat.finish()));
    cols.push(Arc::new(lon.finish()));
    cols.push(Arc::new(gp.finish()));
    cols.push(Arc::new(dead.finish()));
    cols.push(Arc::new(hurt.finish()));
    RecordBatch::try_new(schema(), cols).map_err(|e| ExportError::Parquet(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::row;
    use arrow_array::{Array, Date32Array, Float64Array, Int32Array, StringArray};

    /// Written and read back with the parquet crate's own reader (an
    /// independent reader, pyarrow, reads it in `crates/cli/tests/export.rs`).
    #[test]
    fn round_trip_with_types() {
        let mut buf = Vec::new();
        {
            let mut w = Writer::new(&mut buf).unwrap();
            let mut unplaced = row(3);
            unplaced.event.location = None;
            unplaced.event.fatalities = None;
            for r in [row(18), unplaced] {
                w.push(&r).unwrap();
            }
            w.finish().unwrap();
        }
        let path =
            std::env::temp_dir().join(format!("sitrep-export-{}.parquet", std::process::id()));
        std::fs::write(&path, &buf).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader.map(|b| b.unwrap()).collect();
        assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 2);
        let b = &batches[0];
        let col = |n: &str| b.column(b.schema().index_of(n).unwrap()).clone();
        let ty = col("type");
        let ty = ty.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(ty.value(0), "raid");
        let d = col("date_start");
        let d = d.as_any().downcast_ref::<Date32Array>().unwrap();
        assert_eq!(
            d.value_as_date(0),
            chrono::NaiveDate::from_ymd_opt(2025, 9, 19)
        );
        let lat = col("latitude");
        let lat = lat.as_any().downcast_ref::<Float64Array>().unwrap();
        assert_eq!((lat.value(0), lat.is_null(1)), (35.0, true));
        let f = col("fatalities");
        let f = f.as_any().downcast_ref::<Int32Array>().unwrap();
        assert_eq!((f.value(0), f.is_null(1)), (1, true));
        std::fs::remove_file(&path).ok();
    }
}
