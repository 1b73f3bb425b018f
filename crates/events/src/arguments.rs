//! A mention's arguments: who did it and to whom (participants and their
//! roles, from the verb's subject and object or the noun's prepositions and
//! support verb), the things it harmed and the weapons it used; then its
//! place and date ([`crate::when_where`]), toll ([`crate::casualties`]) and
//! claim ([`crate::claims`]).

use crate::casualties::casualties;
use crate::claims::claim_for;
use crate::lexicon::{Class, Pos};
use crate::triggers::passive_before;
use crate::vocabulary::{
    is_generic_actor, is_weapon_noun, modifier_word, GOING_ON, NOT_MODIFIED, SUPPORT_VERBS,
};
use crate::when_where::{event_date, event_place};
use crate::{classify, number_of, words_at_most, Chunk, Cue, Inputs, Mention};
use sitrep_actors::Actor;
use sitrep_core::{EntityType, Role, Span};
use sitrep_text::Sentence;

/// Fills a mention's participants, place, date, casualties and claim.
/// `t_first..t_end` are the trigger's tokens.
#[allow(clippy::too_many_arguments)]
pub(crate) fn arguments(
    inp: &Inputs,
    si: usize,
    chunks: &[Chunk],
    cues: &[Cue],
    m: &mut Mention,
    pos: Pos,
    t_first: usize,
    t_end: usize,
) {
    let cl = Clause::new(inp, si, chunks, cues, m.trig, (t_first, t_end));
    match pos {
        Pos::Verb => verb_participants(&cl, m),
        Pos::Noun => noun_participants(&cl, m),
    }
    (m.place, m.names_place) = event_place(inp, chunks, cues, cl.s, m.trig, cl.right_limit);
    m.time = event_date(inp, cues, cl.s, m.trig, cl.phrase_end, m.mode);
    casualties(inp, si, chunks, m);
    m.claim = claim_for(inp, cl.s.span(), cues, m.trig);
}

/// What the steps that find a mention's participants share: the trigger,
/// the bounds of its clause and the participant phrases on either side.
struct Clause<'a> {
    inp: &'a Inputs<'a>,
    s: Sentence,
    trig: Span,
    /// The trigger's first token and the token after its last.
    t_first: usize,
    t_end: usize,
    /// The spans of the reporting cues' sources, which are no participants.
    source_spans: Vec<Span>,
    /// Where a phrase fronted before the main clause ends ("Despite his
    /// arrest, he will play …"), else the sentence end.
    phrase_end: usize,
    /// The next cue, ';' or `phrase_end`: how far right the trigger's
    /// arguments reach.
    right_limit: usize,
    /// Participants after the trigger, up to `right_limit`.
    after: Vec<&'a Chunk>,
    /// Participants and things before the trigger, outside an appositive.
    before_any: Vec<&'a Chunk>,
    /// Of those, the ones that can act (who acts is never a thing).
    before: Vec<&'a Chunk>,
    /// An appositive after the sentence's opening name ("Pakistan, a key
    /// U.S. ally, has refused"), before the trigger.
    apposition: Option<Span>,
}

