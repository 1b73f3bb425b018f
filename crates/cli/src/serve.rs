//! `sitrep serve`: the HTTP API and the web map over a store
//! (`sitrep-serve`); `sitrep basemap`: rebuilds the map's embedded outlines.

use anyhow::{bail, Context, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
#[command(after_help = "Examples:
  sitrep serve                                 # sitrep.db; an empty store gets the example dispatch
  sitrep ingest news/ --db events.db && sitrep serve --db events.db --addr 0.0.0.0:8080
  SITREP_TOKEN=$(openssl rand -hex 16) sitrep serve --db events.db   # accept POST /api/documents with that bearer token (8+ characters)

Then open http://127.0.0.1:8080/ (the map) or read http://127.0.0.1:8080/openapi.json.
Logs: SITREP_LOG=info for the access log.")]
pub(crate) struct ServeArgs {
    /// The store to serve: a SQLite file (created if missing) or a
    /// `postgres://user@host:port/database` URL.
    #[arg(long, default_value = "sitrep.db")]
    db: String,
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// A file holding the bearer token that writes need (else $SITREP_TOKEN;
    /// with neither, the server is read-only).
    #[arg(long)]
    token_file: Option<PathBuf>,
    /// The largest request body accepted, in bytes; larger ones get 413
    /// without being read.
    #[arg(long, default_value_t = 16 << 20)]
    max_body_bytes: usize,
    /// Do not code the example dispatch into an empty store.
    #[arg(long)]
    no_example: bool,
}

pub(crate) fn serve(a: ServeArgs) -> Result<i32> {
    let token = match &a.token_file {
        Some(p) => {
            let t = std::fs::read_to_string(p)
                .with_context(|| format!("reading the token file {}", p.display()))?;
            Some(t.trim().to_string())
        }
        None => std::env::var("SITREP_TOKEN").ok(),
    };
    if let Some(t) = &token {
        if t.len() < 8 {
            bail!("the token must be at least 8 characters");
        }
    }
    if a.db == ":memory:" {
        bail!("serve needs a database file (each connection to :memory: would see its own empty store)");
    }
    if !a.no_example {
        let n = sitrep_serve::seed_example(&a.db).map_err(anyhow::Error::msg)?;
        if n > 0 {
            eprintln!("{}: the store was empty; coded the example dispatch into it ({n} events); --no-example skips this", a.db);
        }
    }
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    rt.block_on(sitrep_serve::run(sitrep_serve::Config {
        db: a.db,
        addr: a.addr,
        token,
        max_body_bytes: a.max_body_bytes,
    }))
    .map_err(anyhow::Error::msg)?;
    Ok(0)
}

#[derive(Args)]
pub(crate) struct BasemapArgs {
    /// world-atlas TopoJSON of country outlines.
    #[arg(long, default_value = "../shared/data/geo/maps/countries-110m.json")]
    from: PathBuf,
    /// Where to write the GeoJSON the map embeds.
    #[arg(long, default_value = "crates/serve/assets/basemap.json")]
    out: PathBuf,
}

pub(crate) fn basemap(a: BasemapArgs) -> Result<i32> {
    let topo = std::fs::read_to_string(&a.from)
        .with_context(|| format!("reading {}", a.from.display()))?;
    let g = sitrep_serve::basemap::build(&topo, 2)
        .map_err(|e| anyhow::anyhow!("{}: {e}", a.from.display()))?;
    std::fs::write(&a.out, &g).with_context(|| format!("writing {}", a.out.display()))?;
    eprintln!("{}: {} bytes", a.out.display(), g.len());
    Ok(0)
}
