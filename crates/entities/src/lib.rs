//! # sitrep-entities: named entities and in-document aliases
//!
//! Names come from the trained tagger (`sitrep-ner`), which finds and types
//! them; its types are refined with the dictionaries (a known actor keeps
//! its type, a place the gazetteer knows is a GPE, a nationality word NORP).
//! A rule pass over capitalised spans still supplies what the tagger does
//! not model: titles and roles ("CENTCOM Commander Adm. Brad Cooper" → ORG
//! "CENTCOM", role "Commander Adm.", PER "Brad Cooper"), multi-word names the
//! dictionaries know whole, and repeated starts of a name ("Rudaw" after
//! "Rudaw Media Network"). Mentions of one entity are then linked:
//! "Syrian Democratic Forces (SDF)", "X, also known as Y", a surname alone
//! after the full name, a name that extends an earlier one, initials ("ICTS"
//! for "Iraqi Counter-Terrorism Service").
//!
//! Scored with `sitrep eval ner --stage` (CoNLL valid F1 0.911, UNER dev
//! 0.725; `--errors` lists each document's misses).

use sitrep_core::{Entity, EntityType, Span};
use sitrep_geo::{normalize, Gazetteer, Level};
use sitrep_text::{Analysis, TokKind};
use std::collections::{HashMap, HashSet};

/// Titles and roles that precede names but are not part of them.
pub const TITLES: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Commander",
    "Adm.",
    "Admiral",
    "Gen.",
    "General",
    "Lt.",
    "Col.",
    "Colonel",
    "Maj.",
    "Major",
    "Capt.",
    "Captain",
    "Sgt.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Sen.",
    "Senator",
    "Rep.",
    "Gov.",
    "Governor",
    "King",
    "Queen",
    "Prince",
    "Sheikh",
    "Emir",
    "Chief",
    "Secretary",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Mayor",
    "Ambassador",
    "Deputy",
    "Foreign",
    "Defense",
    "Defence",
    "Interior",
    "Leader",
    "Pope",
    "Judge",
    "Lieutenant",
    "Brig.",
    "Brigadier",
    "Sergeant",
    "Chancellor",
    "Premier",
    "Ayatollah",
    "Imam",
    "Cleric",
    "Sultan",
    "Envoy",
];

/// Last words that make a span an organisation.
const ORG_HEADS: &[&str] = &[
    "command",
    "forces",
    "force",
    "service",
    "services",
    "agency",
    "network",
    "ministry",
    "army",
    "party",
    "council",
    "front",
    "brigade",
    "brigades",
    "movement",
    "organization",
    "organisation",
    "group",
    "committee",
    "coalition",
    "government",
    "police",
    "guard",
    "guards",
    "corps",
    "department",
    "office",
    "court",
    "union",
    "bank",
    "company",
    "university",
    "news",
    "times",
    "post",
    "press",
    "institute",
    "authority",
    "commission",
    "alliance",
    "battalion",
    "division",
    "regiment",
    "militia",
    "militias",
    "administration",
    "intelligence",
    "navy",
    "observatory",
    "tribune",
    "journal",
    "herald",
    "radio",
    "tv",
    "television",
    "channel",
    "mission",
    "assembly",
    "parliament",
    "congress",
    "senate",
    "cabinet",
    "directorate",
    "unit",
    "units",
    "federation",
    "association",
    "society",
    "foundation",
    "fund",
    "nations",
    "kingdom",
    "emirate",
    "caliphate",
    "revolution",
    "resistance",
    "jihad",
    "mujahideen",
    "house",
    "pentagon",
    "agency",
    "centre",
    "center",
    "program",
    "programme",
    "reuters",
    "bureau",
    "staff",
];

/// Last words that make a span a place ("Kurdistan Region", "Jordan Valley").
const LOC_HEADS: &[&str] = &[
    "region",
    "province",
    "governorate",
    "district",
    "valley",
    "mountains",
    "mountain",
    "river",
    "strip",
    "bank",
    "county",
    "city",
    "village",
    "camp",
    "desert",
    "sea",
    "gulf",
    "island",
    "islands",
    "peninsula",
    "plain",
    "plateau",
    "heights",
    "crossing",
    "airport",
    "port",
    "square",
    "street",
    "road",
    "highway",
    "border",
    "corridor",
];

/// Capitalised words that start sentences but are not names.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "his",
    "her",
    "their",
    "our",
    "we",
    "they",
    "he",
    "she",
    "i",
    "you",
    "according",
    "after",
    "before",
    "meanwhile",
    "nevertheless",
    "however",
    "but",
    "and",
    "or",
    "in",
    "on",
    "at",
    "as",
    "by",
    "for",
    "from",
    "of",
    "to",
    "with",
    "while",
    "when",
    "where",
    "what",
    "who",
    "if",
    "also",
    "there",
    "here",
    "since",
    "during",
    "following",
    "despite",
    "although",
    "though",
    "because",
    "so",
    "yet",
    "then",
    "earlier",
    "later",
    "last",
    "next",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "several",
    "no",
    "not",
    "one",
    "two",
    "three",
    "officials",
    "residents",
    "sources",
    "witnesses",
    "police",
    "troops",
    "security",
    "local",
    "his",
    "under",
    "over",
    "near",
    "about",
    "among",
    "between",
    "into",
    "through",
    "without",
    "within",
    "amid",
    "across",
    "is",
    "was",
    "were",
    "are",
    "be",
    "been",
    "has",
    "have",
    "had",
    "do",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "must",
    "should",
    "said",
    "says",
    "read",
    "more",
    "other",
    "such",
    "same",
    "any",
    "every",
    "my",
];

const MONTHS_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan.",
    "feb.",
    "aug.",
    "sept.",
    "sep.",
    "oct.",
    "nov.",
    "dec.",
    "today",
    "yesterday",
    "tomorrow",
];

