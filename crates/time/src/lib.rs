//! sitrep-time
