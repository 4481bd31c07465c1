//! The scanning engine: the patterns of [`DETECTORS`] in a few multi-pattern lazy DFAs
//! (leftmost-first; forward for the end, anchored reverse for the start), merged into what one
//! search over all patterns would give; validators run only on candidates.
//!
//! - Groups: one automaton over every pattern builds states for every combination of partial
//!   matches and never settles on mixed text; a few automata over consecutive ranges of the
//!   table each settle at a few hundred KB ([`GROUP_STARTS`]). Each group's next candidate is
//!   kept and a group is searched again only once the scan has passed it.
//! - Gate: detectors that need a context word (`passport`, `routing`, `dob`, ...) are one more
//!   automaton, searched only shortly after a context word; elsewhere its candidates (every
//!   timestamp looks like a driver's licence number) could never be confirmed.
//! - When a candidate fails its validator (a Luhn-failing 16-digit number), the later detectors
//!   are tried at the same position — only in the groups whose candidate starts there, from
//!   that candidate's detector on, others with their own anchored regex, built on first need —
//!   before the scan moves on by one character: never a lower-priority detection lost behind a
//!   rejected one.

use std::cell::RefCell;
use std::sync::OnceLock;

use regex_automata::hybrid::dfa;
use regex_automata::hybrid::regex::{Cache, Regex};
use regex_automata::nfa::thompson;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, Match};

use super::detectors::{contains_ignore_case, Candidate, Detector, CONTEXT_WINDOW, DETECTORS, MARKER, VETO_WINDOW};
use super::Detection;

/// Lazy DFA cache: big enough for a group's working set on mixed text, so it is not cleared
/// over and over.
const HYBRID_CACHE: usize = 8 << 20;

/// ASCII patterns over UTF-8 text: Unicode mode off (no tables in the wasm, `\d` is 0-9).
/// Matches could then in principle end inside a multi-byte character; [`confirm`] rejects
/// any span that is not on character boundaries.
///
/// The lazy DFAs are used directly (forward DFA for the end, anchored reverse DFA for the
/// start, as `meta::Regex` does with them), without the meta regex around them: no cache pool
/// per search, and no meta strategies, PikeVM or literal machinery in the wasm. Configured so a
/// search cannot fail: no quit bytes (no Unicode word boundary), never giving up on a cache
/// that is cleared often, and only `Anchored::No` / `Anchored::Yes` searches.
fn builder() -> regex_automata::hybrid::regex::Builder {
    let mut b = Regex::builder();
    b.syntax(syntax::Config::new().unicode(false).utf8(false))
        .thompson(thompson::Config::new().utf8(false).which_captures(thompson::WhichCaptures::None))
        .dfa(dfa::Config::new().cache_capacity(HYBRID_CACHE));
    b
}

/// The leftmost-first match of `re` in `input` (`None` also for a search error, which the
/// configuration of [`builder`] rules out).
fn find(re: &Regex, cache: &mut Cache, input: &Input) -> Option<Match> {
    re.try_search(cache, input).ok().flatten()
}

/// The lazy DFAs' caches (transition tables built so far) of every automaton of the engine,
/// kept between scans on the thread: a warm scan builds no states.
struct Caches {
    groups: Vec<Cache>,
    words: Cache,
    /// Of [`single`], created on first need.
    single: Vec<Option<Cache>>,
}

impl Caches {
    fn new(e: &Engine) -> Caches {
        Caches {
            groups: e.groups.iter().map(|g| g.re.create_cache()).collect(),
            words: e.context_words.create_cache(),
            single: DETECTORS.iter().map(|_| None).collect(),
        }
    }
}

thread_local! {
    static CACHES: RefCell<Option<Caches>> = const { RefCell::new(None) };
}

