//! The routes, their handlers and the OpenAPI document that describes them.

use crate::error::{ApiError, ErrorBody};
use crate::{assets, blocking, params, AppState};
use axum::body::{Body, Bytes};
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, MatchedPath, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;
use serde_json::{json, Value};
use sitrep_export::Format;
use sitrep_store::{Cursor, EventRow, Ingested};
use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;
use utoipa::OpenApi;

type Params = Result<Query<HashMap<String, String>>, QueryRejection>;

/// The router: the API, the map and its assets.
pub fn router(state: Arc<AppState>, max_body_bytes: usize) -> Router {
    Router::new()
        .route("/api/events", get(list_events))
        .route("/api/events/{id}", get(get_event))
        .route("/api/incidents", get(list_incidents))
        .route("/api/incidents/{id}", get(get_incident))
        .route("/api/documents", axum::routing::post(post_documents))
        .route("/api/documents/{id}", get(get_document))
        .route("/api/stats", get(stats))
        .route("/api/export", get(export))
        .route("/openapi.json", get(openapi))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/", get(assets::index))
        .route("/assets/{*path}", get(assets::asset))
        .fallback(|| async { ApiError::not_found("route") })
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                "method not allowed on this route",
            )
        })
        .layer(DefaultBodyLimit::max(max_body_bytes))
        .layer(axum::middleware::from_fn(
            move |req: Request, next: Next| length_limit(req, next, max_body_bytes),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            access_log,
        ))
        .with_state(state)
}

/// Logs each request (method, route, status, latency) and counts it.
async fn access_log(State(st): State<Arc<AppState>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string())
        .unwrap_or_else(|| "unmatched".into());
    st.metrics.in_flight.fetch_add(1, Ordering::Relaxed);
    let resp = next.run(req).await;
    st.metrics.in_flight.fetch_sub(1, Ordering::Relaxed);
    let micros = started.elapsed().as_micros() as u64;
    let status = resp.status().as_u16();
    st.metrics.record(&route, status, micros);
    tracing::info!(target: "sitrep::access", %method, path, route, status, micros, "request");
    resp
}

/// Refuses a body whose declared length is over the limit before reading
/// any of it (a body without a length is cut at the limit as it is read,
/// by `DefaultBodyLimit`).
async fn length_limit(req: Request, next: Next, max: usize) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is over the limit of {max} bytes (--max-body-bytes)"),
        )
        .into_response();
    }
    next.run(req).await
}

fn query_of(q: Params) -> Result<HashMap<String, String>, ApiError> {
    q.map(|Query(m)| m)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, format!("query string: {e}")))
}

/// An event as the API lists it: the `sitrep/1` event, its document's id,
/// source and date, and its evidence sentences.
fn event_json(r: &EventRow) -> Value {
    let mut v = serde_json::to_value(&r.event).unwrap_or(Value::Null);
    v["doc_id"] = json!(r.doc_id);
    v["doc_source"] = json!(r.doc_source);
    v["published"] = json!(r.published);
    v["notes"] = json!(r.notes);
    v
}

/// The filter without its page: the key of its cached count.
fn unpaged(f: &sitrep_store::Filter) -> sitrep_store::Filter {
    sitrep_store::Filter {
        after: None,
        limit: None,
        ..f.clone()
    }
}

/// One page of events.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EventsPage {
    /// How many events the filters select, over all pages.
    pub total: usize,
    /// This page's events (`sitrep/1` events with `doc_id`, `doc_source`,
    /// `published` and `notes`, the evidence sentences).
    #[schema(value_type = Vec<Object>)]
    pub events: Vec<Value>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// The filter parameters (documentation only: the handlers read them
