//! # sitrep-actors: canonical actors
//!
//! Turns entity clusters and noun phrases into canonical actors with a
//! country (ISO 3166-1 alpha-3) and a sector code, from:
//! - the embedded dictionary `data/actors.tsv` (our own, curated and
//!   current: it wins),
//! - the Phoenix dictionaries of the Open Event Data Alliance, compiled by
//!   `sitrep actors build` into `data/phoenix.tsv` ([`phoenix`], read with
//!   [`tabari`]): about 26,000 people and organisations with CAMEO codes,
//!   dated ones resolved on the document's date ("Putin" → RUS GOV after
//!   2008); for people, organisations and other names, not places,
//! - generic rules: a demonym or country before an organisation head noun
//!   ("Iraqi Counter-Terrorism Service" → IRQ), the head noun's sector
//!   ("forces" → MIL, "news agency" → MED), a person's title and the
//!   organisation in their role ("CENTCOM Commander Adm. Brad Cooper" →
//!   USA MIL, affiliated to US CENTCOM), membership ("senior ISIS member X",
//!   "X, an ISIS member"), appositives ("North Press Agency, a Syrian news
//!   agency" → SYR MED).

pub mod phoenix;
pub mod tabari;

use chrono::{Datelike, NaiveDate};
use phoenix::Phoenix;
use sitrep_core::{EntityType, Span};
use sitrep_entities::{Entities, NameDict};
use sitrep_geo::{normalize, Gazetteer, Level};
use sitrep_text::Analysis;
use std::collections::HashMap;

/// A canonical actor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Actor {
    pub canonical: String,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    pub sector: Option<String>,
    /// Group a person or unit belongs to.
    pub affiliation: Option<String>,
    /// Built from a common noun phrase ("US forces") rather than a name: a
    /// named actor of the same country and sector supersedes it.
    pub generic: bool,
}

/// The actor dictionaries: sitrep's own (`data/actors.tsv`, curated and
/// current) and the compiled Phoenix dictionaries ([`phoenix`]), consulted
/// after it.
pub struct ActorDict {
    actors: Vec<Actor>,
    by_alias: HashMap<String, usize>,
    phoenix: Phoenix,
}

static EMBEDDED: &str = include_str!("../data/actors.tsv");
static PHOENIX: &str = include_str!("../data/phoenix.tsv");

