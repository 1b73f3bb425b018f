//! sitrep-entities
