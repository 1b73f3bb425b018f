//! The trigger lexicon: words that evoke events, and their codes.

/// Part of speech of a trigger word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Verb,
    Noun,
}

/// What a trigger means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A violent act (raid, strike, bombing, attack…).
    Attack,
    /// A lethal outcome (killed, death) that joins an attack in its sentence.
    Outcome,
    /// A word that only refers back to an event ("the operation", "the incident").
    Anaphor,
    /// Anything else (arrest, meeting, protest…).
    Other,
}

/// One lexicon entry.
#[derive(Debug, Clone, Copy)]
pub struct Def {
    pub kind: &'static str,
    pub class: Class,
    pub plover: (&'static str, Option<&'static str>),
    pub cameo: &'static str,
    pub acled: Option<(&'static str, &'static str)>,
}

const BATTLE: Option<(&str, &str)> = Some(("Battles", "Armed clash"));

/// A demonstration (ACLED: a peaceful protest until told otherwise).
const PROTEST: Def = d(
    "protest",
    Class::Other,
    "PROTEST",
    Some("demo"),
    "141",
    Some(("Protests", "Peaceful protest")),
);

/// A strike or boycott by workers or a group (CAMEO 143), not an attack.
pub const LABOUR_STRIKE: Def = d(
    "strike",
    Class::Other,
    "PROTEST",
    Some("boycott"),
    "143",
    Some(("Protests", "Peaceful protest")),
);

/// A hunger strike (CAMEO 142).
const HUNGER_STRIKE: Def = d(
    "hunger strike",
    Class::Other,
    "PROTEST",
    Some("hunger"),
    "142",
    Some(("Protests", "Peaceful protest")),
);

/// Blocking roads or passage as a protest (CAMEO 144).
pub const OBSTRUCTION: Def = d(
    "blockade",
    Class::Other,
    "PROTEST",
    Some("obstruct"),
    "144",
    Some(("Protests", "Peaceful protest")),
);

/// A demonstration told by the verb alone (CAMEO 141).
pub const DEMONSTRATION: Def = PROTEST;

/// A riot.
const RIOT: Def = d(
    "riot",
    Class::Other,
    "PROTEST",
    Some("riot"),
    "145",
    Some(("Riots", "Violent demonstration")),
);

/// Force used to break up a crowd: baton charges, tear gas (CAMEO 175,
/// violent repression; in ACLED terms a protest met with force).
const REPRESSION: Def = d(
    "repression",
    Class::Attack,
    "ASSAULT",
    None,
    "175",
    Some(("Protests", "Protest with intervention")),
);

/// Forces sent or posted somewhere ("police were deployed", "Russia deployed
/// troops"): CAMEO 150, show of military or police power.
const DEPLOYMENT: Def = d("deployment", Class::Other, "MOBILIZE", None, "150", None);
/// Forces put or kept on alert (CAMEO 152, increase military alert status).
const ALERT: Def = d(
    "alert",
    Class::Other,
    "MOBILIZE",
    Some("troops"),
    "152",
    None,
);

/// An exchange of fire between armed groups.
const GUNFIGHT: Def = d(
    "clash",
    Class::Attack,
    "ASSAULT",
    Some("firearms"),
    "190",
    BATTLE,
);

/// A generic attack with the given PLOVER mode ("attack" kind, a battle
/// until its targets say otherwise).
pub const fn attack_def(mode: Option<&'static str>) -> Def {
    d("attack", Class::Attack, "ASSAULT", mode, "190", BATTLE)
}

/// A death caused by someone ("killed", "murdered", "massacre"): a battle
/// until its victims say otherwise.
const KILLING: Def = d("killing", Class::Outcome, "ASSAULT", None, "190", BATTLE);

/// A killing the word itself calls unlawful ("murdered", "massacre",
/// "slain"): its victims were not fighting, so it is violence against
/// civilians (ACLED), whoever the text names or leaves out. The same kind
/// as any killing, so reports of it merge alike.
const MURDER: Def = d(
    "killing",
    Class::Outcome,
    "ASSAULT",
    None,
    "190",
    Some(("Violence against civilians", "Attack")),
);

/// An assassination (CAMEO 186).
pub const ASSASSINATION: Def = d(
    "assassination",
    Class::Attack,
    "ASSAULT",
    Some("assassinate"),
    "186",
    Some(("Violence against civilians", "Attack")),
);