impl<'a> Clause<'a> {
    fn new(
        inp: &'a Inputs<'a>,
        si: usize,
        chunks: &'a [Chunk],
        cues: &'a [Cue],
        trig: Span,
        (t_first, t_end): (usize, usize),
    ) -> Clause<'a> {
        let s = inp.an.sentences[si];
        let phrase_end = fronted_phrase_end(inp, s, trig);
        // Next trigger-ish boundary to the right: a cue, ';', or the sentence end.
        let right_limit = cues
            .iter()
            .filter(|c| c.at > trig.end && !c.according)
            .map(|c| c.source_span.start.min(c.at))
            .min()
            .unwrap_or(s.end)
            .min(phrase_end);
        let apposition = apposition(inp, s, trig);
        let mut cl = Clause {
            inp,
            s,
            trig,
            t_first,
            t_end,
            source_spans: cues.iter().map(|c| c.source_span).collect(),
            phrase_end,
            right_limit,
            after: Vec::new(),
            before_any: Vec::new(),
            before: Vec::new(),
            apposition,
        };
        let after: Vec<&Chunk> = chunks
            .iter()
            .filter(|c| c.span.start >= trig.end && c.span.end <= right_limit)
            .filter(|c| cl.participant(c))
            .collect();
        let before_any: Vec<&Chunk> = chunks
            .iter()
            .filter(|c| c.span.end <= trig.start)
            .filter(|c| !c.place)
            .filter(|c| !apposition.is_some_and(|a| a.contains(c.span)))
            .collect();
        cl.before = before_any.iter().copied().filter(|c| !c.object).collect();
        cl.after = after;
        cl.before_any = before_any;
        cl
    }

    /// The lowercase word at token `i` ("" past the text).
    fn tw(&self, i: usize) -> String {
        self.inp
            .an
            .tokens
            .get(i)
            .map(|t| t.text(self.inp.text).to_lowercase())
            .unwrap_or_default()
    }

    fn is_source(&self, c: &Chunk) -> bool {
        self.source_spans.contains(&c.span)
    }

    /// A participant: not a place, not a claim's source, not a noun that
    /// modifies a place or state ("police custody", "police station",
    /// "police lines").
    fn participant(&self, c: &Chunk) -> bool {
        let rest: String = self.inp.text[c.span.end..]
            .trim_start()
            .chars()
            .take(24)
            .flat_map(char::to_lowercase)
            .collect();
        let next = rest.split(|ch: char| !ch.is_alphanumeric()).next();
        let modifier_only = matches!(next, Some("custody" | "station" | "lines" | "headquarters"))
            || rest.starts_with("control room");
        !c.place && !self.is_source(c) && !modifier_only
    }

    /// The trigger is a passive: "was detained", "were reportedly killed",
    /// "was also shot dead" ("are demanding" is active; "is opposed to",
    /// "is committed to" is an adjective).
    fn passive(&self) -> bool {
        let first = self.tw(self.t_first);
        let progressive = first.ends_with("ing");
        let adjectival = matches!(
            first.as_str(),
            "opposed" | "committed" | "determined" | "dedicated" | "resigned" | "inclined"
        ) && self.inp.text[self.trig.end..].split_whitespace().next()
            == Some("to");
        !progressive && !adjectival && passive_before(|i| self.tw(i), self.t_first, self.s.tokens.0)
    }

    /// The agent after "by" (or "by the") within four words of the trigger.
    fn by_chunk(&self) -> Option<&'a Chunk> {
        let text = self.inp.text;
        self.after.iter().copied().find(|c| {
            let ti = self.inp.an.token_at(c.span.start);
            let near = words_at_most(&text[self.trig.end..c.span.start], 4);
            near && (ti > 0 && matches!(self.tw(ti - 1).as_str(), "by")
                || ti > 1 && self.tw(ti - 1) == "the" && self.tw(ti - 2) == "by")
        })
    }

    /// The first participant after one of `preps`, at most `max_gap` words
    /// after the trigger, with only lower-case words between ("on the",
    /// "against local").
    fn prep_chunk(&self, preps: &[&str], max_gap: usize) -> Option<&'a Chunk> {
        self.after.iter().copied().find(|c| {
            let gap: Vec<String> = self.inp.text[self.trig.end..c.span.start]
                .split_whitespace()
                .take(max_gap + 1)
                .map(|x| x.to_lowercase())
                .collect();
            gap.len() <= max_gap
                && gap.first().is_some_and(|g| preps.contains(&g.as_str()))
                && gap[1..]
                    .iter()
                    .all(|g| g.chars().all(|ch| ch.is_lowercase()))
        })
    }

    /// The participant joined to `c` by "and", after it or (`back`) before
    /// it: "Hector Oqueli and Gilda Flores", "two soldiers and a civilian".
    fn joined(&self, c: &Chunk, back: bool) -> Option<Chunk> {
        let text = self.inp.text;
        let pool = if back { &self.before } else { &self.after };
        // Between two people, a title may follow the "and": "Hector Oqueli
        // and Guatemalan political leader Gilda Flores".
        let is_and = |a: Span, b: Span, people: bool| {
            a.end <= b.start && {
                let gap = text[a.end..b.start].trim();
                let rest = gap
                    .strip_prefix(", and")
                    .or_else(|| gap.strip_prefix("and"));
                rest.is_some_and(|r| {
                    let ws: Vec<&str> = r.split_whitespace().collect();
                    ws.is_empty()
                        || people
                            && ws.len() <= 3
                            && ws.iter().all(|w| {
                                w.chars().all(char::is_alphabetic)
                                    && !NOT_MODIFIED.contains(&w.to_lowercase().as_str())
                            })
                })
            }
        };
        pool.iter()
            .find(|d| {
                let people = d.kind == EntityType::Per && c.kind == EntityType::Per;
                (d.kind == EntityType::Per) == (c.kind == EntityType::Per)
                    && if back {
                        is_and(d.span, c.span, people)
                    } else {
                        is_and(c.span, d.span, people)
                    }
            })
            .map(|d| (*d).clone())
    }

    /// A participant and the one joined to it by "and".
    fn push_with_joined(&self, m: &mut Mention, role: Role, c: &Chunk) {
        push(m, role, c);
        if let Some(d) = self.joined(c, false) {
            push(m, role, &d);
        }
    }

    /// The subject of a verb: the nearest of `pool` before it in its
    /// clause (not a claim source), within eight words (plus an
    /// appositive's) and no ';' between.
    fn subject(&self, pool: &[&'a Chunk]) -> Option<&'a Chunk> {
        let text = self.inp.text;
        pool.iter().rev().copied().find(|c| {
            let gap = &text[c.span.end..self.trig.start];
            let described = self
                .apposition
                .filter(|a| a.start >= c.span.end)
                .map_or(0, |a| text[a.start..a.end].split_whitespace().count());
            !self.is_source(c) && words_at_most(gap, 8 + described) && !gap.contains(';')
        })
    }
}

/// Where a trigger in a phrase fronted before the main clause stops having
/// arguments: at the phrase's comma ("Despite his arrest, he will play at
/// Pittsburgh on Sunday"); else the sentence end.
fn fronted_phrase_end(inp: &Inputs, s: Sentence, trig: Span) -> usize {
    let first = inp.an.tokens[s.tokens.0].text(inp.text).to_lowercase();
    let fronted = matches!(
        first.as_str(),
        "despite" | "after" | "before" | "since" | "following" | "amid" | "besides" | "unlike"
    );
    fronted
        .then(|| inp.text[trig.end..s.end].find(',').map(|i| trig.end + i))
        .flatten()
        .unwrap_or(s.end)
}

/// "Pakistan, a key U.S. ally, has refused": the appositive after the
/// sentence's opening name, which describes the subject and does not act.
fn apposition(inp: &Inputs, s: Sentence, trig: Span) -> Option<Span> {
    let text = inp.text;
    let toks = &inp.an.tokens[s.tokens.0..s.tokens.1];
    // (Cheap test first: a comma among the first words, an article after it.)
    let likely = toks
        .iter()
        .take(7)
        .position(|t| t.text(text) == ",")
        .is_some_and(|c| {
            toks.get(c + 1).is_some_and(|t| {
                matches!(
                    t.text(text).to_ascii_lowercase().as_str(),
                    "a" | "an" | "the"
                )
            })
        });
    let toks = if likely { toks } else { &[] };
    let ws: Vec<String> = toks.iter().map(|t| t.text(text).to_lowercase()).collect();
    let caps: Vec<bool> = toks
        .iter()
        .map(|t| t.text(text).starts_with(char::is_uppercase))
        .collect();
    classify::appositive(&ws, &caps)
        .map(|(c, d)| Span::new(toks[c].start, toks[d].end))
        .filter(|a| a.end <= trig.start)
}

/// Adds a participant in `role`, once per role and canonical actor. A
/// thing harmed is an object, never an actor.
fn push(m: &mut Mention, role: Role, c: &Chunk) {
    let role = match role {
        Role::Target | Role::Actor2 if c.object => Role::Object,
        _ if c.object => return,
        r => r,
    };
    if !m
        .actors
        .iter()
        .any(|(r, x)| *r == role && x.actor.canonical == c.actor.canonical)
    {
        m.actors.push((role, c.clone()));
    }
}

/// Who the event is done to: the other side of a meeting, else the target.
/// (What a deployment moves is the doer's own force: "Russia deployed
/// troops".)
fn other_side(m: &Mention) -> Role {
    if m.def.plover.0 == "CONSULT" {
        Role::Actor2
    } else if m.def.plover.0 == "MOBILIZE" {
        Role::AssocActor1
    } else {
        Role::Target
    }
}

/// A verb's participants: its subject and object, or, in the passive, the
/// one harmed and the agent after "by".
fn verb_participants(cl: &Clause, m: &mut Mention) {
    let text = cl.inp.text;
    let subj = cl.subject(&cl.before);
    // A passive subject may be a thing: "a bus was bombed".
    let subj_harmed = cl.subject(&cl.before_any);
    let by_chunk = cl.by_chunk();
    let first = cl.tw(cl.t_first);
    // A participle with its agent right after it and no auxiliary
    // ("Chekatt, shot dead by police", "a man killed by troops").
    let reduced = by_chunk.is_some_and(|c| {
        let gap = text[cl.trig.end..c.span.start].trim().to_lowercase();
        (gap == "by" || gap == "by the")
            && (first.ends_with("ed")
                || matches!(first.as_str(), "shot" | "hit" | "struck" | "held" | "blown"))
    });
    let bare = bare_participle(cl, m, subj_harmed);
    // What is deployed is the force that moves: "police were
    // deployed" is the police's deployment.
    let moved = m.def.plover.0 == "MOBILIZE";
    let passive = cl.passive();
    if passive && moved {
        if let Some(c) = subj {
            push(m, Role::Actor1, c);
        }
    } else if passive || reduced || bare {
        if let Some(c) = subj_harmed {
            push(m, Role::Target, c);
            if let Some(d) = cl.joined(c, true) {
                push(m, Role::Target, &d);
            }
        }
        if let Some(c) = by_chunk {
            push(m, Role::Actor1, c);
        }
    } else {
        if let Some(c) = subj {
            active_subject(cl, m, c);
        }
        verb_object(cl, m);
    }
}

/// Headlinese and reduced passives: a harm or arrest participle right
/// after its subject with no object, "Jackson arrested on DUI charge",
/// "Five soldiers killed in Kabul blast" ("killed at least 14", "killed
/// over 20" have their object; "Police fired at the mob", "troops opened
/// fire on" are active).
fn bare_participle(cl: &Clause, m: &Mention, subj_harmed: Option<&Chunk>) -> bool {
    let first = cl.tw(cl.t_first);
    let participle = first.ends_with("ed")
        || matches!(first.as_str(), "shot" | "hit" | "struck" | "held" | "slain");
    let no_object = matches!(
        cl.tw(cl.t_end).as_str(),
        "" | "on"
            | "in"
            | "at"
            | "for"
            | "after"
            | "near"
            | "over"
            | "during"
            | "outside"
            | "amid"
            | "following"
            | "as"
            | ","
            | "."
            | ":"
            | ";"
    ) && !matches!(cl.tw(cl.t_end + 1).as_str(), "least" | "most")
        && number_of(&cl.tw(cl.t_end + 1)).is_none();
    let harm = matches!(m.def.class, Class::Attack | Class::Outcome) || m.def.plover.0 == "COERCE";
    participle
        && no_object
        && harm
        && !matches!(first.as_str(), "fired" | "opened")
        && subj_harmed.is_some_and(|c| cl.inp.text[c.span.end..cl.trig.start].trim().is_empty())
}

/// The subject of an active verb, and the participant joined to it by
/// "and": "Israel and Hamas agreed", "the army and the rebels clashed"
/// are the two sides of a two-sided act, in their order; "Russia and Iran
/// attacked" has a second doer.
fn active_subject(cl: &Clause, m: &mut Mention, c: &Chunk) {
    let two_sided = m.def.kind == "clash"
        || matches!(
            m.def.plover.0,
            "AGREE" | "CONSULT" | "SUPPORT" | "COOPERATE"
        );
    match cl.joined(c, true) {
        Some(d) if two_sided => {
            push(m, Role::Actor1, &d);
            push(m, Role::Actor2, c);
        }
        Some(d) => {
            push(m, Role::Actor1, c);
            push(m, Role::AssocActor1, &d);
        }
        None => push(m, Role::Actor1, c),
    }
}

/// The object of an active verb: participants right after the verb, a
/// named person first; for a meeting, the one after "with". A thing after
/// "at"/"in" is where it happened ("killed at his residence"), unless a
/// blast or a strike hit it ("exploded at the bank").
fn verb_object(cl: &Clause, m: &mut Mention) {
    let text = cl.inp.text;
    let blast = matches!(
        m.def.kind,
        "bombing" | "suicide bombing" | "airstrike" | "shelling"
    );
    let obj: Vec<&Chunk> = cl
        .after
        .iter()
        .copied()
        .filter(|c| words_at_most(&text[cl.trig.end..c.span.start], 8))
        .filter(|c| {
            !c.object || blast || {
                let gap = text[cl.trig.end..c.span.start].to_lowercase();
                let first = gap.split_whitespace().next().unwrap_or("");
                !matches!(
                    first,
                    "at" | "in" | "inside" | "near" | "outside" | "from" | "into"
                )
            }
        })
        .collect();
    let with = if m.def.plover.0 == "CONSULT" {
        cl.prep_chunk(&["with"], 3)
    } else {
        None
    };
    let pick = with.or_else(|| {
        obj.iter()
            .copied()
            .find(|c| c.kind == EntityType::Per)
            .or(obj.first().copied())
    });
    if let Some(c) = pick {
        cl.push_with_joined(m, other_side(m), c);
    }
}

/// A noun's participants: the agent after "by", the target after "on",
/// "against", "of" or "targeting", a partner after "with", the subject of
/// a support verb, and a name or possessive right before the noun.
fn noun_participants(cl: &Clause, m: &mut Mention) {
    let is_meeting = m.def.plover.0 == "CONSULT";
    if let Some(c) = cl.by_chunk() {
        push(m, Role::Actor1, c);
    }
    // ("the withdrawal of Russian troops": they withdraw; forces of
    // no known side go with the doer.)
    let of_doer = m.def.kind == "withdrawal";
    if let Some(c) = cl.prep_chunk(&["of"], 5).filter(|_| of_doer) {
        let role = if c.actor.country.is_some() {
            Role::Actor1
        } else {
            Role::AssocActor1
        };
        cl.push_with_joined(m, role, c);
    } else if let Some(c) = cl.prep_chunk(&["on", "against", "of", "targeting"], 5) {
        cl.push_with_joined(m, other_side(m), c);
    }
    if let Some(c) = cl.prep_chunk(&["with"], 5) {
        let role = if is_meeting {
            Role::Actor2
        } else {
            Role::AssocActor1
        };
        push(m, role, c);
    }
    if let Some(c) = support_verb_subject(cl) {
        push(m, Role::Actor1, c);
    }
    if let Some(c) = name_before_noun(cl) {
        push(m, Role::Actor1, c);
    }
    if let Some(c) = possessor(cl) {
        push(m, Role::Actor1, c);
    }
    // "The target of the strike was X".
    let t_first = cl.t_first;
    if t_first >= cl.s.tokens.0 + 3 && cl.tw(t_first - 2) == "of" && cl.tw(t_first - 3) == "target"
    {
        if let Some(c) = cl.after.iter().find(|c| {
            cl.inp.text[cl.trig.end..c.span.start].trim() == "was"
                || cl.inp.text[cl.trig.end..c.span.start].trim() == "is"
        }) {
            push(m, Role::Target, c);
        }
    }
    if is_meeting {
        if let Some(c) = cl.before.iter().rev().find(|c| !cl.is_source(c)) {
            push(m, Role::Actor1, c);
        }
    }
}

/// "X conducted a raid": the subject of a support verb within five words
/// before the noun; also of one that goes on with it ("continued their
/// hunger strike"), and of a state ("troops remained on alert", "workers
/// were on strike").
fn support_verb_subject<'a>(cl: &Clause<'a>) -> Option<&'a Chunk> {
    let text = cl.inp.text;
    let ti = cl.t_first;
    let lo = ti.saturating_sub(5).max(cl.s.tokens.0);
    let state = cl.tw(ti) == "on" || ti > cl.s.tokens.0 && cl.tw(ti - 1) == "on";
    let sv = (lo..ti).rev().find(|&i| {
        let v = cl.tw(i);
        SUPPORT_VERBS.contains(&v.as_str())
            || v == "set" && cl.tw(i + 1) == "off"
            || GOING_ON.contains(&v.as_str())
            || state
                && matches!(
                    v.as_str(),
                    "remained"
                        | "remain"
                        | "remains"
                        | "were"
                        | "was"
                        | "are"
                        | "is"
                        | "put"
                        | "placed"
                        | "kept"
                        | "went"
                )
    })?;
    let sv_start = cl.inp.an.tokens[sv].start;
    cl.before.iter().rev().copied().find(|c| {
        c.span.end <= sv_start
            && text[c.span.end..sv_start]
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
                <= 4
            && !cl.is_source(c)
    })
}

