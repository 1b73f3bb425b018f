//! Sentence and token segmentation over byte offsets.

use sitrep_core::Span;

/// Token classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (any script), possibly with inner hyphens/apostrophes/periods.
    Word,
    /// Digits, possibly with inner `,` `.` `:` `/` `-`.
    Number,
    /// Any other single character.
    Punct,
}

/// One token: a byte span and its class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
}

impl Token {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// One sentence: its byte span and its token range `tokens.0..tokens.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: (usize, usize),
}

impl Sentence {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Tokens and sentences of one text.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

impl Analysis {
    /// The words of each sentence, as slices of `text` (the tagger's input).
    pub fn sentence_words<'a>(&self, text: &'a str) -> Vec<Vec<&'a str>> {
        self.sentences
            .iter()
            .map(|s| {
                self.tokens[s.tokens.0..s.tokens.1]
                    .iter()
                    .map(|t| t.text(text))
                    .collect()
            })
            .collect()
    }

    /// Index of the sentence containing byte `pos` (the last one if past the end).
    pub fn sentence_of(&self, pos: usize) -> usize {
        match self.sentences.binary_search_by(|s| {
            if pos < s.start {
                std::cmp::Ordering::Greater
            } else if pos >= s.end {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Equal
            }
        }) {
            Ok(i) => i,
            Err(i) => i
                .saturating_sub(1)
                .min(self.sentences.len().saturating_sub(1)),
        }
    }
    /// Index of the first token starting at or after `pos`.
    pub fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= pos)
    }
}

/// Words that take a period without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "adm", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "pvt", "cmdr", "cdr", "brig", "mr",
    "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "pres", "st", "jr", "sr", "rev", "no", "nos",
    "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "mt", "ft", "fig", "approx", "dept", "est", "gov't", "sgt",
    "lieut", "messrs", "ave", "blvd", "hon", "amb",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{200c}' || c == '\u{200d}' || is_combining(c)
}

fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let end_of = |i: usize| if i < n { chars[i].0 } else { text.len() };
    let mut i = 0;
    while i < n {
        let (start, c) = chars[i];
        if c.is_whitespace() || c.is_control() {
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < n {
                let d = chars[j].1;
                if d.is_ascii_digit() || d.is_alphabetic() {
                    j += 1;
                } else if matches!(d, ',' | '.' | ':' | '/' | '-')
                    && j + 1 < n
                    && chars[j + 1].1.is_ascii_digit()
                {
                    j += 2;
                } else {
                    break;
                }
            }
            out.push(Token {
                start,
                end: end_of(j),
                kind: TokKind::Number,
            });
            i = j;
            continue;
        }
        if c == 'n'
            && i + 2 < n
            && is_apostrophe(chars[i + 1].1)
            && chars[i + 2].1 == 't'
            && (i + 3 == n || !chars[i + 3].1.is_alphabetic())
            && i > 0
            && chars[i - 1].1.is_alphabetic()
        {
            out.push(Token {
                start,
                end: end_of(i + 3),
                kind: TokKind::Word,
            });
            i += 3;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + 1;
            while j < n {
                let d = chars[j].1;
                if is_word_char(d) {
                    j += 1;
                } else if (d == '-' || d == '\u{2011}') && j + 1 < n && is_word_char(chars[j + 1].1)
                {
                    j += 2;
                } else if is_apostrophe(d) && j + 1 < n && chars[j + 1].1.is_alphabetic() {
                    // "Syria's" splits before the apostrophe; "Da'esh", "O'Brien" stay whole.
                    let rest: String = chars[j + 1..(j + 3).min(n)].iter().map(|x| x.1).collect();
                    let clitic = rest.starts_with('s')
                        && !rest[1..].chars().next().is_some_and(|x| x.is_alphabetic());
                    let nt = rest.starts_with('t') && chars[j - 1].1 == 'n';
                    if clitic {
                        break;
                    }
                    // "don't" splits before the "n"; a bare "n't" (already
                    // tokenised text: "wo n't") is one token.
                    if nt && j - 1 > i {
                        j -= 1;
                        break;
                    }
                    j += 2;
                } else if d == '.'
                    && j + 1 < n
                    && chars[j + 1].1.is_alphabetic()
                    && j + 2 <= n
                    && (j + 2 == n || chars[j + 2].1 == '.')
                    && j - i == 1
                {
                    // Dotted initialisms: U.S., U.N., e.g.
                    j += 2;
                } else {
                    break;
                }
            }
            let mut end = end_of(j);
            let word = &text[start..end];
            // Take the period of an abbreviation or initialism into the token.
            if j < n && chars[j].1 == '.' {
                let w = word.trim_end_matches('.').to_lowercase();
                let single_cap =
                    word.chars().count() == 1 && word.chars().all(|x| x.is_uppercase());
                if word.contains('.') || single_cap || ABBREVIATIONS.contains(&w.as_str()) {
                    j += 1;
                    end = end_of(j);
                }
            }
            out.push(Token {
                start,
                end,
                kind: TokKind::Word,
            });
            i = j;
            continue;
        }
        // Apostrophe clitics ('s, n't) become their own word tokens; so
        // does a possessive already split off by a tokeniser upstream
        // ("Singh 's World Series"), not a quote opening before an "s".
        let detached_s = i >= 2
            && chars[i - 1].1 == ' '
            && is_word_char(chars[i - 2].1)
            && i + 1 < n
            && matches!(chars[i + 1].1, 's' | 'S')
            && (i + 2 == n || !is_word_char(chars[i + 2].1));
        if is_apostrophe(c)
            && i + 1 < n
            && chars[i + 1].1.is_alphabetic()
            && i > 0
            && (is_word_char(chars[i - 1].1) || detached_s)
        {
            let mut j = i + 1;
            while j < n && chars[j].1.is_alphabetic() {
                j += 1;
            }
            out.push(Token {
                start,
                end: end_of(j),
                kind: TokKind::Word,
            });
            i = j;
            continue;
        }
        out.push(Token {
            start,
            end: end_of(i + 1),
            kind: TokKind::Punct,
        });
        i += 1;
    }
    out
}

fn is_closer(s: &str) -> bool {
    matches!(s, "”" | "’" | "\"" | "'" | ")" | "]" | "»")
}

fn is_opener(s: &str) -> bool {
    matches!(s, "“" | "‘" | "\"" | "'" | "(" | "[" | "«")
}

/// Whether a text is hard-wrapped (single newlines inside sentences).
fn looks_hard_wrapped(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| l.trim().len() > 40).collect();
    if lines.len() < 4 {
        return false;
    }
    let open = lines
        .iter()
        .filter(|l| {
            l.trim_end()
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == ',')
        })
        .count();
    let max = lines.iter().map(|l| l.len()).max().unwrap_or(0);
    open * 2 > lines.len() && max <= 100
}

/// Whether a text is written without capitals (under one letter in 200 is
/// upper case): then a period followed by a lowercase word still ends a
/// sentence.
pub fn is_caseless(text: &str) -> bool {
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += c.is_uppercase() as usize;
    }
    letters > 0 && upper * 200 < letters
}

