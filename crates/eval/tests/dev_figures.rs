//! Regression guards on the fixed dev splits: the figures the README reports
//! must not drop. Skips (visibly) without ../shared.

use sitrep_eval::{shared_path, Split};

fn num(v: &serde_json::Value, k: &str) -> f64 {
    v[k].as_f64()
        .unwrap_or_else(|| panic!("{k} missing in {v}"))
}

#[test]
fn time_on_tbaq_dev() {
    let Some(dir) = shared_path("data/time/tempeval3/TBAQ-cleaned") else {
        return;
    };
    let r = sitrep_eval::time::eval(&dir, Split::Dev, false).unwrap();
    assert_eq!(r["documents"], 51);
    assert!(num(&r, "relaxed_f1") >= 0.90, "{r}");
    assert!(num(&r, "strict_f1") >= 0.82, "{r}");
    assert!(num(&r, "value_f1") >= 0.775, "{r}");
}

#[test]
fn geo_on_lgl_and_gwn_gold_spans() {
    use sitrep_eval::geo::{eval, GeoFormat};
    for (file, format, min_acc) in [
        ("data/geo/eval/lgl.xml", GeoFormat::Lgl, 0.87),
        ("data/geo/eval/GWN.xml", GeoFormat::Gwn, 0.85),
    ] {
        let Some(path) = shared_path(file) else {
            return;
        };
        let r = eval(&path, format, false, false).unwrap();
        assert!(num(&r, "acc161") >= min_acc, "{file}: {r}");
        assert!(num(&r, "n") > 2000.0, "{file}: {r}");
        // The ceiling bounds the figure: some reading is near gold wherever
        // the system's place is.
        assert!(num(&r, "reachable161") >= num(&r, "acc161"), "{file}: {r}");
        assert!(num(&r, "reachable161") <= 1.0, "{file}: {r}");
    }
}

#[test]
fn ner_on_conll_valid_and_uner_dev() {
    for (file, min_f1) in [
        ("data/ner/conll2003/valid.txt", 0.905),
        ("data/ner/uner_en_ewt/en_ewt-ud-dev.iob2", 0.71),
    ] {
        let Some(path) = shared_path(file) else {
            return;
        };
        let r = sitrep_eval::ner::eval(&path, None, sitrep_eval::ner::Target::Tagger(None), false)
            .unwrap();
        assert!(num(&r, "f1") >= min_f1, "{file}: {r}");
        assert!(num(&r, "entities") > 900.0, "{file}: {r}");
    }
}

#[test]
fn entity_stage_on_conll_valid() {
    let Some(path) = shared_path("data/ner/conll2003/valid.txt") else {
        return;
    };
    let r = sitrep_eval::ner::eval(&path, None, sitrep_eval::ner::Target::Stage, false).unwrap();
    assert!(num(&r, "f1") >= 0.895, "{r}");
}

/// Text without capitals (some feeds, transcripts, MUC-4 as distributed):
/// CoNLL valid with every word lowercased.
#[test]
fn ner_on_lowercased_conll_valid() {
    let Some(path) = shared_path("data/ner/conll2003/valid.txt") else {
        return;
    };
    let text = std::fs::read_to_string(&path).unwrap();
    let lower: String = text
        .lines()
        .map(|l| match l.split_once(' ') {
            Some((w, rest)) if !l.starts_with("-DOCSTART-") => {
                format!("{} {rest}\n", w.to_lowercase())
            }
            _ => format!("{l}\n"),
        })
        .collect();
    let tmp = std::env::temp_dir().join(format!("sitrep-conll-lower-{}.txt", std::process::id()));
    std::fs::write(&tmp, lower).unwrap();
    let tagger = sitrep_eval::ner::eval(&tmp, None, sitrep_eval::ner::Target::Tagger(None), false);
    let stage = sitrep_eval::ner::eval(&tmp, None, sitrep_eval::ner::Target::Stage, false);
    let _ = std::fs::remove_file(&tmp);
    let (tagger, stage) = (tagger.unwrap(), stage.unwrap());
    assert!(num(&tagger, "f1") >= 0.87, "{tagger}");
    assert!(num(&stage, "f1") >= 0.85, "{stage}");
}

