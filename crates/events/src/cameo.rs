//! Readers for the CAMEO verb-pattern dictionary in its PETRARCH format
//! (`CAMEO.2.0.txt`, MIT, Open Event Data Alliance) and for the PLOVER
//! manual's CAMEO → PLOVER table (`CAMEO2PLOVER-2021.txt`).
//!
//! The dictionary is organised in verb blocks:
//!
//! ```text
//! ---  KILL   [190]  ---           block header with its default code
//! KILL                             a verb form (regular forms are derived)
//! SLAY {SLAYS SLAIN SLAYING}       irregular forms in braces
//! STRANGLE  [180]                  a form with its own code
//! +SHOOT_DOWN {+SHOT_DOWN}         a multi-word form
//! - * (DURING ARREST)  [175]       a pattern: words around the verb (`*`)
//! ```
//!
//! sitrep does not parse sentences as PETRARCH does; it keeps, for each
//! form, its code and, for each pattern, the first content word on each
//! side of the verb, which is what the category classifier uses.

use std::collections::HashMap;

/// One pattern of a verb block: the content words that may stand first
/// before and first after the verb (a synset such as `&PROPOSAL` gives
/// each of its members).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub before: Vec<String>,
    pub after: Vec<String>,
    /// The CAMEO code, or `None` for `[---]` (no event).
    pub code: Option<String>,
    /// Whether the pattern asks for more words than the two kept
    /// ("* DEMONSTRATION (IN SUPPORT)"): a reader that checks only those
    /// should let an unqualified pattern on the same words decide.
    pub qualified: bool,
}

/// A verb block.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub name: String,
    /// Lowercase forms (words joined by a space) with their own code, if any.
    pub forms: Vec<(String, Option<String>)>,
    pub code: Option<String>,
    pub patterns: Vec<Pattern>,
}

const FUNCTION_WORDS: &[&str] = &[
    "to", "of", "in", "on", "for", "with", "the", "a", "an", "and", "by", "at", "from", "over",
    "against", "into", "as", "that", "its", "his", "her", "their", "it", "be", "is", "was", "not",
    "during", "when", "after", "before", "between", "under", "about", "out", "off", "down", "than",
];

/// `[190]` → `Some("190")`; `[---]` → `None`; `[042:043]` → the first code.
fn code_of(s: &str) -> Option<Option<String>> {
    let a = s.find('[')?;
    let b = a + s[a..].find(']')?;
    let inner = s[a + 1..b].trim();
    let first = inner.split([':', ' ']).next().unwrap_or("");
    if first.starts_with("---") {
        return Some(None);
    }
    Some(Some(first.to_string())).filter(|c| {
        c.as_deref()
            .is_some_and(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_alphanumeric()))
    })
}

/// Lowercases a dictionary word: `SHOOT_DOWN` → `shoot down`.
fn word(w: &str) -> String {
    w.trim_start_matches('+')
        .replace('_', " ")
        .trim()
        .to_lowercase()
}

/// Regular inflections of a verb (PETRARCH derives them the same way).
pub fn inflections(v: &str) -> Vec<String> {
    let mut out = vec![v.to_string()];
    // Inflect the first word of a multi-word form ("carry out").
    let (head, rest) = match v.split_once(' ') {
        Some((h, r)) => (h, format!(" {r}")),
        None => (v, String::new()),
    };
    // "carry" → "carries", "carried"; "pay" keeps its y.
    let consonant_y = head
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']));
    let s = if head.ends_with(['s', 'x', 'z']) || head.ends_with("ch") || head.ends_with("sh") {
        format!("{head}es")
    } else if let Some(st) = consonant_y {
        format!("{st}ies")
    } else {
        format!("{head}s")
    };
    let base = head.strip_suffix('e').unwrap_or(head);
    let ed = if head.ends_with('e') {
        format!("{head}d")
    } else if let Some(st) = consonant_y {
        format!("{st}ied")
    } else {
        format!("{head}ed")
    };
    for f in [s, ed, format!("{base}ing")] {
        out.push(format!("{f}{rest}"));
    }
    // A short verb ending consonant–vowel–consonant doubles its last
    // letter ("tap" → "tapped", "ban" → "banning").
    let b = head.as_bytes();
    let vowel = |c: u8| b"aeiou".contains(&c);
    if (3..=4).contains(&b.len())
        && !vowel(b[b.len() - 1])
        && !b"wxy".contains(&b[b.len() - 1])
        && vowel(b[b.len() - 2])
        && !vowel(b[b.len() - 3])
    {
        let last = b[b.len() - 1] as char;
        out.push(format!("{head}{last}ed{rest}"));
        out.push(format!("{head}{last}ing{rest}"));
    }
    out
}

