//! Reading TABARI/PETRARCH actor dictionaries in their own text format.
//!
//! An entry is a name (`VLADIMIR_PUTIN_`), optionally with codes in
//! brackets on the same line, followed by `+SYNONYM` lines and indented
//! dated-code lines (`[RUSGOV >080508]`, `[RUSELI 700101-990809]`,
//! `[SYRGOV < 950601]`); `#` starts a comment. Words are upper case; `_`
//! joins the words of a name and a final `_` makes its word exact (without
//! it the word also matches words that extend it: "ARGENTIN" → "Argentina").
//!
//! Both the compiled Phoenix index ([`crate::phoenix`]) and the dictionary
//! coder of `sitrep-events` read the files through this module.

/// One dictionary word: upper case, `exact` when it ended with `_`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub exact: bool,
}

/// The longest ending a non-exact dictionary word lets a text word add.
/// TABARI lets any ending through; without a parse to say which words are
/// nouns, sitrep allows three letters ("Argentin" → "Argentine").
pub const MAX_ENDING: usize = 3;

impl Word {
    /// Whether the upper-case text word `tok` is this word.
    pub fn matches(&self, tok: &str) -> bool {
        if self.exact {
            tok == self.text
        } else {
            tok.strip_prefix(self.text.as_str())
                .is_some_and(|rest| rest.len() <= MAX_ENDING)
        }
    }

    /// Agents are common nouns: only plural endings.
    pub fn matches_noun(&self, tok: &str) -> bool {
        tok == self.text
            || !self.exact
                && tok
                    .strip_prefix(self.text.as_str())
                    .is_some_and(|rest| matches!(rest, "S" | "ES"))
    }
}

/// A phrase of dictionary words that must be adjacent.
pub type Phrase = Vec<Word>;

/// Reads a dictionary phrase: `_` and spaces join words; a word followed by
/// `_` (or ending the phrase with one) is exact.
pub fn phrase(s: &str) -> Phrase {
    let s = s.trim();
    let mut out: Phrase = Vec::new();
    let parts: Vec<&str> = s.split([' ', '_']).collect();
    for (i, p) in parts.iter().enumerate() {
        if p.is_empty() {
            if let Some(last) = out.last_mut() {
                last.exact = true;
            }
            continue;
        }
        let exact = i + 1 < parts.len() && parts[i + 1].is_empty();
        out.push(Word {
            text: p.to_uppercase(),
            exact,
        });
    }
    out
}

/// An actor code valid over a date range (YYYYMMDD, inclusive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    pub code: String,
    pub from: u32,
    pub to: u32,
}

impl Dated {
    pub fn undated(&self) -> bool {
        self.from == 0 && self.to == u32::MAX
    }
}

/// One name of an actor with the codes of its entry.
#[derive(Debug, Clone)]
pub struct ActorEntry {
    pub phrase: Phrase,
    pub codes: Vec<Dated>,
    /// Index (in the returned list) of the entry's head name; its own
    /// index for a head.
    pub head: usize,
}

impl ActorEntry {
    /// The codes in force on `date` (YYYYMMDD): the dated codes that cover
    /// it, else the undated ones.
    pub fn codes_on(&self, date: u32) -> Vec<&Dated> {
        let dated: Vec<&Dated> = self
            .codes
            .iter()
            .filter(|c| !c.undated() && c.from <= date && date <= c.to)
            .collect();
        if dated.is_empty() {
            self.codes.iter().filter(|c| c.undated()).collect()
        } else {
            dated
        }
    }
}

/// The text of a line before its comment; `<!-- … -->` lines are empty.
pub fn strip_comment(line: &str) -> &str {
    let l = line.split('#').next().unwrap_or("");
    if l.trim_start().starts_with("<!--") {
        return "";
    }
    l
}

/// `950601` → 19950601; `19950601` as is.
fn date_num(s: &str) -> Option<u32> {
    let d: u32 = s.trim().parse().ok()?;
    Some(match s.trim().len() {
        6 if d / 10000 > 30 => 19_000_000 + d,
        6 => 20_000_000 + d,
        _ => d,
    })
}

