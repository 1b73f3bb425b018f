//! Incidents in the store: linking a document's events to the events of
//! other documents inside the transaction that stores it, and reading
//! incidents back.
//!
//! Each event row holds its `incident_id` and its `component` (the
//! compatibility component it belongs to, named by its lowest event id;
//! see `sitrep-incidents`). `incident_keys` indexes each linkable event by
//! day and cell (the ISO country of its place, "" when unplaced), so that
//! the candidates of a new event are found by an index range on the days
//! its date can meet, never by a scan. When a document is stored, replaced
//! or deleted, the components its old and new events touch are recomputed
//! whole (a component is closed, so nothing outside them can change), and
//! their incidents rewritten, in the same transaction as the document.

use crate::db::{args, int, rows, texts, Db, Value};
use crate::{matching, row_of, EventRow, Filter, Store, StoreError, ROW_SQL};
use sitrep_core::{Event, Incident, Output};
use sitrep_incidents::{
    build, compatible, grouping, DocInfo, Grouping, LinkOptions, Member, Profile,
};
use std::collections::{BTreeSet, HashMap};

/// What a stored document's events were part of, read before it is
/// replaced or deleted: their components and their incidents.
#[derive(Debug, Default)]
pub(crate) struct Touched {
    comps: BTreeSet<String>,
    incidents: BTreeSet<String>,
}

pub(crate) fn touched(db: &mut dyn Db, doc_id: &str) -> Result<Touched, StoreError> {
    let mut t = Touched::default();
    db.each(
        "SELECT component, incident_id FROM events WHERE doc_id = ?1 AND component IS NOT NULL",
        args![doc_id],
        &mut |r| {
            t.comps.extend(r[0].text());
            t.incidents.extend(r[1].text());
            Ok(())
        },
    )?;
    Ok(t)
}

fn doc_info(out: &Output) -> DocInfo {
    DocInfo {
        id: out.document.id.clone(),
        source: out.document.source.clone(),
        published: out.document.published,
        story: sitrep_incidents::story_names(out),
    }
}

/// An event of a touched component as linking sees it (its profile is
/// kept beside it, at the same index, for [`grouping`]).
struct Linked {
    /// Its incident and component before this change (`None`: new).
    incident: Option<String>,
    component: Option<String>,
    /// The event itself, for a new one (stored ones are read only when
    /// their incident is rebuilt).
    event: Option<(Event, DocInfo)>,
}

