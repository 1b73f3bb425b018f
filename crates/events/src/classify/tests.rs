//! Tests of the classifier: training, the model file, the CAMEO lexicon, the
//! one-sentence reading with its stance, the manual's acts and the combiner.

use super::*;

fn toy() -> Vec<(Vec<u64>, usize)> {
    let a = category_index("ASSAULT").unwrap();
    let p = category_index("PROTEST").unwrap();
    let texts = [
        ("Gunmen attacked a police post and killed four officers.", a),
        ("An air strike hit the village, killing civilians.", a),
        (
            "Militants stormed the base overnight in a deadly attack.",
            a,
        ),
        ("Thousands of protesters marched through the capital.", p),
        (
            "Workers went on strike and demonstrated outside parliament.",
            p,
        ),
        ("Students rallied to protest the new fees.", p),
    ];
    texts
        .iter()
        .map(|(t, y)| (features(&Lexicon::default(), None, t), *y))
        .collect()
}

#[test]
fn old_category_names_map_to_the_2021_categories() {
    assert_eq!(category_index("fight"), category_index("ASSAULT"));
    assert_eq!(category_index("DEMAND"), category_index("REQUEST"));
    assert_eq!(category_index("INVESTIGATE"), category_index("ACCUSE"));
    assert_eq!(category_index("DOCUMENT"), None);
}

#[test]
fn learns_a_separable_toy_set_and_round_trips() {
    let opts = Options {
        min_count: 1,
        ..Options::default()
    };
    let m = train(&toy(), Lexicon::default(), &opts, "toy", |_, _, _| {});
    let (c, _) = m.classify(None, "Protesters marched and rallied in the capital.");
    assert_eq!(c, "PROTEST");
    let (c, _) = m.classify(None, "Gunmen killed two officers in an attack.");
    assert_eq!(c, "ASSAULT");
    let again = Classifier::from_bytes(&m.encode()).unwrap();
    let t = "An attack killed civilians.";
    let (p, q) = (m.probs(None, t), again.probs(None, t));
    for (x, y) in p.iter().zip(&q) {
        assert!((x - y).abs() < 1e-3, "{p:?} vs {q:?}");
    }
}

#[test]
fn the_codebook_keeps_words_of_one_category_and_round_trips() {
    let mut lex = Lexicon::default();
    let rows = [
        ("SANCTION", "convict Find an entity or behavior guilty"),
        ("CONCEDE", "declarations of a ceasefire"),
        ("RETREAT", "ceasefire implemented on the ground"),
        ("NOT A CATEGORY", "guilty verdicts"),
    ];
    assert!(lex.add_codebook(rows) > 0);
    let sanction = 1 << category_index("SANCTION").unwrap();
    assert_eq!(lex.codebook_of("guilty"), sanction);
    // A word two categories use is no evidence for either.
    assert_eq!(lex.codebook_of("ceasefire"), 0);
    assert_eq!(lex.codebook_of("the"), 0);
    let opts = Options {
        min_count: 1,
        ..Options::default()
    };
    let m = train(&toy(), lex, &opts, "toy", |_, _, _| {});
    let again = Classifier::from_bytes(&m.encode()).unwrap();
    assert_eq!(again.lexicon().codebook_of("guilty"), sanction);
}

#[test]
fn training_is_deterministic() {
    let m1 = train(
        &toy(),
        Lexicon::default(),
        &Options::default(),
        "",
        |_, _, _| {},
    );
    let m2 = train(
        &toy(),
        Lexicon::default(),
        &Options::default(),
        "",
        |_, _, _| {},
    );
    assert_eq!(m1.encode(), m2.encode());
}

