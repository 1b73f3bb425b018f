//! Distributional word classes (placeholder until trained).