/// Links the events of `out`, already inserted with no incident, and
/// recomputes the components the document's previous version touched and
/// those its events meet; only incidents whose reports change are
/// rewritten. `link` `None`: each event is its own incident.
pub(crate) fn link(
    db: &mut dyn Db,
    link: Option<&LinkOptions>,
    out: Option<&Output>,
    touched: Touched,
) -> Result<(), StoreError> {
    let opts = link.copied().unwrap_or_default();
    let Touched {
        mut comps,
        incidents: gone,
    } = touched;
    let mut all: Vec<Linked> = Vec::new();
    let mut profiles: Vec<Profile> = Vec::new();
    if let Some(out) = out {
        let doc = doc_info(out);
        for e in &out.events {
            let profile = Profile::of(e, &doc, &opts);
            db.exec(
                "UPDATE events SET link_profile = ?1 WHERE id = ?2",
                args![profile.to_json(), &e.id],
            )?;
            profiles.push(profile);
            all.push(Linked {
                incident: None,
                component: None,
                event: Some((e.clone(), doc.clone())),
            });
        }
    }
    if link.is_some() {
        let mut full: BTreeSet<String> = BTreeSet::new();
        for p in &profiles {
            for (day, cell) in p.keys() {
                db.exec(
                    "INSERT INTO incident_keys (event_id, day, cell) VALUES (?1, ?2, ?3)",
                    args![&p.event_id, day, cell],
                )?;
            }
            if let Some((lo, hi, cell)) = p.probe(&opts) {
                // The events in the index's reach; only the components of
                // those compatible with this one are touched (the others
                // stay closed without it), so the work follows the
                // event's real neighbours, not how busy its day is.
                let (plover, acled) = p.types();
                // A placed event meets its own cell and the unplaced events;
                // an unplaced one meets every cell of its days.
                let found = rows(
                    db,
                    "SELECT e.id, e.component, e.link_profile FROM incident_keys k JOIN events e ON e.id = k.event_id
                     WHERE k.day BETWEEN ?1 AND ?2 AND (?3 = '' OR k.cell = ?3 OR k.cell = '')
                       AND e.doc_id <> ?4 AND e.component IS NOT NULL
                       AND (e.plover = ?5 OR e.acled_type = ?6)",
                    args![lo, hi, cell, &p.doc_id, plover, acled],
                )?;
                // An event keyed on several days comes once a day.
                let mut seen: BTreeSet<String> = BTreeSet::new();
                for r in found {
                    let Some(c) = r[1].text() else { continue };
                    if comps.contains(&c) || full.contains(&c) || !seen.insert(r[0].string()?) {
                        continue;
                    }
                    let other = r[2].text().ok_or_else(|| {
                        StoreError::Invalid("a linked event has no link profile".into())
                    })?;
                    if !compatible(p, &Profile::from_json(&other)?, &opts) {
                        continue;
                    }
                    // A full component takes no more events.
                    let n = int(
                        db,
                        "SELECT count(*) FROM events WHERE component = ?1",
                        args![&c],
                    )?;
                    if n >= i64::from(opts.max_component) {
                        full.insert(c);
                    } else {
                        comps.insert(c);
                    }
                }
            }
        }
    }
    // Every other event of the components touched.
    for c in &comps {
        let members = rows(
            db,
            "SELECT link_profile, incident_id, component FROM events WHERE component = ?1",
            args![c],
        )?;
        for r in members {
            let profile = r[0]
                .text()
                .ok_or_else(|| StoreError::Invalid("a linked event has no link profile".into()))?;
            profiles.push(Profile::from_json(&profile)?);
            all.push(Linked {
                incident: r[1].text(),
                component: r[2].text(),
                event: None,
            });
        }
    }
    if all.is_empty() {
        for i in &gone {
            db.exec("DELETE FROM incidents WHERE id = ?1", args![i])?;
        }
        return Ok(());
    }
    let g = match link {
        Some(o) => grouping(&profiles, o),
        None => Grouping {
            incidents: (0..profiles.len()).map(|i| vec![i]).collect(),
            component_of: (0..profiles.len()).collect(),
        },
    };
    // How many loaded events each old incident has: an incident whose
    // events are exactly a new group's (none new, none gone) is unchanged.
    let mut old_size: HashMap<&str, usize> = HashMap::new();
    for l in &all {
        if let Some(i) = &l.incident {
            *old_size.entry(i.as_str()).or_default() += 1;
        }
    }
    let mut unchanged: Vec<bool> = Vec::with_capacity(g.incidents.len());
    let mut kept: BTreeSet<&str> = BTreeSet::new();
    for members in &g.incidents {
        let first = all[members[0]].incident.as_deref();
        let same = first.is_some_and(|x| {
            !gone.contains(x)
                && old_size.get(x) == Some(&members.len())
                && members
                    .iter()
                    .all(|&m| all[m].incident.as_deref() == Some(x))
        });
        if same {
            kept.extend(first);
        }
        unchanged.push(same);
    }
    {
        let old: BTreeSet<&str> = all
            .iter()
            .filter_map(|l| l.incident.as_deref())
            .chain(gone.iter().map(String::as_str))
            .collect();
        for i in old.difference(&kept) {
            db.exec("DELETE FROM incidents WHERE id = ?1", args![*i])?;
        }
    }
    // A component that is full leaves the index: no later event meets it,
    // and no probe reads its keys again.
    if link.is_some() {
        let mut sizes: HashMap<usize, u32> = HashMap::new();
        for &c in &g.component_of {
            *sizes.entry(c).or_default() += 1;
        }
        for (i, c) in g.component_of.iter().enumerate() {
            if sizes[c] >= opts.max_component {
                db.exec(
                    "DELETE FROM incident_keys WHERE event_id = ?1",
                    args![&profiles[i].event_id],
                )?;
            }
        }
    }
    for (members, same) in g.incidents.iter().zip(unchanged) {
        let comp = &profiles[g.component_of[members[0]]].event_id;
        let id = if same {
            all[members[0]].incident.clone().unwrap_or_default()
        } else {
            let mut events: Vec<(Event, DocInfo)> = Vec::with_capacity(members.len());
            for &m in members {
                match &all[m].event {
                    Some(x) => events.push(x.clone()),
                    None => {
                        let r = rows(
                            db,
                            "SELECT e.json, d.id, d.source, d.published FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.id = ?1",
                            args![&profiles[m].event_id],
                        )?;
                        let r = r.first().ok_or_else(|| {
                            StoreError::Invalid(format!(
                                "linked event {} is not stored",
                                profiles[m].event_id
                            ))
                        })?;
                        let doc = DocInfo {
                            id: r[1].string()?,
                            source: r[2].text(),
                            published: r[3].text().and_then(|d| d.parse().ok()),
                            story: Vec::new(),
                        };
                        events.push((serde_json::from_str(&r[0].string()?)?, doc));
                    }
                }
            }
            let ms: Vec<Member> = events
                .iter()
                .map(|(event, doc)| Member { event, doc })
                .collect();
            let inc = build(&ms);
            db.exec(
                "INSERT INTO incidents (id, type, plover, acled_type, date_start, date_end, country, fatalities, reports, sources, first_seen, last_seen, json)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                args![
                    &inc.id,
                    &inc.kind,
                    &inc.plover,
                    inc.acled.as_ref().map(|a| a.event_type.clone()),
                    inc.date.as_ref().map(|d| d.start_date.to_string()),
                    inc.date.as_ref().map(|d| d.end_date.to_string()),
                    inc.location.as_ref().and_then(|l| l.country_code.clone()),
                    inc.fatalities,
                    inc.reports as i64,
                    inc.sources as i64,
                    inc.first_seen.map(|d| d.to_string()),
                    inc.last_seen.map(|d| d.to_string()),
                    serde_json::to_string(&inc)?,
                ],
            )?;
            inc.id
        };
        for &m in members {
            let l = &all[m];
            if l.incident.as_deref() != Some(id.as_str()) || l.component.as_deref() != Some(comp) {
                db.exec(
                    "UPDATE events SET incident_id = ?1, component = ?2 WHERE id = ?3",
                    args![&id, comp, &profiles[m].event_id],
                )?;
            }
        }
    }
    Ok(())
}