/// The first content word of a pattern side, or the members of a synset
/// standing there; `last` takes the side's last word (before the verb).
fn side_words(part: &str, last: bool, synsets: &HashMap<String, Vec<String>>) -> Vec<String> {
    let toks: Vec<&str> = part
        .split(|c: char| c.is_whitespace() || "(){}$%^=|".contains(c))
        .flat_map(|t| t.split('_'))
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .collect();
    let content = |t: &&str| {
        if t.starts_with('&') {
            return true;
        }
        let w = word(t);
        w.len() >= 3
            && !FUNCTION_WORDS.contains(&w.as_str())
            && w.chars().all(|c| c.is_alphabetic() || c == '-')
    };
    // An unknown synset is passed over (the next content word stands in).
    let mut it: Box<dyn Iterator<Item = &&str>> = if last {
        Box::new(toks.iter().rev())
    } else {
        Box::new(toks.iter())
    };
    it.find_map(|t| {
        if !content(t) {
            None
        } else if t.starts_with('&') {
            synsets.get(t.trim_end_matches('_')).cloned()
        } else {
            Some(vec![word(t)])
        }
    })
    .unwrap_or_default()
}

/// How many content words (or synsets) a pattern names, a braced phrase
/// counting as one.
fn content_words(p: &str) -> usize {
    let mut n = 0;
    let mut braced = false;
    for t in p.split(|c: char| c.is_whitespace() || "()$%^=|*".contains(c)) {
        let opens = t.starts_with('{');
        let closes = t.ends_with('}');
        let t = t.trim_matches(|c| c == '{' || c == '}');
        let w = word(t);
        let content = t.starts_with('&')
            || w.len() >= 3
                && !FUNCTION_WORDS.contains(&w.as_str())
                && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '_');
        if content && !braced {
            n += 1;
        }
        if opens && !closes {
            braced = true;
        }
        if closes {
            braced = false;
        }
    }
    n
}

fn pattern_words(p: &str, synsets: &HashMap<String, Vec<String>>) -> (Vec<String>, Vec<String>) {
    match p.split_once('*') {
        Some((b, a)) => (
            side_words(b, true, synsets),
            side_words(&group_head(a), false, synsets),
        ),
        None => (Vec::new(), side_words(&group_head(p), false, synsets)),
    }
}

/// A pattern side whose first braced group ("ON {&MILITARY PRESSURE}")
/// is reduced to the group's last word, its head ("pressure"): the first
/// word of a phrase is a modifier shared with unrelated patterns.
fn group_head(side: &str) -> String {
    let (Some(a), Some(z)) = (side.find('{'), side.find('}')) else {
        return side.to_string();
    };
    if z < a {
        return side.to_string();
    }
    let inner: Vec<&str> = side[a + 1..z].split_whitespace().collect();
    match inner.last() {
        Some(last) if inner.len() > 1 => format!("{} {}{}", &side[..a], last, &side[z + 1..]),
        _ => side.to_string(),
    }
}

/// Reads the synsets of a dictionary (`&NAME` then `+MEMBER` lines): each
/// member's first content word, lowercased (nested synsets expanded).
fn read_synsets(text: &str) -> HashMap<String, Vec<String>> {
    let mut raw: Vec<(String, Vec<String>)> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let t = line.split('#').next().unwrap_or("").trim();
        if let Some(name) = t.strip_prefix('&') {
            let name = name.split_whitespace().next().unwrap_or("");
            raw.push((format!("&{}", name.trim_end_matches('_')), Vec::new()));
            open = true;
        } else if let (true, Some(m)) = (open, t.strip_prefix('+')) {
            if let Some(last) = raw.last_mut() {
                last.1.push(m.trim().to_string());
            }
        } else {
            open = false;
        }
    }
    let names: HashMap<String, Vec<String>> = raw.iter().cloned().collect();
    let mut out = HashMap::new();
    for (name, members) in &raw {
        let mut words = Vec::new();
        for m in members {
            if m.starts_with('&') {
                // One level of nesting, as the dictionaries use.
                let inner = names
                    .get(m.trim_end_matches('_'))
                    .cloned()
                    .unwrap_or_default();
                words.extend(inner.iter().filter_map(|x| first_content(x)));
            } else if let Some(w) = first_content(m) {
                words.push(w);
            }
        }
        words.sort();
        words.dedup();
        out.insert(name.clone(), words);
    }
    out
}