/// through `params::filter`, which checks each one).
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FilterParams {
    /// Actor name: a substring of a participant's canonical name or text.
    #[param(pattern = r"^[^\u0000-\u001F\u007F-\u009F]{1,200}$")]
    actor: Option<String>,
    /// Event type ("raid") or PLOVER category ("ASSAULT").
    #[param(rename = "type", pattern = r"^[A-Za-z0-9 /_.-]{1,40}$")]
    kind: Option<String>,
    /// ACLED event type ("Battles") or sub-event type ("Air/drone strike").
    #[param(pattern = r"^[A-Za-z0-9 /_.-]{1,80}$")]
    acled: Option<String>,
    /// ISO 3166-1 alpha-2 of the location ("SY") or alpha-3 of an actor ("USA").
    #[param(pattern = "^[A-Za-z]{2,3}$")]
    country: Option<String>,
    /// Events whose date interval ends on or after this day (YYYY-MM-DD).
    #[param(format = Date)]
    from: Option<String>,
    /// Events whose date interval starts on or before this day.
    #[param(format = Date)]
    to: Option<String>,
    /// A substring of the document's source or of a claimant.
    #[param(pattern = r"^[^\u0000-\u001F\u007F-\u009F]{1,200}$")]
    source: Option<String>,
    /// MIN_LON,MIN_LAT,MAX_LON,MAX_LAT in degrees (longitudes -180..180,
    /// latitudes -90..90, each minimum at most its maximum).
    #[param(pattern = r"^-?[0-9]{1,3}(\.[0-9]+)?(,-?[0-9]{1,3}(\.[0-9]+)?){3}$")]
    bbox: Option<String>,
    /// At least this many deaths.
    #[param(minimum = 0, maximum = 4294967295_u64)]
    min_fatalities: Option<u64>,
    /// At most this many deaths.
    #[param(minimum = 0, maximum = 4294967295_u64)]
    max_fatalities: Option<u64>,
}

/// Paging parameters.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PageParams {
    /// `next_cursor` of the previous page.
    cursor: Option<String>,
    /// Events per page (1–1000, default 100).
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<u32>,
}

/// Events matching the filters, a page at a time, by date then id.
#[utoipa::path(get, path = "/api/events", params(FilterParams, PageParams),
    responses((status = 200, body = EventsPage), (status = 400, body = ErrorBody)))]
async fn list_events(State(st): State<Arc<AppState>>, q: Params) -> Result<Response, ApiError> {
    let f = params::filter(&query_of(q)?, true, &[])?;
    let limit = f.limit.unwrap_or(params::DEFAULT_LIMIT);
    let page = blocking(move || {
        st.pool.with(|s| {
            let rows = s.query(&f)?;
            let key = format!("count {:?}", unpaged(&f));
            let total = st
                .cached(s, key, |s| Ok(json!(s.count(&f)?)))?
                .as_u64()
                .unwrap_or(0) as usize;
            let next = (rows.len() == limit)
                .then(|| rows.last())
                .flatten()
                .map(|r| {
                    Cursor {
                        date_start: r
                            .event
                            .date
                            .as_ref()
                            .map(|d| d.start_date.to_string())
                            .unwrap_or_default(),
                        id: r.event.id.clone(),
                    }
                    .encode()
                });
            Ok(EventsPage {
                total,
                events: rows.iter().map(event_json).collect(),
                next_cursor: next,
            })
        })
    })
    .await?;
    Ok(Json(page).into_response())
}

/// One page of incidents.
#[derive(Serialize, utoipa::ToSchema)]
pub struct IncidentsPage {
    /// How many incidents the filters select, over all pages.
    pub total: usize,
    /// This page's incidents (as `sitrep query` writes them: best type,
    /// date, place and toll, `reports`, `sources`, `disputed`, `events`…).
    #[schema(value_type = Vec<Object>)]
    pub incidents: Vec<Value>,
    /// Pass as `cursor` for the next page; absent on the last page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

/// Incidents (one per happening, linked across reports) with at least one
/// event matching the filters, a page at a time, by date then id.
#[utoipa::path(get, path = "/api/incidents", params(FilterParams, PageParams),
    responses((status = 200, body = IncidentsPage), (status = 400, body = ErrorBody)))]
async fn list_incidents(State(st): State<Arc<AppState>>, q: Params) -> Result<Response, ApiError> {
    let f = params::filter(&query_of(q)?, true, &[])?;
    let limit = f.limit.unwrap_or(params::DEFAULT_LIMIT);
    let page = blocking(move || {
        st.pool.with(|s| {
            let rows = s.incidents(&f)?;
            let key = format!("incidents {:?}", unpaged(&f));
            let total = st
                .cached(s, key, |s| Ok(json!(s.count_incidents(&f)?)))?
                .as_u64()
                .unwrap_or(0) as usize;
            let next = (rows.len() == limit)
                .then(|| rows.last())
                .flatten()
                .map(|i| {
                    Cursor {
                        date_start: i
                            .date
                            .as_ref()
                            .map(|d| d.start_date.to_string())
                            .unwrap_or_default(),
                        id: i.id.clone(),
                    }
                    .encode()
                });
            Ok(IncidentsPage {
                total,
                incidents: rows
                    .iter()
                    .map(|i| serde_json::to_value(i).unwrap_or(Value::Null))
                    .collect(),
                next_cursor: next,
            })
        })
    })
    .await?;
    Ok(Json(page).into_response())
}