/// Ethnic cleansing (CAMEO 203, engage in ethnic cleansing).
const ETHNIC_CLEANSING: Def = d(
    "ethnic cleansing",
    Class::Attack,
    "ASSAULT",
    None,
    "203",
    Some(("Violence against civilians", "Attack")),
);

/// Torture (CAMEO 1822).
const TORTURE: Def = d(
    "torture",
    Class::Attack,
    "ASSAULT",
    Some("torture"),
    "1822",
    Some(("Violence against civilians", "Attack")),
);

/// A beating (CAMEO 182).
const BEATING: Def = d(
    "beating",
    Class::Attack,
    "ASSAULT",
    Some("beat"),
    "182",
    Some(("Violence against civilians", "Attack")),
);

/// Rape and sexual assault (CAMEO 1821).
const SEXUAL_VIOLENCE: Def = d(
    "sexual violence",
    Class::Attack,
    "ASSAULT",
    Some("sexual"),
    "1821",
    Some(("Violence against civilians", "Sexual violence")),
);

/// An invasion: conventional military force (CAMEO 190).
const INVASION: Def = d("invasion", Class::Attack, "ASSAULT", None, "190", BATTLE);

/// Territory taken by force (CAMEO 192 occupy territory; ACLED, refined
/// by who took it).
pub const TERRITORY: Def = d(
    "capture",
    Class::Attack,
    "COERCE",
    Some("seize"),
    "192",
    Some(("Battles", "Non-state actor overtakes territory")),
);

/// Property destroyed, burnt or plundered.
pub const PROPERTY_DESTRUCTION: Def = d(
    "property destruction",
    Class::Attack,
    "ASSAULT",
    Some("destroy"),
    "1712",
    Some(("Strategic developments", "Looting/property destruction")),
);

/// Weapons taken or bombs defused before use (CAMEO 1711 confiscate).
pub const DISRUPTED_WEAPONS: Def = d(
    "disrupted weapons use",
    Class::Other,
    "COERCE",
    Some("seize"),
    "1711",
    Some(("Strategic developments", "Disrupted weapons use")),
);

/// A formal agreement signed (CAMEO 057); between armed sides about
/// fighting (a ceasefire, a truce, peace) it is an ACLED agreement.
pub const SIGNED: Def = d("agreement", Class::Other, "SUPPORT", None, "057", None);
pub const SIGNED_PEACE: Def = d(
    "agreement",
    Class::Other,
    "SUPPORT",
    None,
    "057",
    Some(("Strategic developments", "Agreement")),
);

/// A cyber attack or hacking (PLOVER COERCE "cyber"; CAMEO has no code of
/// its own: 170, coerce).
pub const CYBER: Def = d(
    "cyberattack",
    Class::Other,
    "COERCE",
    Some("cyber"),
    "170",
    None,
);
/// A group, party or person banned from political life (CAMEO 1722, PLOVER
/// COERCE "ban").
pub const BAN: Def = d("ban", Class::Other, "COERCE", Some("ban"), "1722", None);

/// A blockade imposed on an area (CAMEO 191, PLOVER COERCE "restrict").
pub const BLOCKADE: Def = d(
    "blockade",
    Class::Other,
    "COERCE",
    Some("restrict"),
    "191",
    None,
);
/// A curfew imposed (CAMEO 1723, PLOVER COERCE "curfew").
pub const CURFEW: Def = d(
    "curfew",
    Class::Other,
    "COERCE",
    Some("curfew"),
    "1723",
    None,
);
/// A state of emergency or martial law imposed (CAMEO 1724, PLOVER COERCE
/// "martial-law").
pub const EMERGENCY_RULE: Def = d(
    "state of emergency",
    Class::Other,
    "COERCE",
    Some("martial-law"),
    "1724",
    None,
);
/// A curfew lifted or eased (CAMEO 0813). The PLOVER manual makes it
/// CONCEDE ("the lifting of a curfew is, effectively, a promise that people
/// will not be arrested"), as the PLOVER gold records code it, where the
/// conversion table says RETREAT.
pub const CURFEW_LIFTED: Def = d("curfew lifted", Class::Other, "CONCEDE", None, "0813", None);
/// A state of emergency or martial law lifted (CAMEO 0814; CONCEDE, as a
/// curfew lifted).
pub const EMERGENCY_LIFTED: Def = d(
    "state of emergency lifted",
    Class::Other,
    "CONCEDE",
    None,
    "0814",
    None,
);
/// Forces withdrawn (CAMEO 0874, retreat militarily; PLOVER RETREAT
/// "withdraw").
pub const WITHDRAWAL: Def = d(
    "withdrawal",
    Class::Other,
    "RETREAT",
    Some("withdraw"),
    "0874",
    None,
);
/// Restrictions or emergency measures eased (CAMEO 081, ease administrative
/// sanctions; CONCEDE).
pub const RESTRICTIONS_EASED: Def = d(
    "restrictions eased",
    Class::Other,
    "CONCEDE",
    None,
    "081",
    None,
);
/// A blockade lifted or eased (CAMEO 0872, RETREAT "withdraw").
pub const BLOCKADE_LIFTED: Def = d(
    "blockade lifted",
    Class::Other,
    "RETREAT",
    Some("withdraw"),
    "0872",
    None,
);

