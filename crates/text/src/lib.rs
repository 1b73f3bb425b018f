//! # sitrep-text: documents in, sentences and tokens out
//!
//! The first stage of the pipeline. [`input`] turns bytes (plain text, HTML,
//! JSON Lines) into [`sitrep_core::Document`]s, decoding invalid UTF-8 lossily
//! with a warning and refusing binary data with a clear error. [`segment`]
//! splits a document's text into sentences and tokens, each a byte span into
//! the text, robust to abbreviations ("Adm.", "U.S."), quotations and
//! non-Latin scripts. [`lang`] tells which language a document is in.

pub mod input;
pub mod lang;
pub mod segment;

pub use input::{
    read_documents, DocFormat, InputError, JsonlReader, ReadOptions, ReadResult, Sidecar,
};
pub use segment::{segment, Analysis, Sentence, TokKind, Token};
