//! # sitrep-eval: scorers
//!
//! Each stage has a scorer here that reads a public benchmark in its own
//! format, runs the stage and prints the field's standard metric as JSON:
//!
//! - [`time`]: TempEval-3 strict/relaxed extraction F1 and type/value F1 on
//!   TimeML (`sitrep eval time`).
//! - [`geo`]: accuracy@161 km, mean/median error, AUC and exact GeoNames id
//!   on LGL and GeoWebNews (`sitrep eval geo`).
//! - [`ner`]: exact-span CoNLL entity F1 of the tagger or the entity stage
//!   (`sitrep eval ner`).
//! - [`events`]: PLOVER category accuracy and macro-F1 on the NGEC stories
//!   and the PLOVER gold records (`sitrep eval events`).
//! - [`petrarch`]: expected codings of the PETRARCH validation suite
//!   reproduced (`sitrep eval events --format petrarch`).
//! - [`muc4`]: document-level role fillers (perpetrators, victims) of the
//!   pipeline's violent events on MUC-4 (`sitrep eval events --format muc4`).
//! - [`india_police`]: which sentences say the police killed, arrested or
//!   used force, on IndiaPoliceEvents (`--format india-police`).
//! - [`wikievents`]: trigger and argument F1 of the pipeline on real news
//!   (`sitrep eval events --format wikievents`).
//! - [`ecbplus`]: within-document event coreference, MUC and B³ (`sitrep
//!   eval events --format ecbplus`).
//!
//! [`unlabelled`] reads the training parts' running text for unsupervised
//! learning (the tagger's word classes).
//!
//! Splits are fixed in the repository (`splits/`, or a rule in code), so dev figures are
//! reproducible and the dev documents are never used for tuning rules.

pub mod crossdoc;
pub mod ecbplus;
pub mod events;
pub mod geo;
pub mod india_police;
pub mod muc4;
pub mod ner;
pub mod petrarch;
pub mod records;
pub mod time;
pub mod timeml;
pub mod unlabelled;
pub mod wikievents;

/// A benchmark text as a document: English, with no date, source or URL.
pub(crate) fn eval_doc(id: &str, title: Option<String>, text: &str) -> sitrep_core::Document {
    sitrep_core::Document {
        id: id.to_string(),
        source: None,
        published: None,
        language: "en".into(),
        url: None,
        title,
        text: text.to_string(),
    }
}

/// Which part of a corpus to score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The fixed dev split (reported figures).
    Dev,
    /// Everything but the dev split (used for development).
    Train,
    /// The whole corpus.
    All,
}

impl Split {
    pub fn name(self) -> &'static str {
        match self {
            Split::Dev => "dev",
            Split::Train => "train",
            Split::All => "all",
        }
    }
    /// Whether a document is kept, given whether it is in the dev list.
    pub fn keeps(self, in_dev: bool) -> bool {
        match self {
            Split::Dev => in_dev,
            Split::Train => !in_dev,
            Split::All => true,
        }
    }
}

/// Matches, predictions and references of one figure, summed over items.
#[derive(Default, Clone, Copy, Debug)]
pub(crate) struct Prf {
    pub hit: usize,
    pub sys: usize,
    pub gold: usize,
}

impl Prf {
    /// Adds another tally.
    pub fn add(&mut self, o: Prf) {
        self.hit += o.hit;
        self.sys += o.sys;
        self.gold += o.gold;
    }
    /// Adds one item that the system does or does not predict and gold
    /// does or does not hold.
    pub fn add_one(&mut self, sys: bool, gold: bool) {
        self.add(Prf {
            hit: (sys && gold) as usize,
            sys: sys as usize,
            gold: gold as usize,
        });
    }
    pub fn f1(self) -> f64 {
        f1(self.hit, self.sys, self.gold).2
    }
    /// `hit`, `system`, `gold`, `precision`, `recall`, `f1`.
    pub fn json(self) -> serde_json::Value {
        let (p, r, f) = f1(self.hit, self.sys, self.gold);
        serde_json::json!({"hit": self.hit, "system": self.sys, "gold": self.gold,
               "precision": p, "recall": r, "f1": f})
    }
}

/// Precision, recall and F1 of `hit` matches over `sys` predictions and
/// `gold` references (0 where undefined).
pub fn f1(hit: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
    let p = if sys > 0 {
        hit as f64 / sys as f64
    } else {
        0.0
    };
    let r = if gold > 0 {
        hit as f64 / gold as f64
    } else {
        0.0
    };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// A path under `../shared` (beside the checkout) for tests that need the
/// shared data: `None`, with a visible SKIPPED line, where it is absent; a
/// panic instead when `SITREP_REQUIRE_SHARED` is set (as CI does).
pub fn shared_path(rel: &str) -> Option<std::path::PathBuf> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    if p.exists() {
        return Some(p);
    }
    if std::env::var_os("SITREP_REQUIRE_SHARED").is_some() {
        panic!("../shared/{rel} is missing and SITREP_REQUIRE_SHARED is set");
    }
    eprintln!("SKIPPED: ../shared/{rel} is not beside this checkout");
    None
}