/// Tokenizes `text` and groups the tokens into sentences.
pub fn segment(text: &str) -> Analysis {
    let tokens = tokenize(text);
    let wrapped = looks_hard_wrapped(text);
    let caseless = is_caseless(text);
    let mut sentences = Vec::new();
    let mut first = 0usize;
    let mut i = 0usize;
    let close = |sentences: &mut Vec<Sentence>, a: usize, b: usize| {
        if b > a {
            sentences.push(Sentence {
                start: tokens[a].start,
                end: tokens[b - 1].end,
                tokens: (a, b),
            });
        }
    };
    while i < tokens.len() {
        let t = tokens[i];
        let s = t.text(text);
        // Hard boundary: a blank line, or any newline in unwrapped text.
        if i > first {
            let gap = &text[tokens[i - 1].end..t.start];
            let newlines = gap.matches('\n').count();
            if newlines >= 2 || (newlines == 1 && !wrapped) {
                close(&mut sentences, first, i);
                first = i;
            }
        }
        if matches!(s, "." | "!" | "?" | "…")
            || (t.kind == TokKind::Word
                && s.ends_with('.')
                && s.len() > 2
                && s[..s.len() - 1].contains('.'))
        {
            // Extend over repeated terminators and closing quotes/brackets.
            let mut j = i + 1;
            while j < tokens.len() && tokens[j].start == tokens[j - 1].end {
                let u = tokens[j].text(text);
                if matches!(u, "." | "!" | "?" | "…") || is_closer(u) {
                    j += 1;
                } else {
                    break;
                }
            }
            let boundary = match tokens.get(j) {
                None => true,
                Some(next) => {
                    let ns = next.text(text);
                    let c = ns.chars().next().unwrap_or(' ');
                    let spaced = next.start > tokens[j - 1].end;
                    // A dotted initialism ("U.S.") ends a sentence only before
                    // a clearly new sentence start (an opener or digits).
                    let initialism = s.len() > 1 && s != "." && s.ends_with('.');
                    spaced
                        && if initialism {
                            is_opener(ns) && ns != "("
                        } else {
                            c.is_uppercase()
                                || (caseless && s == "." && c.is_alphabetic())
                                || c.is_ascii_digit()
                                || is_opener(ns)
                                || !c.is_alphabetic() && !matches!(c, ',' | ';' | ':' | ')')
                        }
                }
            };
            if boundary {
                close(&mut sentences, first, j);
                first = j;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    close(&mut sentences, first, tokens.len());
    let sentences = cap_length(text, &tokens, sentences);
    Analysis { tokens, sentences }
}

/// Sentences longer than this many tokens are cut into pieces.
pub const MAX_SENTENCE_TOKENS: usize = 200;

/// Cuts every sentence over [`MAX_SENTENCE_TOKENS`] tokens into pieces of
/// at most that many, each ending at the last comma, semicolon, colon or
/// dash of its second half where there is one. News sentences are far
/// shorter; text without sentence punctuation (a transcript, a list, a
/// hostile input) would otherwise be one "sentence" of thousands of words,
/// and the later stages, which compare the words of a sentence with one
/// another, would take minutes on it.
fn cap_length(text: &str, tokens: &[Token], sentences: Vec<Sentence>) -> Vec<Sentence> {
    if sentences
        .iter()
        .all(|s| s.tokens.1 - s.tokens.0 <= MAX_SENTENCE_TOKENS)
    {
        return sentences;
    }
    let mut out = Vec::with_capacity(sentences.len());
    for s in sentences {
        let (mut a, b) = s.tokens;
        while b - a > MAX_SENTENCE_TOKENS {
            let limit = a + MAX_SENTENCE_TOKENS;
            let cut = (a + MAX_SENTENCE_TOKENS / 2..limit)
                .rev()
                .find(|&k| matches!(tokens[k].text(text), "," | ";" | ":" | "—" | "–" | "-"))
                .map_or(limit, |k| k + 1);
            out.push(Sentence {
                start: tokens[a].start,
                end: tokens[cut - 1].end,
                tokens: (a, cut),
            });
            a = cut;
        }
        out.push(Sentence {
            start: tokens[a].start,
            end: tokens[b - 1].end,
            tokens: (a, b),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }
    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn overlong_sentences_are_cut_at_punctuation() {
        // 1,000 words without a full stop, a comma every 30 words.
        let words: Vec<String> = (0..1000)
            .map(|i| {
                if i % 30 == 29 {
                    format!("w{i},")
                } else {
                    format!("w{i}")
                }
            })
            .collect();
        let text = words.join(" ");
        let a = segment(&text);
        assert!(a.sentences.len() >= 5, "{}", a.sentences.len());
        for w in a.sentences.windows(2) {
            assert_eq!(w[0].tokens.1, w[1].tokens.0, "no token lost or repeated");
            // Cut after a comma where one is in reach.
            assert_eq!(&text[w[0].end - 1..w[0].end], ",");
        }
        assert!(a
            .sentences
            .iter()
            .all(|s| s.tokens.1 - s.tokens.0 <= MAX_SENTENCE_TOKENS));
        assert_eq!(a.sentences.last().unwrap().tokens.1, a.tokens.len());
        // Without punctuation the cut is at the limit.
        let text = vec!["word"; 450].join(" ");
        let lens: Vec<usize> = segment(&text)
            .sentences
            .iter()
            .map(|s| s.tokens.1 - s.tokens.0)
            .collect();
        assert_eq!(lens, [200, 200, 50]);
    }

    #[test]
    fn abbreviations_do_not_split() {
        let t = "CENTCOM Commander Adm. Brad Cooper said it. Gen. Smith met Mr. Jones in the U.S. on Friday. Then he left.";
        assert_eq!(
            sents(t),
            vec![
                "CENTCOM Commander Adm. Brad Cooper said it.",
                "Gen. Smith met Mr. Jones in the U.S. on Friday.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn quotes_close_with_the_sentence() {
        let t = "“We will not yield,” he said. “His death disrupts plots.” The end.";
        assert_eq!(
            sents(t),
            vec![
                "“We will not yield,” he said.",
                "“His death disrupts plots.”",
                "The end."
            ]
        );
    }

    #[test]
    fn tokens_keep_names_and_split_clitics() {
        assert_eq!(toks("Syria’s al-Sharaa"), vec!["Syria", "’s", "al-Sharaa"]);
        // A possessive split off upstream stays one token; a quote does not.
        assert_eq!(
            toks("Singh 's World Series"),
            vec!["Singh", "'s", "World", "Series"]
        );
        assert_eq!(toks("the 'sting' op"), vec!["the", "'", "sting", "'", "op"]);
        assert_eq!(
            toks("the U.S. and Da'esh don't"),
            vec!["the", "U.S.", "and", "Da'esh", "do", "n't"]
        );
        assert_eq!(
            toks("1,200 people, 3.5 km"),
            vec!["1,200", "people", ",", "3.5", "km"]
        );
        assert_eq!(toks("قتل 23 شخصا"), vec!["قتل", "23", "شخصا"]);
        // Already tokenised text (CoNLL style) once looped forever here.
        assert_eq!(toks("there wo n't be"), vec!["there", "wo", "n't", "be"]);
        assert_eq!(toks("n't"), vec!["n't"]);
    }

    #[test]
    fn newlines_break_paragraphs_but_not_wrapped_lines() {
        assert_eq!(
            sents("Headline here\nBody starts. Ends"),
            vec!["Headline here", "Body starts.", "Ends"]
        );
        let wrapped = "The strike hit a convoy near the border town late on\nSaturday, officials said, and killed five people who were\ntravelling in two cars along the main road to the south\nof the city, according to the local council and medics.\n";
        assert_eq!(sents(wrapped).len(), 1);
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            sents("It rose approx. five percent. Fine."),
            vec!["It rose approx. five percent.", "Fine."]
        );
    }

    #[test]
    fn text_without_capitals_splits_at_periods() {
        let t = "the army denied today that guerrillas attacked the farm.  \
                 a report published by the agency says that a column attacked it 2 days ago. \
                 col. isaacs said the attack, at 5 p.m. on friday, was not against the farm.";
        assert_eq!(sents(t).len(), 3, "{:?}", sents(t));
        assert!(sents(t)[2].starts_with("col. isaacs"));
        // With capitals, a lowercase word after a period still continues.
        assert_eq!(sents("It rose approx. five percent.").len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn spans_are_valid_for_any_input(s in "\\PC{0,200}") {
            let a = segment(&s);
            for t in &a.tokens {
                proptest::prop_assert!(s.get(t.start..t.end).is_some());
                proptest::prop_assert!(t.end > t.start);
            }
            for w in a.sentences.windows(2) {
                proptest::prop_assert!(w[0].end <= w[1].start);
            }
        }
    }
}