/// Where each automaton's share of [`DETECTORS`] begins (consecutive ranges, in table order;
/// the detectors that need context words go to one automaton of their own, see [`Engine`]).
///
/// One automaton over all patterns is a product of every pattern's partial matches: on mixed
/// text its lazy DFA never stops building states (8 MB of them per MB of text, 5 MB/s). Split
/// into these few groups, each DFA settles at a few hundred KB and runs at hundreds of MB/s;
/// the boundaries are where adding the next pattern made a group's state count jump
/// (`cargo test --release --lib scan_groups -- --ignored --nocapture` prints it per group).
const GROUP_STARTS: &[usize] = &[0, 13, 19, 34, 38];

/// One automaton over some detectors (in table order).
struct Group {
    /// Index in [`DETECTORS`] of each of the automaton's patterns.
    ids: Vec<usize>,
    re: Regex,
    /// Its detectors all need a context word: searched only where one is near (see [`Gate`]).
    gated: bool,
}

/// The compiled scanner.
struct Engine {
    groups: Vec<Group>,
    /// The group of each detector.
    group_of: Vec<usize>,
    /// Every context word of the gated detectors, in any ASCII case.
    context_words: Regex,
    /// The longest context word (bytes).
    longest_word: usize,
}

fn engine() -> Option<&'static Engine> {
    static ENGINE: OnceLock<Option<Engine>> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let gated = |i: &usize| DETECTORS.get(*i).is_some_and(|d| !d.context.is_empty());
            let mut sets: Vec<(Vec<usize>, bool)> = Vec::new();
            for (n, &first) in GROUP_STARTS.iter().enumerate() {
                let last = GROUP_STARTS.get(n + 1).copied().unwrap_or(DETECTORS.len());
                sets.push(((first..last).filter(|i| !gated(i)).collect(), false));
            }
            sets.push(((0..DETECTORS.len()).filter(gated).collect(), true));
            let mut groups = Vec::new();
            let mut group_of = vec![0; DETECTORS.len()];
            for (ids, gated) in sets.into_iter().filter(|(ids, _)| !ids.is_empty()) {
                let patterns: Vec<&str> = ids.iter().filter_map(|&i| DETECTORS.get(i)).map(|d| d.pattern).collect();
                for &i in &ids {
                    *group_of.get_mut(i)? = groups.len();
                }
                groups.push(Group { ids, re: builder().build_many(&patterns).ok()?, gated });
            }
            let mut pattern = String::from("(?i)");
            let mut longest_word = 0;
            for (n, w) in DETECTORS.iter().flat_map(|d| d.context.iter()).enumerate() {
                pattern.push_str(if n == 0 { "" } else { "|" });
                for c in w.chars() {
                    if c.is_ascii_punctuation() {
                        pattern.push('\\');
                    }
                    pattern.push(c);
                }
                longest_word = longest_word.max(w.len());
            }
            let context_words = builder().build(&pattern).ok()?;
            Some(Engine { groups, group_of, context_words, longest_word })
        })
        .as_ref()
}

/// Where the gated detectors can possibly be confirmed: a candidate needs one of its context
/// words within [`CONTEXT_WINDOW`] bytes before it, so only starts shortly after a context word
/// are searched. The words are found once per text (leftmost-first, so a word overlapping an
/// earlier one is not reported: each reach runs from a word's start over the window, a char's
/// worth of slack and the longest word, which covers any word that overlaps it).
struct Gate {
    /// Start of every context word found.
    words: Vec<usize>,
    /// How far after a word's start a candidate may start.
    reach: usize,
}

impl Gate {
    fn new(e: &Engine, cache: &mut Cache, text: &str) -> Gate {
        let mut words = Vec::new();
        let mut at = 0;
        while let Some(m) = find(&e.context_words, cache, &Input::new(text).range(at..)) {
            words.push(m.start());
            at = m.end().max(m.start() + 1);
        }
        Gate { words, reach: CONTEXT_WINDOW + 4 + e.longest_word }
    }

