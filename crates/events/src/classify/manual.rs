//! Where the PLOVER manual codes otherwise than CAMEO's dictionary: the
//! codebook's modes (`manual_act`): resignations and withdrawals RETREAT, a
//! ceasefire declared CONCEDE, an inquiry ACCUSE, hosted talks CONSULT, ties
//! restored SUPPORT, sanctions SANCTION, troops deployed MOBILIZE; debt relief
//! AID; a protest noun phrase PROTEST.

use crate::classify::category_index;

/// Ways of blocking a passage that make a protest (CAMEO 145, obstruct
/// passage).
pub const PASSAGES: &[&str] = &[
    "road",
    "roads",
    "street",
    "streets",
    "highway",
    "highways",
    "motorway",
    "traffic",
    "railway",
    "railways",
    "rail",
    "bridge",
    "bridges",
    "intersection",
    "intersections",
    "junction",
    "transport",
];

/// "blocked roads", "a hunger strike", "a general strike": a protest,
/// whatever the dictionary's first reading of the verb or noun.
pub(super) fn protest_noun_phrase(ws: &[String], i: usize) -> bool {
    match ws[i].as_str() {
        "blocked" | "blocking" | "blockaded" | "block" | "blocks" => ws[i + 1..]
            .iter()
            .take(4)
            .any(|x| PASSAGES.contains(&x.as_str())),
        "strike" | "strikes" => {
            i > 0
                && matches!(
                    ws[i - 1].as_str(),
                    "hunger" | "general" | "labour" | "labor"
                )
        }
        _ => false,
    }
}

/// "agreed to forgive $200 million in loan obligations", "debt relief":
/// a sentence that speaks of relieving a debt or loan (a relief word within
/// eight words of "debt" or "loan"). The PLOVER manual codes debt
/// forgiveness and loan cancellation as AID, even when agreed to rather
/// than done, where other promised aid is AGREE.
pub(super) fn debt_relief(ws: &[String]) -> bool {
    let relief = |w: &str| {
        [
            "forgiv",
            "cancel",
            "relief",
            "waiv",
            "writ",
            "wrote",
            "restructur",
        ]
        .iter()
        .any(|p| w.starts_with(p))
    };
    ws.iter().enumerate().any(|(i, w)| {
        matches!(w.as_str(), "debt" | "debts" | "loan" | "loans")
            && ws[i.saturating_sub(8)..(i + 9).min(ws.len())]
                .iter()
                .any(|x| relief(x))
    })
}

/// Acts at word `i`, in words and PLOVER category, that the PLOVER
/// manual codes where CAMEO's dictionary does not: a lawsuit,
/// indictment or charge is ACCUSE ("allege": "sue, indict, or charge";
/// CAMEO reads "charged with" as an arrest), a conviction or sentence is
/// SANCTION ("convict"; CAMEO's "found guilty" is COERCE); acceding to
/// demands is CONCEDE, which CAMEO's dictionary has no pattern for.
pub(super) fn manual_act(ws: &[String], i: usize) -> Option<(usize, &'static str)> {
    let a = Around::new(ws, i);
    // (The legal acts first: "established a commission of inquiry" is an
    // inquiry before it is ties established.)
    legal_act(&a)
        .or_else(|| relations_act(&a))
        .or_else(|| retreat_act(&a))
        .or_else(|| concession_act(&a))
        .or_else(|| mobilisation_act(&a))
}

/// The words around word `i` that the manual's acts read.
struct Around<'a> {
    ws: &'a [String],
    i: usize,
    next: &'a str,
}

impl<'a> Around<'a> {
    fn new(ws: &'a [String], i: usize) -> Around<'a> {
        let next = ws.get(i + 1).map_or("", String::as_str);
        Around { ws, i, next }
    }

    /// No object follows: a pause, a preposition, a time ("quits after the
    /// vote", "disbanded on Monday").
    fn intransitive(&self) -> bool {
        let next = self.next;
        !next.starts_with(char::is_alphabetic)
            || INTRANSITIVE_NEXT.contains(&next)
            || sitrep_time::is_time_word(next)
    }

    /// The next `n` words, up to a punctuation mark.
    fn ahead(&self, n: usize) -> impl Iterator<Item = &'a str> {
        self.ws[self.i + 1..(self.i + 1 + n).min(self.ws.len())]
            .iter()
            .map(String::as_str)
            .take_while(|x| x.starts_with(char::is_alphabetic))
    }
}

