//! `sitrep eval`: every stage's scorer on its public benchmark (time, places,
//! entities, events), printed as JSON.

use anyhow::{bail, Context, Result};
use clap::{Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum SplitArg {
    /// The fixed dev split (the figures the README reports).
    Dev,
    /// Everything outside the dev split (for developing rules).
    Train,
    /// The whole corpus.
    All,
    /// ECB+ with --cross-document only: topics 36–45, its usual test split.
    Test,
}

impl From<SplitArg> for sitrep_eval::Split {
    fn from(s: SplitArg) -> Self {
        match s {
            SplitArg::Dev => sitrep_eval::Split::Dev,
            SplitArg::Train => sitrep_eval::Split::Train,
            SplitArg::All | SplitArg::Test => sitrep_eval::Split::All,
        }
    }
}

#[derive(Subcommand)]
pub(crate) enum EvalCmd {
    /// Time expressions: TempEval-3 strict/relaxed F1 and type/value F1 on
    /// TimeML (.tml) gold with a DCT. Example:
    /// sitrep eval time --data ../shared/data/time/tempeval3/TBAQ-cleaned
    Time {
        /// A folder of .tml files (searched recursively).
        #[arg(long, default_value = "../shared/data/time/tempeval3/TBAQ-cleaned")]
        data: PathBuf,
        /// Which documents to score (dev: the fixed split in crates/eval/splits).
        #[arg(long, value_enum, default_value_t = SplitArg::Dev)]
        split: SplitArg,
        /// Also list each file's misses, spurious and wrongly valued expressions.
        #[arg(long)]
        errors: bool,
    },
    /// Places: accuracy@161 km, mean/median error (km), AUC of the log-error
    /// curve and exact GeoNames ids on LGL or GeoWebNews, resolving the gold
    /// toponym spans (or, with --end-to-end, sitrep's own). Example:
    /// sitrep eval geo --data ../shared/data/geo/eval/GWN.xml --format gwn
    Geo {
        /// The gold XML file.
        #[arg(long)]
        data: PathBuf,
        /// Its format (default: from the file name, gwn for GWN*, else lgl).
        #[arg(long, value_enum)]
        format: Option<GeoFormatArg>,
        /// Recognise toponyms with sitrep's own pipeline instead of using gold spans.
        #[arg(long)]
        end_to_end: bool,
        /// Also list every toponym resolved more than 161 km away.
        #[arg(long)]
        errors: bool,
    },
    /// Named entities: exact-span CoNLL precision/recall/F1, per type, and
    /// tagging speed, on a CoNLL or IOB2 file. Only the types the file
    /// annotates are scored. Example:
    /// sitrep eval ner --data ../shared/data/ner/conll2003/valid.txt
    Ner {
        /// The gold file.
        #[arg(long)]
        data: PathBuf,
        /// Its format (default: guessed from the first line).
        #[arg(long, value_enum)]
        format: Option<NerFormatArg>,
        /// A model file (default: the embedded model).
        #[arg(long)]
        model: Option<PathBuf>,
        /// Score sitrep's whole entity stage (tagger + rules + alias
        /// linking, on text rebuilt from the words) instead of the bare tagger.
        #[arg(long, conflicts_with = "model")]
        stage: bool,
        /// Also list every sentence (with `--stage`: every document, by
        /// its number in the file) with a missed or spurious entity.
        #[arg(long)]
        errors: bool,
    },
    /// Event categories: PLOVER category accuracy, macro-F1 and per-category
    /// figures on labelled texts, for the classifier alone (a story: the
    /// learned model; one sentence without a headline: its first event in
    /// the CAMEO dictionary, with the sentence's stance towards it) or for
    /// the whole pipeline (its first event in text order). Example:
    /// sitrep eval events --format plover-gsr --data ../shared/data/events/plover/PLOVER_GSR_CAMEO.txt
    Events {
        /// The labelled file (default: the format's file in ../shared: the
        /// NGEC stories zip, PLOVER_GSR_CAMEO.txt, PETR.UnitTest.records.xml).
        #[arg(long)]
        data: Option<PathBuf>,
        /// Its format.
        #[arg(long, value_enum, default_value_t = EventFormatArg::Ngec)]
        format: EventFormatArg,
        /// Which texts to score (ngec dev: every fifth title template per
        /// category; plover-gsr is all dev).
        #[arg(long, value_enum, default_value_t = SplitArg::Dev)]
        split: SplitArg,
        /// Score the whole pipeline instead of the bare classifier.
        #[arg(long)]
        pipeline: bool,
        /// Score the dictionary's one-sentence reading of each headline (of
        /// the text, where there is none) instead of the model: the rule set
        /// whose reading the model takes as a feature. A text it reads no
        /// event in counts as missed.
        #[arg(long, conflicts_with = "pipeline")]
        reading: bool,
        /// A classifier model file (default: the embedded model).
        #[arg(long, conflicts_with = "pipeline")]
        model: Option<PathBuf>,
        /// Ignore the stories' headlines (score the body text alone).
        #[arg(long)]
        no_headlines: bool,
        /// ngec only: split every fifth story instead of every fifth title
        /// template. Stories of one template then sit on both sides, which
        /// inflates the figure; for comparison with story-level splits.
        #[arg(long)]
        split_by_story: bool,
        /// ecbplus only: score the incidents the store links across
        /// documents against ECB+'s cross-document chains (MUC, B³, CEAF-e,
        /// CoNLL F1, within topics and pooled, with baselines). Here
        /// `--split dev` is topics 1–35, `--split test` topics 36–45.
        #[arg(long)]
        cross_document: bool,
        /// Also list every text whose category is wrong or missing.
        #[arg(long)]
        errors: bool,
    },
    /// Event records as incidents: one record per real incident, with the
    /// right type, place, date and toll. On MUC-4's answer keys, a record
    /// matches a gold incident (one to one) when its type is compatible, its
    /// place is in the gold country and names the gold department or town,
    /// and its dates overlap the gold ones; prints precision, recall, F1,
    /// records per gold incident and the accuracy of each field over records
    /// paired by type. Example:
    /// sitrep eval records --format muc4 --split tst1+tst2
    Records {
        /// The answer keys with their texts (the folder holding dev/, tst1/, tst2/).
        #[arg(long, default_value = "../shared/data/events/muc4/templates")]
        data: PathBuf,
        /// Their format.
        #[arg(long, value_enum, default_value_t = RecordsFormatArg::Muc4)]
        format: RecordsFormatArg,
        /// Which keys to score: develop on dev, report tst1+tst2.
        #[arg(long, value_enum, default_value_t = Muc4SplitArg::Dev)]
        split: Muc4SplitArg,
        /// Also list every missed incident with the first check that failed
        /// and the record that came closest.
        #[arg(long)]
        errors: bool,
    },
}

/// Formats of `sitrep eval records`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum RecordsFormatArg {
    /// MUC-4's full answer keys and texts (`key-*` files beside the texts).
    Muc4,
}