/// A crowd broken up by force ("police dispersed the protesters").
pub const DISPERSAL: Def = REPRESSION;

/// A chemical or gas attack (CAMEO 2041).
const CHEMICAL: Def = d(
    "chemical attack",
    Class::Attack,
    "ASSAULT",
    Some("unconventional"),
    "2041",
    Some(("Explosions/Remote violence", "Chemical weapon")),
);

/// A grenade attack.
const GRENADE: Def = d(
    "grenade attack",
    Class::Attack,
    "ASSAULT",
    Some("explosives"),
    "183",
    Some(("Explosions/Remote violence", "Grenade")),
);

/// A killing by a mob.
const LYNCHING: Def = d(
    "lynching",
    Class::Attack,
    "ASSAULT",
    None,
    "1823",
    Some(("Riots", "Mob violence")),
);

/// Taking someone by force ("kidnapped", "kidnapping").
const ABDUCTION: Def = d(
    "abduction",
    Class::Other,
    "ASSAULT",
    Some("abduct"),
    "181",
    Some((
        "Violence against civilians",
        "Abduction/forced disappearance",
    )),
);

/// Taking someone into custody ("arrested", "jailed").
pub const ARREST: Def = d(
    "arrest",
    Class::Other,
    "COERCE",
    Some("arrest"),
    "173",
    Some(("Strategic developments", "Arrests")),
);

/// Expelling or deporting individuals ("deported 168 Liberians"): PLOVER
/// COERCE "deport", CAMEO 174; ACLED codes no event for it.
const DEPORTATION: Def = d(
    "deportation",
    Class::Other,
    "COERCE",
    Some("deport"),
    "174",
    None,
);

/// Putting someone to death ("executed", "beheaded").
const EXECUTION: Def = d(
    "execution",
    Class::Attack,
    "ASSAULT",
    Some("execute"),
    "1823",
    Some(("Violence against civilians", "Attack")),
);

/// A device going off ("a bomb exploded", "detonated a device", "went off").
pub const BOMB_DEVICE: Def = d(
    "bombing",
    Class::Attack,
    "ASSAULT",
    Some("explosives"),
    "183",
    Some((
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    )),
);

const fn d(
    kind: &'static str,
    class: Class,
    cat: &'static str,
    mode: Option<&'static str>,
    cameo: &'static str,
    acled: Option<(&'static str, &'static str)>,
) -> Def {
    Def {
        kind,
        class,
        plover: (cat, mode),
        cameo,
        acled,
    }
}