/// One incident and its reports.
#[derive(Serialize, utoipa::ToSchema)]
pub struct IncidentRecord {
    #[schema(value_type = Object)]
    pub incident: Value,
    /// Every report of it: the event as its document tells it, with
    /// `doc_id`, `doc_source`, `published` and `notes`, in event id order.
    #[schema(value_type = Vec<Object>)]
    pub reports: Vec<Value>,
}

/// One incident with every report of it side by side.
#[utoipa::path(get, path = "/api/incidents/{id}", params(("id" = String, Path, description = "incident id", pattern = r"^[^\u0000-\u001F\u007F-\u009F\\]{1,512}$")),
    responses((status = 200, body = IncidentRecord), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_incident(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    params::id(&id)?;
    let (inc, rows) = blocking(move || {
        st.pool.with(|s| {
            s.incident(&id)?
                .ok_or_else(|| ApiError::not_found("incident"))
        })
    })
    .await?;
    Ok(Json(IncidentRecord {
        incident: serde_json::to_value(&inc).unwrap_or(Value::Null),
        reports: rows.iter().map(event_json).collect(),
    })
    .into_response())
}

/// A span of an evidence sentence, and the field it filled if any.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Segment {
    pub text: String,
    /// The fields this text filled ("type", "actors.actor1", "date", …).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// An evidence sentence, cut into segments at the spans that filled fields.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Sentence {
    /// Byte offsets of the sentence in the document text.
    pub start: usize,
    pub end: usize,
    pub segments: Vec<Segment>,
}

/// One event with its evidence.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EventRecord {
    /// The `sitrep/1` event, with `doc_id`, `doc_source`, `published`, `notes`.
    #[schema(value_type = Object)]
    pub event: Value,
    /// The document's metadata (`sitrep/1` `document`).
    #[schema(value_type = Object)]
    pub document: Value,
    /// The evidence sentences with the spans of each field marked.
    pub evidence: Vec<Sentence>,
}

