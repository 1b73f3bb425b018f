//! Reading annotated NER corpora: CoNLL-2003 (space-separated columns, tag
//! last, `-DOCSTART-` between documents), IOB2 as in Universal NER
//! (tab-separated `index word tag …`, `# newdoc` comments) and WNUT-17
//! (`word<TAB>tag`). Tags are mapped to the four CoNLL types.

use crate::{label_of, Label};
use std::path::Path;

/// File layout of an annotated corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `word … tag` per line (CoNLL-2003, WNUT-17): the first column is the
    /// word, the last the tag.
    Conll,
    /// `index word tag …` per line (Universal NER IOB2).
    Iob2,
}

/// One sentence: words and their gold tags (label ids, see [`crate::Label`]).
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    pub words: Vec<String>,
    pub tags: Vec<Label>,
}

/// A document: the unit document-level features look at.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    pub sentences: Vec<Sentence>,
}

/// A read corpus and the entity types its annotation uses.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub docs: Vec<Doc>,
    /// `types[t]`: whether type `TYPES[t]` occurs in the gold annotation.
    pub types: [bool; 4],
}

impl Corpus {
    pub fn sentences(&self) -> impl Iterator<Item = &Sentence> {
        self.docs.iter().flat_map(|d| d.sentences.iter())
    }
    pub fn tokens(&self) -> usize {
        self.sentences().map(|s| s.words.len()).sum()
    }

    /// The same corpus with every word lowercased (tags unchanged): a
    /// training copy that teaches the tagger names without capitals, for
    /// text that arrives all in lower case.
    pub fn lowercased(&self) -> Corpus {
        let docs = self
            .docs
            .iter()
            .map(|d| Doc {
                sentences: d
                    .sentences
                    .iter()
                    .map(|s| Sentence {
                        words: s.words.iter().map(|w| w.to_lowercase()).collect(),
                        tags: s.tags.clone(),
                    })
                    .collect(),
            })
            .collect();
        Corpus {
            docs,
            types: self.types,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("cannot read {path}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: {msg}")]
    Parse {
        path: String,
        line: usize,
        msg: String,
    },
}

/// Maps a corpus tag type to a CoNLL type index: CoNLL's own names, UNER's,
/// and WNUT-17's (person, location, corporation and group → ORG, product and
/// creative-work → MISC).
pub fn map_type(t: &str) -> Option<usize> {
    let t = t.to_ascii_lowercase();
    let i = match t.as_str() {
        "per" | "person" => 0,
        "org" | "organization" | "organisation" | "corporation" | "group" => 1,
        "loc" | "location" | "gpe" => 2,
        "misc" | "product" | "creative-work" | "oth" => 3,
        _ => return None,
    };
    Some(i)
}

/// Guesses the format from the first token line: a leading integer index
/// followed by a word and a tag means IOB2.
pub fn sniff(text: &str) -> Format {
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') || line.starts_with("-DOCSTART-") {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 3 && cols[0].parse::<u32>().is_ok() {
            return Format::Iob2;
        }
        return Format::Conll;
    }
    Format::Conll
}

/// Reads a corpus file. BIO1 (IOB1) input is repaired to IOB2: an `I-X` that
/// does not continue an `X` starts one.
pub fn read(path: &Path, format: Option<Format>) -> Result<Corpus, CorpusError> {
    let p = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| CorpusError::Io {
        path: p.clone(),
        source,
    })?;
    let text = String::from_utf8_lossy(&bytes);
    parse(&text, format.unwrap_or_else(|| sniff(&text)), &p)
}

