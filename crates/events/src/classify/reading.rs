//! The CAMEO verb dictionary as a lexicon of word patterns ([`Lexicon`]), and
//! the one-sentence reading CAMEO coders make ([`Lexicon::sentence_reading_cased`]):
//! the sentence's first dictionary event with the sentence's stance towards it.

use crate::cameo::{plover_of, Block, Pattern};
use crate::classify::manual::{debt_relief, manual_act, protest_noun_phrase};
use crate::classify::{
    category_index, stem, words, CATEGORIES, T_CODEBOOK_KEY, T_PAT_AFTER, T_PAT_BEFORE,
};
use sitrep_ner::features::{f1, f2, phrase_key};
use sitrep_ner::IdMap;
use std::collections::HashMap;

/// Words after which a verb form reads as a noun ("the attack", "their
/// meeting").
const DETS: &[&str] = &[
    "a", "an", "the", "its", "their", "his", "her", "our", "this", "that", "these", "those",
];
/// Verbs that carry an event noun ("organized a strike").
const SUPPORT_FORMS: &[&str] = &[
    "staged",
    "stage",
    "stages",
    "held",
    "hold",
    "holds",
    "organized",
    "organised",
    "organize",
    "organise",
    "launched",
    "launch",
    "launches",
    "mounted",
    "mount",
    "began",
    "begin",
    "begins",
    "started",
    "start",
    "continued",
    "continue",
    "continues",
    "conducted",
    "conduct",
    "waged",
    "resumed",
    "carried",
    "undertook",
];
/// Present forms in "s" that are never plural nouns.
const ONLY_VERBS: &[&str] = &[
    "rejects",
    "accuses",
    "condemns",
    "denies",
    "urges",
    "warns",
    "refuses",
    "vows",
    "criticizes",
    "criticises",
    "welcomes",
    "praises",
    "blames",
    "threatens",
    "agrees",
    "says",
    "asks",
];
/// Verbs that conclude an agreement.
const SIGN_FORMS: &[&str] = &[
    "sign",
    "signs",
    "signed",
    "signing",
    "ratify",
    "ratifies",
    "ratified",
    "ratifying",
];
/// Nouns naming an agreement.
const AGREEMENTS: &[&str] = &[
    "agreement",
    "agreements",
    "treaty",
    "treaties",
    "pact",
    "pacts",
    "accord",
    "accords",
    "deal",
    "deals",
    "protocol",
    "memorandum",
    "convention",
    "charter",
];
/// Participles that describe a noun before a preposition ("based in").
const PARTICIPLES: &[&str] = &[
    "based",
    "involved",
    "linked",
    "located",
    "related",
    "connected",
    "associated",
    "stationed",
    "concerned",
    "known",
    "armed",
    "equipped",
    "dressed",
    "disguised",
];
/// Prepositions after a describing participle.
const PREPS: &[&str] = &[
    "in", "to", "on", "at", "with", "by", "from", "near", "for", "as", "of",
];
/// The appositive after a sentence's opening name, as the indexes of its
/// two commas: "Pakistan, a key U.S. ally in the war against terrorism,
/// has refused …", "Hamas, the group that runs Gaza, said …". The name
/// is the sentence's first words, all capitalised (not a fronted phrase,
/// "In Kabul, a bomb exploded …, killing …", nor a date); the appositive
/// opens with an article and closes within fifteen words, before a
/// lowercase word. `caps` says which words are capitalised (parallel to
/// `ws`).
pub fn appositive(ws: &[String], caps: &[bool]) -> Option<(usize, usize)> {
    const OPENERS: &[&str] = &[
        "in",
        "on",
        "at",
        "after",
        "before",
        "during",
        "since",
        "from",
        "near",
        "despite",
        "following",
        "amid",
        "last",
        "earlier",
        "later",
        "meanwhile",
        "however",
        "when",
        "while",
        "as",
        "if",
        "although",
        "but",
        "and",
        "for",
        "with",
        "by",
        "under",
        "over",
        "this",
        "today",
        "yesterday",
    ];
    let c = ws.iter().position(|w| w == ",")?;
    if c == 0 || c > 6 || OPENERS.contains(&ws[0].as_str()) || sitrep_time::is_time_word(&ws[c - 1])
    {
        return None;
    }
    let name = (0..c).all(|k| {
        caps.get(k) == Some(&true)
            || matches!(ws[k].as_str(), "the" | "of" | "'s" | "’s" | "-" | "." | "&")
    });
    if !name || !matches!(ws.get(c + 1).map(String::as_str), Some("a" | "an" | "the")) {
        return None;
    }
    let d = c
        + 2
        + ws[c + 2..(c + 17).min(ws.len())]
            .iter()
            .position(|w| w == "," || w == ";" || w == ".")?;
    (ws[d] == "," && caps.get(d + 1) == Some(&false)).then_some((c, d))
}