impl ActorDict {
    /// The dictionary compiled into sitrep.
    pub fn embedded() -> &'static ActorDict {
        static D: std::sync::OnceLock<ActorDict> = std::sync::OnceLock::new();
        D.get_or_init(|| {
            ActorDict::parse(EMBEDDED)
                .expect("embedded actor dictionary is valid")
                .with_phoenix(
                    Phoenix::parse(PHOENIX).expect("embedded Phoenix dictionary is valid"),
                )
        })
    }

    /// This dictionary with `p` consulted after it.
    pub fn with_phoenix(mut self, p: Phoenix) -> ActorDict {
        self.phoenix = p;
        self
    }

    pub fn phoenix(&self) -> &Phoenix {
        &self.phoenix
    }

    /// The actor a name denotes on a date: from sitrep's own dictionary, else
    /// from Phoenix with the codes in force that day (see
    /// [`Phoenix::get`]); with the dictionary it came from ("sitrep",
    /// "phoenix").
    pub fn lookup(
        &self,
        name: &str,
        date: Option<NaiveDate>,
        gaz: &Gazetteer,
    ) -> Option<(Actor, &'static str)> {
        match self.get(name) {
            Some(a) => Some((a.clone(), "sitrep")),
            None => self.phoenix_actor(name, date, gaz).map(|a| (a, "phoenix")),
        }
    }

    /// The actor a name denotes in the Phoenix dictionaries on a date, with
    /// its CAMEO codes read as country and sector.
    pub fn phoenix_actor(
        &self,
        name: &str,
        date: Option<NaiveDate>,
        gaz: &Gazetteer,
    ) -> Option<Actor> {
        let day = date.map(|d| d.year() as u32 * 10_000 + d.month() * 100 + d.day());
        let (e, codes) = self.phoenix.get(name, day)?;
        let is_country = |c: &str| gaz.tables.iso3.values().any(|v| v == c);
        let decoded: Vec<_> = codes
            .iter()
            .map(|c| phoenix::decode(c, is_country))
            .collect();
        let country = decoded.iter().find_map(|d| d.0.clone());
        let sector = decoded.iter().find_map(|d| d.1.clone());
        if country.is_none() && sector.is_none() {
            return None;
        }
        Some(Actor {
            canonical: e.canonical.clone(),
            country,
            sector,
            affiliation: None,
            generic: false,
        })
    }

    /// Parses the TSV format of `data/actors.tsv`.
    pub fn parse(tsv: &str) -> Result<ActorDict, String> {
        let mut d = ActorDict {
            actors: Vec::new(),
            by_alias: HashMap::new(),
            phoenix: Phoenix::default(),
        };
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 4 {
                return Err(format!(
                    "actors.tsv:{}: expected 4 tab-separated fields, got {}",
                    n + 1,
                    f.len()
                ));
            }
            let id = d.actors.len();
            d.actors.push(Actor {
                canonical: f[0].to_string(),
                country: (f[1] != "-").then(|| f[1].to_string()),
                sector: Some(f[2].to_string()),
                affiliation: None,
                generic: false,
            });
            for a in f[3].split('|').chain(std::iter::once(f[0])) {
                d.by_alias.entry(normalize(a)).or_insert(id);
            }
        }
        Ok(d)
    }

    pub fn get(&self, name: &str) -> Option<&Actor> {
        let k = normalize(name);
        let k = k.strip_prefix("the ").unwrap_or(&k);
        self.by_alias.get(k).map(|&i| &self.actors[i])
    }
    pub fn len(&self) -> usize {
        self.actors.len()
    }
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }
}

impl NameDict for ActorDict {
    fn known(&self, key: &str) -> Option<EntityType> {
        self.by_alias.get(key).map(|_| EntityType::Org)
    }
}

/// Sector implied by an organisation's head noun or a generic actor noun.
pub fn sector_of_noun(w: &str) -> Option<&'static str> {
    Some(match w.to_lowercase().as_str() {
        "forces" | "force" | "army" | "military" | "command" | "troops" | "soldiers"
        | "brigade" | "battalion" | "division" | "navy" | "corps" | "regiment" | "jets"
        | "warplanes" | "aircraft" | "drones" | "marines" | "commandos" | "artillery" | "units"
        | "unit" | "airstrikes" | "warfighters" | "servicemen" | "fighters" | "guard" => "MIL",
        "police" | "policemen" | "officers" | "gendarmerie" | "constables" | "cops" => "COP",
        "intelligence" | "service" | "services" | "spies" => "SPY",
        "government" | "ministry" | "administration" | "authorities" | "officials" | "cabinet"
        | "council" | "president" | "minister" | "presidency" | "regime" | "state" | "embassy"
        | "diplomats" => "GOV",
        "party" => "PTY",
        "news" | "network" | "agency" | "press" | "times" | "post" | "radio" | "tv"
        | "television" | "channel" | "journal" | "newspaper" | "broadcaster" | "media"
        | "reporters" | "journalists" => "MED",
        "court" | "judges" | "prosecutors" => "JUD",
        "parliament" | "assembly" | "congress" | "senate" | "lawmakers" => "LEG",
        "rebels" | "insurgents" | "militants" | "militia" | "militias" | "movement" | "front"
        | "resistance" | "gunmen" | "jihadists" | "guerrillas" | "guerrilla" => "REB",
        "terrorists" | "extremists" => "IMG",
        "paramilitaries" => "UAF",
        "criminals" | "traffickers" | "kidnappers" | "hitmen" | "assassins" | "murderers"
        | "smugglers" | "cartel" | "gang" | "gangs" => "CRM",
        "civilians" | "residents" | "villagers" | "people" | "protesters" | "demonstrators"
        | "farmers" | "students" | "children" | "women" | "worshippers" | "refugees"
        | "peasants" | "passengers" | "pilgrims" | "migrants" | "pedestrians" | "bystanders"
        | "passersby" | "passers-by" => "CVL",
        "teachers" => "EDU",
        "doctors" => "HLH",
        "priests" => "REL",
        "miners" => "LAB",
        _ => return None,
    })
}