/// Courts and charges: a lawsuit, indictment or charge is ACCUSE ("allege":
/// "sue, indict, or charge"; CAMEO reads "charged with" as an arrest), and
/// so are an inquiry set up and charges faced; a conviction or sentence is
/// SANCTION ("convict"; CAMEO's "found guilty" is COERCE).
fn legal_act(a: &Around) -> Option<(usize, &'static str)> {
    let (ws, i) = (a.ws, a.i);
    let next = a.next;
    let ahead = |n: usize| a.ahead(n);
    match ws[i].as_str() {
        "sue" | "sues" | "sued" | "suing" | "indict" | "indicts" | "indicted" | "indicting" => {
            Some((1, "ACCUSE"))
        }
        "charged" | "charges" | "charge" if next == "with" || next == "against" => {
            Some((2, "ACCUSE"))
        }
        "convict" | "convicts" | "convicted" | "convicting" | "sentenced" => Some((1, "SANCTION")),
        "found" | "finds" | "find" if next == "guilty" => Some((2, "SANCTION")),
        // The codebook's ACCUSE "investigate": "set up a commission of
        // inquiry", "convenes a grand jury", "opened an investigation".
        "establish" | "establishes" | "established" | "set" | "sets" | "convene" | "convenes"
        | "convened" | "launch" | "launches" | "launched" | "open" | "opens" | "opened"
        | "form" | "forms" | "formed" | "create" | "creates" | "created"
            if ahead(4).any(|x| INQUIRIES.contains(&x)) =>
        {
            Some((1, "ACCUSE"))
        }
        // ACCUSE "allege": "brought a complaint against", "filed a lawsuit",
        // "brings charges"; and its target's side, "faces charges" (charge
        // with a crime, bring to trial).
        "bring" | "brings" | "brought" | "file" | "files" | "filed" | "lodge" | "lodges"
        | "lodged"
            if ahead(3).any(|x| {
                matches!(
                    x,
                    "complaint" | "complaints" | "lawsuit" | "suit" | "case" | "charges"
                )
            }) =>
        {
            Some((1, "ACCUSE"))
        }
        "face" | "faces" | "faced" | "facing"
            if ahead(3).any(|x| {
                matches!(
                    x,
                    "charges"
                        | "trial"
                        | "prosecution"
                        | "indictment"
                        | "accusations"
                        | "allegations"
                )
            }) =>
        {
            Some((1, "ACCUSE"))
        }
        // "Warlord guilty of war crimes" (a headline's "found guilty"); not
        // "not guilty", nor "are guilty of violating the ceasefire" (an
        // accusation).
        "guilty"
            if i == 0
                || !matches!(
                    ws[i - 1].as_str(),
                    "not" | "is" | "are" | "was" | "were" | "be" | "been" | "being"
                ) =>
        {
            Some((1, "SANCTION"))
        }
        // SANCTION "convict": "handed down convictions", "hands down a
        // sentence".
        "hand" | "hands" | "handed" | "handing"
            if next == "down"
                && ws[i + 2..(i + 5).min(ws.len())].iter().any(|x| {
                    x.starts_with("conviction") || x.starts_with("sentence") || x == "verdict"
                }) =>
        {
            Some((2, "SANCTION"))
        }
        _ => None,
    }
}