/// Cuts `text[start..end]` at the field spans inside it.
fn segments(
    text: &str,
    start: usize,
    end: usize,
    fields: &[(String, usize, usize)],
) -> Vec<Segment> {
    let mut cuts = vec![start, end];
    for (_, s, e) in fields {
        for p in [*s, *e] {
            if p > start && p < end && text.is_char_boundary(p) {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|w| {
            let piece = text.get(w[0]..w[1])?;
            let names: Vec<String> = fields
                .iter()
                .filter(|(_, s, e)| *s <= w[0] && w[1] <= *e && s < e)
                .map(|(n, _, _)| n.clone())
                .collect();
            Some(Segment {
                text: piece.to_string(),
                fields: names,
            })
        })
        .collect()
}

/// One event: the full record, its document, and each evidence sentence
/// with the spans that filled each field.
#[utoipa::path(get, path = "/api/events/{id}", params(("id" = String, Path, description = "event id", pattern = r"^[^\u0000-\u001F\u007F-\u009F\\]{1,512}$")),
    responses((status = 200, body = EventRecord), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_event(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    params::id(&id)?;
    let rec = blocking(move || {
        st.pool.with(|s| {
            let row = s.event(&id)?.ok_or_else(|| ApiError::not_found("event"))?;
            let doc = s.document(&row.doc_id)?;
            Ok((row, doc))
        })
    })
    .await?;
    let (row, doc) = rec;
    let e = &row.event;
    let mut evidence = Vec::new();
    let mut document = Value::Null;
    if let Some(out) = &doc {
        document = serde_json::to_value(&out.document).unwrap_or(Value::Null);
        let fields: Vec<(String, usize, usize)> = e
            .fields
            .iter()
            .map(|f| (f.field.clone(), f.start, f.end))
            .collect();
        for ev in &e.evidence {
            if out.text.get(ev.start..ev.end).is_some() {
                evidence.push(Sentence {
                    start: ev.start,
                    end: ev.end,
                    segments: segments(&out.text, ev.start, ev.end, &fields),
                });
            }
        }
    }
    Ok(Json(EventRecord {
        event: event_json(&row),
        document,
        evidence,
    })
    .into_response())
}

/// One document as `sitrep/1` wrote it: its text and every event.
#[utoipa::path(get, path = "/api/documents/{id}", params(("id" = String, Path, description = "document id", pattern = r"^[^\u0000-\u001F\u007F-\u009F\\]{1,512}$")),
    responses((status = 200, description = "the sitrep/1 object", body = Object), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn get_document(
    State(st): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    params::id(&id)?;
    let out = blocking(move || st.pool.with(|s| Ok(s.document(&id)?)))
        .await?
        .ok_or_else(|| ApiError::not_found("document"))?;
    Ok(Json(out).into_response())
}

/// Counts for the timeline and the facets.
#[derive(Serialize, utoipa::ToSchema)]
pub struct StatsBody {
    pub total: usize,
    /// [day, count] pairs in date order (the first day of each event's date).
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub by_day: Vec<(String, usize)>,
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub by_type: Vec<(String, usize)>,
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub by_country: Vec<(String, usize)>,
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub by_acled: Vec<(String, usize)>,
    #[schema(value_type = Vec<Vec<serde_json::Value>>)]
    pub by_plover: Vec<(String, usize)>,
}

/// Counts of the selected events by day, type, country, ACLED type and
/// PLOVER category.
#[utoipa::path(get, path = "/api/stats", params(FilterParams),
    responses((status = 200, body = StatsBody), (status = 400, body = ErrorBody)))]
async fn stats(State(st): State<Arc<AppState>>, q: Params) -> Result<Response, ApiError> {
    let f = params::filter(&query_of(q)?, false, &[])?;
    let v = blocking(move || {
        st.pool.with(|s| {
            st.cached(s, format!("stats {f:?}"), |s| {
                let s = s.stats(&f)?;
                serde_json::to_value(StatsBody {
                    total: s.total,
                    by_day: s.by_day,
                    by_type: s.by_type,
                    by_country: s.by_country,
                    by_acled: s.by_acled,
                    by_plover: s.by_plover,
                })
                .map_err(ApiError::internal)
            })
        })
    })
    .await?;
    Ok(Json(v).into_response())
}

/// The export format parameter.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ExportParams {
    /// acled-csv, geojson, parquet or jsonl.
    #[param(pattern = "^(acled-csv|geojson|parquet|jsonl)$")]
    format: String,
}

/// A `Write` that sends what it is given down a channel in 64 KiB chunks:
/// an export streams from the blocking store to the response body.
struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= 64 * 1024 {
            self.flush()?;
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            let chunk = Bytes::from(std::mem::take(&mut self.buf));
            self.tx
                .blocking_send(Ok(chunk))
                .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client gone"))?;
        }
        Ok(())
    }
}

/// What the filters select, as a file: ACLED CSV (the events in ACLED's
/// scope: `/api/stats`' `by_acled` counts the others under ""), GeoJSON,
/// Parquet or JSON Lines. It streams: a store error after the first bytes
/// ends the body with an error rather than a short file.
#[utoipa::path(get, path = "/api/export", params(ExportParams, FilterParams),
    responses((status = 200, description = "the file", content(
        (String = "text/csv"), (Object = "application/geo+json"),
        (String = "application/vnd.apache.parquet"), (String = "application/x-ndjson"))),
        (status = 400, body = ErrorBody)))]
async fn export(State(st): State<Arc<AppState>>, q: Params) -> Result<Response, ApiError> {
    let q = query_of(q)?;
    let f = params::filter(&q, false, &["format"])?;
    let format = q
        .get("format")
        .and_then(|v| Format::parse(v))
        .ok_or_else(|| ApiError::bad("format", "expected acled-csv, geojson, parquet or jsonl"))?;
    // Fail before streaming if the store cannot be read.
    let st2 = st.clone();
    blocking(move || st2.pool.with(|s| Ok(s.counts()?))).await?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    tokio::task::spawn_blocking(move || {
        let err_tx = tx.clone();
        let w = ChannelWriter {
            tx,
            buf: Vec::new(),
        };
        let r = st.pool.with(|s| {
            let mut ex = sitrep_export::Exporter::new(format, w).map_err(ApiError::internal)?;
            s.for_each(&f, |row| {
                ex.push(&row)
                    .map_err(|e| sitrep_store::StoreError::Invalid(e.to_string()))
            })?;
            ex.finish().map_err(ApiError::internal)?;
            Ok(())
        });
        if let Err(e) = r {
            // The status is sent already: end the body with an error, so
            // that the client sees a broken transfer, not a short file.
            let _ = err_tx.blocking_send(Err(std::io::Error::other(e.message)));
        }
    });
    let stream = tokio_stream(rx);
    let name = format!(
        "attachment; filename=\"sitrep-events.{}\"",
        format.extension()
    );
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// A receiver as a stream of body chunks.
fn tokio_stream(
    mut rx: tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> {
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx))
}

