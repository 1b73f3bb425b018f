//! The map's basemap: country outlines as GeoJSON, decoded from the
//! world-atlas TopoJSON of Natural Earth (`countries-110m.json`; ISC and
//! public domain) by [`build`], committed as `assets/basemap.json`, embedded
//! in the binary. Rebuild it with
//! `sitrep basemap` (from `../shared/data/geo/maps/countries-110m.json`).

use serde_json::{json, Value};
use sitrep_geo::topojson;

/// Decodes a TopoJSON topology's `countries` object into a GeoJSON
/// FeatureCollection (each feature with its `name`), coordinates rounded
/// to `decimals` places.
pub fn build(topology: &str, decimals: i32) -> Result<String, String> {
    let t: Value = serde_json::from_str(topology).map_err(|e| format!("not JSON: {e}"))?;
    let round = |x: f64| {
        let m = 10f64.powi(decimals);
        (x * m).round() / m
    };
    let arcs: Vec<Vec<[f64; 2]>> = topojson::arcs(&t)?
        .into_iter()
        .map(|arc| arc.into_iter().map(|[x, y]| [round(x), round(y)]).collect())
        .collect();
    let ring = |idx: &Value| -> Result<Vec<[f64; 2]>, String> {
        let mut out = topojson::ring(&arcs, idx)?;
        // A ring that crosses the antimeridian (Fiji, Chukotka) jumps from
        // 180 to -180: unwrap it so that a flat map draws it whole rather
        // than as a band across the world.
        for i in 1..out.len() {
            let prev = out[i - 1][0];
            while out[i][0] - prev > 180.0 {
                out[i][0] -= 360.0;
            }
            while prev - out[i][0] > 180.0 {
                out[i][0] += 360.0;
            }
        }
        Ok(out)
    };
    let polygon = |rings: &Value| -> Result<Value, String> {
        let rs: Result<Vec<_>, String> = rings
            .as_array()
            .ok_or("bad polygon")?
            .iter()
            .map(ring)
            .collect();
        Ok(json!(rs?))
    };
    let mut features = Vec::new();
    let geoms = t["objects"]["countries"]["geometries"]
        .as_array()
        .ok_or("no objects.countries.geometries")?;
    for g in geoms {
        let geometry = match g["type"].as_str() {
            Some("Polygon") => json!({"type": "Polygon", "coordinates": polygon(&g["arcs"])?}),
            Some("MultiPolygon") => {
                let ps: Result<Vec<_>, String> = g["arcs"]
                    .as_array()
                    .ok_or("bad multipolygon")?
                    .iter()
                    .map(polygon)
                    .collect();
                json!({"type": "MultiPolygon", "coordinates": ps?})
            }
            _ => continue,
        };
        features.push(json!({
            "type": "Feature",
            "properties": {"name": g["properties"]["name"]},
            "geometry": geometry,
        }));
    }
    serde_json::to_string(&json!({"type": "FeatureCollection", "features": features}))
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny topology: one square from two arcs, one of them reversed.
    #[test]
    fn decodes_delta_arcs_and_reversal() {
        let topo = r#"{"type":"Topology","transform":{"scale":[1,1],"translate":[10,20]},
            "arcs":[[[0,0],[1,0],[0,1]],[[0,0],[1,0],[0,1]]],
            "objects":{"countries":{"type":"GeometryCollection","geometries":[
              {"type":"Polygon","properties":{"name":"Square"},"arcs":[[0,-2]]}]}}}"#;
        let g: Value = serde_json::from_str(&build(topo, 2).unwrap()).unwrap();
        let f = &g["features"][0];
        assert_eq!(f["properties"]["name"], "Square");
        assert_eq!(
            f["geometry"]["coordinates"][0],
            json!([
                [10.0, 20.0],
                [11.0, 20.0],
                [11.0, 21.0],
                [11.0, 20.0],
                [10.0, 20.0]
            ])
        );
    }

    /// The committed basemap is what `build` makes of the shared file.
    #[test]
    fn committed_basemap_is_rebuilt_byte_for_byte() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/data/geo/maps/countries-110m.json");
        let Ok(topo) = std::fs::read_to_string(&src) else {
            if std::env::var_os("SITREP_REQUIRE_SHARED").is_some() {
                panic!("{} is missing", src.display());
            }
            eprintln!("SKIPPED: {} is missing", src.display());
            return;
        };
        let built = build(&topo, 2).unwrap();
        assert_eq!(
            built.as_bytes(),
            crate::assets::BASEMAP,
            "rebuild assets/basemap.json"
        );
        let g: Value = serde_json::from_str(&built).unwrap();
        assert!(g["features"].as_array().unwrap().len() >= 170);
    }
}