/// Relations between actors: ties restored or expanded (SUPPORT,
/// COOPERATE) or downgraded, sanctions imposed and observers expelled
/// (SANCTION), approval and support expressed (SUPPORT), talks hosted
/// (CONSULT).
fn relations_act(a: &Around) -> Option<(usize, &'static str)> {
    let (ws, i) = (a.ws, a.i);
    let next = a.next;
    let ahead = |n: usize| a.ahead(n);
    match ws[i].as_str() {
        // SANCTION "expel" (CAMEO 166): inspectors, observers, peacekeepers,
        // aid agencies or diplomats expelled; other people expelled are
        // deported (COERCE).
        "expel" | "expels" | "expelled" | "expelling"
            if ahead(6).any(|x| {
                matches!(
                    x,
                    "inspectors"
                        | "observers"
                        | "monitors"
                        | "peacekeepers"
                        | "diplomats"
                        | "diplomat"
                        | "ambassador"
                        | "envoy"
                        | "envoys"
                        | "agencies"
                        | "mission"
                )
            }) =>
        {
            Some((1, "SANCTION"))
        }
        // CONSULT "third-party": a meeting hosted by a third actor.
        "host" | "hosts" | "hosted" | "hosting" if ahead(3).any(|x| MEETINGS.contains(&x)) => {
            Some((1, "CONSULT"))
        }
        // "expand judicial cooperation" is COOPERATE (economic, military,
        // judicial or intelligence exchange); "restore diplomatic ties",
        // "improve relations" SUPPORT ("initiate, resume, improve, or
        // expand diplomatic cooperation").
        "expand" | "expands" | "expanded" | "establish" | "establishes" | "established"
        | "restore" | "restores" | "restored" | "improve" | "improves" | "improved"
        | "strengthen" | "strengthens" | "strengthened" | "upgrade" | "upgrades" | "upgraded"
        | "resume" | "resumes" | "resumed" | "normalise" | "normalize" | "normalised"
        | "normalized" | "deepen" | "deepens" | "deepened"
            if ahead(3)
                .any(|x| matches!(x, "ties" | "relations" | "cooperation" | "co-operation")) =>
        {
            if ahead(3).any(|x| MATERIAL_KINDS.contains(&x)) {
                Some((1, "COOPERATE"))
            } else if ahead(3).any(|x| x == "ties" || x == "relations" || x == "diplomatic") {
                Some((1, "SUPPORT"))
            } else {
                None
            }
        }
        // SANCTION "withdraw" (reduce relations, CAMEO 16).
        "downgrade" | "downgrades" | "downgraded" | "downgrading"
            if ahead(3).any(|x| x == "ties" || x == "relations") =>
        {
            Some((1, "SANCTION"))
        }
        // SUPPORT "approve policy, action, or actor" and "express support
        // for, commend".
        "approve" | "approves" | "approved" if next == "of" => Some((2, "SUPPORT")),
        "express" | "expresses" | "expressed" | "expressing"
            if ahead(3).any(|x| {
                matches!(
                    x,
                    "support"
                        | "respect"
                        | "solidarity"
                        | "admiration"
                        | "gratitude"
                        | "appreciation"
                )
            }) =>
        {
            Some((1, "SUPPORT"))
        }
        // "imposed sanctions", "imposes an embargo": SANCTION, where CAMEO's
        // first pattern for "impose" is a curfew (COERCE).
        "impose" | "imposes" | "imposed" | "imposing"
            if ahead(3).any(|x| matches!(x, "sanctions" | "embargo" | "embargoes" | "tariffs")) =>
        {
            Some((1, "SANCTION"))
        }
        _ => None,
    }
}