/// Sector implied by a person's title.
fn sector_of_title(w: &str) -> Option<&'static str> {
    Some(match w.trim_end_matches('.').to_lowercase().as_str() {
        "president" | "prime" | "minister" | "king" | "queen" | "prince" | "emir" | "sultan"
        | "chancellor" | "premier" | "governor" | "gov" | "mayor" | "ambassador" | "secretary"
        | "envoy" | "vice" | "foreign" | "interior" => "GOV",
        "commander" | "adm" | "admiral" | "gen" | "general" | "col" | "colonel" | "maj"
        | "major" | "capt" | "captain" | "sgt" | "lt" | "lieutenant" | "brig" | "brigadier"
        | "sergeant" | "defense" | "defence" => "MIL",
        "sen" | "senator" | "rep" => "LEG",
        "judge" => "JUD",
        "ayatollah" | "imam" | "cleric" | "sheikh" | "pope" => "REL",
        _ => return None,
    })
}

/// Membership nouns: "ISIS member X", "X, an ISIS operative".
const MEMBER_NOUNS: &[&str] = &[
    "envoy",
    "ambassador",
    "representative",
    "minister",
    "member",
    "members",
    "operative",
    "operatives",
    "leader",
    "leaders",
    "commander",
    "figure",
    "militant",
    "fighter",
    "official",
    "spokesman",
    "chief",
    "emir",
    "official",
    "head",
    "founder",
    "cell",
];

/// Actors for every entity cluster of a document.
pub struct DocActors {
    /// Actor per cluster id (see [`Entities::cluster`]).
    pub by_cluster: HashMap<usize, Actor>,
}

fn country3(gaz: &Gazetteer, cc2: &str) -> Option<String> {
    gaz.iso3(cc2).map(str::to_string)
}

/// The ISO alpha-2 code of the country a word names or qualifies
/// ("Syrian", "Syria", "US", "US-led", "Iraq's").
fn country_cc2(gaz: &Gazetteer, w: &str) -> Option<String> {
    let w = w.trim_end_matches("’s").trim_end_matches("'s");
    let base = w
        .strip_suffix("-led")
        .or_else(|| w.strip_suffix("-backed"))
        .unwrap_or(w);
    if let Some(cc) = gaz.demonym(base) {
        return Some(cc.to_string());
    }
    gaz.lookup(base)
        .iter()
        .find(|(id, alt)| !alt && gaz.entry(*id).level == Level::Country)
        .map(|(id, _)| gaz.entry(*id).cc.clone())
}

/// The ISO alpha-3 code of the country a word names or qualifies.
pub fn country_of_word(gaz: &Gazetteer, w: &str) -> Option<String> {
    country3(gaz, &country_cc2(gaz, w)?)
}

/// The name of the country a word names or qualifies ("Iranian" → "Iran").
pub fn country_name(gaz: &Gazetteer, w: &str) -> Option<String> {
    gaz.country(&country_cc2(gaz, w)?)
        .map(|i| gaz.entry(i).name.clone())
}

