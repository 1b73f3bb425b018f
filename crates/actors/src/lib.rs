//! sitrep-actors