/// Lowercase particles inside names ("Abu Hafs al-Qurayshi", "Lopez de Vega").
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "de", "da", "van", "von", "der", "du", "la", "le", "abu",
    "abd", "ul",
];

/// Cues that the next name is a place.
const LOC_CUES: &[&str] = &[
    "in",
    "near",
    "at",
    "outside",
    "from",
    "into",
    "across",
    "toward",
    "towards",
    "village",
    "town",
    "city",
    "province",
    "governorate",
    "district",
    "region",
    "area",
    "neighbourhood",
    "neighborhood",
    "camp",
];

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_acronym(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=8).contains(&letters.len())
        && letters.iter().all(|c| c.is_uppercase())
        && w.chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

/// Entity mentions of one document, with clusters.
#[derive(Debug, Default, Clone)]
pub struct Entities {
    pub mentions: Vec<Entity>,
    /// Cluster id per mention (mentions of one entity share it).
    pub cluster: Vec<usize>,
    /// For PER mentions: the title/role words right before the name ("Syrian President").
    pub roles: HashMap<usize, Span>,
}

impl Entities {
    /// Mentions inside `span` (mentions are sorted by start).
    pub fn within(&self, span: Span) -> impl Iterator<Item = (usize, &Entity)> {
        let from = self.mentions.partition_point(|e| e.start < span.start);
        self.mentions[from..]
            .iter()
            .enumerate()
            .take_while(move |(_, e)| e.start < span.end)
            .filter(move |(_, e)| span.contains(e.span()))
            .map(move |(k, e)| (from + k, e))
    }
}

/// Dictionary hooks the recogniser uses: is this (normalised) name a known
/// organisation or person?
pub trait NameDict {
    fn known(&self, key: &str) -> Option<EntityType>;
}

impl NameDict for () {
    fn known(&self, _: &str) -> Option<EntityType> {
        None
    }
}