#[test]
fn the_embedded_dictionary_codes_common_verbs() {
    let lex = Classifier::embedded().lexicon();
    assert!(!lex.is_empty());
    let cat = |s: &str| {
        lex.categories(&words(s))
            .iter()
            .map(|&c| CATEGORIES[c])
            .collect::<Vec<_>>()
    };
    assert_eq!(cat("Gunmen killed four soldiers"), ["ASSAULT"]);
    assert_eq!(cat("The president visited Khartoum"), ["CONSULT"]);
    assert_eq!(cat("Police arrested two men"), ["COERCE"]);
    // CAMEO 175, violent repression of protesters, is PLOVER ASSAULT.
    assert_eq!(cat("Police arrested the protesters"), ["ASSAULT"]);
    assert_eq!(cat("Thousands demonstrated in the capital"), ["PROTEST"]);
    // "said" is CAMEO 01x, which PLOVER drops.
    assert!(cat("The ministry said on Monday").is_empty());
}

#[test]
fn one_sentence_is_read_with_its_stance() {
    let m = Classifier::embedded();
    let read = |s: &str| CATEGORIES[m.category(None, s)];
    // Plain readings.
    assert_eq!(read("Police arrested two men in the capital."), "COERCE");
    assert_eq!(
        read("Gunmen killed four soldiers near the border."),
        "ASSAULT"
    );
    // "forces" here is the noun that does the killing, not "to force".
    assert_eq!(read("Government forces killed three villagers."), "ASSAULT");
    // An intent to cooperate is a promise, to harm a threat.
    assert_eq!(
        read("The government will lift the curfew next week."),
        "AGREE"
    );
    assert_eq!(read("The rebels agreed to release the hostages."), "AGREE");
    assert_eq!(read("The army is ready to attack the town."), "THREATEN");
    // A refused act, and one someone must do.
    assert_eq!(
        read("The minister said they would not lift the curfew."),
        "REJECT"
    );
    assert_eq!(
        read("The opposition said the army must release the prisoners."),
        "REQUEST"
    );
    // A story with a headline, or several sentences, is the model's.
    let story = "Police arrested two men. The government will lift the curfew.";
    assert_eq!(m.category(None, story), argmax(&m.probs(None, story)).0);
    let h = Some("Troops withdraw from border town");
    assert_eq!(m.category(h, story), argmax(&m.probs(h, story)).0);
    // No dictionary event: the model's answer, never a panic.
    for t in ["", "\u{0}", "سوريا", "The weather was fine."] {
        assert!(m.category(None, t) < NC);
    }
}

#[test]
fn patterns_are_read_for_what_they_ask() {
    let dict = "####### VERB PATTERNS #######\n\
        ---  DEMAND   [100]  ---\n\
        DEMAND\n\
        - * RESIGNATION  [100]\n\
        - PROTESTER * REMOVAL  [1412]\n\
        ---  STAGE   [---]  ---\n\
        STAGE\n\
        - * DEMONSTRATION (IN SUPPORT)  [051]\n\
        - * DEMONSTRATION  [141]\n";
    let table = crate::cameo::read_cameo2plover(
        "05: SUPPORT\n051: SUPPORT, , # x\n10: REQUEST\n100: REQUEST, , # x\n14: PROTEST\n141: PROTEST, , # x\n",
    );
    let lex = Lexicon::from_cameo(&crate::cameo::read_verbs(dict), &table);
    let at = |s: &str| {
        let ws: Vec<String> = s.split(' ').map(str::to_string).collect();
        lex.at(&ws, 0).and_then(|(_, c)| c).map(|c| CATEGORIES[c])
    };
    // Both sides are asked for: one alone does not decide.
    assert_eq!(at("demanded the removal of the governor"), Some("REQUEST"));
    // The qualifier is not checked, so the plain pattern decides.
    assert_eq!(at("staged demonstrations in the capital"), Some("PROTEST"));
}

#[test]
fn a_refusal_is_a_rejection_whatever_is_refused() {
    // CAMEO's refusal block codes nothing unless a pattern names the
    // object; an object no pattern names is still a rejection.
    let m = Classifier::embedded();
    for (s, form) in [
        (
            "The union rejected a new wage offer from the ministry.",
            "rejected",
        ),
        (
            "The opposition refuses any transitional charter.",
            "refuses",
        ),
        // "rejects" is no plural noun doing "proposed".
        (
            "Iran rejects proposed changes to the nuclear deal.",
            "rejects",
        ),
    ] {
        assert_eq!(
            m.reading(None, s),
            Some((form.to_string(), "REJECT")),
            "{s}"
        );
    }
    // A denial is no refusal: "denied the allegations" is CAMEO 016, a
    // statement that PLOVER does not code.
    assert_eq!(
        m.reading(None, "The ministry denied the allegations."),
        None
    );
}