/// The capitalised name that ends a mention after lowercase words that
/// describe it ("Human rights organization Amnesty International" →
/// "Amnesty International"). Only a lowercase word of more than three
/// letters describes; shorter ones join a name ("Bank of England" stays
/// whole). `None` when no such word comes before a capitalised run.
fn name_after_description(n: &str) -> Option<&str> {
    let mut start = None;
    let mut seen_lower = false;
    let mut at = 0;
    for w in n.split(' ') {
        // ("Bank of England": a short word joins a name.)
        if w.starts_with(char::is_lowercase) && w.len() > 3 {
            seen_lower = true;
            start = None;
        } else if seen_lower && start.is_none() && w.starts_with(char::is_uppercase) {
            start = Some(at);
        }
        at += w.len() + 1;
    }
    start.map(|i| &n[i..])
}

/// Resolves every entity cluster to an actor.
pub fn resolve(
    text: &str,
    an: &Analysis,
    ents: &Entities,
    gaz: &Gazetteer,
    dict: &ActorDict,
    dct: Option<NaiveDate>,
) -> DocActors {
    let mut by_cluster: HashMap<usize, Actor> = HashMap::new();
    // Pass 1: organisations and places.
    for (i, e) in ents.mentions.iter().enumerate() {
        let c = ents.cluster[i];
        if by_cluster.contains_key(&c) {
            continue;
        }
        let mut names: Vec<&str> = std::iter::once(e.canonical.as_str())
            .chain(e.aliases.iter().map(|s| s.as_str()))
            .chain(std::iter::once(e.text.as_str()))
            .collect();
        // "Human rights organization Amnesty International": the name after
        // a description, tried after the whole.
        let after: Vec<&str> = names
            .iter()
            .filter_map(|n| name_after_description(n))
            .collect();
        names.extend(after);
        if let Some(a) = names.iter().find_map(|n| dict.get(n)) {
            by_cluster.insert(c, a.clone());
            continue;
        }
        // Phoenix knows people and organisations; its place names are
        // left to the gazetteer.
        if matches!(e.kind, EntityType::Org | EntityType::Per | EntityType::Misc) {
            // (sitrep's own dictionary was tried just above.)
            if let Some(a) = names.iter().find_map(|n| dict.phoenix_actor(n, dct, gaz)) {
                by_cluster.insert(c, a);
                continue;
            }
        }
        match e.kind {
            EntityType::Org => {
                let words: Vec<&str> = e.canonical.split_whitespace().collect();
                let country = words
                    .iter()
                    .take(2)
                    .find_map(|w| country_of_word(gaz, w))
                    .or_else(|| appositive_country(text, an, ents, i, gaz));
                let sector = words
                    .last()
                    .and_then(|w| sector_of_noun(w))
                    .map(str::to_string)
                    .or_else(|| appositive_sector(text, ents, i));
                by_cluster.insert(
                    c,
                    Actor {
                        canonical: e.canonical.clone(),
                        country,
                        sector,
                        affiliation: None,
                        generic: false,
                    },
                );
            }
            EntityType::Gpe | EntityType::Loc => {
                let country = gaz
                    .lookup(&e.canonical)
                    .iter()
                    .find(|(id, alt)| !alt && gaz.entry(*id).level == Level::Country)
                    .and_then(|(id, _)| country3(gaz, &gaz.entry(*id).cc));
                if let Some(cc) = country {
                    let name = gaz
                        .lookup(&e.canonical)
                        .iter()
                        .find(|(id, _)| gaz.entry(*id).level == Level::Country)
                        .map(|(id, _)| gaz.entry(*id).name.clone())
                        .unwrap_or(e.canonical.clone());
                    by_cluster.insert(
                        c,
                        Actor {
                            canonical: name,
                            country: Some(cc),
                            sector: None,
                            affiliation: None,
                            generic: false,
                        },
                    );
                }
            }
            EntityType::Norp | EntityType::Misc => {
                // "Bosnian Serbs", "Iraqi Kurds": a people named by the
                // country it lives in, then by its own name, is coded by
                // the first word's country.
                let words: Vec<&str> = e.text.split_whitespace().collect();
                let people = words.len() == 2
                    && words[1].ends_with('s')
                    && words[1].starts_with(char::is_uppercase);
                let country = if e.kind == EntityType::Norp {
                    country_of_word(gaz, &e.text)
                } else {
                    None
                }
                .or_else(|| people.then(|| country_of_word(gaz, words[0])).flatten());
                if let Some(cc) = country {
                    by_cluster.insert(
                        c,
                        Actor {
                            canonical: e.text.clone(),
                            country: Some(cc),
                            sector: None,
                            affiliation: None,
                            generic: true,
                        },
                    );
                }
            }
            _ => {}
        }
    }
    // Pass 2: people, from their roles and memberships.
    for (i, e) in ents.mentions.iter().enumerate() {
        if e.kind != EntityType::Per {
            continue;
        }
        let c = ents.cluster[i];
        let mut a = by_cluster.remove(&c).unwrap_or_else(|| Actor {
            canonical: e.canonical.clone(),
            ..Default::default()
        });
        if let Some(role) = ents.roles.get(&i) {
            apply_role(text, ents, &by_cluster, gaz, *role, &mut a);
        }
        if a.affiliation.is_none() {
            if let Some(org) = membership(text, an, ents, &by_cluster, i) {
                a.country = a.country.or(org.country.clone());
                a.sector = a.sector.or(org.sector.clone());
                a.affiliation = Some(org.canonical.clone());
            }
        }
        by_cluster.insert(c, a);
    }
    DocActors { by_cluster }
}