#[test]
fn event_categories_on_ngec_dev_and_plover_gold() {
    use sitrep_eval::events::{eval, EventFormat, Target};
    let model = sitrep_events::classify::Classifier::embedded();
    let Some(ngec) = shared_path("data/events/ngec/gpt_synthetic_events_2023-10-19_19.csv.zip")
    else {
        return;
    };
    let ngec_dev = |t| eval(&ngec, EventFormat::Ngec, Split::Dev, t, true, false, false).unwrap();
    let r = ngec_dev(Target::Classifier(model));
    assert_eq!(r["n"], 912, "the fixed dev split moved: {r}");
    // Issue 6 asks for 0.80.
    assert!(num(&r, "macro_f1") >= 0.83, "{r}");
    assert!(num(&r, "accuracy") >= 0.84, "{r}");
    // The dictionary's reading of the headlines alone, the rule set behind
    // the model's reading features.
    let r = ngec_dev(Target::Reading(model));
    assert!(num(&r, "accuracy") >= 0.69, "{r}");
    assert!(num(&r, "macro_f1") >= 0.73, "{r}");
    let Some(gsr) = shared_path("data/events/plover/PLOVER_GSR_CAMEO.txt") else {
        return;
    };
    let r = eval(
        &gsr,
        EventFormat::PloverGsr,
        Split::Dev,
        Target::Classifier(model),
        true,
        false,
        false,
    )
    .unwrap();
    assert_eq!(r["n"], 322, "{r}");
    // Each record is one sentence, read by the dictionary with its stance.
    // Issue 6 asks for 0.70.
    assert!(num(&r, "accuracy") >= 0.71, "{r}");
    assert!(num(&r, "macro_f1") >= 0.63, "{r}");
    // The whole pipeline's first event (trigger lexicon + CAMEO verbs).
    let r = eval(
        &gsr,
        EventFormat::PloverGsr,
        Split::Dev,
        Target::Pipeline,
        true,
        false,
        false,
    )
    .unwrap();
    // (With the one-sentence readings for sentences without a trigger.)
    assert!(num(&r, "accuracy") >= 0.54, "{r}");
    assert!(num(&r["actors"], "source_accuracy") >= 0.50, "{r}");
    // The actor stage on the gold actors' words (Phoenix + sitrep's own).
    let a = &r["actors"];
    assert!(num(a, "gold_mentions") > 600.0, "{a}");
    assert!(num(a, "code_accuracy") >= 0.67, "{a}");
    assert!(num(a, "sector_accuracy") >= 0.43, "{a}");
}

#[test]
fn petrarch_validation_suite() {
    let Some(suite) = shared_path("data/events/petrarch2/PETR.UnitTest.records.xml") else {
        return;
    };
    let r = sitrep_eval::petrarch::eval(&suite, false).unwrap();
    assert_eq!(r["expected_codings"], 359, "{r}");
    assert!(num(&r, "reproduced_rate") >= 0.78, "{r}");
    assert!(num(&r, "precision") >= 0.70, "{r}");
}

#[test]
fn events_on_wikievents_dev() {
    let Some(dev) = shared_path("data/events/wikievents/dev.jsonl") else {
        return;
    };
    let r = sitrep_eval::wikievents::eval(&dev, false).unwrap();
    assert_eq!(r["documents"], 20, "{r}");
    assert_eq!(r["gold_events"], 140, "{r}");
    assert!(num(&r["triggers"], "f1") >= 0.55, "{r}");
    assert!(num(&r["arguments"], "f1") >= 0.285, "{r}");
}