    /// The leftmost match of `re` at or after `from` that starts within reach of a word.
    fn search(&self, re: &Regex, cache: &mut Cache, text: &str, mut from: usize) -> Option<Match> {
        loop {
            // The first word whose reach ends at or after `from` (reaches are sorted).
            let k = self.words.partition_point(|&w| w + self.reach < from);
            let &w = self.words.get(k)?;
            let m = find(re, cache, &Input::new(text).range(from.max(w)..))?;
            if m.start() <= w + self.reach {
                return Some(m);
            }
            // Nothing matches before m.start(): go on from there, with the next words.
            from = m.start();
        }
    }
}

fn single(i: usize) -> Option<&'static Regex> {
    static ONE: OnceLock<Vec<OnceLock<Option<Regex>>>> = OnceLock::new();
    let cells = ONE.get_or_init(|| DETECTORS.iter().map(|_| OnceLock::new()).collect());
    cells.get(i)?.get_or_init(|| DETECTORS.get(i).and_then(|d| builder().build(d.pattern).ok())).as_ref()
}

/// Detector `i`'s own anchored match at `start` (its end).
fn single_at(caches: &mut Caches, text: &str, i: usize, start: usize) -> Option<usize> {
    let re = single(i)?;
    let cache = caches.single.get_mut(i)?.get_or_insert_with(|| re.create_cache());
    find(re, cache, &Input::new(text).range(start..).anchored(Anchored::Yes)).map(|m| m.end())
}

/// Whether the scanner compiled (a test keeps it so; if it ever did not, redaction refuses to
/// run rather than pass text through unscanned).
pub fn ready() -> bool {
    engine().is_some()
}

/// The largest char boundary `<= i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The `len` bytes before `start` (from a char boundary).
fn window(text: &str, start: usize, len: usize) -> &str {
    let from = floor_boundary(text, start.saturating_sub(len));
    text.get(from..start).unwrap_or("")
}

/// Context words and veto words are compared in any ASCII case, in place: no lower-cased copy
/// of the window per candidate.
fn context_ok(d: &Detector, text: &str, start: usize) -> bool {
    if !d.context.is_empty() {
        let w = window(text, start, CONTEXT_WINDOW);
        // Context counts within the same line and sentence only (ASCII separators: the cut is
        // on a char boundary).
        let b = w.as_bytes();
        let line = b.iter().rposition(|&c| c == b'\n' || c == b';').map_or(0, |i| i + 1);
        let sentence = b.windows(2).rposition(|p| p == b". ").map_or(0, |i| i + 2);
        let w = w.get(line.max(sentence)..).unwrap_or("");
        if !d.context.iter().any(|word| contains_ignore_case(w, word)) {
            return false;
        }
    }
    if !d.veto.is_empty() {
        let w = window(text, start, VETO_WINDOW);
        let last = w.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '#' | '=' | '-')).rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if d.veto.iter().any(|v| v.eq_ignore_ascii_case(last)) {
            return false;
        }
    }
    true
}

/// Runs detector `i` on a candidate: context, validator, and for assignments the specific
/// kind of the value.
fn confirm(caches: &mut Caches, i: usize, text: &str, start: usize, end: usize) -> Option<Detection> {
    let d = DETECTORS.get(i)?;
    if !context_ok(d, text, start) {
        return None;
    }
    let (s, e) = (d.check)(&Candidate { text, start, end })?;
    if s >= e || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
        return None;
    }
    let mut kind = d.kind;
    if d.refine_kind {
        if let Some(specific) = specific_secret(caches, text, s, e) {
            kind = specific;
        }
    }
    Some(Detection { start: s, end: e, kind })
}