/// Reads `CODE`, `CODE < 950601`, `CODE > 990816`,
/// `CODE 19950601 - 19990815`, `A/B` (the inside of a bracket).
pub fn dated_codes(inner: &str) -> Vec<Dated> {
    let inner = inner.trim();
    let (code, rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    let rest = rest.trim();
    let (mut from, mut to) = (0u32, u32::MAX);
    if let Some(d) = rest.strip_prefix('<').and_then(date_num) {
        to = d.saturating_sub(1);
    } else if let Some(d) = rest.strip_prefix('>').and_then(date_num) {
        from = d.saturating_add(1);
    } else if let Some((a, b)) = rest.split_once('-') {
        if let (Some(a), Some(b)) = (date_num(a), date_num(b)) {
            (from, to) = (a, b);
        }
    }
    code.split('/')
        .filter(|c| !c.is_empty())
        .map(|c| Dated {
            code: c.to_uppercase(),
            from,
            to,
        })
        .collect()
}

/// Reads an actor dictionary: every name and synonym with its entry's
/// codes (a synonym listed before the entry's dated lines gets them too).
/// Names without words are dropped.
pub fn read_actors(text: &str) -> Vec<ActorEntry> {
    let mut out: Vec<ActorEntry> = Vec::new();
    let mut group: Vec<usize> = Vec::new();
    for raw in text.lines() {
        let t = strip_comment(raw).trim();
        if t.is_empty() {
            continue;
        }
        if let Some(rest) = t.strip_prefix('[') {
            let codes = dated_codes(rest.split(']').next().unwrap_or(""));
            for &i in &group {
                out[i].codes.extend(codes.iter().cloned());
            }
            continue;
        }
        let (name, codes) = match t.find('[') {
            Some(a) => (
                &t[..a],
                dated_codes(t[a + 1..].split(']').next().unwrap_or("")),
            ),
            None => (t, Vec::new()),
        };
        if let Some(syn) = name.strip_prefix('+') {
            if let Some(&h) = group.first() {
                let own = codes;
                let mut codes = out[h].codes.clone();
                codes.extend(own);
                out.push(ActorEntry {
                    phrase: phrase(syn),
                    codes,
                    head: h,
                });
                group.push(out.len() - 1);
            }
            continue;
        }
        out.push(ActorEntry {
            phrase: phrase(name),
            codes,
            head: out.len(),
        });
        group = vec![out.len() - 1];
    }
    // Drop empty names, keeping heads pointing at their entries.
    let keep: Vec<bool> = out.iter().map(|a| !a.phrase.is_empty()).collect();
    let mut new_index = vec![usize::MAX; out.len()];
    let mut n = 0;
    for (i, k) in keep.iter().enumerate() {
        if *k {
            new_index[i] = n;
            n += 1;
        }
    }
    let heads: Vec<usize> = out.iter().map(|a| a.head).collect();
    let mut kept: Vec<ActorEntry> = Vec::with_capacity(n);
    for (i, mut a) in out.into_iter().enumerate() {
        if keep[i] {
            // An empty head: the synonym stands for itself.
            a.head = match new_index[heads[i]] {
                usize::MAX => new_index[i],
                h => h,
            };
            kept.push(a);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_synonyms_and_dated_codes() {
        let d = read_actors(
            "# comment\nGONDOR_ [GON]\n+MINAS_TIRITH\n\nARAGORN_ # the king\n+STRIDER\n\t[GONREB 700101-950101]\n\t[GONGOV >950101]\n+ELESSAR_\n",
        );
        assert_eq!(d.len(), 5);
        assert_eq!(d[1].head, 0);
        assert_eq!(d[1].codes[0].code, "GON");
        assert!(d[0].phrase[0].exact);
        assert_eq!(
            d[1].phrase,
            [
                Word {
                    text: "MINAS".into(),
                    exact: false
                },
                Word {
                    text: "TIRITH".into(),
                    exact: false
                }
            ]
        );
        // Dated lines after the synonyms apply to the whole entry.
        assert_eq!(d[3].head, 2);
        assert_eq!(d[3].codes.len(), 2);
        assert_eq!(d[3].codes_on(19_900_101)[0].code, "GONREB");
        assert_eq!(d[3].codes_on(20_000_101)[0].code, "GONGOV");
        // A synonym after the dated lines copies them.
        assert_eq!(d[4].head, 2);
        assert_eq!(d[4].codes_on(20_000_101)[0].code, "GONGOV");
    }

    #[test]
    fn date_forms() {
        let c = dated_codes("RUSGOV 991231-080507");
        assert_eq!((c[0].from, c[0].to), (19_991_231, 20_080_507));
        let c = dated_codes("X < 950601");
        assert_eq!((c[0].from, c[0].to), (0, 19_950_600));
        let c = dated_codes("A/B");
        assert_eq!(c.len(), 2);
        assert!(c[1].undated());
    }

    #[test]
    fn odd_lines_never_panic() {
        for s in [
            "[",
            "+",
            "]\n[",
            "+X [",
            "X [Y > 4294967295]",
            "_ _ _",
            "[A]\n+B\n",
        ] {
            let _ = read_actors(s);
        }
    }
}