/// Finds entities in a segmented text.
pub fn extract(text: &str, an: &Analysis, gaz: &Gazetteer, dict: &dyn NameDict) -> Entities {
    let lowercase_seen: HashSet<String> = an
        .tokens
        .iter()
        .map(|t| t.text(text))
        .filter(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
        .map(str::to_string)
        .collect();
    let mut spans: Vec<(Span, Option<Span>)> = Vec::new(); // (name span, role span)
    for s in &an.sentences {
        let toks = &an.tokens[s.tokens.0..s.tokens.1];
        let w: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        let mut i = 0;
        while i < toks.len() {
            let first_word = i == 0
                || (i > 0
                    && matches!(w[i - 1], "“" | "\"" | "‘" | "(" | "'")
                    && (i == 1 || w[i - 2] != ","));
            let word = w[i];
            let lw = word.to_lowercase();
            let joined_name = word.split_once('-').is_some_and(|(p, rest)| {
                PARTICLES.contains(&p) && rest.chars().next().is_some_and(|c| c.is_uppercase())
            });
            let nameish = toks[i].kind == TokKind::Word
                && (is_cap(word) || joined_name)
                && !MONTHS_DAYS.contains(&lw.as_str());
            let determiner = matches!(
                lw.as_str(),
                "the" | "a" | "an" | "this" | "that" | "these" | "those"
            );
            if !nameish
                || determiner
                || (first_word && (STOP.contains(&lw.as_str()) || lowercase_seen.contains(&lw)))
            {
                i += 1;
                continue;
            }
            // Titles: collect them as the role, the name follows.
            let role_start = i;
            while i < toks.len() && TITLES.contains(&w[i]) && i + 1 < toks.len() && is_cap(w[i + 1])
            {
                i += 1;
            }
            let mut role =
                (i > role_start).then(|| Span::new(toks[role_start].start, toks[i - 1].end));
            // "CENTCOM Commander", "Syrian President": the name just before a
            // title belongs to the role.
            if let (Some(r), Some((last, _))) = (role, spans.last()) {
                if last.end <= r.start && text[last.end..r.start].trim().is_empty() {
                    role = Some(Span::new(last.start, r.end));
                }
            }
            let start = i;
            let mut end = i; // exclusive
            while end < toks.len() {
                let x = w[end];
                let lx = x.to_lowercase();
                let joined_start = end == start
                    && x.split_once('-').is_some_and(|(p, rest)| {
                        PARTICLES.contains(&p)
                            && rest.chars().next().is_some_and(|c| c.is_uppercase())
                    });
                if toks[end].kind == TokKind::Word
                    && (is_cap(x) || joined_start)
                    && !MONTHS_DAYS.contains(&lx.as_str())
                    && !(end > start
                        && TITLES.contains(&x)
                        && end + 1 < toks.len()
                        && is_cap(w[end + 1])
                        && !ORG_HEADS.contains(&w[end + 1].to_lowercase().as_str())
                        && org_like(&text[toks[start].start..toks[end - 1].end], gaz, dict))
                {
                    // "US-backed", "US-led": a modifier, not part of the following name.
                    if x.ends_with("-backed")
                        || x.ends_with("-led")
                        || x.ends_with("-based")
                        || x.ends_with("-born")
                        || x.ends_with("-allied")
                    {
                        break;
                    }
                    end += 1;
                    continue;
                }
                // Connectors inside names: "of", "the", "and", particles, "al-…".
                let next_cap = end + 1 < toks.len()
                    && is_cap(w[end + 1])
                    && toks[end + 1].kind == TokKind::Word;
                let inner = end > start;
                let next_time = end + 1 < toks.len()
                    && MONTHS_DAYS.contains(&w[end + 1].to_lowercase().as_str());
                if inner && next_cap && !next_time && (lx == "of" || lx == "for" || lx == "on") {
                    end += 1;
                    continue;
                }
                if inner
                    && lx == "of"
                    && end + 2 < toks.len()
                    && w[end + 1] == "the"
                    && is_cap(w[end + 2])
                {
                    end += 2;
                    continue;
                }
                if inner && next_cap && PARTICLES.contains(&lx.as_str()) {
                    end += 1;
                    continue;
                }
                // Lowercase particles joined to a name part: "al-Sharaa", "ez-Zor", "bin-Laden".
                let joined = x.split_once('-').is_some_and(|(p, rest)| {
                    p.len() <= 4
                        && p.chars().all(|c| c.is_lowercase())
                        && rest.chars().next().is_some_and(|c| c.is_uppercase())
                });
                if joined && (inner || next_cap) {
                    end += 1;
                    continue;
                }
                break;
            }
            if end > start {
                spans.push((Span::new(toks[start].start, toks[end - 1].end), role));
                i = end;
            } else {
                i = role_start + 1;
            }
        }
    }
    // Split "CENTCOM Commander" style role phrases that sit inside a span:
    // an acronym or demonym followed by a title starts a new name.
    let mut ents = Vec::new();
    let mut roles = HashMap::new();
    for (sp, role) in spans {
        let mut piece_start = sp.start;
        let sub: Vec<_> = an.tokens[an.token_at(sp.start)..an.token_at(sp.end)].to_vec();
        let mut k = 0;
        let mut role_here = role;
        while k < sub.len() {
            let x = sub[k].text(text);
            if TITLES.contains(&x) && sub[k].start > piece_start {
                // Everything before the title is its own name (the role's organisation).
                let mut t_end = k;
                while t_end < sub.len() && TITLES.contains(&sub[t_end].text(text)) {
                    t_end += 1;
                }
                let org_word = t_end < sub.len()
                    && ORG_HEADS.contains(&sub[t_end].text(text).to_lowercase().as_str());
                // "CENTCOM Commander X", "Syrian President X" split; "Hassan Sheikh Mohamud" does not.
                if t_end < sub.len()
                    && !org_word
                    && org_like(&text[piece_start..sub[k - 1].end], gaz, dict)
                {
                    let before = Span::new(piece_start, sub[k - 1].end);
                    ents.push((before, role_here.take()));
                    role_here = Some(Span::new(piece_start, sub[t_end - 1].end));
                    piece_start = sub[t_end].start;
                    k = t_end;
                    continue;
                }
            }
            k += 1;
        }
        ents.push((Span::new(piece_start, sp.end), role_here));
    }
    let tagged = model_spans(text, an, gaz);
    let mut mentions = Vec::new();
    // Last words of the people named in full so far.
    let mut surnames: HashSet<String> = HashSet::new();
    for (sp, role, model_kind) in merge(text, an, gaz, dict, ents, &tagged) {
        let raw = &text[sp.start..sp.end];
        let sp = trim_possessive(text, sp);
        if sp.is_empty() {
            continue;
        }
        let kind = match model_kind {
            Some(EntityType::Per)
                if role.is_none() && place_in_context(text, an, gaz, sp, &mentions) =>
            {
                EntityType::Gpe
            }
            Some(t @ (EntityType::Per | EntityType::Misc | EntityType::Org | EntityType::Loc))
                if role.is_none() && named_as_place(text, an, gaz, dict, sp, t) =>
            {
                EntityType::Gpe
            }
            Some(t) if role.is_none() => refine(text, gaz, dict, sp, t),
            _ => classify(text, an, gaz, dict, sp, role.is_some(), raw),
        };
        let kind = if matches!(kind, EntityType::Gpe | EntityType::Loc)
            && surname_of_earlier_person(text, an, sp, &surnames)
        {
            EntityType::Per
        } else {
            kind
        };
        if kind == EntityType::Per {
            if let Some((_, last)) = text[sp.start..sp.end].rsplit_once(' ') {
                surnames.insert(normalize(last));
            }
        }
        if let Some(r) = role {
            if kind == EntityType::Per {
                roles.insert(mentions.len(), r);
            }
        }
        mentions.push(Entity {
            text: text[sp.start..sp.end].to_string(),
            kind,
            start: sp.start,
            end: sp.end,
            canonical: String::new(),
            aliases: vec![],
        });
    }
    // Parenthesised acronyms: "Syrian Democratic Forces (SDF)" is one entity.
    link(text, mentions, roles)
}

/// Entity spans of the trained tagger (`sitrep-ner`), sentence by sentence,
/// with the tagger's type. A possessive clitic is not part of a name. In a
/// text written with capitals, a span with none is no name ("at the
/// garrison"): the tagger, trained also on lowercased copies, reads names
/// without them, which only text without capitals needs.
fn model_spans(text: &str, an: &Analysis, gaz: &Gazetteer) -> Vec<(Span, EntityType)> {
    let model = sitrep_ner::Model::embedded();
    let sents = an.sentence_words(text);
    let doc: Vec<&[&str]> = sents.iter().map(Vec::as_slice).collect();
    let tags = model.tag_doc(&doc);
    let caseless = sitrep_text::segment::is_caseless(text);
    let mut out = Vec::new();
    for (s, labels) in an.sentences.iter().zip(&tags) {
        let toks = &an.tokens[s.tokens.0..s.tokens.1];
        for (a, b, t) in sitrep_ner::corpus::chunks(labels) {
            let name = &text[toks[a].start..toks[b - 1].end];
            let written = caseless || name.chars().any(|c| c.is_uppercase() || c.is_ascii_digit());
            let kept = written || t == 2 && lowercase_place(text, toks, a, gaz, name);
            if !kept {
                continue;
            }
            let kind = match t {
                0 => EntityType::Per,
                1 => EntityType::Org,
                2 => EntityType::Loc,
                _ => EntityType::Misc,
            };
            out.push((Span::new(toks[a].start, toks[b - 1].end), kind));
        }
    }
    out
}

/// Whether a lowercase name the tagger reads as a place, in a text
/// otherwise written with capitals (web text: "living in malaysia"), is
/// one: a country, a province or a town of 100,000 people by its own name,
/// not a direction ("north west"), after a place cue ("in kerala") or in a
/// sentence written without capitals. "roast turkey" is no place.
fn lowercase_place(
    text: &str,
    toks: &[sitrep_text::Token],
    a: usize,
    gaz: &Gazetteer,
    name: &str,
) -> bool {
    let direction = sitrep_geo::is_direction_name(&normalize(name));
    let big = || {
        gaz.lookup_key(&normalize(name)).iter().any(|&(id, alt)| {
            let e = gaz.entry(id);
            !alt && (matches!(e.level, Level::Country | Level::Admin1)
                || e.level == Level::Place && e.population >= 100_000)
        })
    };
    let cue = a > 0 && {
        let p = toks[a - 1].text(text).to_lowercase();
        LOC_CUES.contains(&p.as_str()) || matches!(p.as_str(), "to" | "and" | ",")
    };
    let sentence_caseless = toks.iter().all(|t| {
        let w = t.text(text);
        w == "I" || !w.chars().any(char::is_uppercase)
    });
    name.len() >= 4 && !direction && (cue || sentence_caseless) && big()
}

/// Combines the rule spans (which carry titles and roles) with the tagger's:
/// where they overlap, the tagger's span and type win and a rule role moves
/// to the person it belongs to; tagger spans the rules missed (lowercase,
/// sentence-initial, non-Latin names) are added, with titles right before
/// them as the role; rule spans the tagger rejects are dropped.
/// Spans sorted by start, with the furthest end up to each, for finding the
/// ones that overlap a span in logarithmic time (plus the overlaps).
struct Intervals {
    spans: Vec<(Span, usize)>,
    max_end: Vec<usize>,
}

impl Intervals {
    fn new(spans: Vec<Span>) -> Intervals {
        let mut spans: Vec<(Span, usize)> =
            spans.into_iter().enumerate().map(|(i, s)| (s, i)).collect();
        spans.sort_by_key(|(s, i)| (s.start, *i));
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for (s, _) in &spans {
            m = m.max(s.end);
            max_end.push(m);
        }
        Intervals { spans, max_end }
    }

    /// Indices (in the order given to `new`) of the spans overlapping `sp`,
    /// by start.
    fn overlapping(&self, sp: Span) -> impl Iterator<Item = usize> + '_ {
        let b = self.spans.partition_point(|(s, _)| s.start < sp.end);
        let a = self.max_end[..b].partition_point(|&e| e <= sp.start);
        self.spans[a..b]
            .iter()
            .filter(move |(s, _)| s.start < sp.end && sp.start < s.end)
            .map(|&(_, i)| i)
    }
}