fn first_content(m: &str) -> Option<String> {
    m.split(|c: char| c.is_whitespace() || c == '_')
        .map(word)
        .find(|w| {
            w.len() >= 3
                && !FUNCTION_WORDS.contains(&w.as_str())
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
        })
}

/// Reads the verb blocks of a PETRARCH verb dictionary. Lines it cannot
/// make sense of are skipped (the dictionary's own reader is as lenient).
pub fn read_verbs(text: &str) -> Vec<Block> {
    let synsets = read_synsets(text);
    let mut blocks: Vec<Block> = Vec::new();
    let mut in_verbs = false;
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim_end();
        let t = line.trim();
        if raw.contains("VERB PATTERNS") {
            in_verbs = true;
            continue;
        }
        if !in_verbs || t.is_empty() {
            continue;
        }
        if let Some(h) = t.strip_prefix("---") {
            let name = h.split('[').next().unwrap_or("").trim().to_string();
            blocks.push(Block {
                name,
                code: code_of(h).flatten(),
                ..Block::default()
            });
            continue;
        }
        let Some(b) = blocks.last_mut() else { continue };
        if let Some(p) = t.strip_prefix('-') {
            let Some(code) = code_of(p) else { continue };
            let body = p.split('[').next().unwrap_or("");
            let (before, after) = pattern_words(body, &synsets);
            if !before.is_empty() || !after.is_empty() {
                b.patterns.push(Pattern {
                    before,
                    after,
                    code,
                    qualified: content_words(body) > 1,
                });
            }
            continue;
        }
        if t.starts_with('&') || t.starts_with('~') {
            continue;
        }
        // A verb form line: FORM [code]? {IRREGULAR FORMS}?
        let own = code_of(t).flatten();
        let head = t.split(['[', '{']).next().unwrap_or("").trim();
        if head.is_empty() || head.contains(' ') {
            continue;
        }
        let w = word(head);
        let mut forms = inflections(&w);
        if let (Some(a), Some(z)) = (t.find('{'), t.find('}')) {
            if a < z {
                forms.extend(t[a + 1..z].split_whitespace().map(word));
            }
        }
        for f in forms {
            if !b.forms.iter().any(|(g, _)| *g == f) {
                b.forms.push((f, own.clone()));
            }
        }
    }
    blocks
}

/// The CAMEO → PLOVER table's rows as `(category, words)`: each code's
/// mode and context words with its description ("073: AID, , humanitarian
/// # Provide humanitarian aid" → AID, "humanitarian Provide humanitarian
/// aid"), to stand beside the PLOVER codebook's definitions.
pub fn cameo2plover_descriptions(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.lines() {
        let (row, about) = line.split_once('#').unwrap_or((line, ""));
        let Some((code, rest)) = row.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.len() < 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let mut fields = rest.split(',');
        let cat = fields.next().unwrap_or("").trim();
        if cat.is_empty() {
            continue;
        }
        let words: Vec<&str> = fields.map(str::trim).filter(|f| !f.is_empty()).collect();
        out.push((
            cat.to_string(),
            format!("{} {}", words.join(" "), about.trim()),
        ));
    }
    out
}

/// Reads the CAMEO → PLOVER table: code → PLOVER category.
pub fn read_cameo2plover(text: &str) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("");
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let code = code.trim();
        let cat = rest.split(',').next().unwrap_or("").trim();
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) || cat.is_empty() {
            continue;
        }
        // Two-digit roots shared by two categories (08) stay unresolved:
        // their three-digit codes say which.
        if code.len() == 2 && m.contains_key(code) {
            m.insert(code.to_string(), String::new());
            continue;
        }
        m.insert(code.to_string(), cat.to_string());
    }
    m.retain(|_, v| !v.is_empty());
    m
}

