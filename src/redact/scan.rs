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

use super::detectors::{Candidate, Detector, CONTEXT_WINDOW, DETECTORS, MARKER, VETO_WINDOW};
use super::Detection;

fn combined() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        let patterns: Vec<&str> = DETECTORS.iter().map(|d| d.pattern).collect();
        Regex::new_many(&patterns).ok()
    })
    .as_ref()
}

fn single(i: usize) -> Option<&'static Regex> {
    static ONE: OnceLock<Vec<OnceLock<Option<Regex>>>> = OnceLock::new();
    let cells = ONE.get_or_init(|| DETECTORS.iter().map(|_| OnceLock::new()).collect());
    cells.get(i)?.get_or_init(|| DETECTORS.get(i).and_then(|d| Regex::new(d.pattern).ok())).as_ref()
}

/// Whether the scanner compiled (a test keeps it so; if it ever did not, redaction refuses to
/// run rather than pass text through unscanned).
pub fn ready() -> bool {
    combined().is_some()
}

/// The largest char boundary `<= i`.
fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn window(text: &str, start: usize, len: usize) -> String {
    let from = floor_boundary(text, start.saturating_sub(len));
    let from = if text.is_char_boundary(from) { from } else { 0 };
    text.get(from..start).unwrap_or("").to_ascii_lowercase()
}

fn context_ok(d: &Detector, text: &str, start: usize) -> bool {
    if !d.context.is_empty() {
        let w = window(text, start, CONTEXT_WINDOW);
        if !d.context.iter().any(|word| w.contains(word)) {
            return false;
        }
    }
    if !d.veto.is_empty() {
        let w = window(text, start, VETO_WINDOW);
        let last = w.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '#' | '=' | '-')).rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        if d.veto.contains(&last) {
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
    let re = combined()?;
    let m = re.search(&Input::new(text).range(s..e).anchored(Anchored::Yes))?;
    let i = m.pattern().as_usize();
    let d = DETECTORS.get(i)?;
    if m.end() != e || d.refine_kind || !d.kind.starts_with("secret.") {
        return None;
    }
    (d.check)(&Candidate { text, start: s, end: e }).filter(|&(a, b)| a == s && b == e).map(|_| d.kind)
}

/// Every detection in `text`, in order, non-overlapping, byte offsets on char boundaries.
pub fn scan(text: &str) -> Vec<Detection> {
    let mut out = Vec::new();
    let Some(re) = combined() else { return out };
    let mut at = 0;
    while at < text.len() {
        let Some(m) = re.search(&Input::new(text).range(at..)) else { break };
        let (start, pid) = (m.start(), m.pattern().as_usize());
        let mut found = confirm(pid, text, start, m.end());
        if found.is_none() {
            for j in pid + 1..DETECTORS.len() {
                let Some(one) = single(j) else { continue };
                if let Some(m2) = one.search(&Input::new(text).range(start..).anchored(Anchored::Yes)) {
                    found = confirm(j, text, start, m2.end());
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

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, String)> {
        scan(text).into_iter().map(|d| (d.kind, text[d.start..d.end].to_string())).collect()
    }

    #[test]
    fn compiles() {
        assert!(ready());
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