/// RETREAT: resignations, surrenders, arms laid down, groups disbanded,
/// observers let in, a ceasefire taking effect, forces pulled out.
fn retreat_act(a: &Around) -> Option<(usize, &'static str)> {
    let (ws, i) = (a.ws, a.i);
    let next = a.next;
    let intransitive = a.intransitive();
    let ahead = |n: usize| a.ahead(n);
    match ws[i].as_str() {
        // The PLOVER codebook's RETREAT modes "resign" (a resignation by a
        // government official) and "disarm" (give up weapons); CAMEO reads
        // "resigned" as yielding (CONCEDE) and "disarm" as forcing others
        // to.
        "resign" | "resigns" | "resigned" | "resigning" => Some((1, "RETREAT")),
        "step" | "steps" | "stepped" | "stepping" if next == "down" => Some((2, "RETREAT")),
        "quit" | "quits" if intransitive => Some((1, "RETREAT")),
        // RETREAT "disarm" (CAMEO 0874, retreat or surrender militarily):
        // "500 rebels surrendered", where CAMEO reads yielding.
        "surrender" | "surrenders" | "surrendered" | "surrendering" => Some((1, "RETREAT")),
        // "the rebels disbanded", "militias disarm after the deal": with no
        // object, the actor gives up its own arms.
        "disband" | "disbands" | "disbanded" | "disarm" | "disarms" | "disarmed"
            if intransitive =>
        {
            Some((1, "RETREAT"))
        }
        "lay" | "lays" | "laid" | "laying"
            if next == "down"
                && ws[i + 2..(i + 4).min(ws.len())]
                    .iter()
                    .any(|x| x == "arms" || x == "weapons") =>
        {
            Some((2, "RETREAT"))
        }
        // RETREAT "access" (CAMEO 086): allowing observers, inspectors,
        // peacekeepers or aid in ("Election Observers Allowed Back into").
        "allow" | "allows" | "allowed" | "permit" | "permits" | "permitted" | "admit"
        | "admits" | "admitted"
            if ahead(4)
                .chain(i.checked_sub(1).map(|k| ws[k].as_str()))
                .any(|x| {
                    matches!(
                        x,
                        "observers" | "monitors" | "inspectors" | "peacekeepers" | "humanitarian"
                    )
                }) =>
        {
            Some((1, "RETREAT"))
        }
        // RETREAT "ceasefire": one implemented ("a ceasefire took effect").
        "begins" | "began" | "begin" | "takes" | "took" | "holds" | "held" | "comes" | "came"
            if i > 0 && CEASEFIRES.contains(&ws[i - 1].as_str()) =>
        {
            Some((1, "RETREAT"))
        }
        // RETREAT "withdraw": "pulls forces out of", "pulled its troops
        // back".
        "pull" | "pulls" | "pulled" | "pulling"
            if ahead(3).any(|x| FORCES.contains(&x))
                && ws[i + 1..(i + 6).min(ws.len())]
                    .iter()
                    .any(|x| x == "out" || x == "back") =>
        {
            Some((1, "RETREAT"))
        }
        _ => None,
    }
}

/// CONCEDE: demands acceded to, a ceasefire declared, concessions made.
fn concession_act(a: &Around) -> Option<(usize, &'static str)> {
    let (ws, i) = (a.ws, a.i);
    let ahead = |n: usize| a.ahead(n);
    match ws[i].as_str() {
        // "accepted demands", "gave in to the demands", "bowed to demands":
        // acceding to demands, CAMEO 08 (yield), PLOVER CONCEDE.
        "accept" | "accepts" | "accepted" | "accede" | "accedes" | "acceded" | "bowed" | "bows"
        | "yielded" | "yields" | "gave" | "give" | "gives" | "caved" | "caves"
            if ws[i + 1..(i + 5).min(ws.len())]
                .iter()
                .take_while(|x| x.starts_with(char::is_alphabetic))
                .any(|x| x == "demands" || x == "demand") =>
        {
            Some((1, "CONCEDE"))
        }
        // "declared a ceasefire": the PLOVER codebook's CONCEDE covers
        // declarations (not implementations) of ceasefires, where CAMEO
        // reads a truce declared (0871) as RETREAT.
        "declare" | "declares" | "declared" | "declaring" | "announce" | "announces"
        | "announced" | "announcing" | "proclaim" | "proclaims" | "proclaimed"
            if ahead(4)
                .take_while(|x| !matches!(*x, "end" | "breach" | "violation" | "collapse"))
                .any(|x| CEASEFIRES.contains(&x)) =>
        {
            Some((1, "CONCEDE"))
        }
        // CONCEDE: "made concessions", "concessions made by", "won
        // concessions".
        "make" | "makes" | "made" | "making" | "offer" | "offers" | "offered" | "grant"
        | "grants" | "granted" | "gain" | "gains" | "gained" | "win" | "wins" | "won"
            if ahead(3)
                .chain(i.checked_sub(1).map(|k| ws[k].as_str()))
                .any(|x| x == "concessions" || x == "concession") =>
        {
            Some((1, "CONCEDE"))
        }
        _ => None,
    }
}