/// (word, part of speech, definition). Inflections are listed.
const LEXICON: &[(&str, Pos, Def)] = &[
    (
        "raid",
        Pos::Noun,
        d(
            "raid",
            Class::Attack,
            "ASSAULT",
            Some("firearms"),
            "190",
            BATTLE,
        ),
    ),
    (
        "raided",
        Pos::Verb,
        d(
            "raid",
            Class::Attack,
            "ASSAULT",
            Some("firearms"),
            "190",
            BATTLE,
        ),
    ),
    (
        "airstrike",
        Pos::Noun,
        d(
            "airstrike",
            Class::Attack,
            "ASSAULT",
            Some("aerial"),
            "195",
            Some(("Explosions/Remote violence", "Air/drone strike")),
        ),
    ),
    (
        "air strike",
        Pos::Noun,
        d(
            "airstrike",
            Class::Attack,
            "ASSAULT",
            Some("aerial"),
            "195",
            Some(("Explosions/Remote violence", "Air/drone strike")),
        ),
    ),
    (
        "drone strike",
        Pos::Noun,
        d(
            "airstrike",
            Class::Attack,
            "ASSAULT",
            Some("drone"),
            "195",
            Some(("Explosions/Remote violence", "Air/drone strike")),
        ),
    ),
    (
        "strike",
        Pos::Noun,
        d(
            "strike",
            Class::Attack,
            "ASSAULT",
            None,
            "190",
            Some(("Explosions/Remote violence", "Air/drone strike")),
        ),
    ),
    (
        "bombing",
        Pos::Noun,
        d(
            "bombing",
            Class::Attack,
            "ASSAULT",
            Some("explosives"),
            "183",
            Some((
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            )),
        ),
    ),
    (
        "suicide bombing",
        Pos::Noun,
        d(
            "suicide bombing",
            Class::Attack,
            "ASSAULT",
            Some("suicide-attack"),
            "1831",
            Some(("Explosions/Remote violence", "Suicide bomb")),
        ),
    ),
    (
        "car bomb",
        Pos::Noun,
        d(
            "bombing",
            Class::Attack,
            "ASSAULT",
            Some("explosives"),
            "183",
            Some((
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            )),
        ),
    ),
    (
        "bombed",
        Pos::Verb,
        d(
            "bombing",
            Class::Attack,
            "ASSAULT",
            Some("explosives"),
            "183",
            Some((
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            )),
        ),
    ),
    (
        "explosion",
        Pos::Noun,
        d(
            "bombing",
            Class::Attack,
            "ASSAULT",
            Some("explosives"),
            "183",
            Some((
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            )),
        ),
    ),
    (
        "blast",
        Pos::Noun,
        d(
            "bombing",
            Class::Attack,
            "ASSAULT",
            Some("explosives"),
            "183",
            Some((
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
            )),
        ),
    ),
    ("exploded", Pos::Verb, BOMB_DEVICE),
    ("explodes", Pos::Verb, BOMB_DEVICE),
    ("explode", Pos::Verb, BOMB_DEVICE),
    ("exploding", Pos::Verb, BOMB_DEVICE),
    ("detonated", Pos::Verb, BOMB_DEVICE),
    ("detonates", Pos::Verb, BOMB_DEVICE),
    ("detonate", Pos::Verb, BOMB_DEVICE),
    ("detonating", Pos::Verb, BOMB_DEVICE),
    ("went off", Pos::Verb, BOMB_DEVICE),
    ("gone off", Pos::Verb, BOMB_DEVICE),
    ("goes off", Pos::Verb, BOMB_DEVICE),
    ("blew up", Pos::Verb, BOMB_DEVICE),
    ("blow up", Pos::Verb, BOMB_DEVICE),
    ("blows up", Pos::Verb, BOMB_DEVICE),
    ("blowing up", Pos::Verb, BOMB_DEVICE),
    ("blown up", Pos::Verb, BOMB_DEVICE),
    ("shooting", Pos::Noun, attack_def(Some("firearms"))),
    ("gunfire", Pos::Noun, GUNFIGHT),
    ("shootout", Pos::Noun, GUNFIGHT),
    ("gun battle", Pos::Noun, GUNFIGHT),
    ("firefight", Pos::Noun, GUNFIGHT),
    ("shot dead", Pos::Verb, attack_def(Some("firearms"))),
    (
        "shelling",
        Pos::Noun,
        d(
            "shelling",
            Class::Attack,
            "ASSAULT",
            Some("heavy-weapons"),
            "194",
            Some((
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
            )),
        ),
    ),
    (
        "shelled",
        Pos::Verb,
        d(
            "shelling",
            Class::Attack,
            "ASSAULT",
            Some("heavy-weapons"),
            "194",
            Some((
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
            )),
        ),
    ),
    (
        "missile attack",
        Pos::Noun,
        d(
            "shelling",
            Class::Attack,
            "ASSAULT",
            Some("heavy-weapons"),
            "194",
            Some((
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
            )),
        ),
    ),
    (
        "attack",
        Pos::Noun,
        d("attack", Class::Attack, "ASSAULT", None, "190", BATTLE),
    ),
    (
        "attack",
        Pos::Verb,
        d("attack", Class::Attack, "ASSAULT", None, "190", BATTLE),
    ),
    (
        "attacked",
        Pos::Verb,
        d("attack", Class::Attack, "ASSAULT", None, "190", BATTLE),
    ),
    (
        "attacking",
        Pos::Verb,
        d("attack", Class::Attack, "ASSAULT", None, "190", BATTLE),
    ),
    (
        "ambush",
        Pos::Noun,
        d(
            "attack",
            Class::Attack,
            "ASSAULT",
            Some("firearms"),
            "190",
            BATTLE,
        ),
    ),
    (
        "ambushed",
        Pos::Verb,
        d(
            "attack",
            Class::Attack,
            "ASSAULT",
            Some("firearms"),
            "190",
            BATTLE,
        ),
    ),
    (
        "assault",
        Pos::Noun,
        d("attack", Class::Attack, "ASSAULT", None, "190", BATTLE),
    ),
    (
        "stormed",
        Pos::Verb,
        d("attack", Class::Attack, "ASSAULT", None, "190", BATTLE),
    ),
    ("clashes", Pos::Noun, GUNFIGHT),
    ("clashed", Pos::Verb, GUNFIGHT),
    ("killed", Pos::Verb, KILLING),
    ("kills", Pos::Verb, KILLING),
    (
        "attacks",
        Pos::Verb,
        d("attack", Class::Attack, "ASSAULT", None, "190", BATTLE),
    ),
    ("arrest", Pos::Verb, ARREST),
    ("arrests", Pos::Verb, ARREST),
    ("kill", Pos::Verb, KILLING),
    ("murdered", Pos::Verb, MURDER),
    ("murdering", Pos::Verb, MURDER),
    ("murder", Pos::Noun, MURDER),
    ("slain", Pos::Verb, KILLING),
    ("slaying", Pos::Noun, KILLING),
    ("massacred", Pos::Verb, MURDER),
    ("massacre", Pos::Noun, MURDER),
    ("gunned down", Pos::Verb, attack_def(Some("firearms"))),
    ("stabbed", Pos::Verb, attack_def(None)),
    ("kidnapping", Pos::Noun, ABDUCTION),
    ("chemical attack", Pos::Noun, CHEMICAL),
    ("gas attack", Pos::Noun, CHEMICAL),
    ("grenade attack", Pos::Noun, GRENADE),
    ("lynched", Pos::Verb, LYNCHING),
    ("lynching", Pos::Noun, LYNCHING),
    ("looting", Pos::Noun, PROPERTY_DESTRUCTION),
    ("arson", Pos::Noun, PROPERTY_DESTRUCTION),
    ("tortured", Pos::Verb, TORTURE),
    ("torture", Pos::Noun, TORTURE),
    ("beat up", Pos::Verb, BEATING),
    ("beat to", Pos::Verb, BEATING),
    ("beaten to", Pos::Verb, BEATING),
    ("beaten up", Pos::Verb, BEATING),
    ("raped", Pos::Verb, SEXUAL_VIOLENCE),
    ("rape", Pos::Noun, SEXUAL_VIOLENCE),
    ("sexually assaulted", Pos::Verb, SEXUAL_VIOLENCE),
    ("sexually abused", Pos::Verb, SEXUAL_VIOLENCE),
    ("invaded", Pos::Verb, INVASION),
    ("invasion", Pos::Noun, INVASION),
    ("jailed", Pos::Verb, ARREST),
    ("imprisoned", Pos::Verb, ARREST),
    ("beheaded", Pos::Verb, EXECUTION),
    ("dynamited", Pos::Verb, BOMB_DEVICE),
    ("killing", Pos::Verb, KILLING),
    ("eliminated", Pos::Verb, KILLING),
    ("death", Pos::Noun, KILLING),
    ("assassinated", Pos::Verb, ASSASSINATION),
    ("assassination", Pos::Noun, ASSASSINATION),
    ("ethnic cleansing", Pos::Noun, ETHNIC_CLEANSING),
    ("executed", Pos::Verb, EXECUTION),
    ("abducted", Pos::Verb, ABDUCTION),
    ("kidnapped", Pos::Verb, ABDUCTION),
    ("arrested", Pos::Verb, ARREST),
    ("rounded up", Pos::Verb, ARREST),
    ("deployed", Pos::Verb, DEPLOYMENT),
    ("deployment", Pos::Noun, DEPLOYMENT),
    ("on alert", Pos::Noun, ALERT),
    ("high alert", Pos::Noun, ALERT),
    ("maximum alert", Pos::Noun, ALERT),
    ("full alert", Pos::Noun, ALERT),
    ("nabbed", Pos::Verb, ARREST),
    ("arrests", Pos::Noun, ARREST),
    ("lathicharged", Pos::Verb, REPRESSION),
    ("lathi-charged", Pos::Verb, REPRESSION),
    ("lathicharge", Pos::Noun, REPRESSION),
    ("lathi-charge", Pos::Noun, REPRESSION),
    ("lathi charge", Pos::Noun, REPRESSION),
    ("baton-charged", Pos::Verb, REPRESSION),
    ("baton charge", Pos::Noun, REPRESSION),
    ("tear gas", Pos::Noun, REPRESSION),
    ("teargas", Pos::Noun, REPRESSION),
    ("tear-gas", Pos::Noun, REPRESSION),
    ("opened fire", Pos::Verb, attack_def(Some("firearms"))),
    ("detained", Pos::Verb, ARREST),
    ("arrest", Pos::Noun, ARREST),
    ("deported", Pos::Verb, DEPORTATION),
    ("hacked", Pos::Verb, CYBER),
    ("hack into", Pos::Verb, CYBER),
    ("cyberattack", Pos::Noun, CYBER),
    ("cyber-attack", Pos::Noun, CYBER),
    ("cyber attack", Pos::Noun, CYBER),
    ("outlawed", Pos::Verb, BAN),
    ("deportation", Pos::Noun, DEPORTATION),
    ("hunger strike", Pos::Noun, HUNGER_STRIKE),
    ("general strike", Pos::Noun, LABOUR_STRIKE),
    ("protest", Pos::Noun, PROTEST),
    ("protested", Pos::Verb, PROTEST),
    ("rallied", Pos::Verb, PROTEST),
    ("rally", Pos::Noun, PROTEST),
    ("rioted", Pos::Verb, RIOT),
    ("demonstration", Pos::Noun, PROTEST),
    ("sit-in", Pos::Noun, PROTEST),
    ("protesting", Pos::Verb, PROTEST),
    ("demonstrated against", Pos::Verb, PROTEST),
    ("riot", Pos::Noun, RIOT),
    ("rioting", Pos::Noun, RIOT),
    (
        "meet",
        Pos::Verb,
        d("meeting", Class::Other, "CONSULT", None, "040", None),
    ),
    (
        "met",
        Pos::Verb,
        d("meeting", Class::Other, "CONSULT", None, "040", None),
    ),
    (
        "meeting",
        Pos::Noun,
        d("meeting", Class::Other, "CONSULT", None, "040", None),
    ),
    (
        "talks",
        Pos::Noun,
        d("meeting", Class::Other, "CONSULT", None, "040", None),
    ),
    (
        "visited",
        Pos::Verb,
        d("visit", Class::Other, "CONSULT", Some("visit"), "042", None),
    ),
    (
        "ceasefire",
        Pos::Noun,
        d(
            "ceasefire",
            Class::Other,
            "RETREAT",
            Some("ceasefire"),
            "0871",
            Some(("Strategic developments", "Agreement")),
        ),
    ),
    (
        "operation",
        Pos::Noun,
        d("operation", Class::Anaphor, "ASSAULT", None, "190", BATTLE),
    ),
    (
        "incident",
        Pos::Noun,
        d("incident", Class::Anaphor, "ASSAULT", None, "190", BATTLE),
    ),
];

