//! The scanning engine: every pattern of [`DETECTORS`] in one meta regex (`new_many`), one
//! leftmost-first pass over the text with the lazy DFA; validators run only on candidates.
//!
//! When a candidate fails its validator (a Luhn-failing 16-digit number), the detectors after
//! it in the table are tried anchored at the same position — each with its own small regex,
//! built on first need — before the search moves on by one character. That keeps one pass for
//! the common case and never loses a lower-priority detection hidden behind a rejected one.

use std::sync::OnceLock;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};

use super::detectors::{contains_ignore_case, Candidate, Detector, CONTEXT_WINDOW, DETECTORS, MARKER, VETO_WINDOW};
use super::Detection;

/// Lazy DFA cache: big enough for the combined automaton's working set on mixed text, so it
/// is not cleared over and over (which makes the meta regex give up on it for the slow PikeVM).
const HYBRID_CACHE: usize = 8 << 20;

/// ASCII patterns over UTF-8 text: Unicode mode off (no tables in the wasm, `\d` is 0-9).
/// Matches could then in principle end inside a multi-byte character; [`confirm`] rejects
/// any span that is not on character boundaries.
fn builder() -> regex_automata::meta::Builder {
    let mut b = Regex::builder();
    b.configure(Regex::config().hybrid_cache_capacity(HYBRID_CACHE));
    b.syntax(regex_automata::util::syntax::Config::new().unicode(false).utf8(false));
    b
}

/// Where each automaton's share of [`DETECTORS`] begins (consecutive ranges, in table order).
///
/// One automaton over all patterns is a product of every pattern's partial matches: on mixed
/// text its lazy DFA never stops building states (8 MB of them per MB of text, 5 MB/s). Split
/// into these few groups, each DFA settles at a few hundred KB and runs at hundreds of MB/s;
/// the boundaries are where adding the next pattern made a group's state count jump
/// (`cargo test --release --lib scan_groups -- --ignored --nocapture` prints it per group).
const GROUP_STARTS: &[usize] = &[0, 13, 19, 34, 38];

/// One automaton: a consecutive range of the table.
struct Group {
    /// Index of the group's first detector in [`DETECTORS`].
    first: usize,
    re: Regex,
}

fn groups() -> Option<&'static [Group]> {
    static GROUPS: OnceLock<Option<Vec<Group>>> = OnceLock::new();
    GROUPS
        .get_or_init(|| {
            let mut out = Vec::new();
            for (n, &first) in GROUP_STARTS.iter().enumerate() {
                let last = GROUP_STARTS.get(n + 1).copied().unwrap_or(DETECTORS.len());
                let patterns: Vec<&str> = DETECTORS.get(first..last)?.iter().map(|d| d.pattern).collect();
                out.push(Group { first, re: builder().build_many(&patterns).ok()? });
            }
            Some(out)
        })
        .as_deref()
}

fn single(i: usize) -> Option<&'static Regex> {
    static ONE: OnceLock<Vec<OnceLock<Option<Regex>>>> = OnceLock::new();
    let cells = ONE.get_or_init(|| DETECTORS.iter().map(|_| OnceLock::new()).collect());
    cells.get(i)?.get_or_init(|| DETECTORS.get(i).and_then(|d| builder().build(d.pattern).ok())).as_ref()
}

/// Whether the scanner compiled (a test keeps it so; if it ever did not, redaction refuses to
/// run rather than pass text through unscanned).
pub fn ready() -> bool {
    groups().is_some()
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
fn confirm(i: usize, text: &str, start: usize, end: usize) -> Option<Detection> {
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
        if let Some(specific) = specific_secret(text, s, e) {
            kind = specific;
        }
    }
    Some(Detection { start: s, end: e, kind })
}

/// The kind of a specific secret detector matching exactly `text[s..e]`, if any.
fn specific_secret(text: &str, s: usize, e: usize) -> Option<&'static str> {
    let input = Input::new(text).range(s..e).anchored(Anchored::Yes);
    // Groups after the last specific secret cannot give one: not searched.
    let last = DETECTORS.iter().rposition(|d| !d.refine_kind && d.kind.starts_with("secret."))?;
    let (i, m) = groups()?.iter().take_while(|g| g.first <= last).find_map(|g| g.re.search(&input).map(|m| (g.first + m.pattern().as_usize(), m)))?;
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
pub fn scan(text: &str) -> Vec<Detection> {
    let mut out = Vec::new();
    let Some(groups) = groups() else { return out };
    let mut next = vec![Next { found: None, fresh: false }; groups.len()];
    let mut at = 0;
    while at < text.len() {
        let mut best: Option<(usize, usize, usize)> = None;
        for (g, n) in groups.iter().zip(next.iter_mut()) {
            if !n.fresh || n.found.is_some_and(|(s, _, _)| s < at) {
                n.found = g.re.search(&Input::new(text).range(at..)).map(|m| (m.start(), g.first + m.pattern().as_usize(), m.end()));
                n.fresh = true;
            }
            if let Some(f) = n.found {
                if best.is_none_or(|b| (f.0, f.1) < (b.0, b.1)) {
                    best = Some(f);
                }
            }
        }
        let Some((start, pid, end)) = best else { break };
        let mut found = confirm(pid, text, start, end);
        if found.is_none() {
            'later: for gi in 0..groups.len() {
                let Some(Some((s, first_here, e))) = next.get(gi).map(|n| n.found) else { continue };
                if s != start {
                    continue;
                }
                let last = groups.get(gi + 1).map_or(DETECTORS.len(), |h| h.first);
                for j in (pid + 1).max(first_here)..last {
                    let m_end = if j == first_here {
                        Some(e)
                    } else {
                        single(j).and_then(|one| one.search(&Input::new(text).range(start..).anchored(Anchored::Yes))).map(|m| m.end())
                    };
                    if let Some(m_end) = m_end {
                        found = confirm(j, text, start, m_end);
                        if found.is_some() {
                            break 'later;
                        }
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
        for (n, &first) in GROUP_STARTS.iter().enumerate() {
            let last = GROUP_STARTS.get(n + 1).copied().unwrap_or(all.len());
            let (kb, mbs) = automaton_cost(&all[first..last], &text);
            println!("detectors {first:2}..{last:2}: {kb:6} KB of states, {mbs:6.1} MB/s");
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