/// Forces and crowds moving: forces called up or deployed (MOBILIZE);
/// riots or protests breaking out (PROTEST).
fn mobilisation_act(a: &Around) -> Option<(usize, &'static str)> {
    let (ws, i) = (a.ws, a.i);
    let next = a.next;
    let ahead = |n: usize| a.ahead(n);
    match ws[i].as_str() {
        // MOBILIZE: "police called to the capital", "militia members called
        // into action".
        "called" | "summoned"
            if matches!(next, "to" | "into" | "in" | "up" | "out")
                && ws[i.saturating_sub(3)..i].iter().any(|x| {
                    FORCES.contains(&x.as_str())
                        || x == "police"
                        || x == "militia"
                        || x == "reservists"
                }) =>
        {
            Some((1, "MOBILIZE"))
        }
        // MOBILIZE "troops", "police": "troops deployed to the border".
        "deploy" | "deploys" | "deployed" | "deploying"
            if ahead(3)
                .chain(ws[i.saturating_sub(2)..i].iter().map(String::as_str))
                .any(|x| FORCES.contains(&x) || x == "police" || x == "militia")
                && !ahead(3).any(|x| x == "peacekeepers") =>
        {
            Some((1, "MOBILIZE"))
        }
        // "riots broke out", "protests erupted": PROTEST (riot, demo).
        "break" | "breaks" | "broke" | "erupt" | "erupts" | "erupted"
            if i > 0
                && matches!(
                    ws[i - 1].as_str(),
                    "riots" | "riot" | "protests" | "protest" | "demonstrations"
                ) =>
        {
            Some((1, "PROTEST"))
        }
        _ => None,
    }
}

/// Words that make a body an investigation.
const INQUIRIES: &[&str] = &[
    "inquiry",
    "enquiry",
    "investigation",
    "investigations",
    "investigative",
    "probe",
    "inquest",
    "jury",
];
/// Words that make a gathering a meeting.
const MEETINGS: &[&str] = &[
    "talks",
    "summit",
    "meeting",
    "meetings",
    "negotiations",
    "conference",
];
/// Kinds of cooperation the codebook's COOPERATE covers.
const MATERIAL_KINDS: &[&str] = &[
    "trade",
    "economic",
    "business",
    "commercial",
    "military",
    "security",
    "defence",
    "defense",
    "judicial",
    "legal",
    "intelligence",
];
/// Armed forces, as the object of a withdrawal.
pub const FORCES: &[&str] = &[
    "forces",
    "troops",
    "soldiers",
    "units",
    "army",
    "personnel",
    "military",
];

/// The PLOVER manual's or codebook's reading of the act at word `i` of a
/// lowercased sentence, where it decides over CAMEO's dictionary ("imposed
/// sanctions" SANCTION, "resigned" RETREAT): how many words it spans and
/// its category.
pub fn manual_reading(ws: &[String], i: usize) -> Option<(usize, usize)> {
    let (n, name) = manual_act(ws, i)?;
    Some((n, category_index(name)?))
}

/// A truce, in a word.
const CEASEFIRES: &[&str] = &["ceasefire", "cease-fire", "truce", "armistice"];

/// Words after an intransitive act that begin no object ("quits after
/// the vote", "disbanded in 2019").
const INTRANSITIVE_NEXT: &[&str] = &[
    "in",
    "on",
    "at",
    "after",
    "following",
    "amid",
    "amidst",
    "over",
    "as",
    "from",
    "before",
    "and",
    "but",
    "when",
    "while",
    "this",
    "last",
    "formally",
    "officially",
    "voluntarily",
    "peacefully",
];
