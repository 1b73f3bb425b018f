//! The web map in a real browser: Debian's Chromium, headless, driven over
//! the Chrome DevTools Protocol. A store of real news is served; the test
//! checks that the page loads with no console error and no request leaving
//! 127.0.0.1, that the markers are the API's events, that a date filter and
//! a type filter change both (and the URL), that a click on the list opens
//! the record with its evidence sentence, and that the download returns the
//! filtered rows. It saves a screenshot (`$SITREP_SCREENSHOT`, else the
//! temp dir).

mod common;

use base64::Engine as _;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

const CHROMIUM: &str = "/usr/bin/chromium";

/// A page of a headless Chromium, spoken to over CDP.
struct Page {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next: u64,
    /// Every event the browser sent.
    events: Vec<Value>,
    child: Child,
}

impl Drop for Page {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Page {
    fn launch(profile: &std::path::Path) -> Page {
        let mut child = Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--window-size=1400,900",
                "--remote-debugging-port=0",
                &format!("--user-data-dir={}", profile.display()),
                "about:blank",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID"
        let mut err = BufReader::new(child.stderr.take().unwrap());
        let mut port = None;
        let mut line = String::new();
        while port.is_none() && err.read_line(&mut line).unwrap() > 0 {
            if let Some(rest) = line.split("ws://127.0.0.1:").nth(1) {
                port = rest.split('/').next().map(str::to_string);
            }
            line.clear();
        }
        // Keep draining stderr so that Chromium never blocks on it.
        std::thread::spawn(move || for _ in err.lines() {});
        let port = port.expect("chromium printed no DevTools address");
        let (_, _, body) = common::http(
            "GET",
            &format!("http://127.0.0.1:{port}/json/list"),
            &[],
            b"",
        );
        let targets: Value = serde_json::from_slice(&body).unwrap();
        let url = targets
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == "page")
            .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            .expect("a page target")
            .to_string();
        let (ws, _) = tungstenite::connect(url).unwrap();
        if let MaybeTlsStream::Plain(s) = ws.get_ref() {
            s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        }
        let mut p = Page {
            ws,
            next: 0,
            events: Vec::new(),
            child,
        };
        for m in [
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
            "Page.enable",
        ] {
            p.call(m, json!({}));
        }
        p
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let msg = json!({"id": id, "method": method, "params": params}).to_string();
        self.ws.send(Message::text(msg)).unwrap();
        loop {
            let m = self.ws.read().expect("CDP read");
            let Message::Text(t) = m else { continue };
            let v: Value = serde_json::from_str(t.as_str()).unwrap();
            if v["id"] == json!(id) {
                assert!(v["error"].is_null(), "{method}: {}", v["error"]);
                return v["result"].clone();
            }
            self.events.push(v);
        }
    }