#[test]
fn the_plover_manual_decides_where_cameo_reads_otherwise() {
    let m = Classifier::embedded();
    let read = |s: &str| m.reading(None, s).map(|(_, c)| c);
    // Debt relief is AID even when only agreed to; other promised aid
    // stays AGREE.
    assert_eq!(
        read("The Paris Club has agreed to forgive $200 million of Nigeria's loan obligations."),
        Some("AID")
    );
    assert_eq!(
        read("Japan agreed to provide emergency aid to the flood victims."),
        Some("AGREE")
    );
    // Signing a treaty is SUPPORT; promising to sign one is AGREE.
    assert_eq!(
        read("The two presidents signed a treaty of friendship on Monday."),
        Some("SUPPORT")
    );
    assert_eq!(
        read("The two presidents will sign a treaty of friendship next week."),
        Some("AGREE")
    );
    // Court acts: a lawsuit or indictment accuses, a conviction sanctions.
    assert_eq!(
        read("A Saudi businessman is suing the government for damages."),
        Some("ACCUSE")
    );
    assert_eq!(
        read("The former minister was charged with fraud on Tuesday."),
        Some("ACCUSE")
    );
    assert_eq!(
        read("A military court convicted the general of war crimes."),
        Some("SANCTION")
    );
    assert_eq!(
        read("Four officers were found guilty of abuse."),
        Some("SANCTION")
    );
    // Acceding to demands is CONCEDE.
    assert_eq!(
        read("The government on Thursday accepted demands from the strikers."),
        Some("CONCEDE")
    );
    // An attack by hackers is COERCE; an attack is otherwise ASSAULT.
    assert_eq!(
        read("Hackers attacked the websites of three ministries."),
        Some("COERCE")
    );
    assert_eq!(
        read("Gunmen attacked a police station in the north."),
        Some("ASSAULT")
    );
}

#[test]
fn the_codebook_modes_decide_where_cameo_reads_otherwise() {
    let m = Classifier::embedded();
    let read = |s: &str| m.reading(None, s).map(|(_, c)| c);
    let cases = [
        // RETREAT: a resignation, and arms given up (but disarming
        // others is force).
        ("The defence minister resigned on Monday.", Some("RETREAT")),
        ("The rebels disbanded after the election.", Some("RETREAT")),
        (
            "Thousands of fighters laid down their arms.",
            Some("RETREAT"),
        ),
        (
            "Police disarmed the gunmen at the checkpoint.",
            Some("ASSAULT"),
        ),
        // A ceasefire declared is CONCEDE, one that takes hold RETREAT.
        (
            "Hezbollah declared a unilateral truce on Wednesday.",
            Some("CONCEDE"),
        ),
        ("A ceasefire took effect at midnight.", Some("RETREAT")),
        (
            "The rebels announced the end of the ceasefire.",
            Some("RETREAT"),
        ),
        // ACCUSE "investigate" and "allege", from either side.
        (
            "Parliament set up a commission of inquiry into the deaths.",
            Some("ACCUSE"),
        ),
        ("The former mayor faces charges of bribery.", Some("ACCUSE")),
        // SANCTION: a verdict, but not a charge made in a statement.
        (
            "Warlord guilty of crimes against humanity",
            Some("SANCTION"),
        ),
        // (Violating a truce is CAMEO 196, ASSAULT.)
        (
            "Both sides are guilty of violating the truce, monitors said.",
            Some("ASSAULT"),
        ),
        (
            "Sweden imposed sanctions on three companies.",
            Some("SANCTION"),
        ),
        (
            "Malawi downgraded diplomatic ties with Ireland.",
            Some("SANCTION"),
        ),
        // Diplomatic cooperation is SUPPORT, judicial or trade
        // cooperation COOPERATE.
        (
            "Kosovo and Ghana expanded diplomatic ties.",
            Some("SUPPORT"),
        ),
        (
            "The two countries expanded judicial cooperation.",
            Some("COOPERATE"),
        ),
        (
            "Both parties expressed support for the plan.",
            Some("SUPPORT"),
        ),
        // Hosting a meeting is CONSULT; troops deployed MOBILIZE.
        (
            "Norway hosted peace talks between the two sides.",
            Some("CONSULT"),
        ),
        (
            "Thousands of troops were deployed to the border.",
            Some("MOBILIZE"),
        ),
        // Surrender is RETREAT; inspectors expelled SANCTION, other
        // people expelled COERCE.
        (
            "Five hundred rebels surrendered last week.",
            Some("RETREAT"),
        ),
        ("North Korea expelled the UN inspectors.", Some("SANCTION")),
        ("Ghana expelled 168 Liberian migrants.", Some("COERCE")),
        // RETREAT "access".
        (
            "The junta allowed election observers into the country.",
            Some("RETREAT"),
        ),
        // "Reportedly requests": the verb, not a plural noun.
        (
            "The leader reportedly requests a meeting with the president.",
            Some("REQUEST"),
        ),
    ];
    for (s, want) in cases {
        assert_eq!(read(s), want, "{s}");
    }
}