/// The MUC-4 answer-key splits.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Muc4SplitArg {
    /// DEV: 1,300 messages, for development.
    Dev,
    /// TST1: 100 messages.
    Tst1,
    /// TST2: 100 messages.
    Tst2,
    /// TST1 and TST2: the figure to report.
    #[value(name = "tst1+tst2")]
    Tst12,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum EventFormatArg {
    /// NGEC/POLECAT synthetic stories (CSV, or the zip it ships in).
    Ngec,
    /// PLOVER gold-standard records (JSON array).
    PloverGsr,
    /// The PETRARCH validation suite (`PETR.UnitTest.records.xml`), coded
    /// with the suite's own dictionaries from the same folder: how many of
    /// its expected (source, target, CAMEO) codings are reproduced.
    Petrarch,
    /// WikiEvents (real news, KAIROS types mapped to PLOVER): the pipeline's
    /// trigger and argument F1, on whole documents (`dev.jsonl`) or windows
    /// (`windows/*.jsonl`).
    Wikievents,
    /// ECB+ (the `ecbplus/` folder): within-document event coreference, i.e.
    /// whether sitrep joins the reports of one event and keeps others apart
    /// (MUC, B³ and link F1 on the gold action mentions sitrep finds; dev =
    /// topics 2 5 12 18 21 23 34 35, train = the rest up to 35).
    Ecbplus,
    /// RAMS (`rams/dev.jsonlines`, news): trigger and argument F1 of the
    /// pipeline on its annotated events, with the WikiEvents mapping of
    /// types (conflict.attack → ASSAULT, …) and roles.
    Rams,
    /// MUC-4 as processed for GRIT (`muc4/{dev,train}.json`, lowercased
    /// news): document-level perpetrators and victims of the violent events,
    /// exact and head-noun P/R/F1 per role (`--data …/train.json` for the
    /// part rules are developed on).
    Muc4,
    /// IndiaPoliceEvents (the `india_police_events/` folder, Times of India,
    /// mostly lower case): which sentences and documents say the police
    /// killed, arrested, used force or did anything, per label P/R/F1
    /// (`--split dev`: document ids that are multiples of five; `train`:
    /// the rest, where rules are developed).
    IndiaPolice,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum NerFormatArg {
    /// Word first, tag last, space- or tab-separated (CoNLL-2003, WNUT-17).
    Conll,
    /// `index<TAB>word<TAB>tag` (Universal NER).
    Iob2,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum GeoFormatArg {
    /// Local-Global Lexicon (Lieberman et al.), as distributed by Gritta et al.
    Lgl,
    /// GeoWebNews (Gritta et al. 2019).
    Gwn,
}

pub(crate) fn eval(cmd: EvalCmd) -> Result<i32> {
    let report = match cmd {
        EvalCmd::Time {
            data,
            split,
            errors,
        } => {
            if matches!(split, SplitArg::Test) {
                bail!("--split test is ECB+'s test topics, for `eval events --format ecbplus --cross-document` only");
            }
            sitrep_eval::time::eval(&data, split.into(), errors)?
        }
        EvalCmd::Geo {
            data,
            format,
            end_to_end,
            errors,
        } => {
            let gwn = data
                .file_name()
                .is_some_and(|n| n.to_string_lossy().to_lowercase().starts_with("gwn"));
            let f = match format {
                Some(GeoFormatArg::Gwn) => sitrep_eval::geo::GeoFormat::Gwn,
                Some(GeoFormatArg::Lgl) => sitrep_eval::geo::GeoFormat::Lgl,
                None if gwn => sitrep_eval::geo::GeoFormat::Gwn,
                None => sitrep_eval::geo::GeoFormat::Lgl,
            };
            sitrep_eval::geo::eval(&data, f, end_to_end, errors)?
        }
        EvalCmd::Ner {
            data,
            format,
            model,
            stage,
            errors,
        } => {
            let f = format.map(|f| match f {
                NerFormatArg::Conll => sitrep_ner::corpus::Format::Conll,
                NerFormatArg::Iob2 => sitrep_ner::corpus::Format::Iob2,
            });
            let m = model.as_deref().map(load_ner_model).transpose()?;
            let target = if stage {
                sitrep_eval::ner::Target::Stage
            } else {
                sitrep_eval::ner::Target::Tagger(m.as_ref())
            };
            sitrep_eval::ner::eval(&data, f, target, errors)?
        }
        EvalCmd::Records {
            data,
            format: RecordsFormatArg::Muc4,
            split,
            errors,
        } => {
            use sitrep_eval::records::Muc4Split;
            let split = match split {
                Muc4SplitArg::Dev => Muc4Split::Dev,
                Muc4SplitArg::Tst1 => Muc4Split::Tst1,
                Muc4SplitArg::Tst2 => Muc4Split::Tst2,
                Muc4SplitArg::Tst12 => Muc4Split::Tst12,
            };
            sitrep_eval::records::eval(&data, split, errors)?
        }
        EvalCmd::Events {
            data,
            format,
            split,
            pipeline,
            reading,
            model,
            no_headlines,
            split_by_story,
            cross_document,
            errors,
        } => {
            use sitrep_eval::events::{self, EventFormat, Target};
            let ecbplus = matches!(format, EventFormatArg::Ecbplus);
            if cross_document && !ecbplus {
                bail!("--cross-document scores the ecbplus format only");
            }
            if matches!(split, SplitArg::Test) && !cross_document {
                bail!("--split test is ECB+'s test topics, for --format ecbplus --cross-document only");
            }
            let data = data.unwrap_or_else(|| {
                PathBuf::from(match format {
                    EventFormatArg::Ngec => {
                        "../shared/data/events/ngec/gpt_synthetic_events_2023-10-19_19.csv.zip"
                    }
                    EventFormatArg::PloverGsr => {
                        "../shared/data/events/plover/PLOVER_GSR_CAMEO.txt"
                    }
                    EventFormatArg::Petrarch => {
                        "../shared/data/events/petrarch2/PETR.UnitTest.records.xml"
                    }
                    EventFormatArg::Wikievents => "../shared/data/events/wikievents/dev.jsonl",
                    EventFormatArg::Ecbplus => "../shared/data/events/ecbplus",
                    EventFormatArg::Muc4 => "../shared/data/events/muc4/dev.json",
                    EventFormatArg::Rams => "../shared/data/events/rams/dev.jsonlines",
                    EventFormatArg::IndiaPolice => "../shared/data/events/india_police_events",
                })
            });
            if reading && !matches!(format, EventFormatArg::Ngec | EventFormatArg::PloverGsr) {
                bail!("--reading scores the ngec and plover-gsr formats only: the others score the pipeline");
            }
            let f = match format {
                EventFormatArg::Ngec => EventFormat::Ngec,
                EventFormatArg::PloverGsr => EventFormat::PloverGsr,
                EventFormatArg::Petrarch => {
                    let r = sitrep_eval::petrarch::eval(&data, errors)?;
                    out!("{}", serde_json::to_string_pretty(&r)?);
                    return Ok(0);
                }
                EventFormatArg::Wikievents | EventFormatArg::Rams => {
                    let r = sitrep_eval::wikievents::eval(&data, errors)?;
                    out!("{}", serde_json::to_string_pretty(&r)?);
                    return Ok(0);
                }
                EventFormatArg::IndiaPolice => {
                    use sitrep_eval::india_police::{eval, Part};
                    let part = match split {
                        SplitArg::Dev => Part::Dev,
                        SplitArg::Train => Part::Train,
                        SplitArg::All | SplitArg::Test => Part::All,
                    };
                    let r = eval(&data, part, errors)?;
                    out!("{}", serde_json::to_string_pretty(&r)?);
                    return Ok(0);
                }
                EventFormatArg::Muc4 => {
                    let r = sitrep_eval::muc4::eval(&data, errors)?;
                    out!("{}", serde_json::to_string_pretty(&r)?);
                    return Ok(0);
                }
                EventFormatArg::Ecbplus => {
                    use sitrep_eval::ecbplus::{eval, Topics};
                    let r = if cross_document {
                        let topics = match split {
                            SplitArg::Dev => Topics::Develop,
                            SplitArg::Test => Topics::Test,
                            SplitArg::All => Topics::All,
                            SplitArg::Train => Topics::Train,
                        };
                        sitrep_eval::crossdoc::eval(&data, topics, errors)?
                    } else {
                        let topics = match split {
                            SplitArg::Dev => Topics::Dev,
                            SplitArg::Train => Topics::Train,
                            SplitArg::All => Topics::All,
                            SplitArg::Test => {
                                bail!("--split test is for --cross-document; within documents, topics 36-45 are scored by --split all")
                            }
                        };
                        eval(&data, topics, errors)?
                    };
                    out!("{}", serde_json::to_string_pretty(&r)?);
                    return Ok(0);
                }
            };
            let loaded = model.as_deref().map(load_event_model).transpose()?;
            let m = loaded
                .as_ref()
                .unwrap_or_else(|| sitrep_events::classify::Classifier::embedded());
            let target = if pipeline {
                Target::Pipeline
            } else if reading {
                Target::Reading(m)
            } else {
                Target::Classifier(m)
            };
            events::eval(
                &data,
                f,
                split.into(),
                target,
                !no_headlines,
                split_by_story,
                errors,
            )?
        }
    };
    out!("{}", serde_json::to_string_pretty(&report)?);
    Ok(0)
}

fn load_ner_model(p: &Path) -> Result<sitrep_ner::Model> {
    let b = std::fs::read(p).with_context(|| format!("reading model {}", p.display()))?;
    sitrep_ner::Model::from_bytes(&b).with_context(|| format!("loading model {}", p.display()))
}

fn load_event_model(p: &Path) -> Result<sitrep_events::classify::Classifier> {
    let b = std::fs::read(p).with_context(|| format!("reading model {}", p.display()))?;
    sitrep_events::classify::Classifier::from_bytes(&b)
        .with_context(|| format!("loading model {}", p.display()))
}