fn merge<'a>(
    text: &'a str,
    an: &Analysis,
    gaz: &Gazetteer,
    dict: &dyn NameDict,
    rule: Vec<(Span, Option<Span>)>,
    tagged: &[(Span, EntityType)],
) -> Vec<(Span, Option<Span>, Option<EntityType>)> {
    // A multi-word rule span the dictionaries know as a whole, or that ends
    // in an organisation head ("… Forces", "… Command"), outranks a tagger
    // that splits it.
    let whole = |sp: Span| {
        let s = &text[sp.start..sp.end];
        s.contains(' ')
            && (dict.known(&normalize(s)).is_some()
                || s.rsplit(' ')
                    .next()
                    .is_some_and(|w| ORG_HEADS.contains(&w.to_lowercase().as_str())))
    };
    // Spans overlapping a span are found by binary search, so a document of
    // thousands of names costs no more per name than a short one.
    let tagged_spans = Intervals::new(tagged.iter().map(|t| t.0).collect());
    let rule_spans = Intervals::new(rule.iter().map(|r| r.0).collect());
    let mut out: Vec<(Span, Option<Span>, Option<EntityType>)> = Vec::new();
    let mut kept_rule = vec![false; rule.len()];
    for (k, (r, role)) in rule.iter().enumerate() {
        let inside: Vec<_> = tagged_spans.overlapping(*r).map(|i| &tagged[i]).collect();
        let split = inside.len() > 1
            || inside
                .iter()
                .any(|(t, _)| t.start > r.start || t.end < r.end);
        if !inside.is_empty() && split && inside.iter().all(|(t, _)| r.contains(*t)) && whole(*r) {
            out.push((*r, *role, None));
            kept_rule[k] = true;
        }
    }
    let kept = Intervals::new(out.iter().map(|o| o.0).collect());
    for &(sp, kind) in tagged {
        if kept.overlapping(sp).next().is_some() {
            continue;
        }
        // A rule role moves to the person it belongs to.
        let mut role = None;
        if kind == EntityType::Per {
            role = rule_spans
                .overlapping(sp)
                .filter_map(|i| rule[i].1)
                .next()
                .filter(|r| r.end <= sp.start)
                .or_else(|| titles_before(text, an, sp));
        }
        // "US-led", "Iran-backed": a modifier, not a name.
        let s = &text[sp.start..sp.end];
        if ["-led", "-backed", "-based", "-born", "-allied"]
            .iter()
            .any(|x| s.ends_with(x))
        {
            continue;
        }
        out.push((sp, role, Some(kind)));
    }
    // Rule spans the tagger left out stay when the dictionaries know them or
    // they repeat the start of a name already found ("Rudaw" after "Rudaw
    // Media Network").
    // Each name's leading words ("Rudaw", "Rudaw Media" of "Rudaw Media
    // Network") → where the first name that begins so ends.
    let mut heads: HashMap<&str, usize> = HashMap::new();
    let add_heads = |heads: &mut HashMap<&'a str, usize>, o: Span| {
        let name = &text[o.start..o.end];
        for (i, _) in name.match_indices(' ') {
            let e = heads.entry(&name[..i]).or_insert(o.end);
            *e = (*e).min(o.end);
        }
    };
    for (o, _, _) in &out {
        add_heads(&mut heads, *o);
    }
    for (k, (r, role)) in rule.iter().enumerate() {
        if kept_rule[k] || tagged_spans.overlapping(*r).next().is_some() {
            continue;
        }
        let s = &text[r.start..r.end];
        let key = normalize(s);
        let known = dict.known(&key).is_some() || gaz.demonym(s).is_some();
        let repeat = heads.get(s).is_some_and(|&end| end <= r.start);
        if known || repeat {
            out.push((*r, *role, None));
            add_heads(&mut heads, *r);
        }
    }
    out.sort_by_key(|x| x.0.start);
    out
}