/// Parses corpus text (see [`read`]); `name` labels errors.
pub fn parse(text: &str, format: Format, name: &str) -> Result<Corpus, CorpusError> {
    let mut c = Corpus::default();
    let mut doc = Doc::default();
    let mut sent = Sentence::default();
    let flush_sent = |doc: &mut Doc, sent: &mut Sentence| {
        if !sent.words.is_empty() {
            doc.sentences.push(std::mem::take(sent));
        }
    };
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end_matches(['\r', '\n']);
        if line.trim().is_empty() {
            flush_sent(&mut doc, &mut sent);
            continue;
        }
        if line.starts_with("-DOCSTART-") || line.starts_with("# newdoc") {
            flush_sent(&mut doc, &mut sent);
            if !doc.sentences.is_empty() {
                c.docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if format == Format::Iob2 && line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = match format {
            Format::Iob2 => line.split('\t').collect(),
            Format::Conll => line.split(['\t', ' ']).filter(|c| !c.is_empty()).collect(),
        };
        let (word, tag) = match format {
            Format::Iob2 if cols.len() >= 3 => (cols[1], cols[2]),
            Format::Conll if cols.len() >= 2 => (cols[0], cols[cols.len() - 1]),
            _ => {
                return Err(CorpusError::Parse {
                    path: name.to_string(),
                    line: ln + 1,
                    msg: format!("expected a word and a tag, found {line:?}"),
                })
            }
        };
        let label =
            parse_tag(tag, sent.tags.last().copied()).ok_or_else(|| CorpusError::Parse {
                path: name.to_string(),
                line: ln + 1,
                msg: format!("unknown tag {tag:?}"),
            })?;
        if let Some(t) = label.kind() {
            c.types[t] = true;
        }
        sent.words.push(word.to_string());
        sent.tags.push(label);
    }
    flush_sent(&mut doc, &mut sent);
    if !doc.sentences.is_empty() {
        c.docs.push(doc);
    }
    Ok(c)
}

/// One tag, given the previous label (for IOB1 repair). Unknown types
/// (none in the shared corpora) are an error, never silently `O`.
fn parse_tag(tag: &str, prev: Option<Label>) -> Option<Label> {
    if tag == "O" || tag == "_" || tag == "-" {
        return Some(Label::O);
    }
    let (pre, ty) = tag.split_once('-')?;
    let t = map_type(ty)?;
    match pre {
        "B" | "S" => Some(label_of(t, true)),
        "I" | "E" => {
            let continues = prev.is_some_and(|p| p.kind() == Some(t));
            Some(label_of(t, !continues))
        }
        _ => None,
    }
}

/// Entity chunks of a label sequence: (first token, end token exclusive, type).
pub fn chunks(tags: &[Label]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        match tags[i].kind() {
            Some(t) => {
                let mut j = i + 1;
                while j < tags.len() && tags[j].is_inside() && tags[j].kind() == Some(t) {
                    j += 1;
                }
                out.push((i, j, t));
                i = j;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_conll_and_iob2() {
        let conll = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\nGerman JJ B-NP B-MISC\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nBRUSSELS NNP B-NP B-LOC\n";
        let c = parse(conll, sniff(conll), "x").unwrap();
        assert_eq!(c.docs.len(), 2);
        assert_eq!(c.docs[0].sentences.len(), 2);
        assert_eq!(chunks(&c.docs[0].sentences[1].tags), vec![(0, 2, 0)]);
        assert_eq!(c.types, [true, true, true, true]);
        let iob2 = "# newdoc id = a\n# text = in tampa bay\n1\tin\tO\t-\t-\n2\ttampa\tB-LOC\t-\t-\n3\tbay\tI-LOC\t-\t-\n";
        assert_eq!(sniff(iob2), Format::Iob2);
        let c = parse(iob2, Format::Iob2, "x").unwrap();
        assert_eq!(c.docs[0].sentences[0].words, vec!["in", "tampa", "bay"]);
        assert_eq!(chunks(&c.docs[0].sentences[0].tags), vec![(1, 3, 2)]);
        assert_eq!(c.types, [false, false, true, false]);
    }

    #[test]
    fn repairs_iob1_and_maps_wnut_types() {
        let t = "Empire\tI-location\nState\tI-location\n=\tO\nApple\tB-corporation\niPhone\tB-product\n";
        let c = parse(t, Format::Conll, "x").unwrap();
        let s = &c.docs[0].sentences[0];
        assert_eq!(chunks(&s.tags), vec![(0, 2, 2), (3, 4, 1), (4, 5, 3)]);
    }

    #[test]
    fn bad_lines_are_errors_with_a_line_number() {
        let e = parse("word\tB-WEIRD\n", Format::Conll, "f.conll").unwrap_err();
        assert!(e.to_string().starts_with("f.conll:1:"), "{e}");
        let e = parse("lonely\n", Format::Conll, "f.conll").unwrap_err();
        assert!(e.to_string().contains("expected a word and a tag"), "{e}");
    }
}