/// "an Israeli air strike", "a US drone strike", "an ISIS attack": the
/// name right before the trigger noun.
fn name_before_noun<'a>(cl: &Clause<'a>) -> Option<&'a Chunk> {
    cl.before.iter().rev().copied().find(|c| {
        cl.inp.text[c.span.end..cl.trig.start].trim().is_empty()
            && matches!(c.kind, EntityType::Norp | EntityType::Gpe | EntityType::Org)
    })
}

/// "X's raid", "X's deadliest attack", "X's VBIED attacks" (at most two
/// words between; not "Colombia's National Liberation Army … carried out
/// the attack").
fn possessor<'a>(cl: &Clause<'a>) -> Option<&'a Chunk> {
    cl.before.iter().rev().copied().find(|c| {
        let gap = cl.inp.text[c.span.end..cl.trig.start].trim();
        let rest = gap.strip_prefix("’s").or_else(|| gap.strip_prefix("'s"));
        rest.is_some_and(|r| {
            let ws: Vec<&str> = r
                .split(|ch: char| ch.is_whitespace() || "\"“”'‘".contains(ch))
                .filter(|w| !w.is_empty())
                .collect();
            ws.len() <= 2
        })
    })
}

/// Heads that are weapons only after a word for explosives ("an explosive
/// device", "a dynamite charge").
const CHARGE_NOUNS: &[&str] = &["device", "devices", "charge", "charges"];

