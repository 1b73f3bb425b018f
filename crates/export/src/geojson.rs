//! GeoJSON: an RFC 7946 FeatureCollection with one Point feature per event
//! (`[longitude, latitude]`, WGS 84); an event with no coordinates has a
//! `null` geometry, as RFC 7946 §3.2 allows, so that nothing selected is
//! left out. Properties are the event's flat fields ([`properties`]).

use crate::ExportError;
use serde_json::{json, Map, Value};
use sitrep_core::Role;
use sitrep_store::EventRow;
use std::io::Write;

/// The flat properties of one event: what a map popup or a GIS attribute
/// table shows.
pub fn properties(row: &EventRow) -> Map<String, Value> {
    let e = &row.event;
    let loc = e.location.as_ref();
    let date = e.date.as_ref();
    let v = json!({
        "id": e.id,
        "doc_id": row.doc_id,
        "type": e.kind,
        "plover": e.plover.category,
        "cameo": e.cameo,
        "acled_event_type": e.acled.as_ref().map(|a| &a.event_type),
        "acled_sub_event_type": e.acled.as_ref().map(|a| &a.sub_event_type),
        "date": date.map(|d| &d.value),
        "date_start": date.map(|d| d.start_date.to_string()),
        "date_end": date.map(|d| d.end_date.to_string()),
        "date_precision": crate::precision_name(e),
        "date_basis": date.map(|d| &d.basis),
        "location": loc.map(|l| &l.name),
        "country_code": loc.and_then(|l| l.country_code.as_ref()),
        "admin1": loc.and_then(|l| l.admin1.as_ref()),
        "geo_precision": loc.map(|l| l.precision),
        "location_basis": loc.and_then(|l| l.basis.as_ref()),
        "actor1": crate::names(e, Role::Actor1),
        "actor2": crate::names(e, Role::Actor2),
        "target": crate::names(e, Role::Target),
        "fatalities": e.fatalities,
        "injuries": e.injuries,
        "mode": crate::mode_name(e),
        "sources": crate::claimants(row),
        "disputed": crate::disputes(e),
        "published": row.published,
        "notes": row.notes,
    });
    match v {
        Value::Object(m) => m,
        _ => Map::new(),
    }
}

/// One event as a GeoJSON Feature.
pub fn feature(row: &EventRow) -> Value {
    let loc = row.event.location.as_ref();
    let geometry = match (loc.and_then(|l| l.lon), loc.and_then(|l| l.lat)) {
        (Some(lon), Some(lat)) => json!({"type": "Point", "coordinates": [lon, lat]}),
        _ => Value::Null,
    };
    json!({
        "type": "Feature",
        "id": row.event.id,
        "geometry": geometry,
        "properties": properties(row),
    })
}

/// Writes a FeatureCollection one feature at a time.
pub struct Writer<W: Write> {
    out: W,
    n: usize,
}

impl<W: Write> Writer<W> {
    pub fn new(mut out: W) -> Result<Self, ExportError> {
        out.write_all(b"{\"type\":\"FeatureCollection\",\"features\":[")?;
        Ok(Writer { out, n: 0 })
    }

    pub fn push(&mut self, row: &EventRow) -> Result<(), ExportError> {
        if self.n > 0 {
            self.out.write_all(b",\n")?;
        } else {
            self.out.write_all(b"\n")?;
        }
        serde_json::to_writer(&mut self.out, &feature(row))?;
        self.n += 1;
        Ok(())
    }

    pub fn finish(mut self) -> Result<(), ExportError> {
        self.out.write_all(b"\n]}\n")?;
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::row;

    #[test]
    fn a_feature_collection_that_parses_back() {
        let mut out = Vec::new();
        {
            let mut w = Writer::new(&mut out).unwrap();
            let mut unplaced = row(2);
            unplaced.event.location = None;
            w.push(&row(1)).unwrap();
            w.push(&unplaced).unwrap();
            w.finish().unwrap();
        }
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["type"], "FeatureCollection");
        let f = &v["features"][0];
        assert_eq!(f["geometry"]["coordinates"], json!([38.0, 35.0]));
        assert_eq!(f["properties"]["type"], "raid");
        assert_eq!(f["properties"]["fatalities"], 1);
        assert_eq!(v["features"][1]["geometry"], Value::Null);
        assert_eq!(v["features"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn an_empty_selection_is_an_empty_collection() {
        let mut out = Vec::new();
        Writer::new(&mut out).unwrap().finish().unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["features"], json!([]));
    }
}