#[test]
fn an_appositive_after_the_opening_name_is_found_and_nothing_else() {
    let find = |s: &str| {
        let an = sitrep_text::segment(s);
        let ws: Vec<String> = an.tokens.iter().map(|t| t.text(s).to_lowercase()).collect();
        let caps: Vec<bool> = an
            .tokens
            .iter()
            .map(|t| t.text(s).starts_with(char::is_uppercase))
            .collect();
        appositive(&ws, &caps).map(|(c, d)| ws[c + 1..d].join(" "))
    };
    assert_eq!(
        find("Pakistan, a key U.S. ally in the war on terror, has refused to help.").as_deref(),
        Some("a key u.s. ally in the war on terror")
    );
    assert_eq!(
        find("The Islamic State, the group that holds Raqqa, said it attacked.").as_deref(),
        Some("the group that holds raqqa")
    );
    // A fronted place or date, a list, or no closing comma: none.
    for s in [
        "In Kabul, a bomb exploded near the embassy, killing five.",
        "On Monday, the army shelled the town, residents said.",
        "Pakistan, India and China signed the pact.",
        "Pakistan, a key ally of the United States.",
    ] {
        assert_eq!(find(s), None, "{s}");
    }
    // The reading passes over it.
    let m = Classifier::embedded();
    let read = |s: &str| m.reading(None, s).map(|(_, c)| c);
    assert_eq!(
        read("Pakistan, a key ally, has refused to send troops."),
        Some("REJECT")
    );
}

#[test]
fn the_combiner_learns_how_far_to_trust_a_reading() {
    let (a, p) = (
        category_index("ASSAULT").unwrap(),
        category_index("PROTEST").unwrap(),
    );
    // A model that always leans to ASSAULT, and a reading that is right:
    // the combiner learns to follow the reading.
    let mut lean = [0.01f32; NC];
    lean[a] = 0.6;
    lean[p] = 0.25;
    let rows: Vec<([f32; NC], Option<usize>, usize)> = (0..40)
        .map(|k| {
            if k % 2 == 0 {
                (lean, Some(p), p)
            } else {
                (lean, Some(a), a)
            }
        })
        .collect();
    let st = Stack::fit(&rows, 1e-3, 500);
    assert!(st.b[p] > 0.5, "{st:?}");
    assert_eq!(argmax(&st.apply(&lean, Some(p))).0, p);
    assert_eq!(argmax(&st.apply(&lean, Some(a))).0, a);
    // It travels with the model, and a malformed one is an error.
    let opts = Options {
        min_count: 1,
        ..Options::default()
    };
    let mut m = train(&toy(), Lexicon::default(), &opts, "toy", |_, _, _| {});
    m.set_stack(Some(st.clone()));
    let again = Classifier::from_bytes(&m.encode()).unwrap();
    assert_eq!(again.stack(), Some(&st));
    let mut f: ModelFile = postcard::from_bytes(&m.encode()).unwrap();
    f.stack.pop();
    let bad = postcard::to_allocvec(&f).unwrap();
    assert!(matches!(
        Classifier::from_bytes(&bad),
        Err(ModelError::Shape(_))
    ));
}