/// The entry for a verb the CAMEO dictionary codes but this lexicon does not
/// list: its PLOVER category, the category's CAMEO root code (the PLOVER
/// manual's table read backwards) and, for protests, the ACLED type. The
/// event type is the category's name in lowercase. Violence is left to the
/// lexicon above, whose entries carry ACLED sub-event types.
pub fn cameo_fallback(category: &str) -> Option<Def> {
    const ROOTS: &[(&str, &str, &str)] = &[
        ("AGREE", "agree", "03"),
        ("CONSULT", "consult", "04"),
        ("SUPPORT", "support", "05"),
        ("COOPERATE", "cooperate", "06"),
        ("AID", "aid", "07"),
        ("CONCEDE", "concede", "08"),
        ("RETREAT", "retreat", "08"),
        ("ACCUSE", "accuse", "11"),
        ("REQUEST", "request", "10"),
        ("REJECT", "reject", "12"),
        ("THREATEN", "threaten", "13"),
        ("PROTEST", "protest", "14"),
        ("MOBILIZE", "mobilize", "15"),
        ("SANCTION", "sanction", "16"),
        ("COERCE", "coerce", "17"),
    ];
    let &(cat, kind, cameo) = ROOTS.iter().find(|r| r.0 == category)?;
    let acled = (cat == "PROTEST").then_some(("Protests", "Peaceful protest"));
    Some(d(kind, Class::Other, cat, None, cameo, acled))
}

