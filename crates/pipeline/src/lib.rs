//! # sitrep-pipeline: one document in, one `sitrep/1` object out
//!
//! Runs the stages in data-flow order — text segmentation, time
//! expressions, entities, actors, places, events — and assembles the
//! [`Output`]. The gazetteer and actor dictionary are loaded once and shared
//! (`Pipeline` is `Sync`; run documents in parallel with rayon).

pub use sitrep_actors::Actor;
use sitrep_actors::ActorDict;
use sitrep_core::{DocMeta, Document, EntityType, Output, Span, SCHEMA};
use sitrep_geo::Gazetteer;

/// The loaded resources of every stage.
pub struct Pipeline {
    gaz: &'static Gazetteer,
    dict: &'static ActorDict,
}

impl Pipeline {
    /// Loads the embedded gazetteer (or `$SITREP_GAZETTEER`) and actor dictionary.
    pub fn new() -> Result<Self, String> {
        Ok(Pipeline {
            gaz: sitrep_geo::default_gazetteer()?,
            dict: ActorDict::embedded(),
        })
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        self.gaz
    }

    /// The entity stage alone, with the pipeline's resources (for scoring).
    pub fn entities(&self, text: &str, an: &sitrep_text::Analysis) -> sitrep_entities::Entities {
        sitrep_entities::extract(text, an, self.gaz, self.dict)
    }

    /// The actor the actor stage reads in each span of a document (a name,
    /// or a phrase such as "Iraqi forces"), for scoring actor resolution.
    pub fn actors_at(&self, doc: &Document, spans: &[Span]) -> Vec<Option<Actor>> {
        let text = doc.text.as_str();
        let an = sitrep_text::segment(text);
        let ents = sitrep_entities::extract(text, &an, self.gaz, self.dict);
        let actors = sitrep_actors::resolve(text, &an, &ents, self.gaz, self.dict, doc.published);
        spans
            .iter()
            .map(|&s| {
                sitrep_actors::phrase_actor(text, &an, &ents, &actors, self.gaz, s).map(|(a, _)| a)
            })
            .collect()
    }

    /// Codes one document.
    pub fn run(&self, doc: &Document, warnings: Vec<String>) -> Output {
        let text = doc.text.as_str();
        let an = sitrep_text::segment(text);
        let times = sitrep_time::extract(text, &an, doc.published);
        let ents = sitrep_entities::extract(text, &an, self.gaz, self.dict);
        let actors = sitrep_actors::resolve(text, &an, &ents, self.gaz, self.dict, doc.published);
        let spans: Vec<_> = ents
            .mentions
            .iter()
            .filter(|e| matches!(e.kind, EntityType::Gpe | EntityType::Loc))
            .map(|e| e.span())
            .collect();
        let places: Vec<_> = sitrep_geo::resolve_recognised(self.gaz, text, &an, &spans)
            .into_iter()
            .flatten()
            .collect();
        let events = sitrep_events::extract(&sitrep_events::Inputs {
            doc_id: &doc.id,
            text,
            an: &an,
            dct: doc.published,
            doc_source: doc.source.as_deref(),
            times: &times,
            places: &places,
            ents: &ents,
            actors: &actors,
            dict: self.dict,
            gaz: self.gaz,
        });
        Output {
            schema: SCHEMA.into(),
            document: DocMeta::from(doc),
            text: doc.text.clone(),
            entities: ents.mentions,
            times,
            places,
            events,
            warnings,
        }
    }
}