/// Title words right before a name ("Adm.", "Syrian President"): the role span.
fn titles_before(text: &str, an: &Analysis, sp: Span) -> Option<Span> {
    let mut i = an.token_at(sp.start);
    let end = i;
    while i > 0 && TITLES.contains(&an.tokens[i - 1].text(text)) {
        i -= 1;
    }
    (i < end).then(|| Span::new(an.tokens[i].start, an.tokens[end - 1].end))
}

/// The tagger's type, made finer with the dictionaries: a known actor keeps
/// its dictionary type, a LOC the gazetteer knows as a country, province or
/// town is a GPE, and a MISC nationality word is NORP.
fn refine(text: &str, gaz: &Gazetteer, dict: &dyn NameDict, sp: Span, t: EntityType) -> EntityType {
    let s = &text[sp.start..sp.end];
    let key = normalize(s);
    if let Some(k) = dict.known(&key) {
        return k;
    }
    let province_or_country = || {
        gaz.lookup_key(&key).iter().any(|&(id, alt)| {
            !alt && matches!(
                gaz.entry(id).level,
                Level::Country | Level::Admin1 | Level::Region
            )
        })
    };
    match t {
        // The tagger reads "Deir ez-Zor" like "Abu al-Halabi"; a country or
        // province name is not a person.
        EntityType::Per
            if s.split(' ').any(|w| {
                w.split_once('-')
                    .is_some_and(|(p, _)| !p.is_empty() && p.chars().all(char::is_lowercase))
            }) && province_or_country() =>
        {
            EntityType::Gpe
        }
        EntityType::Loc => {
            let gpe = gaz.lookup_key(&key).iter().any(|&(id, _)| {
                matches!(
                    gaz.entry(id).level,
                    Level::Country | Level::Admin1 | Level::Place | Level::Region
                )
            });
            if gpe {
                EntityType::Gpe
            } else {
                EntityType::Loc
            }
        }
        EntityType::Misc if gaz.demonym(s).is_some() => EntityType::Norp,
        t => t,
    }
}

/// Verbs whose object is often a place: "struck Kharkiv", "shelled El Fasher".
const PLACE_VERBS: &[&str] = &[
    "struck",
    "hit",
    "shelled",
    "bombed",
    "bombarded",
    "attacked",
    "captured",
    "seized",
    "besieged",
    "entered",
    "stormed",
    "raided",
    "targeted",
    "recaptured",
    "retook",
    "overran",
    "encircled",
    "evacuated",
    "visited",
];

/// Whether a name the tagger reads as a person is a place by its context:
/// the gazetteer knows it as a country, province or big town (a capital,
/// a provincial capital, or 100,000 people) and it follows a place cue ("in
/// Kharkiv", "shelled El Fasher") or is joined by "and" or a comma to the
/// place just before it ("Rafah and Khan Younis"). Without such a cue a
/// person stays a person: "Jordan", "Austin", "Florence".
fn place_in_context(
    text: &str,
    an: &Analysis,
    gaz: &Gazetteer,
    sp: Span,
    before: &[Entity],
) -> bool {
    let big = gaz
        .lookup_key(&normalize(&text[sp.start..sp.end]))
        .iter()
        .any(|&(id, alt)| {
            let e = gaz.entry(id);
            // An alternate name counts for a big town ("Khan Younis").
            (!alt && matches!(e.level, Level::Country | Level::Admin1 | Level::Region))
                || e.level == Level::Place
                    && (e.population >= 100_000
                        || !alt && matches!(e.feature.as_str(), "PPLC" | "PPLA"))
        });
    if !big {
        return false;
    }
    let ti = an.token_at(sp.start);
    let Some(prev) = ti.checked_sub(1).and_then(|k| an.tokens.get(k)) else {
        return false;
    };
    let p = prev.text(text).to_lowercase();
    if LOC_CUES.contains(&p.as_str()) || PLACE_VERBS.contains(&p.as_str()) {
        return true;
    }
    (p == "and" || p == ",")
        && before.last().is_some_and(|m| {
            matches!(m.kind, EntityType::Gpe | EntityType::Loc)
                && text
                    .get(m.end..prev.start)
                    .is_some_and(|g| g.trim().is_empty())
        })
}

/// Whether a one-word name is the last word of a person named in full
/// before it (`surnames`), and no place cue precedes it ("MaliVai Washington … The
/// 11th-seeded Washington fell short": the player, not the city; "in
/// Washington" stays a place).
fn surname_of_earlier_person(
    text: &str,
    an: &Analysis,
    sp: Span,
    surnames: &HashSet<String>,
) -> bool {
    let s = &text[sp.start..sp.end];
    if s.contains(char::is_whitespace) || !surnames.contains(&normalize(s)) {
        return false;
    }
    let ti = an.token_at(sp.start);
    let prev = ti
        .checked_sub(1)
        .and_then(|k| an.tokens.get(k))
        .map(|t| t.text(text).to_lowercase())
        .unwrap_or_default();
    !LOC_CUES.contains(&prev.as_str()) && !PLACE_VERBS.contains(&prev.as_str())
}