/// The attack kind a doer's description gives away: "a suicide bomber" →
/// suicide bombing, "Russian drones" → drone strike, "warplanes" → air
/// strike, "rockets" → shelling. ("Bombers" alone may be aircraft or not.)
pub fn weapon_of_doer(doer: &str) -> Option<Def> {
    let has = |ws: &[&str]| {
        doer.split(|c: char| !c.is_alphanumeric())
            .any(|w| ws.contains(&w))
    };
    let entry = if doer.contains("suicide bomber") {
        "suicide bombing"
    } else if has(&["drone", "drones", "uav", "uavs"]) {
        "drone strike"
    } else if has(&[
        "warplane",
        "warplanes",
        "jets",
        "aircraft",
        "helicopter",
        "helicopters",
    ]) {
        "air strike"
    } else if has(&[
        "missile",
        "missiles",
        "rocket",
        "rockets",
        "artillery",
        "shell",
        "shells",
        "mortar",
        "mortars",
    ]) {
        "shelling"
    } else {
        return None;
    };
    LEXICON
        .iter()
        .find(|(w, _, _)| *w == entry)
        .map(|(_, _, d)| *d)
}

/// Looks up a trigger at a token (one or two words).
pub fn lookup(w1: &str, w2: Option<&str>) -> Option<(usize, Pos, Def)> {
    // Each key's first entry, by its place in the lexicon (the earlier of
    // two matching entries wins, as in a scan of the list).
    static INDEX: std::sync::OnceLock<std::collections::HashMap<&'static str, usize>> =
        std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut m = std::collections::HashMap::new();
        for (i, (w, _, _)) in LEXICON.iter().enumerate() {
            m.entry(*w).or_insert(i);
        }
        m
    });
    let first = |keys: &[&str]| keys.iter().filter_map(|k| index.get(k).copied()).min();
    if let Some(w2) = w2 {
        // "air strike", and its plural "air strikes" (only words that start
        // a two-word entry are looked up).
        if index_has_first_word(w1) {
            let two = format!("{w1} {w2}");
            let two_one = format!("{w1} {}", singular(w2));
            if let Some(i) = first(&[two.as_str(), two_one.as_str()]) {
                let (_, p, d) = LEXICON[i];
                return Some((2, p, d));
            }
        }
    }
    let one = singular(w1);
    first(&[w1, one.as_str()]).map(|i| {
        let (_, p, d) = LEXICON[i];
        (1, p, d)
    })
}

/// Whether some multi-word entry starts with `w`.
fn index_has_first_word(w: &str) -> bool {
    static FIRST: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    FIRST
        .get_or_init(|| {
            LEXICON
                .iter()
                .filter_map(|(k, _, _)| k.split_once(' ').map(|(a, _)| a))
                .collect()
        })
        .contains(w)
}

/// "raids" → "raid" (for nouns); plural-ness is checked separately.
pub fn singular(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    // ("tear gas", "bus", "crisis" are singular.)
    if let Some(stem) = w.strip_suffix('s').filter(|_| {
        !w.ends_with("ss")
            && !w.ends_with("gas")
            && !w.ends_with("us")
            && !w.ends_with("is")
            && w != "talks"
            && w != "clashes"
    }) {
        return stem.to_string();
    }
    w.to_string()
}
