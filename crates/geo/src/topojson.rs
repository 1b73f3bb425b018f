//! Reading a TopoJSON topology (the world-atlas country outlines of
//! Natural Earth): its delta-encoded, quantised arcs decoded to absolute
//! `[lon, lat]` points, and a ring stitched from arc indexes. The gazetteer
//! build places countries at their outline's centroid with it, and the web
//! map's basemap is decoded with it (`sitrep-serve`).

use serde_json::Value;

/// The topology's arcs as absolute `[x, y]` points: each arc's deltas
/// summed and mapped through `transform` (scale, then translate; a
/// topology without one is not quantised, and its points are taken as
/// they are).
pub fn arcs(topo: &Value) -> Result<Vec<Vec<[f64; 2]>>, String> {
    let (scale, translate) = match &topo["transform"] {
        Value::Null => ([1.0, 1.0], [0.0, 0.0]),
        tr => (
            pair(&tr["scale"]).ok_or("bad transform.scale")?,
            pair(&tr["translate"]).ok_or("bad transform.translate")?,
        ),
    };
    topo["arcs"]
        .as_array()
        .ok_or("no arcs")?
        .iter()
        .map(|arc| {
            let (mut x, mut y) = (0.0, 0.0);
            arc.as_array()
                .ok_or("an arc that is not an array")?
                .iter()
                .map(|p| {
                    let [dx, dy] = pair(p).ok_or("an arc point that is not [x, y]")?;
                    x += dx;
                    y += dy;
                    Ok([x * scale[0] + translate[0], y * scale[1] + translate[1]])
                })
                .collect()
        })
        .collect()
}

/// The ring that arc indexes `idx` trace (`~i`, a negative index, is arc
/// `i` reversed); consecutive arcs share their joining point, kept once.
pub fn ring(arcs: &[Vec<[f64; 2]>], idx: &Value) -> Result<Vec<[f64; 2]>, String> {
    let mut out: Vec<[f64; 2]> = Vec::new();
    for i in idx.as_array().ok_or("a ring that is not an array")? {
        let i = i.as_i64().ok_or("an arc index that is not a number")?;
        let (k, rev) = if i < 0 {
            ((!i) as usize, true)
        } else {
            (i as usize, false)
        };
        let arc = arcs.get(k).ok_or("arc index out of range")?;
        let skip = usize::from(!out.is_empty());
        if rev {
            out.extend(arc.iter().rev().skip(skip));
        } else {
            out.extend(arc.iter().skip(skip));
        }
    }
    Ok(out)
}

fn pair(v: &Value) -> Option<[f64; 2]> {
    let a = v.as_array()?;
    Some([a.first()?.as_f64()?, a.get(1)?.as_f64()?])
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Two arcs of one square, the second reversed, in a quantised
    /// topology.
    #[test]
    fn deltas_transform_and_reversal() {
        let topo = json!({"transform": {"scale": [1, 2], "translate": [10, 20]},
            "arcs": [[[0, 0], [1, 0], [0, 1]], [[0, 0], [1, 0], [0, 1]]]});
        let a = arcs(&topo).unwrap();
        assert_eq!(a[0], vec![[10.0, 20.0], [11.0, 20.0], [11.0, 22.0]]);
        let r = ring(&a, &json!([0, -2])).unwrap();
        assert_eq!(
            r,
            vec![
                [10.0, 20.0],
                [11.0, 20.0],
                [11.0, 22.0],
                [11.0, 20.0],
                [10.0, 20.0]
            ]
        );
        assert!(ring(&a, &json!([5])).is_err());
        assert!(arcs(&json!({"arcs": [[[0, "x"]]]})).is_err());
    }
}