/// The kind of a specific secret detector matching exactly `text[s..e]`, if any.
fn specific_secret(caches: &mut Caches, text: &str, s: usize, e: usize) -> Option<&'static str> {
    let input = Input::new(text).range(s..e).anchored(Anchored::Yes);
    // The first detector matching there, over the groups that can hold a specific secret.
    let last = DETECTORS.iter().rposition(|d| !d.refine_kind && d.kind.starts_with("secret."))?;
    let (i, m) = engine()?
        .groups
        .iter()
        .zip(caches.groups.iter_mut())
        .filter(|(g, _)| g.ids.first().is_some_and(|&f| f <= last))
        .filter_map(|(g, cache)| find(&g.re, cache, &input).and_then(|m| Some((*g.ids.get(m.pattern().as_usize())?, m))))
        .min_by_key(|(i, _)| *i)?;
    let d = DETECTORS.get(i)?;
    if m.end() != e || d.refine_kind || !d.kind.starts_with("secret.") {
        return None;
    }
    (d.check)(&Candidate { text, start: s, end: e }).filter(|&(a, b)| a == s && b == e).map(|_| d.kind)
}

/// The next candidate of one group: the leftmost match at or after the position it was
/// searched from (`None`: there is none). It stays the answer for any later position up to its
/// start, so a group is searched again only once the scan has passed its candidate.
#[derive(Clone, Copy)]
struct Next {
    found: Option<(usize, usize, usize)>,
    fresh: bool,
}

/// Every detection in `text`, in order, non-overlapping, byte offsets on char boundaries.
///
/// Equivalent to one leftmost-first search over all patterns: the candidate is the leftmost
/// start over the groups, the earliest detector on a tie. When it is rejected, the later
/// detectors are tried at the same start: a group whose next candidate starts elsewhere has no
/// pattern matching there, and its candidate's detector is the first of the group that does.
/// (The gated group skips only starts where none of its detectors could be confirmed.)
pub fn scan(text: &str) -> Vec<Detection> {
    let Some(eng) = engine() else { return Vec::new() };
    // The thread's caches, taken out for the scan and put back after (a scan never runs inside
    // another, but if one ever did it would simply use fresh caches).
    let mut caches = CACHES.with(|c| c.borrow_mut().take()).unwrap_or_else(|| Caches::new(eng));
    let out = scan_with(eng, &mut caches, text);
    CACHES.with(|c| *c.borrow_mut() = Some(caches));
    out
}