/// Nouns that name the kind of place a name is: "the village of X", "X
/// state" (lower case: "Gezira state", "Idlib province").
const PLACE_NOUNS: &[&str] = &[
    "village",
    "town",
    "city",
    "district",
    "province",
    "region",
    "governorate",
    "county",
    "camp",
    "neighbourhood",
    "neighborhood",
    "suburb",
    "municipality",
    "state",
];

/// Whether a name is a place by the noun that introduces or follows it:
/// "the village of Wad al-Noura", "the town of Kostiantynivka", "Gezira
/// state", "Idlib province". Not a known actor or a nationality ("an Islamic
/// state"), and "state" only after the name. A noun after a name the tagger
/// calls MISC is an adjective's ("Kurdish town", "English county").
fn named_as_place(
    text: &str,
    an: &Analysis,
    gaz: &Gazetteer,
    dict: &dyn NameDict,
    sp: Span,
    tagged: EntityType,
) -> bool {
    let s = &text[sp.start..sp.end];
    if dict.known(&normalize(s)).is_some() || gaz.demonym(s).is_some() {
        return false;
    }
    let ti = an.token_at(sp.start);
    let te = an.token_at(sp.end);
    let word = |k: usize| an.tokens.get(k).map(|t| t.text(text)).unwrap_or("");
    let before = ti >= 2
        && word(ti - 1) == "of"
        && PLACE_NOUNS.contains(&word(ti - 2))
        && word(ti - 2) != "state";
    let after = tagged != EntityType::Misc && PLACE_NOUNS.contains(&word(te));
    before || after
}

/// Whether a name before a title is an organisation or nationality that
/// the title belongs to ("CENTCOM Commander", "Syrian President"), rather
/// than the start of a personal name ("Hassan Sheikh Mohamud").
fn org_like(piece: &str, gaz: &Gazetteer, dict: &dyn NameDict) -> bool {
    is_acronym(piece)
        || gaz.demonym(piece).is_some()
        || dict.known(&normalize(piece)).is_some()
        || gaz
            .lookup(piece)
            .iter()
            .any(|(id, alt)| !alt && gaz.entry(*id).level == Level::Country)
        || piece
            .split_whitespace()
            .last()
            .is_some_and(|w| ORG_HEADS.contains(&w.to_lowercase().as_str()))
}

fn trim_possessive(text: &str, sp: Span) -> Span {
    let s = &text[sp.start..sp.end];
    for suf in ["’s", "'s", "’", "'"] {
        if let Some(x) = s.strip_suffix(suf) {
            // "Labour Department 's" (text tokenised before it came): the
            // space before the possessive is no part of the name.
            return Span::new(sp.start, sp.start + x.trim_end().len());
        }
    }
    sp
}

fn classify(
    text: &str,
    an: &Analysis,
    gaz: &Gazetteer,
    dict: &dyn NameDict,
    sp: Span,
    has_role: bool,
    _raw: &str,
) -> EntityType {
    let s = &text[sp.start..sp.end];
    let key = normalize(s);
    let words: Vec<&str> = s.split_whitespace().collect();
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    if has_role {
        return EntityType::Per;
    }
    if let Some(t) = dict.known(&key) {
        return t;
    }
    if ORG_HEADS.contains(&last.as_str()) && words.len() > 1 {
        return EntityType::Org;
    }
    if LOC_HEADS.contains(&last.as_str()) && words.len() > 1 {
        return EntityType::Loc;
    }
    if words.len() == 1
        && gaz.demonym(s).is_some()
        && gaz
            .lookup_key(&key)
            .iter()
            .all(|(id, _)| gaz.entry(*id).level != Level::Country)
    {
        return EntityType::Norp;
    }
    // Gazetteer: countries and provinces always; towns when big or cued.
    let ti = an.token_at(sp.start);
    let prev = if ti > 0 {
        an.tokens[ti - 1].text(text).to_lowercase()
    } else {
        String::new()
    };
    let prev2 = if ti > 1 {
        an.tokens[ti - 2].text(text).to_lowercase()
    } else {
        String::new()
    };
    let loc_cue =
        LOC_CUES.contains(&prev.as_str()) || (prev == "of" && LOC_CUES.contains(&prev2.as_str()));
    let cands = gaz.lookup_key(&key);
    let strongest = cands
        .iter()
        .map(|&(id, alt)| {
            let e = gaz.entry(id);
            let w = match e.level {
                Level::Country | Level::Admin1 | Level::Region => 3,
                _ if alt => 0,
                _ if e.population >= 100_000 => 2,
                _ if e.population >= 1_000 => 1,
                _ => 0,
            };
            (w, e.level)
        })
        .max_by_key(|x| x.0);
    if let Some((w, lvl)) = strongest {
        if w >= 2 || (w >= 1 && loc_cue) || (loc_cue && words.len() == 1) {
            return if matches!(lvl, Level::Country | Level::Admin1 | Level::Place) {
                EntityType::Gpe
            } else {
                EntityType::Loc
            };
        }
    }
    if is_acronym(s) {
        return EntityType::Org;
    }
    // Unknown single words after a place cue, or before ", <country>".
    let next_is_country = an
        .tokens
        .get(an.token_at(sp.end))
        .is_some_and(|t| t.text(text) == ",")
        && an.tokens.get(an.token_at(sp.end) + 1).is_some_and(|t| {
            gaz.lookup(t.text(text))
                .iter()
                .any(|(id, _)| gaz.entry(*id).level == Level::Country)
        });
    if loc_cue && words.len() <= 2 || next_is_country {
        return EntityType::Loc;
    }
    if words.len() >= 2 || s.contains("al-") {
        return EntityType::Per;
    }
    EntityType::Misc
}

fn initials(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        .map(|w| w.chars().next().unwrap())
        .collect()
}