#[test]
fn words_that_only_look_like_verbs_are_passed_over() {
    let m = Classifier::embedded();
    let read = |s: &str| {
        let (w, c) = m.reading(None, s).expect("a reading");
        (w, c)
    };
    let cases = [
        // A plural noun before a preposition ("forces from").
        (
            "Rebel forces from the hills attacked the convoy.",
            "attacked",
            "ASSAULT",
        ),
        // A hyphenated modifier is one word ("Saudi-led").
        ("Saudi-led aircraft bombed the port.", "bombed", "ASSAULT"),
        // A capitalised form inside a name.
        (
            "President Bill Morris met the visiting envoy.",
            "met",
            "CONSULT",
        ),
        // After a possessive.
        (
            "The region's leading party rejected the offer.",
            "rejected",
            "REJECT",
        ),
        // Participles that describe.
        (
            "A charity based in Geneva delivered food to the town.",
            "delivered",
            "AID",
        ),
        (
            "Alleged smugglers were arrested at the border.",
            "arrested",
            "COERCE",
        ),
        (
            "Newly appointed Governor Ali Khan visited the camp.",
            "visited",
            "CONSULT",
        ),
        // Punctuation is never a form.
        ("Troops, police and militia clashed.", "clashed", "ASSAULT"),
        // Protests the verb alone misreads.
        (
            "Prisoners continued a hunger strike over their conditions.",
            "strike",
            "PROTEST",
        ),
        (
            "Farmers blocked roads outside the capital.",
            "blocked",
            "PROTEST",
        ),
        (
            "Unions organized a general strike in the port city.",
            "strike",
            "PROTEST",
        ),
        // An unqualified pattern decides over a qualified one.
        (
            "Students staged demonstrations in three cities.",
            "staged",
            "PROTEST",
        ),
        // Agreements, and demands to agree.
        (
            "The two sides agreed on a new border crossing.",
            "agreed",
            "AGREE",
        ),
        (
            "The ministers agreed to postpone the vote.",
            "agreed",
            "AGREE",
        ),
        (
            "The envoy said Israel must be ready to negotiate.",
            "must be ready",
            "REQUEST",
        ),
    ];
    for (s, w, c) in cases {
        assert_eq!(read(s), (w.to_string(), c), "{s}");
    }
}

#[test]
fn bad_bytes_are_an_error() {
    assert!(Classifier::from_bytes(b"not a model").is_err());
    assert!(Classifier::from_bytes(&[]).is_err());
}

#[test]
fn any_text_gets_a_distribution() {
    let m = Classifier::embedded();
    for t in ["", "\u{0}\u{202e}", "سوريا", "a", &"x ".repeat(10_000)] {
        let p = m.probs(Some(t), t);
        let s: f32 = p.iter().sum();
        assert!((s - 1.0).abs() < 1e-3 && p.iter().all(|x| x.is_finite()));
    }
}

#[test]
fn appeals_read_as_requests() {
    let blocks = crate::cameo::read_verbs(
        "####### VERB PATTERNS #######\n---  URGE   [020]  ---\nURGE\n---  DEMAND   [100]  ---\nDEMAND\n",
    );
    let table = crate::cameo::read_cameo2plover("10: REQUEST\n100: REQUEST,  ,  # x\n");
    let lex = Lexicon::from_cameo(&blocks, &table);
    let r = category_index("REQUEST").unwrap();
    assert_eq!(
        lex.categories(&words("They urged calm and demanded talks")),
        [r, r]
    );
}