fn apply_role(
    text: &str,
    ents: &Entities,
    orgs: &HashMap<usize, Actor>,
    gaz: &Gazetteer,
    role: Span,
    a: &mut Actor,
) {
    let role_text = &text[role.start..role.end];
    // A title in the text says the role at the time: it replaces a
    // dictionary's "elite" (out-of-office) sector unless it is a former one.
    let former = role_text.split_whitespace().any(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "former" | "ousted" | "deposed" | "exiled" | "late" | "ex"
        ) || w.to_lowercase().starts_with("ex-")
    });
    if a.sector.as_deref() == Some("ELI") && !former {
        a.sector = None;
    }
    for w in role_text.split_whitespace() {
        if let Some(s) = sector_of_title(w) {
            a.sector.get_or_insert_with(|| s.to_string());
        }
        if let Some(cc) = country_of_word(gaz, w) {
            a.country.get_or_insert(cc);
        }
    }
    for (j, m) in ents.within(role) {
        if let Some(org) = orgs.get(&ents.cluster[j]) {
            if m.kind == EntityType::Org {
                a.affiliation = Some(org.canonical.clone());
                a.country = a.country.clone().or(org.country.clone());
                if a.sector.is_none() {
                    a.sector = org.sector.clone();
                }
            } else if a.country.is_none() {
                a.country = org.country.clone();
            }
        }
    }
}