/// What POST stored.
#[derive(Serialize, utoipa::ToSchema)]
pub struct StoredDoc {
    pub id: String,
    /// new, replaced or unchanged.
    pub status: String,
    pub events: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// A document to code (the fields `sitrep extract` reads from JSON Lines).
#[derive(utoipa::ToSchema)]
#[allow(dead_code)]
pub struct DocumentIn {
    /// The text to code.
    #[schema(min_length = 1, max_length = 100000)]
    text: String,
    /// Its id (else one made from the text, so that posting it again
    /// changes nothing).
    #[schema(pattern = r"^[^\u0000-\u001F\u007F-\u009F]{1,512}$")]
    id: Option<String>,
    /// Publication date, YYYY-MM-DD (relative dates are read against it).
    #[schema(format = Date)]
    published: Option<String>,
    source: Option<String>,
    url: Option<String>,
    title: Option<String>,
    /// ISO 639-1 language (else detected).
    #[schema(pattern = "^[a-z]{2,3}$")]
    language: Option<String>,
}

/// The answer to POST /api/documents.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Posted {
    pub stored: Vec<StoredDoc>,
}

/// A stable id for a document posted without one: FNV-1a of its text, so
/// that posting it again replaces nothing.
fn content_id(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("doc-{h:016x}")
}

/// Checks the bearer token in constant time.
fn authorised(headers: &HeaderMap, token: &str) -> bool {
    let Some(given) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (a, b) = (given.as_bytes(), token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Codes and stores documents: one JSON object (`application/json`) or
/// JSON Lines (`application/x-ndjson`), each with `text` and optionally
/// `id`, `published`, `source`, `url`, `title`, `language`. All are
/// checked before any is stored; each is stored in its own transaction.
#[utoipa::path(post, path = "/api/documents",
    request_body(description = "a document, or JSON Lines of them (application/x-ndjson)",
        content((DocumentIn = "application/json"), (String = "application/x-ndjson"))),
    responses((status = 200, body = Posted), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 415, body = ErrorBody),
        (status = 503, body = ErrorBody)),
    security(("bearer" = [])))]
async fn post_documents(
    State(st): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Some(token) = st.token.clone() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server is read-only: start it with SITREP_TOKEN or --token-file to accept writes",
        ));
    };
    if !authorised(&headers, &token) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "a write needs `Authorization: Bearer <token>` with the server's token",
        ));
    }
    if st.shutting_down.load(Ordering::SeqCst) {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "shutting down: no new writes",
        ));
    }
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let lines = match ctype.as_str() {
        "application/json" => false,
        "application/x-ndjson" | "application/jsonl" | "application/json-lines" => true,
        _ => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send application/json (one document) or application/x-ndjson (JSON Lines)",
            ))
        }
    };
    let body = body.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    // Not behind the readers' slots: the one writer connection serialises
    // writes, and a write must not wait for a queue of reads.
    let stored = tokio::task::spawn_blocking(move || store_posted(&st, &body, lines))
        .await
        .map_err(ApiError::internal)??;
    Ok(Json(Posted { stored }).into_response())
}