#[test]
fn event_coreference_on_ecbplus_dev() {
    use sitrep_eval::ecbplus::{eval, Topics};
    let Some(dir) = shared_path("data/events/ecbplus") else {
        return;
    };
    let r = eval(&dir, Topics::Dev, false).unwrap();
    assert_eq!(r["documents"], 196, "{r}");
    assert!(num(&r["sitrep"]["muc"], "f1") >= 0.75, "{r}");
    assert!(num(&r["sitrep"]["b3"], "f1") >= 0.95, "{r}");
}

#[test]
fn incidents_across_documents_on_ecbplus_topics_1_to_35() {
    use sitrep_eval::ecbplus::Topics;
    let Some(dir) = shared_path("data/events/ecbplus") else {
        return;
    };
    let r = sitrep_eval::crossdoc::eval(&dir, Topics::Develop, false).unwrap();
    assert_eq!(r["documents"], 770, "{r}");
    let conll = |k: &str| r[k]["conll_f1"].as_f64().unwrap();
    // 0.716 within topics and 0.697 pooled when measured (0.641 and 0.613
    // before stories' names anchored events and a document's fragments
    // could meet); linking must beat both baselines and the events of each
    // document left alone.
    assert!(conll("within_topics") >= 0.70, "{r}");
    assert!(conll("pooled") >= 0.68, "{r}");
    for base in ["singletons", "one_per_topic", "documents_alone"] {
        assert!(conll("within_topics") > conll(base) + 0.05, "{base}: {r}");
    }
}

#[test]
fn event_arguments_on_muc4_dev() {
    let Some(dev) = shared_path("data/events/muc4/dev.json") else {
        return;
    };
    let r = sitrep_eval::muc4::eval(&dev, false).unwrap();
    assert_eq!(r["documents"], 200, "{r}");
    assert_eq!(r["gold_entities"], 475, "{r}");
    assert!(num(&r["exact"], "f1") >= 0.22, "{r}");
    assert!(num(&r["per_role_exact"]["Weapon"], "f1") >= 0.45, "{r}");
}

#[test]
fn event_records_on_muc4_answer_keys_dev() {
    use sitrep_eval::records::{eval, Muc4Split};
    let Some(dir) = shared_path("data/events/muc4/templates") else {
        return;
    };
    let r = eval(&dir, Muc4Split::Dev, false).unwrap();
    assert_eq!(r["messages"], 1300, "{r}");
    assert_eq!(r["gold_incidents"], 1114, "{r}");
    assert!(num(&r, "f1") >= 0.29, "{r}");
    assert!(num(&r, "records_per_gold_incident") <= 1.2, "{r}");
    let fields = &r["fields_over_type_matched_pairs"];
    assert!(num(&fields["date"], "accuracy") >= 0.80, "{r}");
    // Records whose sentences name no place take the story's country.
    assert!(num(&fields["country"], "accuracy") >= 0.70, "{r}");
}

#[test]
fn events_on_rams_dev() {
    let Some(dev) = shared_path("data/events/rams/dev.jsonlines") else {
        return;
    };
    let r = sitrep_eval::wikievents::eval(&dev, false).unwrap();
    assert_eq!(r["format"], "rams", "{r}");
    assert_eq!(r["gold_events"], 148, "{r}");
    // One event is annotated per window: recall is what counts.
    assert!(num(&r["triggers"], "recall") >= 0.21, "{r}");
    // 0.099 before event places had to be named as where the event
    // happened (issue 28: "in Kabul", not "a U.S. aid worker"); RAMS
    // annotates any place an argument names, so 4 of its 313 fall out.
    assert!(num(&r["arguments"], "recall") >= 0.08, "{r}");
}

#[test]
fn police_events_on_india_police_events_dev() {
    use sitrep_eval::india_police::{eval, Part};
    let Some(path) = shared_path("data/events/india_police_events") else {
        return;
    };
    let r = eval(&path, Part::Dev, false).unwrap();
    assert!(num(&r, "sentence_macro_f1") >= 0.645, "{r}");
    assert!(num(&r, "document_macro_f1") >= 0.80, "{r}");
    assert!(num(&r, "documents") > 200.0, "{r}");
}