/// How linking options are written in the store's settings.
fn describe(o: Option<&LinkOptions>) -> String {
    match o {
        None => "off".to_string(),
        Some(o) => format!(
            "day_window={} max_days={} max_component={} km_place={} km_district={} km_province={}",
            o.day_window, o.max_days, o.max_component, o.km_place, o.km_district, o.km_province
        ),
    }
}

/// Reads what [`describe`] wrote; `None` when it is not that.
fn parse_described(s: &str) -> Option<Option<LinkOptions>> {
    if s == "off" {
        return Some(None);
    }
    let mut o = LinkOptions::default();
    for kv in s.split_whitespace() {
        let (k, v) = kv.split_once('=')?;
        match k {
            "day_window" => o.day_window = v.parse().ok()?,
            "max_days" => o.max_days = v.parse().ok()?,
            "max_component" => o.max_component = v.parse().ok()?,
            "km_place" => o.km_place = v.parse().ok()?,
            "km_district" => o.km_district = v.parse().ok()?,
            "km_province" => o.km_province = v.parse().ok()?,
            _ => return None,
        }
    }
    Some(Some(o))
}

/// The options the store's settings record (`None`: none recorded yet).
pub(crate) fn recorded_linking(db: &mut dyn Db) -> Result<Option<Option<LinkOptions>>, StoreError> {
    let stored = texts(db, "SELECT value FROM settings WHERE key = 'link'", &[])?;
    stored
        .first()
        .map(|s| {
            parse_described(s).ok_or_else(|| {
                StoreError::Invalid(format!("the store's link settings are unreadable: {s:?}"))
            })
        })
        .transpose()
}

/// The options the store's incidents were linked with (the defaults for
/// a new store), recording them in a new store.
pub(crate) fn stored_linking(db: &mut dyn Db) -> Result<Option<LinkOptions>, StoreError> {
    match recorded_linking(db)? {
        Some(o) => Ok(o),
        None => {
            let o = Some(LinkOptions::default());
            write_linking(db, o.as_ref())?;
            Ok(o)
        }
    }
}

fn write_linking(db: &mut dyn Db, link: Option<&LinkOptions>) -> Result<(), StoreError> {
    db.exec(
        "INSERT INTO settings (key, value) VALUES ('link', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        args![describe(link)],
    )?;
    Ok(())
}

/// Links every stored event again, from nothing, inside the caller's
/// transaction, and records the options.
pub(crate) fn relink_all(db: &mut dyn Db, link: Option<&LinkOptions>) -> Result<(), StoreError> {
    db.batch(
        "DELETE FROM incidents; DELETE FROM incident_keys; UPDATE events SET incident_id = NULL, component = NULL",
    )?;
    let seq = db.dialect().doc_seq();
    let ids = texts(db, &format!("SELECT id FROM documents ORDER BY {seq}"), &[])?;
    for id in ids {
        let json = texts(
            db,
            "SELECT output_json FROM documents WHERE id = ?1",
            args![&id],
        )?;
        let json = json
            .first()
            .ok_or_else(|| StoreError::Invalid(format!("document {id} vanished")))?;
        let out: Output = serde_json::from_str(json)?;
        self::link(db, link, Some(&out), Touched::default())?;
    }
    write_linking(db, link)
}