/// Reads, checks, codes and stores posted documents (blocking).
fn store_posted(st: &AppState, body: &[u8], lines: bool) -> Result<Vec<StoredDoc>, ApiError> {
    let writer = st
        .writer
        .as_ref()
        .ok_or_else(|| ApiError::new(StatusCode::FORBIDDEN, "this server is read-only"))?;
    let text =
        std::str::from_utf8(body).map_err(|e| ApiError::bad("body", &format!("not UTF-8: {e}")))?;
    // One object per line, each given a content id when it has none.
    let mut records: Vec<String> = Vec::new();
    let values: Vec<(usize, Result<Value, serde_json::Error>)> = if lines {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (i + 1, serde_json::from_str(l)))
            .collect()
    } else {
        vec![(1, serde_json::from_str(text))]
    };
    for (line, v) in values {
        let mut v = v.map_err(|e| ApiError::bad("body", &format!("line {line}: {e}")))?;
        let Some(obj) = v.as_object_mut() else {
            return Err(ApiError::bad(
                "body",
                &format!("line {line}: not a JSON object"),
            ));
        };
        match obj.get("id") {
            Some(Value::String(id)) => {
                params::id(id).map_err(|_| {
                    ApiError::bad("id", &format!("line {line}: not a valid id: empty, over 512 bytes, a control character or a `..` path"))
                })?;
            }
            Some(Value::Null) | None => {}
            Some(_) => {
                return Err(ApiError::bad(
                    "id",
                    &format!("line {line}: `id` must be a string"),
                ))
            }
        }
        if obj.get("id").is_none_or(Value::is_null) {
            let t = obj.get("text").and_then(Value::as_str).unwrap_or("");
            obj.insert("id".into(), json!(content_id(t)));
        }
        records.push(v.to_string());
    }
    if records.is_empty() {
        return Err(ApiError::bad("body", "no document"));
    }
    let opts = sitrep_text::ReadOptions {
        format: Some(sitrep_text::DocFormat::Jsonl),
        ..Default::default()
    };
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    sitrep_text::input::read_jsonl(
        "body",
        records.join("\n"),
        &opts,
        |d, w| docs.push((d, w)),
        |e| errors.push(e.to_string()),
    );
    if let Some(e) = errors.first() {
        return Err(ApiError::bad("body", e));
    }
    // Code first (no lock held), then store each document in its own
    // transaction.
    let outs: Vec<_> = docs
        .iter()
        .map(|(d, w)| writer.pipeline.run(d, w.clone()))
        .collect();
    let mut store = writer.store.lock().map_err(ApiError::internal)?;
    let mut stored = Vec::new();
    for out in outs {
        let status = store.ingest(&out)?;
        let name = match status {
            Ingested::New => "new",
            Ingested::Replaced => "replaced",
            Ingested::Unchanged => "unchanged",
        };
        let counter = if status == Ingested::Unchanged {
            &st.metrics.documents_unchanged
        } else {
            &st.metrics.documents_stored
        };
        counter.fetch_add(1, Ordering::Relaxed);
        stored.push(StoredDoc {
            id: out.document.id.clone(),
            status: name.into(),
            events: out.events.len(),
            warnings: out.warnings.clone(),
        });
    }
    Ok(stored)
}

/// Health.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// "ok".
    pub status: String,
    pub documents: usize,
    pub events: usize,
    /// Whether POST /api/documents is accepted.
    pub writable: bool,
}

/// Whether the server can read its store.
#[utoipa::path(get, path = "/healthz", responses((status = 200, body = Health), (status = 500, body = ErrorBody)))]
async fn healthz(State(st): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let st2 = st.clone();
    let (d, e) = blocking(move || st2.pool.with(|s| Ok(s.counts()?))).await?;
    Ok(Json(Health {
        status: "ok".into(),
        documents: d,
        events: e,
        writable: st.writable(),
    })
    .into_response())
}

/// Prometheus metrics (text format 0.0.4).
#[utoipa::path(get, path = "/metrics", responses((status = 200, description = "Prometheus text", content_type = "text/plain", body = String)))]
async fn metrics(State(st): State<Arc<AppState>>) -> Result<Response, ApiError> {
    let st2 = st.clone();
    let (d, e) = blocking(move || st2.pool.with(|s| Ok(s.counts()?))).await?;
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        st.metrics.render(d, e),
    )
        .into_response())
}

#[derive(OpenApi)]
#[openapi(
    info(title = "sitrep", description = "Coded conflict events with their evidence: query, export, post documents."),
    paths(list_events, get_event, list_incidents, get_incident, get_document, stats, export, post_documents, healthz, metrics),
    components(schemas(ErrorBody, DocumentIn, EventsPage, EventRecord, IncidentsPage, IncidentRecord, Sentence, Segment, StatsBody, Posted, StoredDoc, Health)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        if let Some(c) = doc.components.as_mut() {
            c.add_security_scheme(
                "bearer",
                SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
            );
        }
    }
}

/// The OpenAPI 3 document of this API.
async fn openapi() -> Response {
    Json(ApiDoc::openapi()).into_response()
}