fn scan_with(eng: &Engine, caches: &mut Caches, text: &str) -> Vec<Detection> {
    let mut out = Vec::new();
    let groups = &eng.groups;
    let mut gate: Option<Gate> = None;
    let mut next = vec![Next { found: None, fresh: false }; groups.len()];
    let mut at = 0;
    while at < text.len() {
        let mut best: Option<(usize, usize, usize)> = None;
        for ((g, n), cache) in groups.iter().zip(next.iter_mut()).zip(caches.groups.iter_mut()) {
            if !n.fresh || n.found.is_some_and(|(s, _, _)| s < at) {
                let m = if g.gated {
                    gate.get_or_insert_with(|| Gate::new(eng, &mut caches.words, text)).search(&g.re, cache, text, at)
                } else {
                    find(&g.re, cache, &Input::new(text).range(at..))
                };
                n.found = m.and_then(|m| Some((m.start(), *g.ids.get(m.pattern().as_usize())?, m.end())));
                n.fresh = true;
            }
            if let Some(f) = n.found {
                if best.is_none_or(|b| (f.0, f.1) < (b.0, b.1)) {
                    best = Some(f);
                }
            }
        }
        let Some((start, pid, end)) = best else { break };
        let mut found = confirm(caches, pid, text, start, end);
        if found.is_none() {
            for j in pid + 1..DETECTORS.len() {
                let Some(Some((s, first_here, e))) = eng.group_of.get(j).and_then(|&g| next.get(g)).map(|n| n.found) else { continue };
                if s != start || j < first_here {
                    continue;
                }
                let m_end = if j == first_here { Some(e) } else { single_at(caches, text, j, start) };
                if let Some(m_end) = m_end {
                    found = confirm(caches, j, text, start, m_end);
                    if found.is_some() {
                        break;
                    }
                }
            }
        }
        let next_char = start + text.get(start..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
        match found {
            Some(d) => {
                at = d.end.max(next_char);
                if d.kind != MARKER {
                    out.push(d);
                }
            }
            None => at = next_char,
        }
    }
    out
}

/// The labelled corpus generator (for the ignored `scan_groups` measurement).
#[cfg(test)]
#[path = "../../tests/support/corpus.rs"]
mod corpus;

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, String)> {
        scan(text).into_iter().map(|d| (d.kind, text[d.start..d.end].to_string())).collect()
    }

    use super::corpus;

    /// Lazy-DFA states one automaton builds over a text (KB after a first pass) and its speed
    /// on a second pass (MB/s).
    fn automaton_cost(patterns: &[&str], text: &str) -> (usize, f64) {
        use regex_automata::hybrid::{dfa, regex::Regex as Hybrid};
        let re = Hybrid::builder()
            .syntax(regex_automata::util::syntax::Config::new().unicode(false).utf8(false))
            .dfa(dfa::Config::new().cache_capacity(64 << 20))
            .build_many(patterns)
            .unwrap();
        let mut cache = re.create_cache();
        re.find_iter(&mut cache, text).count();
        let t = std::time::Instant::now();
        re.find_iter(&mut cache, text).count();
        (cache.memory_usage() / 1024, text.len() as f64 / 1e6 / t.elapsed().as_secs_f64())
    }

    /// `cargo test --release --lib scan_groups -- --ignored --nocapture`: lazy-DFA states and
    /// speed of each group of [`GROUP_STARTS`] and of one automaton over all patterns, on the
    /// 1 MB mixed corpus, then the whole scan. How the group boundaries were chosen.
    #[test]
    #[ignore]
    fn scan_groups() {
        let text = corpus::mixed_text(1_000_000);
        let all: Vec<&str> = DETECTORS.iter().map(|d| d.pattern).collect();
        for g in &engine().unwrap().groups {
            let patterns: Vec<&str> = g.ids.iter().map(|&i| all[i]).collect();
            let (kb, mbs) = automaton_cost(&patterns, &text);
            println!("detectors {:?}{}: {kb} KB of states, {mbs:.1} MB/s", g.ids, if g.gated { " (gated)" } else { "" });
        }
        let (kb, mbs) = automaton_cost(&all, &text);
        println!("all in one:      {kb:6} KB of states, {mbs:6.1} MB/s");
        scan(&text);
        let t = std::time::Instant::now();
        let n = scan(&text).len();
        println!("scan: {n} spans, {:.1} MB/s", text.len() as f64 / 1e6 / t.elapsed().as_secs_f64());
    }

    #[test]
    fn compiles() {
        assert!(ready());
        assert!(GROUP_STARTS.first() == Some(&0) && GROUP_STARTS.windows(2).all(|w| w[0] < w[1]) && GROUP_STARTS.last() < Some(&DETECTORS.len()));
        for i in 0..DETECTORS.len() {
            assert!(single(i).is_some(), "{}", DETECTORS[i].pattern);
        }
    }

    #[test]
    fn finds_the_planted_values() {
        let cases: &[(&str, &str, &str)] = &[
            ("mail jane.doe@acme-corp.com now", "pii.email", "jane.doe@acme-corp.com"),
            ("call (415) 555-2671 today", "pii.phone", "(415) 555-2671"),
            ("intl +44 20 7946 0958.", "pii.phone", "+44 20 7946 0958"),
            ("SSN 123-45-6789", "pii.us_ssn", "123-45-6789"),
            ("card 4111 1111 1111 1111 exp", "pii.credit_card", "4111 1111 1111 1111"),
            ("IBAN GB82 WEST 1234 5698 7654 32", "pii.iban", "GB82 WEST 1234 5698 7654 32"),
            ("routing number 021000021", "pii.us_bank_routing", "021000021"),
            ("ssn: 123456789", "pii.us_ssn", "123456789"),
            ("DOB: 04/12/1986", "pii.date_of_birth", "04/12/1986"),
            ("ship to 1600 Pennsylvania Avenue, Washington, DC 20500 asap", "pii.postal_address", "1600 Pennsylvania Avenue, Washington, DC 20500"),
            ("From: Jane Doe <jane@acme-corp.com>", "pii.person_name", "Jane Doe"),
            ("Dear Mr. Smith,", "pii.person_name", "Smith"),
            ("key AKIAIOSFODNN7EXAMPLE used", "secret.aws_access_key", "AKIAIOSFODNN7EXAMPLE"),
            ("token ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked", "secret.github_token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
            ("password=hunter2!", "secret.password", "hunter2!"),
            ("postgres://admin:s3cr3t@db.internal/x", "secret.password", "s3cr3t"),
            ("Authorization: Bearer abcdefABCDEF0123456789xyz", "secret.bearer_token", "abcdefABCDEF0123456789xyz"),
            ("api_key = \"Zx81Lq0vB7nT4kW2rY6u\"", "secret.generic", "Zx81Lq0vB7nT4kW2rY6u"),
            ("api_key=sk-proj-abcdefghijklmnopqrstuvwxyz012345", "secret.openai_key", "sk-proj-abcdefghijklmnopqrstuvwxyz012345"),
            ("beacon to hxxps://evil-cdn[.]example/p?id=1.", "ioc.url", "hxxps://evil-cdn[.]example/p?id=1"),
            ("resolved exfil-cdn[.]example via", "ioc.domain", "exfil-cdn[.]example"),
            ("from 198.51.100[.]7 and", "ioc.ipv4", "198.51.100[.]7"),
            ("to 2001:db8::1 and", "ioc.ipv6", "2001:db8::1"),
            ("mac 00:1A:2b:3c:4d:5e", "ioc.mac_address", "00:1A:2b:3c:4d:5e"),
            ("md5 d41d8cd98f00b204e9800998ecf8427e", "ioc.hash", "d41d8cd98f00b204e9800998ecf8427e"),
        ];
        for (text, kind, value) in cases {
            let got = kinds(text);
            assert!(got.iter().any(|(k, v)| k == kind && v == value), "{text}: {got:?}");
        }
    }

    /// The gate around context words must never cut what `confirm` accepts: a context word at
    /// the far end of the window still counts, one byte further it does not.
    #[test]
    fn context_words_count_across_the_whole_window() {
        for word in ["passport", "PASSPORT", "Passport"] {
            let at_edge = format!("{word}{}C12345678", " ".repeat(CONTEXT_WINDOW - word.len()));
            assert_eq!(kinds(&at_edge), [("pii.us_passport", "C12345678".to_string())], "{at_edge}");
            let beyond = format!("{word}{}C12345678", " ".repeat(CONTEXT_WINDOW - word.len() + 1));
            assert!(kinds(&beyond).is_empty(), "{beyond}");
        }
        // Several words and candidates in a row, the words overlapping each other.
        let text = "birthdate of birth 01/02/1990, dob 03/04/1985 and ssn 123 45 6789";
        assert_eq!(kinds(text).len(), 3, "{:?}", kinds(text));
    }

    #[test]
    fn tricky_negatives() {
        for text in [
            "version 1.2.3.4 released 2024-03-15",
            "commit 3f9a1c2e3f9a1c2e3f9a1c2e3f9a1c2e3f9a1c2e",
            "request 550e8400-e29b-41d4-a716-446655440000",
            "order 4111111111111112 shipped",
            "see https://example.com/docs and user@example.com",
            "std::fmt::Display at 10:15:30",
            "order number 5551234567",
            "read README.md and main.rs, e.g. config.json",
            "SSN 666-12-3456",
        ] {
            assert!(kinds(text).is_empty(), "{text}: {:?}", kinds(text));
        }
    }
}
