// Embeds the committed gazetteer (data/gazetteer/) if it is there; an empty
// stand-in otherwise, so that `sitrep gazetteer build` can bootstrap it.
use std::path::PathBuf;

fn main() {
    let root =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../data/gazetteer");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    for name in ["names.fst", "tables.bin"] {
        let src = root.join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let dst = out.join(name);
        if src.exists() {
            std::fs::copy(&src, &dst).expect("copy gazetteer");
        } else {
            std::fs::write(&dst, b"").expect("write stand-in");
        }
    }
}
