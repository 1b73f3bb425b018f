//! sitrep-pipeline