/// Links mentions into clusters and fills `canonical` and `aliases`.
fn link(text: &str, mut m: Vec<Entity>, roles: HashMap<usize, Span>) -> Entities {
    let n = m.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], x: usize) -> usize {
        let mut r = x;
        while p[r] != r {
            r = p[r];
        }
        p[x] = r;
        r
    }
    let union = |p: &mut [usize], a: usize, b: usize| {
        let (ra, rb) = (find(p, a), find(p, b));
        if ra != rb {
            p[rb.max(ra)] = rb.min(ra);
        }
    };
    for i in 0..n {
        // "Long Name (ACR)".
        if i + 1 < n {
            let gap = &text[m[i].end..m[i + 1].start];
            if gap.trim() == "(" && text[m[i + 1].end..].starts_with(')') {
                union(&mut parent, i, i + 1);
                m[i + 1].kind = m[i].kind;
            }
            let g = gap
                .trim()
                .trim_matches(|c: char| c == ',' || c.is_whitespace())
                .to_lowercase();
            if matches!(
                g.as_str(),
                "also known as" | "aka" | "a.k.a." | "known as" | "alias" | "better known as"
            ) {
                union(&mut parent, i, i + 1);
                m[i + 1].kind = m[i].kind;
            }
        }
    }
    let keys: Vec<String> = m.iter().map(|e| normalize(&e.text)).collect();
    // Earlier mentions indexed by what the rules compare, so that linking
    // stays linear in the number of mentions.
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    let mut per_by_last: HashMap<&str, usize> = HashMap::new(); // last word of a person's name
    let mut per_by_first: HashMap<&str, usize> = HashMap::new(); // first word(s) of a person's name
    let mut org_by_first: HashMap<&str, usize> = HashMap::new();
    let mut org_by_initials: HashMap<String, usize> = HashMap::new();
    let mut per_names: Vec<usize> = Vec::new();
    for i in 0..n {
        let b = keys[i].as_str();
        let mut link_to: Vec<(usize, bool)> = Vec::new(); // (j, adopt j's type)
        if let Some(&j) = by_key.get(b) {
            link_to.push((j, false));
        }
        let single = !b.contains(' ');
        if single && matches!(m[i].kind, EntityType::Per | EntityType::Misc) {
            if let Some(&j) = per_by_last.get(b) {
                link_to.push((j, true));
            }
        }
        if single && matches!(m[i].kind, EntityType::Org | EntityType::Misc) {
            if let Some(&j) = org_by_first.get(b) {
                link_to.push((j, true));
            }
        }
        if is_acronym(&m[i].text) && matches!(m[i].kind, EntityType::Org | EntityType::Misc) {
            if let Some(&j) = org_by_initials.get(&m[i].text.replace('.', "").to_uppercase()) {
                link_to.push((j, true));
            }
        }
        if m[i].kind == EntityType::Per && !single {
            // A longer or shorter form of an earlier person's name.
            if let Some(&j) = per_by_first.get(b.split(' ').next().unwrap_or("")) {
                let a = keys[j].as_str();
                if a.starts_with(&format!("{b} ")) || b.starts_with(&format!("{a} ")) {
                    link_to.push((j, false));
                }
            }
            for &j in per_names.iter().rev().take(50) {
                if keys[j].ends_with(&format!(" {b}")) {
                    link_to.push((j, false));
                }
            }
        }
        for (j, adopt) in link_to {
            union(&mut parent, i, j);
            if adopt {
                m[i].kind = m[j].kind;
            }
        }
        by_key.entry(b).or_insert(i);
        match m[i].kind {
            EntityType::Per => {
                if let Some(last) = b.rsplit(' ').next().filter(|_| !single) {
                    per_by_last.entry(last).or_insert(i);
                }
                per_by_first
                    .entry(b.split(' ').next().unwrap_or(""))
                    .or_insert(i);
                per_names.push(i);
            }
            EntityType::Org if !single => {
                org_by_first
                    .entry(b.split(' ').next().unwrap_or(""))
                    .or_insert(i);
                org_by_initials
                    .entry(initials(&m[i].text).to_uppercase())
                    .or_insert(i);
            }
            _ => {}
        }
    }
    let cluster: Vec<usize> = (0..n).map(|i| find(&mut parent, i)).collect();
    // One type per cluster: the first typed (non-MISC) mention's.
    let mut kind_of: HashMap<usize, EntityType> = HashMap::new();
    for i in 0..n {
        if m[i].kind != EntityType::Misc {
            kind_of.entry(cluster[i]).or_insert(m[i].kind);
        }
    }
    for i in 0..n {
        if let Some(k) = kind_of.get(&cluster[i]) {
            m[i].kind = *k;
        }
    }
    // Canonical: the longest non-acronym name of the cluster; aliases: the others.
    let mut names: HashMap<usize, Vec<String>> = HashMap::new();
    for i in 0..n {
        let v = names.entry(cluster[i]).or_default();
        if !v.contains(&m[i].text) {
            v.push(m[i].text.clone());
        }
    }
    for i in 0..n {
        let all = &names[&cluster[i]];
        let canonical = all
            .iter()
            .max_by_key(|s| (!is_acronym(s), s.split_whitespace().count(), s.len()))
            .cloned()
            .unwrap_or_default();
        m[i].canonical = canonical;
        m[i].aliases = all.iter().filter(|s| **s != m[i].text).cloned().collect();
        // The cluster's type is the one of its canonical mention's.
    }
    Entities {
        mentions: m,
        cluster,
        roles,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Entities {
        let gaz = sitrep_geo::default_gazetteer().unwrap();
        extract(text, &sitrep_text::segment(text), gaz, &())
    }
    fn find<'a>(e: &'a Entities, s: &str) -> &'a Entity {
        e.mentions.iter().find(|m| m.text == s).unwrap_or_else(|| {
            panic!(
                "no {s:?} in {:?}",
                e.mentions.iter().map(|m| &m.text).collect::<Vec<_>>()
            )
        })
    }

    #[test]
    fn intervals_find_exactly_the_overlapping_spans() {
        let sp = |a, b| Span::new(a, b);
        // Unsorted input, one long span covering others, touching ends.
        let iv = Intervals::new(vec![
            sp(30, 35),
            sp(0, 50),
            sp(10, 20),
            sp(20, 25),
            sp(60, 61),
        ]);
        let got = |a, b| iv.overlapping(sp(a, b)).collect::<Vec<_>>();
        assert_eq!(got(18, 22), [1, 2, 3]);
        assert_eq!(
            got(20, 21),
            [1, 3],
            "a span ending where another starts does not overlap it"
        );
        assert_eq!(got(50, 60), Vec::<usize>::new());
        assert_eq!(got(55, 70), [4]);
        assert_eq!(Intervals::new(Vec::new()).overlapping(sp(0, 9)).count(), 0);
    }

    #[test]
    fn names_introduced_as_places_are_places() {
        let e = run("Gunmen attacked the village of Wad al-Noura on Wednesday.");
        assert_eq!(find(&e, "Wad al-Noura").kind, EntityType::Gpe);
        let e = run("Fighting spread to Kassala state and to the town of Abu Zabad.");
        assert_eq!(find(&e, "Abu Zabad").kind, EntityType::Gpe);
        // An adjective before a place noun stays what it is.
        let e = run("They met in a Kurdish town near the border.");
        assert_ne!(find(&e, "Kurdish").kind, EntityType::Gpe);
    }

    #[test]
    fn a_surname_named_like_a_place_is_the_person_named_before() {
        let e = run("Wimbledon finalist MaliVai Washington lost on Thursday. \
                     The 11th-seeded Washington fell short of a comeback.");
        assert_eq!(find(&e, "Washington").kind, EntityType::Per);
        // After a place cue it is the place.
        let e = run("MaliVai Washington lost on Thursday. He lives in Washington.");
        assert_eq!(find(&e, "Washington").kind, EntityType::Gpe);
    }

    #[test]
    fn lowercase_places_in_text_with_capitals_need_a_cue() {
        let e = run("Good day, I'm a German citizen living in malaysia and I need a job.");
        assert_eq!(find(&e, "malaysia").kind, EntityType::Gpe);
        for t in [
            "We had roast turkey with Grandma on Sunday.",
            "Rain is moving in from the north west, Forecasters said.",
        ] {
            let e = run(t);
            assert!(
                e.mentions
                    .iter()
                    .all(|m| m.text.chars().any(char::is_uppercase)),
                "{t}: {:?}",
                e.mentions.iter().map(|m| &m.text).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn a_possessive_split_off_upstream_leaves_the_name_whole() {
        // Text tokenised before it came: "Department 's", "Singh 's".
        let e = run("In addition , the Labour Department 's July report was weak .");
        assert_eq!(find(&e, "Labour Department").kind, EntityType::Org);
        assert!(e.mentions.iter().all(|m| m.text == m.text.trim()));
        let e = run("He broke Vijay Singh 's World Series of Golf record .");
        assert!(e.mentions.iter().all(|m| !m.text.starts_with("s ")));
    }

    #[test]
    fn towns_read_as_people_are_places_after_a_place_cue() {
        let e = run("Russian missiles struck Kharkiv and Odesa overnight, officials said.");
        assert_eq!(find(&e, "Kharkiv").kind, EntityType::Gpe);
        let e = run("Israeli strikes hit Rafah and Khan Younis in southern Gaza.");
        assert_eq!(find(&e, "Khan Younis").kind, EntityType::Gpe);
        let e = run("The RSF shelled El Fasher on Sunday.");
        assert_eq!(find(&e, "El Fasher").kind, EntityType::Gpe);
        // No cue: a person named like a town stays a person.
        let e = run("Florence Mutua told reporters she would run again.");
        assert_eq!(find(&e, "Florence Mutua").kind, EntityType::Per);
        let e = run("Later, Austin said the talks had failed.");
        assert_ne!(find(&e, "Austin").kind, EntityType::Gpe);
    }

    #[test]
    fn titles_split_roles_and_names() {
        let e = run("Later, CENTCOM Commander Adm. Brad Cooper met Syrian President Ahmed al-Sharaa in Damascus.");
        assert_eq!(find(&e, "CENTCOM").kind, EntityType::Org);
        assert_eq!(find(&e, "Brad Cooper").kind, EntityType::Per);
        assert_eq!(find(&e, "Ahmed al-Sharaa").kind, EntityType::Per);
        assert_eq!(find(&e, "Damascus").kind, EntityType::Gpe);
        assert_eq!(find(&e, "Syrian").kind, EntityType::Norp);
    }

    #[test]
    fn acronyms_and_aliases_link() {
        let t = "The Syrian Democratic Forces (SDF) said so. The SDF later denied it. A man, Omar Abdul Qader Bassam, also known as Abdul Rahman al-Halabi, was killed. Bassam was 40.";
        let e = run(t);
        assert_eq!(find(&e, "SDF").canonical, "Syrian Democratic Forces");
        assert_eq!(
            find(&e, "Abdul Rahman al-Halabi").canonical,
            "Omar Abdul Qader Bassam"
        );
        assert_eq!(find(&e, "Bassam").canonical, "Omar Abdul Qader Bassam");
    }

    #[test]
    fn initials_and_spelling_variants_link() {
        let t = "The Iraqi Counter-Terrorism Service announced a raid. The Iraqi Counter Terrorism Service said more. ICTS did not say when.";
        let e = run(t);
        let c: HashSet<&str> = e
            .mentions
            .iter()
            .filter(|m| m.kind == EntityType::Org)
            .map(|m| m.canonical.as_str())
            .collect();
        assert_eq!(c.len(), 1, "{:?}", e.mentions);
    }

    #[test]
    fn sentence_initial_words_are_not_names() {
        let e = run("According to officials, troops left. Meanwhile, fighting resumed in Aleppo.");
        let names: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(names, vec!["Aleppo"]);
    }
}