/// The weapons named in a violent event's sentence: a weapon noun with up
/// to two modifiers before it ("a powerful car bomb", "two dynamite
/// charges"), or the trigger itself when it names one ("rockets").
pub(crate) fn weapons(inp: &Inputs, si: usize, m: &mut Mention) {
    let (text, an) = (inp.text, inp.an);
    let s = an.sentences[si];
    let toks = &an.tokens[s.tokens.0..s.tokens.1];
    let lw = |k: usize| toks[k].text(text).to_lowercase();
    for k in 0..toks.len() {
        let w = lw(k);
        let charge = CHARGE_NOUNS.contains(&w.as_str())
            && k > 0
            && matches!(
                lw(k - 1).as_str(),
                "explosive" | "explosives" | "dynamite" | "incendiary" | "bomb"
            );
        if !is_weapon_noun(&w) && !charge {
            continue;
        }
        // "dynamite charge", "mortar rounds": the head comes last.
        if k + 1 < toks.len() && {
            let n = lw(k + 1);
            is_weapon_noun(&n) || CHARGE_NOUNS.contains(&n.as_str())
        } {
            continue;
        }
        // "mine" the pronoun, "mines" the pits: only in lower case after
        // a modifier or a number ("land mines", "two mines").
        if matches!(w.as_str(), "mine" | "mines")
            && !(k > 0 && (lw(k - 1) == "land" || number_of(&lw(k - 1)).is_some()))
        {
            continue;
        }
        let mut first = k;
        while first > 0 && k - first < 2 && {
            let p = toks[first - 1].text(text);
            let lp = p.to_lowercase();
            p.chars().all(|c| c.is_alphabetic() || c == '-')
                && modifier_word(&lp)
                && !is_generic_actor(&lp)
                || number_of(&lp).is_some() && !matches!(lp.as_str(), "a" | "an")
        } {
            first -= 1;
        }
        // "weapons" alone is any arms ("seized weapons"); "automatic weapons" names some.
        if w == "weapons" && first == k {
            continue;
        }
        let span = Span::new(toks[first].start, toks[k].end);
        if m.actors.iter().any(|(_, c)| c.span.overlaps(span)) && !span.overlaps(m.trig) {
            continue;
        }
        if m.actors
            .iter()
            .any(|(r, c)| *r == Role::Weapon && c.span == span)
        {
            continue;
        }
        m.actors.push((
            Role::Weapon,
            Chunk {
                span,
                actor: Actor {
                    canonical: w.clone(),
                    country: None,
                    sector: None,
                    affiliation: None,
                    generic: true,
                },
                kind: EntityType::Misc,
                place: false,
                object: true,
            },
        ));
    }
}
