//! sitrep-events