/// "senior ISIS member X" (the group just before a membership noun before
/// the name) or "X, “an ISIS member …" (in an appositive right after it).
fn membership<'a>(
    text: &str,
    an: &Analysis,
    ents: &Entities,
    orgs: &'a HashMap<usize, Actor>,
    i: usize,
) -> Option<&'a Actor> {
    let e = &ents.mentions[i];
    let ti = an.token_at(e.start);
    let before: Vec<&str> = an.tokens[ti.saturating_sub(4)..ti]
        .iter()
        .map(|t| t.text(text))
        .collect();
    if before
        .last()
        .is_some_and(|w| MEMBER_NOUNS.contains(&w.to_lowercase().as_str()))
    {
        let from = an.tokens[ti.saturating_sub(4)].start;
        if let Some((j, _)) = ents
            .within(Span::new(from, e.start))
            .filter(|(_, m)| m.kind == EntityType::Org)
            .last()
        {
            return orgs.get(&ents.cluster[j]);
        }
    }
    let after_tok = an.token_at(e.end);
    let after: Vec<&str> = an.tokens[after_tok..(after_tok + 8).min(an.tokens.len())]
        .iter()
        .map(|t| t.text(text))
        .collect();
    if after.first() == Some(&",") {
        let stop = an
            .tokens
            .get((after_tok + 7).min(an.tokens.len().saturating_sub(1)))
            .map(|t| t.end)
            .unwrap_or(e.end);
        let has_member = after
            .iter()
            .any(|w| MEMBER_NOUNS.contains(&w.to_lowercase().as_str()));
        if has_member {
            if let Some((j, _)) = ents
                .within(Span::new(e.end + 1, stop.max(e.end + 1)))
                .find(|(_, m)| m.kind == EntityType::Org)
            {
                return orgs.get(&ents.cluster[j]);
            }
        }
    }
    None
}

/// ", a Syrian news agency" right after an organisation's first mention.
fn appositive_country(
    text: &str,
    an: &Analysis,
    ents: &Entities,
    i: usize,
    gaz: &Gazetteer,
) -> Option<String> {
    let e = &ents.mentions[i];
    let rest = text.get(e.end..)?;
    let rest = rest
        .strip_prefix(", a ")
        .or_else(|| rest.strip_prefix(", an "))?;
    let clause: String = rest.chars().take(60).collect();
    let _ = an;
    clause
        .split([',', '.'])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take(6)
        .find_map(|w| country_of_word(gaz, w))
}

fn appositive_sector(text: &str, ents: &Entities, i: usize) -> Option<String> {
    let e = &ents.mentions[i];
    let rest = text.get(e.end..)?;
    let rest = rest
        .strip_prefix(", a ")
        .or_else(|| rest.strip_prefix(", an "))?;
    let clause: String = rest.chars().take(60).collect();
    clause
        .split([',', '.'])
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take(6)
        .find_map(sector_of_noun)
        .map(str::to_string)
}