impl Store {
    /// How this store links events into incidents (`None`: it does not;
    /// each event is its own incident). A store remembers the options its
    /// incidents were linked with; opening it with others relinks every
    /// stored event (in one transaction) so that no two documents were
    /// linked by different rules.
    pub fn set_linking(&mut self, link: Option<LinkOptions>) -> Result<(), StoreError> {
        // `self.link` is what the settings hold: read on open, written by
        // every relink.
        let changed = describe(self.link.as_ref()) != describe(link.as_ref());
        self.link = link;
        if changed {
            self.relink()?;
        }
        Ok(())
    }

    /// The options events are linked with.
    pub fn linking(&self) -> Option<LinkOptions> {
        self.link
    }

    /// Links every stored event again, from nothing, in one transaction.
    pub fn relink(&mut self) -> Result<(), StoreError> {
        let link = self.link;
        self.write(|db| relink_all(db, link.as_ref()))
    }

    /// Deletes a document, its events and their links; the incidents they
    /// were part of are linked again without them. `false` when no such
    /// document is stored.
    pub fn delete(&mut self, doc_id: &str) -> Result<bool, StoreError> {
        let link = self.link;
        self.write(|db| {
            let before = touched(db, doc_id)?;
            let n = db.exec("DELETE FROM documents WHERE id = ?1", args![doc_id])?;
            self::link(db, link.as_ref(), None, before)?;
            Ok(n > 0)
        })
    }

    /// Every stored event's id with its incident's, in event id order.
    pub fn event_incidents(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.read(|db| {
            rows(
                db,
                "SELECT id, coalesce(incident_id, '') FROM events ORDER BY id",
                &[],
            )?
            .into_iter()
            .map(|r| Ok((r[0].string()?, r[1].string()?)))
            .collect()
        })
    }

    /// Number of incidents stored.
    pub fn incident_count(&self) -> Result<usize, StoreError> {
        self.read(|db| Ok(int(db, "SELECT count(*) FROM incidents", &[])? as usize))
    }

    /// Number of incidents with at least one event matching `f` (its
    /// cursor and limit ignored).
    pub fn count_incidents(&self, f: &Filter) -> Result<usize, StoreError> {
        let (from, args) = matching(f);
        let sql =
            format!("SELECT count(*) FROM incidents i WHERE i.id IN (SELECT e.incident_id {from})");
        self.read(|db| Ok(int(db, &sql, &args)? as usize))
    }

    /// Incidents with at least one event matching `f` (its cursor a
    /// position in the incidents' order), ordered by date (undated first)
    /// then id.
    pub fn incidents(&self, f: &Filter) -> Result<Vec<Incident>, StoreError> {
        let mut out = Vec::new();
        self.for_each_incident(f, |i| {
            out.push(i);
            Ok(())
        })?;
        Ok(out)
    }

    /// Calls `each` on every incident [`Store::incidents`] selects, without
    /// holding them all in memory.
    pub fn for_each_incident(
        &self,
        f: &Filter,
        mut each: impl FnMut(Incident) -> Result<(), StoreError>,
    ) -> Result<usize, StoreError> {
        let (from, mut args) = matching(f);
        let mut sql =
            format!("SELECT i.json FROM incidents i WHERE i.id IN (SELECT e.incident_id {from})");
        if let Some(c) = &f.after {
            args.push(Value::Text(c.date_start.clone()));
            args.push(Value::Text(c.id.clone()));
            let (d, i) = (args.len() - 1, args.len());
            sql += &format!(" AND (coalesce(i.date_start, ''), i.id) > (?{d}, ?{i})");
        }
        sql += " ORDER BY coalesce(i.date_start, ''), i.id";
        if let Some(l) = f.limit {
            sql += &format!(" LIMIT {l}");
        }
        let mut n = 0;
        self.read(|db| {
            db.each(&sql, &args, &mut |r| {
                each(serde_json::from_str(&r[0].string()?)?)?;
                n += 1;
                Ok(())
            })
        })?;
        Ok(n)
    }

    /// One incident and its reports (the events, with their documents and
    /// evidence sentences), in event id order.
    pub fn incident(&self, id: &str) -> Result<Option<(Incident, Vec<EventRow>)>, StoreError> {
        self.read(|db| {
            let json = texts(db, "SELECT json FROM incidents WHERE id = ?1", args![id])?;
            let Some(json) = json.first() else {
                return Ok(None);
            };
            let inc: Incident = serde_json::from_str(json)?;
            let rows = rows(
                db,
                &format!("{ROW_SQL} WHERE e.incident_id = ?1 ORDER BY e.id"),
                args![id],
            )?
            .iter()
            .map(|r| row_of(r))
            .collect::<Result<_, _>>()?;
            Ok(Some((inc, rows)))
        })
    }
}