/// Possessive endings as tokens ("Algeria's leading activist").
const POSSESSIVE: &[&str] = &["'s", "’s", "'", "’"];
/// Words after which a form in "s" is a plural noun, not a verb.
const NOUN_NEXT: &[&str] = &[
    "in", "from", "of", "at", "were", "are", "have", "had", "must", "will", "would", "could",
    "can", "may", "might", "should", "who", "which", ",", ".", ";", ":", ")",
];
/// Tokens after which a capitalised word may open a clause.
const OPENERS: &[&str] = &["\"", "“", "``", "'", "‘", "(", ":", "-", "—"];
/// The categories an intent to act turns into a promise (AGREE), and those
/// it turns into a threat (THREATEN), in the one-sentence reading.
const COOPERATIVE: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
];
const HOSTILE: &[&str] = &["ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "THREATEN"];
/// A form or pattern that codes no event (`[---]`).
const NO_EVENT: u8 = u8::MAX;

/// Verb forms and patterns of the CAMEO dictionary, reduced to the PLOVER
/// category they signal, hashed (the model file holds no words).
#[derive(Default, Clone)]
pub struct Lexicon {
    pub(super) forms: IdMap<u8>,
    pub(super) patterns: IdMap<u8>,
    /// Word stems of the PLOVER codebook's mode definitions that name one
    /// category ("guilty" SANCTION, "debt" AID), as category bit sets.
    pub(super) codebook: IdMap<u16>,
}

/// Words of a codebook definition that say nothing of its category.
const CODEBOOK_STOP: &[&str] = &[
    "with",
    "from",
    "that",
    "this",
    "which",
    "into",
    "other",
    "their",
    "such",
    "include",
    "including",
    "between",
    "against",
    "entity",
    "actor",
    "recipient",
    "country",
    "countries",
    "action",
    "actions",
    "event",
    "events",
    "note",
    "does",
    "only",
    "some",
    "more",
    "than",
    "they",
    "them",
    "been",
    "have",
    "will",
    "would",
    "also",
    "under",
    "these",
    "those",
    "were",
    "when",
    "where",
    "while",
    "both",
    "each",
    "through",
    "within",
    "without",
    "over",
];

fn codebook_key(stem: &str) -> u64 {
    f1(T_CODEBOOK_KEY, stem)
}

fn pattern_key(before: bool, form: &str, w: &str) -> u64 {
    f2(if before { T_PAT_BEFORE } else { T_PAT_AFTER }, form, w)
}

/// A pattern word or text word without a plural `s` ("arrests" → "arrest").
pub(super) fn fold(w: &str) -> &str {
    match w.strip_suffix('s') {
        Some(s) if s.len() >= 3 && !s.ends_with('s') => s,
        _ => w,
    }
}

impl Lexicon {
    /// Builds the lexicon from CAMEO verb blocks and the CAMEO → PLOVER table.
    pub fn from_cameo(blocks: &[Block], table: &HashMap<String, String>) -> Lexicon {
        // CAMEO's appeals (02: "asked for", "urged", "called for") are
        // requests: the PLOVER manual drops APPEAL as a category while
        // defining REQUEST as "all requests, demands, and orders".
        let cat = |code: &Option<String>| -> u8 {
            code.as_deref()
                .and_then(|c| {
                    if c.starts_with("02") {
                        Some("REQUEST")
                    } else {
                        plover_of(table, c)
                    }
                })
                .and_then(category_index)
                .map_or(NO_EVENT, |i| i as u8)
        };
        let mut lex = Lexicon::default();
        // Unqualified patterns first: "STAGE * DEMONSTRATION" (PROTEST)
        // decides "staged demonstrations" over the earlier "STAGE *
        // DEMONSTRATION (IN SUPPORT)" (SUPPORT), whose qualifier the
        // reading does not check.
        for pass in [false, true] {
            for b in blocks {
                for (form, own) in &b.forms {
                    let c = cat(if own.is_some() { own } else { &b.code });
                    let key = phrase_key(form.split(' '));
                    // The first block that lists a form decides it.
                    lex.forms.entry(key).or_insert(c);
                    // A pattern with words on both sides ("PROTESTER *
                    // REMOVAL") says nothing about either side alone.
                    let one_sided = |p: &&Pattern| p.before.is_empty() || p.after.is_empty();
                    for p in b
                        .patterns
                        .iter()
                        .filter(|p| p.qualified == pass)
                        .filter(one_sided)
                    {
                        let c = cat(&p.code);
                        for w in &p.before {
                            lex.patterns
                                .entry(pattern_key(true, form, fold(w)))
                                .or_insert(c);
                        }
                        for w in &p.after {
                            lex.patterns
                                .entry(pattern_key(false, form, fold(w)))
                                .or_insert(c);
                        }
                    }
                }
            }
        }
        lex
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }

    /// Adds the PLOVER codebook: `(category, text)` rows (a mode's name,
    /// definition and notes). A word stem of at least four letters that the
    /// rows of only one category use becomes evidence for it. Returns how
    /// many stems were kept; rows of unknown categories are skipped.
    pub fn add_codebook<'a>(
        &mut self,
        rows: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> usize {
        let mut m: HashMap<String, u16> = HashMap::new();
        for (cat, text) in rows {
            let Some(c) = category_index(cat) else {
                continue;
            };
            for w in words(text) {
                if w.len() >= 4 && !CODEBOOK_STOP.contains(&w.as_str()) {
                    *m.entry(stem(&w).to_string()).or_default() |= 1 << c;
                }
            }
        }
        m.retain(|_, v| v.count_ones() == 1);
        self.codebook = m.iter().map(|(k, v)| (codebook_key(k), *v)).collect();
        self.codebook.len()
    }

    /// The categories (bit set) the codebook ties a word to.
    pub(super) fn codebook_of(&self, w: &str) -> u16 {
        self.codebook
            .get(&codebook_key(stem(w)))
            .copied()
            .unwrap_or(0)
    }

    /// The dictionary's reading of the verb form starting at word `i`:
    /// its length in words and its PLOVER category (`None`: a form or
    /// pattern that codes no event), refined by the first pattern word
    /// within four words before or six after it. `None` when no form starts
    /// there.
    pub fn at(&self, ws: &[String], i: usize) -> Option<(usize, Option<usize>)> {
        self.reading_at(ws, i).map(|(n, c, _)| (n, c))
    }

    /// [`Lexicon::at`], with the word the reading rests on: the pattern word
    /// after the form when one decided it, else the form's first word.
    fn reading_at(&self, ws: &[String], i: usize) -> Option<(usize, Option<usize>, usize)> {
        // Punctuation is no verb form (the dictionary's reader leaves a
        // stray "," among its forms).
        if self.forms.is_empty() || !ws.get(i)?.starts_with(char::is_alphanumeric) {
            return None;
        }
        let two = (i + 1 < ws.len()).then(|| (phrase_key([ws[i].as_str(), ws[i + 1].as_str()]), 2));
        let (default, n) = two
            .and_then(|(k, n)| Some((*self.forms.get(&k)?, n)))
            .or_else(|| Some((*self.forms.get(&phrase_key([ws[i].as_str()]))?, 1)))?;
        let form = ws[i..i + n].join(" ");
        let after = (i + n..(i + n + 6).min(ws.len())).find_map(|j| {
            // "captured part of a stronghold": a share of the object, not
            // "TAKE * PART" (taking part).
            if ws[j] == "part" && ws.get(j + 1).is_some_and(|x| x == "of") {
                return None;
            }
            self.patterns
                .get(&pattern_key(false, &form, fold(&ws[j])))
                .map(|c| (*c, j))
        });
        let before = ws[i.saturating_sub(4)..i]
            .iter()
            .rev()
            .find_map(|w| self.patterns.get(&pattern_key(true, &form, fold(w))));
        let (c, anchor) = after.or(before.map(|c| (*c, i))).unwrap_or((default, i));
        Some((n, (c != NO_EVENT).then_some(c as usize), anchor))
    }

    /// The PLOVER categories the dictionary codes in a run of words, in
    /// order. A form right after a determiner or possessive reads as a noun
    /// ("the attack", "their meeting") and is passed over.
    pub fn categories(&self, ws: &[String]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < ws.len() {
            match self.at(ws, i) {
                Some((n, c)) => {
                    if !(i > 0 && DETS.contains(&ws[i - 1].as_str())) {
                        out.extend(c);
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

/// The dictionary's reading of one sentence: a PLOVER category, the words
/// `start..end` (word indices) it rests on, and whether a stance word
/// (a refusal, promise, readiness or modal) decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub start: usize,
    pub end: usize,
    pub category: usize,
    pub stance: bool,
}

impl Reading {
    fn new(start: usize, end: usize, category: usize) -> Reading {
        Reading {
            start,
            end,
            category,
            stance: true,
        }
    }
}

/// Words of a promise ("agreed to", "vowed to").
const PROMISE: &[&str] = &[
    "agree", "agrees", "agreed", "offer", "offers", "offered", "promise", "promises", "promised",
    "pledge", "pledges", "pledged", "vow", "vows", "vowed", "swear", "swears", "swore", "sworn",
];
/// Words of readiness ("ready to", "plans to").
const READY: &[&str] = &[
    "willing", "ready", "prepared", "plan", "plans", "planned", "planning", "intend", "intends",
    "intended", "going",
];
/// Words of a refusal ("refused to").
const REFUSE: &[&str] = &[
    "refuse",
    "refuses",
    "refused",
    "refusing",
    "decline",
    "declines",
    "declined",
    "declining",
];

/// The index of a PLOVER category by name.
fn idx(name: &str) -> usize {
    category_index(name).expect("a PLOVER category")
}

/// The category of an intent to do an act of category `c`: a promise
/// (AGREE) when it is cooperative, a threat (THREATEN) when hostile; a
/// `negated` intent to cooperate is a rejection (REJECT).
fn stance(c: usize, negated: bool) -> usize {
    let cooperative = COOPERATIVE.contains(&CATEGORIES[c]);
    if negated && cooperative {
        idx("REJECT")
    } else if negated {
        c
    } else if cooperative {
        idx("AGREE")
    } else if HOSTILE.contains(&CATEGORIES[c]) {
        idx("THREATEN")
    } else {
        c
    }
}

/// Word `k`, or "" past the end.
fn word(ws: &[String], k: usize) -> &str {
    ws.get(k).map_or("", String::as_str)
}

/// A headline in title case, whose capitals say nothing: most words of
/// more than three letters after the first are capitalised.
fn title_case(ws: &[String], caps: &[bool]) -> bool {
    let (upper, long) = ws
        .iter()
        .zip(caps)
        .skip(1)
        .filter(|(w, _)| w.len() > 3)
        .fold((0, 0), |(u, l), (_, c)| (u + usize::from(*c), l + 1));
    upper * 2 > long
}

impl Lexicon {
    /// The first event the dictionary reads in one sentence's lowercased
    /// tokens `ws`, with the sentence's stance towards it as CAMEO codes it:
    /// an intent to act ("will support", "agreed to lift", "is ready to
    /// send") is a promise, PLOVER AGREE (CAMEO 03), when the act is
    /// cooperative and a threat, THREATEN (CAMEO 13), when it is hostile; a
    /// refused one ("would not meet") is REJECT (CAMEO 12); an act someone
    /// "must" do is a demand, REQUEST (CAMEO 10). The reading spans the words
    /// it rests on: the refusal, promise or readiness word ("refused",
    /// "agreed"), or the form with the stance words before it ("will
    /// visit", "would not lift", "must release"), or the form alone. Forms
    /// that are not the sentence's verbs are passed over: after a
    /// determiner or possessive (as in [`Lexicon::categories`]), plural
    /// nouns before a preposition or pause, capitalised words inside a name
    /// (`caps`, parallel to `ws`, says which words are capitalised; empty
    /// when unknown), describing participles.
    pub fn sentence_reading_cased(&self, ws: &[String], caps: &[bool]) -> Option<Reading> {
        let title_case = title_case(ws, caps);
        let apposition = appositive(ws, caps);
        let mut i = 0;
        while i < ws.len() {
            // "Pakistan, a key ally, has refused": the appositive describes
            // the subject.
            if let Some((_, end)) = apposition.filter(|&(from, _)| from == i) {
                i = end + 1;
                continue;
            }
            // "refused to meet": a refusal whatever the act (CAMEO 12).
            if REFUSE.contains(&ws[i].as_str()) && ws.get(i + 1).is_some_and(|w| w == "to") {
                return Some(Reading::new(i, i + 1, idx("REJECT")));
            }
            if i == 0
                || !(DETS.contains(&ws[i - 1].as_str()) || POSSESSIVE.contains(&ws[i - 1].as_str()))
            {
                if let Some((n, name)) = manual_act(ws, i) {
                    return Some(Reading {
                        stance: false,
                        ..Reading::new(i, i + n, idx(name))
                    });
                }
            }
            let Some((n, c, anchor)) = self.reading_at(ws, i) else {
                i += 1;
                continue;
            };
            let c = if protest_noun_phrase(ws, i) {
                Some(idx("PROTEST"))
            } else {
                c
            };
            if self.not_a_verb(ws, caps, title_case, i, n) {
                i += n;
                continue;
            }
            if let Some(r) = self.intent_reading(ws, i, n) {
                return Some(r);
            }
            if let Some(r) = self.decided_reading(ws, (i, n), c, anchor) {
                return Some(r);
            }
            let Some(c) = signed_or_hacked(ws, (i, n), c) else {
                i += n;
                continue;
            };
            return Some(with_stance(ws, (i, n), anchor, c));
        }
        None
    }

    /// Whether the dictionary form of `n` words at word `i` is not the
    /// sentence's verb: after a determiner or possessive; a noun in "s"
    /// that does what the next form says ("the attack", "Serb forces
    /// killed"; not a verb whose "s" form is no noun, "Iran rejects
    /// proposed changes", nor one after an adverb, "Reportedly Requests
    /// Meeting"); a plural noun before a preposition, an auxiliary or a
    /// pause ("forces in", "forces must", "links with"); a capitalised
    /// form inside a name ("President Bill Clinton", "Revolutionary United
    /// Front", "Ousted President Akayev"; in title case, "United" before a
    /// capitalised word opens a name: "United Nations Rejects"); a
    /// participle that describes ("a body linked to", "a newspaper based
    /// in", "alleged bombers", "Newly appointed"); "according".
    fn not_a_verb(
        &self,
        ws: &[String],
        caps: &[bool],
        title_case: bool,
        i: usize,
        n: usize,
    ) -> bool {
        let w = |k: usize| word(ws, k);
        let subject_noun = ws[i + n - 1].ends_with('s')
            && !ONLY_VERBS.contains(&ws[i + n - 1].as_str())
            && !(i > 0 && ws[i - 1].len() > 4 && ws[i - 1].ends_with("ly"))
            && ws.get(i + n).is_some_and(|_| self.at(ws, i + n).is_some());
        let prev = if i > 0 { w(i - 1) } else { "" };
        let last = &ws[i + n - 1];
        let plural_noun = last.len() > 3
            && last.ends_with('s')
            && !last.ends_with("ss")
            && NOUN_NEXT.contains(&w(i + n));
        let name_part = caps.get(i) == Some(&true)
            && (!title_case
                && if i == 0 || OPENERS.contains(&prev) {
                    ws[i].ends_with("ed") && caps.get(i + 1) == Some(&true)
                } else {
                    true
                }
                || ws[i] == "united" && caps.get(i + 1) == Some(&true));
        let next = w(i + n);
        let describes = n == 1
            && (PARTICIPLES.contains(&ws[i].as_str()) && PREPS.contains(&next)
                || matches!(ws[i].as_str(), "alleged" | "suspected")
                    && next.starts_with(char::is_alphabetic)
                    && !PREPS.contains(&next)
                    && !matches!(next, "that" | "to")
                || ws[i].ends_with("ed")
                    && prev.len() > 4
                    && prev.ends_with("ly")
                    && (i == 1 || DETS.contains(&w(i - 2))));
        DETS.contains(&prev)
            || POSSESSIVE.contains(&prev)
            || describes
            || subject_noun
            || plural_noun
            || name_part
            || ws[i] == "according"
    }

    /// A promise or readiness word of `n` words at word `i` read with the
    /// act it is towards: "must agree to", "must be ready to mediate" are
    /// demands (CAMEO 10, REQUEST), whatever is demanded; "agreed to lift
    /// …", "ready to attack …" take their stance towards the next act. An
    /// agreement to do anything, or a promise to do anything but harm, is
    /// AGREE ("agreed to postpone", "agreed to set up"); a vow to harm is a
    /// threat; readiness takes the act's own stance; debt relief agreed is
    /// AID.
    fn intent_reading(&self, ws: &[String], i: usize, n: usize) -> Option<Reading> {
        let w = |k: usize| word(ws, k);
        let demanded =
            (i > 0 && w(i - 1) == "must") || (i > 1 && w(i - 1) == "be" && w(i - 2) == "must");
        if demanded && (PROMISE.contains(&w(i)) || READY.contains(&w(i))) {
            let from = if w(i - 1) == "must" { i - 1 } else { i - 2 };
            return Some(Reading::new(from, i + n, idx("REQUEST")));
        }
        if (PROMISE.contains(&w(i)) || READY.contains(&w(i))) && w(i + n) == "to" {
            let next = (i + n + 1..(i + n + 4).min(ws.len())).find_map(|j| self.at(ws, j));
            match next {
                Some((_, Some(c2))) if !HOSTILE.contains(&CATEGORIES[c2]) && debt_relief(ws) => {
                    return Some(Reading::new(i, i + n, idx("AID")))
                }
                Some((_, Some(c2)))
                    if PROMISE.contains(&w(i))
                        && (!HOSTILE.contains(&CATEGORIES[c2]) || w(i).starts_with("agree")) =>
                {
                    return Some(Reading::new(i, i + n, idx("AGREE")))
                }
                Some((_, Some(c2))) => return Some(Reading::new(i, i + n, stance(c2, false))),
                _ if PROMISE.contains(&w(i)) => return Some(Reading::new(i, i + n, idx("AGREE"))),
                _ => {}
            }
        }
        None
    }

    /// Readings the verb decides by itself (its pattern word `anchor` is
    /// the verb): "agreed on", "agreed in principle" is AGREE, where CAMEO's
    /// verb block defaults to diplomatic cooperation; "rejected a
    /// Senegalese peace plan" is REJECT whatever is refused, where CAMEO's
    /// refusal block codes nothing unless a pattern names it; a verb that
    /// only carries the event noun after it ("organized a general strike",
    /// "launched a mediation effort") reads as that noun.
    fn decided_reading(
        &self,
        ws: &[String],
        (i, n): (usize, usize),
        c: Option<usize>,
        anchor: usize,
    ) -> Option<Reading> {
        let w = |k: usize| word(ws, k);
        if matches!(w(i), "agree" | "agrees" | "agreed") && anchor == i {
            return Some(Reading {
                stance: false,
                ..Reading::new(i, i + n, idx("AGREE"))
            });
        }
        if c.is_none()
            && anchor == i
            && matches!(
                w(i),
                "reject"
                    | "rejects"
                    | "rejected"
                    | "rejecting"
                    | "refuse"
                    | "refuses"
                    | "refused"
                    | "refusing"
            )
        {
            return Some(Reading::new(i, i + n, idx("REJECT")));
        }
        if SUPPORT_FORMS.contains(&ws[i].as_str()) && anchor == i {
            return (i + n..(i + n + 5).min(ws.len()))
                .take_while(|&j| ws[j].starts_with(char::is_alphanumeric) && ws[j] != "to")
                .find_map(|j| {
                    let c2 = if protest_noun_phrase(ws, j) {
                        Some(idx("PROTEST"))
                    } else {
                        self.reading_at(ws, j)?.1
                    };
                    let n2 = self.reading_at(ws, j).map_or(1, |r| r.0);
                    c2.map(|c2| Reading {
                        stance: false,
                        ..Reading::new(j, j + n2, c2)
                    })
                });
        }
        None
    }
}

/// The category of the form of `n` words at word `i` as the PLOVER manual
/// has it: "signed a treaty", "ratifies the agreement" is SUPPORT ("ratify,
/// sign, or finalize an agreement"), where CAMEO's patterns read most
/// signings as intents to cooperate; "hit by a cyber attack", "hackers
/// attacked" is COERCE "cyber"; else the dictionary's `c`.
fn signed_or_hacked(ws: &[String], (i, n): (usize, usize), c: Option<usize>) -> Option<usize> {
    if SIGN_FORMS.contains(&ws[i].as_str())
        && ws[i + n..(i + n + 5).min(ws.len())]
            .iter()
            .take_while(|x| x.as_str() != "to")
            .any(|x| AGREEMENTS.contains(&x.as_str()))
    {
        Some(idx("SUPPORT"))
    } else if c == Some(idx("ASSAULT"))
        && ws
            .iter()
            .any(|x| x.starts_with("cyber") || x.starts_with("hack"))
    {
        Some(idx("COERCE"))
    } else {
        c
    }
}

/// The reading of an act of category `c` (the form of `n` words at word
/// `i`, decided by its pattern word `anchor`) with the stance words right
/// before the form, or before the pattern word ("said the army must
/// release": "release"; "said it will support"): "must" a demand
/// (REQUEST), "will"/"would" (not) an intent, "ready to" readiness.
fn with_stance(ws: &[String], (i, n): (usize, usize), anchor: usize, c: usize) -> Reading {
    let w = |k: usize| word(ws, k);
    // The category and the first stance word.
    let stance_at = |at: usize| -> Option<(usize, usize)> {
        let before = |k: usize| if at >= k { w(at - k) } else { "" };
        let negated = ["not", "never", "n't"].contains(&before(1));
        let modal_at = if negated { 2 } else { 1 };
        let modal = before(modal_at);
        if modal == "must" && !negated {
            return Some((idx("REQUEST"), at - modal_at));
        }
        if matches!(modal, "will" | "would" | "shall" | "ll") {
            return Some((stance(c, negated), at - modal_at));
        }
        (modal == "to" && READY.contains(&before(modal_at + 1)))
            .then(|| (stance(c, negated), at - modal_at - 1))
    };
    let own = stance_at(i).map(|(c, from)| Reading::new(from, i + n, c));
    let at_anchor = || {
        (anchor != i)
            .then(|| stance_at(anchor))
            .flatten()
            .map(|(c, from)| Reading::new(from, anchor + 1, c))
    };
    own.or_else(at_anchor).unwrap_or(Reading {
        stance: false,
        ..Reading::new(i, i + n, c)
    })
}