/// An actor for a noun phrase `span` that is not (only) a named entity:
/// "US forces", "Iraqi intelligence", "a member of the SDF", "a senior ISIS
/// operative". Returns the actor and the span that named it.
pub fn phrase_actor(
    text: &str,
    an: &Analysis,
    ents: &Entities,
    actors: &DocActors,
    gaz: &Gazetteer,
    span: Span,
) -> Option<(Actor, Span)> {
    // A named person or organisation inside the phrase wins (the last one:
    // "a member of the SDF" → SDF).
    let named: Vec<(usize, &sitrep_core::Entity)> = ents
        .within(span)
        .filter(|(_, e)| matches!(e.kind, EntityType::Per | EntityType::Org))
        .collect();
    let toks: Vec<_> = an.tokens[an.token_at(span.start)..an.token_at(span.end)].to_vec();
    let head_sector = toks.iter().rev().find_map(|t| sector_of_noun(t.text(text)));
    if let Some((j, e)) = named
        .iter()
        .find(|(_, e)| e.kind == EntityType::Per)
        .or(named.last())
    {
        let mut a = actors
            .by_cluster
            .get(&ents.cluster[*j])
            .cloned()
            .unwrap_or_else(|| Actor {
                canonical: e.canonical.clone(),
                ..Default::default()
            });
        if e.kind == EntityType::Org && a.sector.is_none() {
            a.sector = head_sector.map(str::to_string);
        }
        return Some((a, e.span()));
    }
    // Demonym or country + generic noun.
    for (k, t) in toks.iter().enumerate() {
        let w = t.text(text);
        if !w.chars().next().is_some_and(|c| c.is_uppercase()) {
            continue;
        }
        if let Some(cc) = country_of_word(gaz, w) {
            let noun = toks[k + 1..]
                .iter()
                .find_map(|t| sector_of_noun(t.text(text)).map(|s| (s, t.end)));
            let (sector, end) = match noun {
                Some((s, end)) => (Some(s.to_string()), end),
                None => (None, t.end),
            };
            let name = country_name(gaz, w);
            let canonical = match (&sector, name) {
                (Some(s), Some(n)) => format!("{n} ({s})"),
                (Some(s), None) => format!("{cc} ({s})"),
                (None, Some(n)) => n,
                (None, None) => cc.clone(),
            };
            return Some((
                Actor {
                    canonical,
                    country: Some(cc),
                    sector,
                    affiliation: None,
                    generic: true,
                },
                Span::new(t.start, end),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_after_its_description() {
        assert_eq!(
            name_after_description("Human rights organization Amnesty International"),
            Some("Amnesty International")
        );
        // Short words join a name; a name without a description is whole.
        assert_eq!(name_after_description("Bank of England"), None);
        assert_eq!(name_after_description("Syrian Democratic Forces"), None);
        assert_eq!(name_after_description("the rebels"), None);
    }

    fn run(text: &str) -> (Entities, DocActors) {
        let gaz = sitrep_geo::default_gazetteer().unwrap();
        let an = sitrep_text::segment(text);
        let dict = ActorDict::embedded();
        let e = sitrep_entities::extract(text, &an, gaz, dict);
        let a = resolve(text, &an, &e, gaz, dict, None);
        (e, a)
    }
    fn actor<'a>(r: &'a (Entities, DocActors), name: &str) -> &'a Actor {
        let (e, a) = r;
        let i = e
            .mentions
            .iter()
            .position(|m| m.text == name)
            .unwrap_or_else(|| panic!("no mention {name}"));
        a.by_cluster
            .get(&e.cluster[i])
            .unwrap_or_else(|| panic!("no actor for {name}"))
    }

    #[test]
    fn dictionary_and_aliases_give_one_actor() {
        let r = run("US Central Command (CENTCOM) said ISIS lost. CENTCOM added that the Islamic State was weak. Daesh denied it.");
        assert_eq!(actor(&r, "US Central Command").canonical, "US CENTCOM");
        assert_eq!(actor(&r, "CENTCOM").canonical, "US CENTCOM");
        assert_eq!(actor(&r, "ISIS").canonical, actor(&r, "Daesh").canonical);
        // A state's abbreviation the tagger passes over is kept when the
        // dictionary knows it.
        let r = run("The PRC condemned the visit by the Taiwanese president.");
        let p = actor(&r, "PRC");
        assert_eq!(
            (p.country.as_deref(), p.sector.as_deref()),
            (Some("CHN"), Some("GOV"))
        );
    }

    #[test]
    fn roles_and_memberships() {
        let r = run("CENTCOM Commander Adm. Brad Cooper met Syrian President Ahmed al-Sharaa. The US killed senior ISIS member Abu Hafs al-Qurayshi.");
        let c = actor(&r, "Brad Cooper");
        assert_eq!(
            (
                c.country.as_deref(),
                c.sector.as_deref(),
                c.affiliation.as_deref()
            ),
            (Some("USA"), Some("MIL"), Some("US CENTCOM"))
        );
        let s = actor(&r, "Ahmed al-Sharaa");
        assert_eq!(
            (s.country.as_deref(), s.sector.as_deref()),
            (Some("SYR"), Some("GOV"))
        );
        let q = actor(&r, "Abu Hafs al-Qurayshi");
        assert_eq!(q.affiliation.as_deref(), Some("Islamic State (ISIS)"));
    }

    #[test]
    fn unknown_organisations_from_their_words() {
        let r = run("The Kenyan Defence Forces said so.");
        let k = actor(&r, "Kenyan Defence Forces");
        assert_eq!(
            (k.country.as_deref(), k.sector.as_deref()),
            (Some("KEN"), Some("MIL"))
        );
    }
}