    /// Evaluates an expression in the page (awaiting a promise) and
    /// returns its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "awaitPromise": true, "returnByValue": true}),
        );
        assert!(
            r["exceptionDetails"].is_null(),
            "{expr}: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }

    fn wait_for(&mut self, expr: &str) {
        let t0 = Instant::now();
        while self.eval(expr) != json!(true) {
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "timed out waiting for {expr}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Sets the page's filters and waits for the selection to reload.
    fn filter(&mut self, set: &str) {
        self.eval(&format!(
            "document.body.dataset.ready = ''; {set}; \
             document.getElementById('filters').dispatchEvent(new Event('submit', {{cancelable: true}})); true"
        ));
        self.wait_for("document.body.dataset.ready === '1'");
    }
}

/// Events the store holds for a filter, and how many have coordinates.
fn counts(db: &str, f: &sitrep_store::Filter) -> (usize, usize) {
    let s = sitrep_store::Store::open(db).unwrap();
    let rows = s.query(f).unwrap();
    let placed = rows
        .iter()
        .filter(|r| {
            r.event
                .location
                .as_ref()
                .is_some_and(|l| l.lat.is_some() && l.lon.is_some())
        })
        .count();
    (rows.len(), placed)
}

#[test]
fn the_map_in_a_real_browser() {
    let Some(shared) = common::shared() else {
        return;
    };
    if !std::path::Path::new(CHROMIUM).exists() {
        if std::env::var_os("SITREP_REQUIRE_SHARED").is_some() {
            panic!("{CHROMIUM} is missing (.ci/run installs Debian's chromium)");
        }
        eprintln!("SKIPPED: {CHROMIUM} is missing (apt-get install chromium)");
        return;
    }
    let dir = common::tmpdir("browser");
    let db = common::store(&shared, &dir, 120);
    let (base, _) = common::serve(&db, None, 1 << 20);
    let mut page = Page::launch(&dir.join("profile"));

    page.call("Page.navigate", json!({"url": format!("{base}/")}));
    page.wait_for("document.body && document.body.dataset.ready === '1'");
    let all = counts(&db, &Default::default());
    assert!(all.1 >= 50, "a real store: {all:?}");
    assert_eq!(page.eval("window.sitrep.markerCount()"), json!(all.1));
    assert_eq!(page.eval("window.sitrep.events()"), json!(all.0));

    // A date filter: fewer markers, the store's count, and the URL.
    page.filter("const f = document.getElementById('filters'); f.elements.from.value = '2002-02-27'; f.elements.to.value = '2002-03-02'");
    let dated = counts(
        &db,
        &sitrep_store::Filter {
            from: Some("2002-02-27".into()),
            to: Some("2002-03-02".into()),
            ..Default::default()
        },
    );
    assert!(dated.1 < all.1 && dated.1 > 0, "{dated:?} of {all:?}");
    assert_eq!(page.eval("window.sitrep.markerCount()"), json!(dated.1));
    let url = page.eval("location.search").as_str().unwrap().to_string();
    assert!(
        url.contains("from=2002-02-27") && url.contains("to=2002-03-02"),
        "{url}"
    );

    // And a type filter on top.
    page.filter("document.getElementById('filters').elements.type.value = 'attack'");
    let typed = sitrep_store::Filter {
        from: Some("2002-02-27".into()),
        to: Some("2002-03-02".into()),
        kind: Some("attack".into()),
        ..Default::default()
    };
    let attacks = counts(&db, &typed);
    assert!(
        attacks.1 < dated.1 && attacks.1 > 0,
        "{attacks:?} of {dated:?}"
    );
    assert_eq!(page.eval("window.sitrep.markerCount()"), json!(attacks.1));
    assert!(page
        .eval("location.search")
        .as_str()
        .unwrap()
        .contains("type=attack"));

    // A real click on the first row of the list opens the record.
    let r = page.eval(
        "(() => { const b = document.querySelector('#list tbody tr').getBoundingClientRect(); \
         return [b.left + b.width / 2, b.top + b.height / 2, document.querySelector('#list tbody tr').dataset.id]; })()",
    );
    let (x, y) = (r[0].as_f64().unwrap(), r[1].as_f64().unwrap());
    let id = r[2].as_str().unwrap().to_string();
    for kind in ["mousePressed", "mouseReleased"] {
        page.call(
            "Input.dispatchMouseEvent",
            json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
        );
    }
    page.wait_for("!document.getElementById('record').hidden");
    assert_eq!(
        page.eval("document.getElementById('record').dataset.id"),
        json!(id)
    );
    let shown = page
        .eval("[...document.querySelectorAll('#record blockquote.evidence')].map(b => b.textContent).join(' ')")
        .as_str()
        .unwrap()
        .to_string();
    let stored = sitrep_store::Store::open(&db)
        .unwrap()
        .event(&id)
        .unwrap()
        .unwrap();
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(norm(&shown), norm(&stored.notes), "the evidence sentences");
    assert!(page.eval("document.querySelectorAll('#record mark').length > 0") == json!(true));

    // The download link returns the filtered rows.
    let n = page.eval(
        "fetch(document.getElementById('dl-geojson').href).then(r => r.json()).then(g => g.features.length)",
    );
    assert_eq!(n, json!(attacks.0));
    let csv_rows = page.eval(
        "fetch(document.getElementById('dl-csv').href).then(r => r.text()).then(t => t.trim().split('\\n').length - 1)",
    );
    let in_scope = sitrep_store::Store::open(&db)
        .unwrap()
        .query(&typed)
        .unwrap()
        .iter()
        .filter(|r| r.event.acled.is_some())
        .count();
    assert_eq!(csv_rows, json!(in_scope));

    // The screenshot, of the filtered view with its record open.
    let shot = page.call("Page.captureScreenshot", json!({"format": "png"}));
    let png = base64::engine::general_purpose::STANDARD
        .decode(shot["data"].as_str().unwrap())
        .unwrap();
    let path = std::env::var_os("SITREP_SCREENSHOT")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.join("map.png"));
    std::fs::write(&path, &png).unwrap();
    eprintln!("screenshot: {}", path.display());

    // Nothing went wrong and nothing left the machine.
    let mut problems = Vec::new();
    for e in &page.events {
        match e["method"].as_str() {
            Some("Runtime.exceptionThrown") => problems.push(e["params"].to_string()),
            Some("Runtime.consoleAPICalled") if e["params"]["type"] == "error" => {
                problems.push(e["params"]["args"].to_string())
            }
            Some("Log.entryAdded") if e["params"]["entry"]["level"] == "error" => {
                problems.push(e["params"]["entry"]["text"].to_string())
            }
            Some("Network.requestWillBeSent") => {
                let url = e["params"]["request"]["url"].as_str().unwrap_or("");
                let local = url.starts_with("http://127.0.0.1:")
                    || url.starts_with("data:")
                    || url.starts_with("about:");
                if !local {
                    problems.push(format!("request to {url}"));
                }
            }
            _ => {}
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    drop(page);
    std::fs::remove_dir_all(&dir).ok();
}