/// The PLOVER category of a CAMEO code: the table's entry for the code, or
/// for its longest listed prefix; `None` for codes PLOVER drops (01, 02).
pub fn plover_of<'a>(table: &'a HashMap<String, String>, code: &str) -> Option<&'a str> {
    (2..=code.len())
        .rev()
        .find_map(|n| table.get(code.get(..n)?))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DICT: &str = "# header\n&PROPOSAL\n+PROPOSAL\n+PEACE_PLAN\n\n\
        ####### VERB PATTERNS #######\n\
        ---  KILL   [190]  ---\n\
        KILL  # comment\n\
        SLAY {SLAYS SLAIN SLAYING}\n\
        STRANGLE  [180]\n\
        +SHOOT_DOWN {+SHOT_DOWN }\n\
        - * (DURING ARREST)  [175]  # KILL\n\
        - FLOOD *   [---]\n\
        - * &PROPOSAL  [120]\n\
        ---  RUSH   [---]  ---\n\
        RUSH\n\
        - * &MILITARY (TO BORDER)  [154]\n\
        - * ON {ECONOMIC PRESSURE}  [138]\n";

    #[test]
    fn reads_blocks_forms_and_patterns() {
        let b = read_verbs(DICT);
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].code.as_deref(), Some("190"));
        let has = |f: &str| b[0].forms.iter().any(|(g, _)| g == f);
        assert!(has("killed") && has("kills") && has("killing") && has("slain"));
        assert!(has("shoot down") && has("shot down"));
        let strangle = b[0].forms.iter().find(|(g, _)| g == "strangled").unwrap();
        assert_eq!(strangle.1.as_deref(), Some("180"));
        assert_eq!(
            b[0].patterns[0],
            Pattern {
                before: vec![],
                after: vec!["arrest".into()],
                code: Some("175".into()),
                qualified: false,
            }
        );
        assert_eq!(b[0].patterns[1].before, ["flood"]);
        assert_eq!(b[0].patterns[1].code, None);
        assert_eq!(b[0].patterns[2].after, ["peace", "proposal"]);
        assert_eq!(b[1].code, None);
        assert_eq!(b[1].patterns[0].after, ["border"]);
        // A braced phrase stands for its head, its last word.
        assert_eq!(b[1].patterns[1].after, ["pressure"]);
        // A pattern that names more than the word kept is qualified; a
        // braced phrase counts as one word.
        assert!(b[1].patterns[0].qualified);
        assert!(!b[1].patterns[1].qualified);
        assert!(!b[0].patterns[1].qualified);
    }

    #[test]
    fn maps_codes_to_plover() {
        let t = read_cameo2plover(
            "# c\n08: CONCEDE\n080: CONCEDE,  , # Yield\n08: RETREAT\n0871: RETREAT, ceasefire, military # x\n19: ASSAULT\n",
        );
        assert_eq!(plover_of(&t, "0871"), Some("RETREAT"));
        assert_eq!(plover_of(&t, "080"), Some("CONCEDE"));
        assert_eq!(plover_of(&t, "086"), None);
        assert_eq!(plover_of(&t, "193"), Some("ASSAULT"));
        assert_eq!(plover_of(&t, "010"), None);
        let d = cameo2plover_descriptions(
            "# c\n07: AID\n073: AID,   ,   humanitarian # Provide humanitarian aid\n",
        );
        assert_eq!(
            d,
            [(
                "AID".to_string(),
                "humanitarian Provide humanitarian aid".to_string()
            )]
        );
    }

    #[test]
    fn inflects_regular_verbs() {
        assert_eq!(inflections("carry out")[2], "carried out");
        assert_eq!(inflections("seize")[2], "seized");
        assert_eq!(inflections("seize")[3], "seizing");
        assert_eq!(inflections("push")[1], "pushes");
        assert!(inflections("tap").contains(&"tapped".to_string()));
        assert!(inflections("ban").contains(&"banning".to_string()));
        assert!(!inflections("visit").contains(&"visitted".to_string()));
    }
}
