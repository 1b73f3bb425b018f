//! sitrep-geo
