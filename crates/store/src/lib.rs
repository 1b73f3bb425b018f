//! sitrep-store
