//! The scanning engine: the patterns of [`DETECTORS`] in two anchored multi-pattern DFAs,
//! compiled into tables when the crate is built ([`crate::dfa`]), started only where a
//! detector can start; validators run only on candidates.
//!
//! - Starts: a table says which detectors can begin at a byte, given the class of the byte
//!   before it (text start, line feed, carriage return, word byte, other). It is read off the
//!   automata themselves on first use, so it can never disagree with a pattern. Most
//!   positions of a text (inside words, inside numbers) start nothing and cost one lookup.
//! - Where some detector can start, one anchored leftmost-first walk gives the first detector
//!   (table order) matching there and its end: what one unanchored leftmost-first search over
//!   every pattern gives at its leftmost match. An anchored automaton only tracks the patterns
//!   alive from one start, so fully determinized it has a few thousand states, where an
//!   unanchored one over all patterns would not fit any budget.
//! - Gate: detectors that need a context word (`passport`, `routing`, `dob`, ...) are the second
//!   automaton, started only shortly after a context word (found by one forward pass of a
//!   third automaton); elsewhere their candidates (every timestamp looks like a driver's licence
//!   number) could never be confirmed.
//! - When a candidate fails its validator (a Luhn-failing 16-digit number), the later detectors
//!   that can start there are tried at the same position, each with its own anchored start,
//!   before the scan moves on by one character: never a lower-priority detection lost behind a
//!   rejected one.

use std::sync::OnceLock;

use crate::detectors::{contains_ignore_case, Candidate, Detector, CONTEXT_WINDOW, DETECTORS, MARKER, VETO_WINDOW};
use crate::dfa::{before_class, Before, State, Table, BEFORE, BEFORE_CLASS, DEAD};
use crate::Detection;

include!(concat!(env!("OUT_DIR"), "/automata.rs"));

/// A set of detectors (bit `i`: `DETECTORS[i]`).
type Set = u64;

/// Where a walk may start: any pattern of its automaton, or one.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Anchored {
    Yes,
    Pattern(usize),
}

impl Anchored {
    /// The target's row in [`Table::starts`].
    fn target(self) -> usize {
        match self {
            Anchored::Yes => 0,
            Anchored::Pattern(k) => 1 + k,
        }
    }
}

/// The scanner's tables and what is read off them once.
struct Engine {
    /// Every detector that needs no context word.
    main: &'static Table,
    /// The detectors that need a context word: searched only where one is near (see [`Gate`]).
    gated: &'static Table,
    /// The automaton of each detector (`true`: gated) and its pattern there.
    place: Vec<(bool, usize)>,
    /// The detectors of `gated`.
    gated_set: Set,
    /// `starts[before][byte]`: the detectors that can start at `byte` after a byte of class
    /// `before` (rows beyond the classes stay empty: a power of two rows lets the hot loop
    /// index without bounds checks).
    starts: Box<[[Set; 256]; 8]>,
    /// Every context word of the gated detectors, in any ASCII case, reporting every end.
    context_words: &'static Table,
    /// The length of the longest context word.
    longest_word: usize,
}

const _: () = assert!(BEFORE.len() <= 8, "Engine::starts has 8 rows");

impl Engine {
    fn automaton(&self, gated: bool) -> &'static Table {
        if gated { self.gated } else { self.main }
    }
}

fn engine() -> Option<&'static Engine> {
    static ENGINE: OnceLock<Option<Engine>> = OnceLock::new();
    ENGINE.get_or_init(build).as_ref()
}

fn build() -> Option<Engine> {
    if DETECTORS.len() > Set::BITS as usize {
        return None;
    }
    let mut place = vec![None; DETECTORS.len()];
    let mut starts = Box::new([[0; 256]; 8]);
    for (gated, a) in [(false, &MAIN), (true, &GATED)] {
        for (k, &i) in a.ids.iter().enumerate() {
            *place.get_mut(i)? = Some((gated, k));
            let word_start = DETECTORS.get(i)?.word_start;
            for (c, row) in starts.iter_mut().take(BEFORE.len()).enumerate() {
                if word_start && c == Before::WordByte as usize {
                    continue;
                }
                let s = a.start(Anchored::Pattern(k).target(), u8::try_from(c).ok()?);
                if s == DEAD {
                    continue;
                }
                for (byte, set) in (0..=255u8).zip(row.iter_mut()) {
                    if a.next(s, byte) != DEAD {
                        *set |= 1 << i;
                    }
                }
            }
        }
    }
    // Every detector is in exactly one automaton.
    let place = place.into_iter().collect::<Option<Vec<_>>>()?;
    let gated_set = GATED.ids.iter().fold(0, |s, &i| s | 1 << i);
    let longest_word = DETECTORS.iter().flat_map(|d| d.context.iter()).map(|w| w.len()).max().unwrap_or(0);
    Some(Engine { main: &MAIN, gated: &GATED, place, gated_set, starts, context_words: &WORDS, longest_word })
}

/// The leftmost-first match of automaton `a` starting exactly at `from` and ending at or
/// before `bound` (`anchored`: any of its patterns, or one): the detector and the end.
///
/// Matches are seen one byte late (look-ahead for `\b`), so the byte at `bound`, or the end of
/// the text, is fed last.
#[inline(never)]
fn walk(a: &Table, b: &[u8], from: usize, bound: usize, anchored: Anchored) -> Option<(usize, usize)> {
    walk_inline(a, b, from, bound, anchored)
}

/// [`walk`], inlined into the scanner's hot loop (the walk of the main automaton at every
/// candidate start: a call there cost ~50 instructions per walk, 8 % of a scan).
///
/// The inner loop ([`run`]) is one table read and one comparison per byte (dead and match
/// states are numbered first); the pattern of a match is looked up once at the end, not at
/// every byte a match extends over.
#[inline(always)]
fn walk_inline(a: &Table, b: &[u8], from: usize, bound: usize, anchored: Anchored) -> Option<(usize, usize)> {
    let hay = b.get(..bound.min(b.len()))?;
    let mut s = a.start(anchored.target(), before_class(b, from));
    let mut last = None;
    let mut at = from;
    while at < hay.len() {
        (s, at) = run(a, hay, s, at);
        if s == DEAD {
            return last.and_then(|(m, end)| Some((a.detector(m)?, end)));
        }
        if a.is_match(s) {
            last = Some((s, at));
            at += 1;
        }
    }
    // The byte after the bound (or the end of the text) decides a match pending on look-ahead.
    let s = match b.get(hay.len()) {
        Some(&byte) => a.next(s, byte),
        None => a.next_eoi(s),
    };
    if a.is_match(s) {
        last = Some((s, hay.len()));
    }
    last.and_then(|(m, end)| Some((a.detector(m)?, end)))
}

/// Reads `hay` from `from` in state `s` until a dead or match state (returned with the
/// position of the byte that entered it) or the end (`hay.len()`, with the state after the
/// last byte).
///
/// An accelerated state ([`crate::dfa`]) is left by [`Table::leave`]: the bytes it loops on
/// are crossed without a transition each. Natively that made scans 1.08x as fast (paired runs
/// over the 1 MB corpus, faster in 25 of 30) for the same instructions: those bytes no longer
/// wait for each other's table read.
///
/// Natively a function of its own so that its loop keeps the table in registers (inlined into
/// the scanner's loop it reloaded them from the stack), one byte a turn: four a turn (before
/// acceleration, 10 instructions a byte where one took 14) now took 9 % more instructions here
/// and were 0.97x as fast, paired runs. In wasm the engine allocates registers itself and the
/// call is what costs: there it is inlined (node, 1 MB corpus, interleaved: scan 20.8 ms where
/// the call took 23.2, +0.5 KB gzipped), and four bytes a turn stay ([`run_by_four`]).
#[cfg(not(target_arch = "wasm32"))]
#[inline(never)]
fn run(a: &Table, hay: &[u8], s: State, from: usize) -> (State, usize) {
    run_by_one(a, hay, s, from)
}

/// [`run`] in wasm: four bytes a turn of the loop. Against the build before acceleration in
/// node, one byte a turn scanned 2–7 % slower (4 of 4 interleaved runs), four a turn 0–3 %
/// faster (3 of 3); presumably the loop's own instructions count for more there than the
/// reads' latency.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
fn run(a: &Table, hay: &[u8], s: State, from: usize) -> (State, usize) {
    run_by_four(a, hay, s, from)
}

/// [`run`], one byte a turn of the loop.
#[inline(always)]
fn run_by_one(a: &Table, hay: &[u8], mut s: State, from: usize) -> (State, usize) {
    let (step, matches, accelerated) = (a.stepper(), a.matches, a.accelerated);
    let mut at = from;
    while let Some(&byte) = hay.get(at) {
        s = step(s, byte);
        if s <= accelerated {
            if s <= matches {
                return (s, at);
            }
            at = a.leave(s, hay, at + 1);
        } else {
            at += 1;
        }
    }
    (s, hay.len())
}

/// [`run`], four bytes a turn of the loop while four are left, then [`run_by_one`] (compiled
/// natively too, so that the native tests check it against the one-byte loop).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
#[inline(always)]
fn run_by_four(a: &Table, hay: &[u8], mut s: State, from: usize) -> (State, usize) {
    let (step, matches, accelerated) = (a.stepper(), a.matches, a.accelerated);
    let mut at = from;
    'quads: while let Some(quad) = hay.get(at..at + 4) {
        for (i, &byte) in quad.iter().enumerate() {
            s = step(s, byte);
            if s <= accelerated {
                if s <= matches {
                    return (s, at + i);
                }
                at = a.leave(s, hay, at + i + 1);
                continue 'quads;
            }
        }
        at += 4;
    }
    run_by_one(a, hay, s, at)
}

/// Whether the scanner compiled (a test keeps it so; if it ever did not, redaction refuses to
/// run rather than pass text through unscanned).
pub fn ready() -> bool {
    engine().is_some()
}

/// Where the gated detectors can possibly be confirmed: a candidate needs one of its context
/// words within [`CONTEXT_WINDOW`] bytes before it (from a char boundary: up to 3 bytes more),
/// so only starts within that reach after the end of a context word are tried. The automaton
/// reports every end of every word (overlapping ones too), [`GATE_CHUNK`] bytes of text at a
/// time as the scan needs them ([`word_ends`]).
///
/// (Fed in the scanner's own loop instead, one table read more per byte there, it cost more:
/// that loop then kept neither automaton in registers.)
struct Gate {
    /// End of every context word from where the gate last began reading up to `covered`, in
    /// order.
    ends: Vec<usize>,
    /// The first end whose reach is not behind the scan.
    next: usize,
    /// Every end before this is in `ends` (or behind the scan's reach).
    covered: usize,
    /// How far ahead of a candidate it reads ([`GATE_CHUNK`]; tests try others).
    chunk: usize,
}

const GATE_REACH: usize = CONTEXT_WINDOW + 4;

/// How much text the gate reads ahead of the scan at a time: natively 16 KiB, so that a part of
/// a long text ([`parallel`]) reads little beyond its own text, and a scan that jumps ahead
/// does not read what it skips (each chunk costs its walks' lead, ~70 bytes, read twice). In
/// wasm (no parts) the whole text at once, as before the parts: in chunks of 64 KiB the scan
/// was ~3 % slower in node (interleaved runs, within the machine's swings but on the same side
/// every time).
const GATE_CHUNK: usize = if cfg!(target_arch = "wasm32") { usize::MAX / 2 } else { 1 << 14 };

/// How many walks [`word_ends`] runs at once: natively four (against two, 1.016–1.063 times
/// as fast, paired rounds), in wasm two (four were slower in two of three interleaved runs in
/// node, and 0.5 KB larger gzipped).
const WALKS: usize = if cfg!(target_arch = "wasm32") { 2 } else { 4 };

/// Appends to `ends` every end `e` of a match of `words` (unanchored) with `from <= e < to`, and
/// the text's end if the range is not empty, `to` is the text's end and a word ends there; no
/// word is longer than `longest` bytes.
///
/// [`WALKS`] parts of the range are read at once, by as many walks in one loop: each step's
/// table read waits for the one before, so one walk leaves the processor idle most of the
/// time, and several interleave. Each walk starts `longest + 1` bytes before its part (or at
/// the text's start), and each keeps only its part's ends: a word ending in a part starts
/// after the first byte of that part's walk, and the automaton has no look-behind, so the walk
/// sees the same ends there as one walk from the text's start.
#[inline(never)]
fn word_ends(words: &Table, b: &[u8], from: usize, to: usize, longest: usize, ends: &mut Vec<usize>) {
    let to = to.min(b.len());
    if from >= to {
        return;
    }
    let part = (to - from) / WALKS;
    // How far before its part a walk starts.
    let lead = longest + 1;
    let start = words.start(0, Before::TextStart as u8);
    let mut t = start;
    let mut at = from.saturating_sub(lead);
    if part > lead {
        let mut states = [start; WALKS];
        // Walk `k` reads `[begin[k], begin[k] + len)`, which ends where its part ends (the
        // first walk, begun at the text's start, may read further: what it keeps is its part's).
        let begin: [usize; WALKS] = std::array::from_fn(|k| (from + k * part).saturating_sub(lead));
        let len = part + lead;
        let texts: [&[u8]; WALKS] = std::array::from_fn(|k| b.get(begin[k]..to).unwrap_or_default());
        let mut found: [Vec<usize>; WALKS] = Default::default();
        let mut i = 0;
        while i < len {
            (states, i) = run_many(words, &texts, states, i, len);
            for k in 0..WALKS {
                let p = begin[k] + i;
                let mine = p >= from + k * part && (k + 1 == WALKS || p < from + (k + 1) * part);
                if i < len && words.is_match(states[k]) && mine {
                    found[k].push(p);
                }
            }
            i += 1;
        }
        for f in &mut found {
            ends.append(f);
        }
        // The last walk goes on alone to the range's end.
        (t, at) = (states[WALKS - 1], begin[WALKS - 1] + len);
    }
    let hay = b.get(..to).unwrap_or_default();
    while at < to {
        (t, at) = run(words, hay, t, at);
        if at < to && words.is_match(t) && at >= from {
            ends.push(at);
        }
        at += 1;
    }
    if to == b.len() && words.is_match(words.next_eoi(t)) {
        ends.push(b.len());
    }
}

/// [`run`] for several walks at once, each over its own text, from `from` until any walk is in
/// a dead or match state (returned with the position) or `to`.
#[inline(never)]
fn run_many(a: &Table, texts: &[&[u8]; WALKS], mut states: [State; WALKS], from: usize, to: usize) -> ([State; WALKS], usize) {
    let (step, matches) = (a.stepper(), a.matches);
    let to = texts.iter().fold(to, |n, t| n.min(t.len()));
    for i in from..to {
        let mut special = false;
        for (s, t) in states.iter_mut().zip(texts) {
            *s = step(*s, t.get(i).copied().unwrap_or(0));
            special |= *s <= matches;
        }
        if special {
            return (states, i);
        }
    }
    (states, to)
}

impl Gate {
    fn new(chunk: usize) -> Gate {
        Gate { ends: Vec::new(), next: 0, covered: 0, chunk }
    }

    /// Whether a candidate may start at `p` (calls come with `p` never decreasing).
    fn near(&mut self, e: &Engine, b: &[u8], p: usize) -> bool {
        while self.ends.get(self.next).is_some_and(|&e| e + GATE_REACH < p) {
            self.next += 1;
        }
        if p >= self.covered {
            // Ends more than the reach behind `p` can no longer open the gate: forget them, and
            // do not read the text before the reach.
            self.ends.drain(..self.next);
            self.next = 0;
            let from = self.covered.max(p.saturating_sub(GATE_REACH));
            self.covered = from.saturating_add(self.chunk).max(p + 1).min(b.len());
            word_ends(e.context_words, b, from, self.covered, e.longest_word, &mut self.ends);
        }
        self.ends.get(self.next).is_some_and(|&e| e <= p)
    }
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
    if d.word_start && before_class(text.as_bytes(), start) == Before::WordByte as u8 {
        return false;
    }
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
fn confirm(eng: &Engine, i: usize, text: &str, start: usize, end: usize) -> Option<Detection> {
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
        if let Some(specific) = specific_secret(eng, text, s, e) {
            kind = specific;
        }
    }
    Some(Detection { start: s, end: e, kind })
}

/// The kind of a specific secret detector matching exactly `text[s..e]`, if any.
fn specific_secret(eng: &Engine, text: &str, s: usize, e: usize) -> Option<&'static str> {
    let (i, end) = walk(eng.main, text.as_bytes(), s, e, Anchored::Yes)?;
    let d = DETECTORS.get(i)?;
    if end != e || d.refine_kind || !d.kind.starts_with("secret.") {
        return None;
    }
    (d.check)(&Candidate { text, start: s, end: e }).filter(|&(a, b)| a == s && b == e).map(|_| d.kind)
}

/// Every detection in `text`, in order, non-overlapping, byte offsets on char boundaries.
///
/// Equivalent to one leftmost-first search over all patterns: the candidate is the first
/// position where a detector matches, the earliest detector there. When it is rejected, the
/// later detectors are tried at the same start.
///
/// Natively a long text is scanned in parts on several threads ([`parallel`]), with the same
/// result.
pub fn scan(text: &str) -> Vec<Detection> {
    let Some(eng) = engine() else { return Vec::new() };
    #[cfg(not(target_arch = "wasm32"))]
    return parallel::scan(eng, text, parallel::parts(text.len()));
    #[cfg(target_arch = "wasm32")]
    scan_with(eng, text)
}

/// [`scan`] on at most `threads` threads (one: the plain scan): the same detections.
#[cfg(not(target_arch = "wasm32"))]
pub fn scan_on_threads(text: &str, threads: usize) -> Vec<Detection> {
    let Some(eng) = engine() else { return Vec::new() };
    parallel::scan(eng, text, parallel::parts(text.len()).min(threads))
}

/// Each text's [`scan`], the texts shared out among a thread per core when together they are
/// long enough.
#[cfg(not(target_arch = "wasm32"))]
pub fn scan_each(texts: &[&str]) -> Vec<Vec<Detection>> {
    let Some(eng) = engine() else { return texts.iter().map(|_| Vec::new()).collect() };
    parallel::scan_each(eng, texts)
}

/// Caps the threads of every later scan (see [`parallel`]; 0: one per core).
#[cfg(not(target_arch = "wasm32"))]
pub fn limit_threads(threads: usize) {
    parallel::limit_threads(threads);
}

/// Whether texts of `len` bytes in all would be scanned on more than one thread.
#[cfg(not(target_arch = "wasm32"))]
pub fn on_threads(len: usize) -> bool {
    parallel::parts(len) > 1
}

#[cfg(not(target_arch = "wasm32"))]
mod parallel;

/// The first candidate at or after `from`: its start, the detectors that can start there
/// (gate applied), and each automaton's match there (detector, end).
type Found = (usize, Set, Option<(usize, usize)>, Option<(usize, usize)>);

#[cfg_attr(not(target_arch = "wasm32"), inline(always))]
fn next_candidate(eng: &Engine, gate: &mut Gate, b: &[u8], from: usize) -> Option<Found> {
    let mut before = before_class(b, from);
    let gated = eng.gated_set;
    let starts = &*eng.starts;
    for (p, &byte) in b.iter().enumerate().skip(from) {
        let mut set = starts[usize::from(before) & 7][usize::from(byte)];
        before = BEFORE_CLASS[usize::from(byte)];
        if set == 0 {
            continue;
        }
        if set & gated != 0 && !gate.near(eng, b, p) {
            set &= !gated;
        }
        let main = if set & !gated != 0 { walk_inline(eng.main, b, p, b.len(), Anchored::Yes) } else { None };
        let in_gated = if set & gated != 0 { walk(eng.gated, b, p, b.len(), Anchored::Yes) } else { None };
        if main.is_some() || in_gated.is_some() {
            return Some((p, set, main, in_gated));
        }
    }
    None
}

/// A scan in progress: where it is, its gate, what it has found. The scan is a function of
/// where it is alone (the gate only caches what the text says): two scans that reach the same
/// candidate go on alike from there, which is what lets [`parallel`] splice parts.
struct Scanner<'t> {
    eng: &'static Engine,
    text: &'t str,
    /// Where the next candidate is looked for.
    at: usize,
    gate: Gate,
    out: Vec<Detection>,
}

impl<'t> Scanner<'t> {
    fn new(eng: &'static Engine, text: &'t str, at: usize) -> Scanner<'t> {
        Scanner { eng, text, at, gate: Gate::new(GATE_CHUNK), out: Vec::new() }
    }

    /// The next candidate (not yet decided).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn candidate(&mut self) -> Option<Found> {
        next_candidate(self.eng, &mut self.gate, self.text.as_bytes(), self.at)
    }

    /// Decides a candidate from [`Scanner::candidate`]: keeps its detection, if any, and moves
    /// on past it.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn take(&mut self, (start, set, main, gated): Found) {
        let (eng, text, b) = (self.eng, self.text, self.text.as_bytes());
        // Detectors in table order that match at `start`: the automata's answers first, then
        // each later detector the start table allows, with its own anchored walk.
        let first = [main, gated].into_iter().flatten().min();
        let mut found = None;
        if let Some((pid, end)) = first {
            found = confirm(eng, pid, text, start, end);
            let mut j = pid + 1;
            while found.is_none() && j < DETECTORS.len() {
                if set & 1 << j != 0 {
                    let Some(&(in_gated, k)) = eng.place.get(j) else { break };
                    let answer = if in_gated { gated } else { main };
                    // An automaton's answer is its first detector matching here: those before
                    // it in that automaton do not match.
                    let m_end = match answer {
                        Some((i, e)) if i == j => Some(e),
                        Some((i, _)) if i > j => None,
                        None => None,
                        Some(_) => walk(eng.automaton(in_gated), b, start, b.len(), Anchored::Pattern(k)).map(|(_, e)| e),
                    };
                    if let Some(m_end) = m_end {
                        found = confirm(eng, j, text, start, m_end);
                    }
                }
                j += 1;
            }
        }
        let next_char = start + text.get(start..).and_then(|s| s.chars().next()).map_or(1, char::len_utf8);
        match found {
            Some(d) => {
                self.at = d.end.max(next_char);
                if d.kind != MARKER {
                    self.out.push(d);
                }
            }
            None => self.at = next_char,
        }
    }
}

/// The whole scan on this thread.
fn scan_with(eng: &'static Engine, text: &str) -> Vec<Detection> {
    let mut s = Scanner::new(eng, text, 0);
    while let Some(found) = s.candidate() {
        s.take(found);
    }
    s.out
}

/// The labelled corpus generator (for the ignored `scan_groups` measurement).
#[cfg(test)]
#[path = "../../../tests/support/corpus.rs"]
pub(crate) mod corpus;

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, String)> {
        scan(text).into_iter().map(|d| (d.kind, text[d.start..d.end].to_string())).collect()
    }

    use super::corpus;

    /// `cargo test --release -p tearsheet-detect --lib scan_cost -- --ignored --nocapture`: the
    /// size of each table, how many positions the start table lets through over the 1 MB
    /// mixed corpus, and the scan's speed.
    #[test]
    #[ignore]
    fn scan_cost() {
        let text = corpus::mixed_text(1_000_000);
        let eng = engine().unwrap();
        let b = text.as_bytes();
        let starts = (0..b.len()).filter(|&p| {
            let before = before_class(b, p);
            eng.starts[before as usize][b[p] as usize] != 0
        });
        println!("positions where a detector can start: {} of {}", starts.count(), b.len());
        for (name, t) in [("main", &MAIN), ("gated", &GATED), ("words", &WORDS)] {
            println!("{name}: {} states, {} classes, {} KB", t.trans.len() >> t.shift, t.eoi, t.trans.len() * 2 / 1024);
        }
        scan(&text);
        let t = std::time::Instant::now();
        let n = scan(&text).len();
        println!("scan: {n} spans, {:.1} MB/s", text.len() as f64 / 1e6 / t.elapsed().as_secs_f64());
    }

    #[test]
    fn compiles() {
        assert!(ready());
        let eng = engine().unwrap();
        // Every detector can start somewhere, and is in exactly one automaton.
        for (i, d) in DETECTORS.iter().enumerate() {
            assert!(eng.starts.iter().any(|row| row.iter().any(|s| s & 1 << i != 0)), "{}", d.pattern);
        }
        let set = |t: &Table| t.ids.iter().fold(0u64, |s, &i| s | 1 << i);
        assert_eq!(set(&MAIN) & set(&GATED), 0);
        assert_eq!((set(&MAIN) | set(&GATED)).count_ones() as usize, DETECTORS.len());
        // Every row is whole and every transition names a row.
        for t in [&MAIN, &GATED, &WORDS] {
            let rows = t.trans.len() >> t.shift;
            assert_eq!(t.trans.len(), rows << t.shift);
            assert!(t.eoi < 1 << t.shift && t.classes.iter().all(|&c| usize::from(c) < t.eoi));
            assert!(t.trans.iter().all(|&s| usize::from(!s) < rows));
            assert_eq!(t.patterns.len(), usize::from(t.matches));
        }
    }

    /// Accelerated states loop on exactly the bytes their bit says, by the tables' own
    /// transitions; and [`run`] (one byte a turn natively), [`run_by_four`] (the wasm's) and a
    /// walk of one transition per byte with no acceleration stop at the same state and place,
    /// from every position of a mixed text, to its end and to a bound inside it.
    #[test]
    fn acceleration_agrees_with_the_transitions() {
        for t in [&MAIN, &GATED, &WORDS] {
            let n = t.accelerated - t.matches;
            assert!(n <= 64);
            for s in t.matches + 1..=t.accelerated {
                let bit = 1u64 << (s - t.matches - 1);
                for byte in 0..=255u8 {
                    assert_eq!(t.loop_bytes[usize::from(byte)] & bit != 0, t.next(s, byte) == s, "state {s}, byte {byte}");
                }
            }
            assert!(n == 64 || t.loop_bytes.iter().all(|&m| m >> n == 0));
        }
        // The inside of a word is accelerated, at least.
        assert!(MAIN.accelerated > MAIN.matches);
        let plain = |t: &Table, hay: &[u8], mut s: State, from: usize| {
            for (at, &byte) in hay.iter().enumerate().skip(from) {
                s = t.next(s, byte);
                if s <= t.matches {
                    return (s, at);
                }
            }
            (s, hay.len())
        };
        let mut text = corpus::mixed_text(20_000);
        text.push_str(" deadbeefcafe0123456789abcdef aGVsbG8gd29ybGQ= https://example.com/a/b?c=d");
        let b = text.as_bytes();
        let mut accelerated = 0;
        for t in [&MAIN, &GATED, &WORDS] {
            for p in 0..b.len() {
                let s = t.start(0, before_class(b, p));
                for bound in [b.len(), (p + 7).min(b.len())] {
                    let hay = &b[..bound];
                    let want = plain(t, hay, s, p);
                    assert_eq!(run(t, hay, s, p), want, "run from {p} to {bound}");
                    assert_eq!(run_by_four(t, hay, s, p), want, "run_by_four from {p} to {bound}");
                }
                accelerated += usize::from(t.next(s, b[p]) > t.matches && t.next(s, b[p]) <= t.accelerated);
            }
        }
        assert!(accelerated > 1000, "{accelerated}");
    }

    /// Positions the start table skips are positions where no detector matches: the table
    /// against an anchored walk of every detector at every position of a mixed text.
    #[test]
    fn start_table_skips_only_what_cannot_match() {
        let text = corpus::mixed_text(20_000);
        let eng = engine().unwrap();
        let b = text.as_bytes();
        for p in 0..b.len() {
            let before = before_class(b, p);
            let set = eng.starts[before as usize][b[p] as usize];
            for (i, &(gated, k)) in eng.place.iter().enumerate() {
                if set & 1 << i == 0 {
                    let m = walk(eng.automaton(gated), b, p, b.len(), Anchored::Pattern(k));
                    let word_start_fails = DETECTORS[i].word_start && before == Before::WordByte as u8;
                    assert!(m.is_none() || word_start_fails, "detector {i} matches at {p} but the table skips it: {:?}", &text[p..(p + 30).min(text.len())]);
                }
            }
        }
    }

    /// The generated tables against regex-automata's own search over the same patterns
    /// (compiled here, not minimized): at every position of a mixed text, for any pattern and
    /// for each pattern alone, with the text's end and with a bound inside it, the walk gives
    /// the same detector and end as an anchored leftmost-first search.
    #[test]
    fn walks_agree_with_regex_automata() {
        use regex_automata::dfa::{dense, Automaton};
        use regex_automata::nfa::thompson;
        use regex_automata::util::syntax;
        use regex_automata::{Input, PatternID};
        let mut text = corpus::mixed_text(6_000);
        // Edges: matches at the very end, pending look-ahead, a defanged and a broken one.
        text.push_str(" call +1 415 555 2671\nssn 123-45-6789 passport C12345678 hxxp://a[.]b/c ab@cd");
        let b = text.as_bytes();
        let mut matches = 0;
        for t in [&MAIN, &GATED] {
            let patterns: Vec<&str> = t.ids.iter().map(|&i| DETECTORS[i].pattern).collect();
            let oracle = dense::Builder::new()
                .syntax(syntax::Config::new().unicode(false).utf8(false))
                .thompson(thompson::Config::new().utf8(false).which_captures(thompson::WhichCaptures::None))
                .configure(dense::Config::new().match_kind(regex_automata::MatchKind::LeftmostFirst).starts_for_each_pattern(true).start_kind(regex_automata::dfa::StartKind::Anchored))
                .build_many(&patterns)
                .unwrap();
            let targets = std::iter::once(Anchored::Yes).chain((0..patterns.len()).map(Anchored::Pattern));
            for target in targets {
                let theirs = match target {
                    Anchored::Yes => regex_automata::Anchored::Yes,
                    Anchored::Pattern(k) => regex_automata::Anchored::Pattern(PatternID::new(k).unwrap()),
                };
                for p in 0..b.len() {
                    for bound in [b.len(), (p + 12).min(b.len())] {
                        let want = oracle.try_search_fwd(&Input::new(b).range(p..bound).anchored(theirs)).unwrap().map(|m| (t.ids[m.pattern().as_usize()], m.offset()));
                        assert_eq!(walk(t, b, p, bound, target), want, "{target:?} at {p}..{bound}: {:?}", &text[p..(p + 30).min(text.len())]);
                        matches += usize::from(want.is_some());
                    }
                }
            }
        }
        assert!(matches > 1000, "{matches}");
    }

    /// The context-word table reports every end of every context word, in any ASCII case,
    /// overlapping ones too: against a plain comparison at every position.
    #[test]
    fn gate_finds_every_context_word() {
        let mut text = corpus::mixed_text(20_000);
        text.push_str(" Date of Birth: DOB; d.o.b ACCT a/c SSN#1 PassPort dl# dl no tel: tel. TIN");
        let b = text.as_bytes();
        let mut want: Vec<usize> = Vec::new();
        for word in DETECTORS.iter().flat_map(|d| d.context.iter()) {
            let w = word.as_bytes();
            want.extend((0..b.len()).filter(|&i| b.get(i..i + w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w))).map(|i| i + w.len()));
        }
        want.sort_unstable();
        want.dedup();
        // (A match is seen one byte late: on the byte at its end, which is what the gate keeps.)
        let mut got = Vec::new();
        word_ends(engine().unwrap().context_words, b, 0, b.len(), engine().unwrap().longest_word, &mut got);
        assert_eq!(got, want);
        assert!(got.len() > 50, "{}", got.len());
    }

    /// The context-word pass reads [`WALKS`] parts of a range at once: a word is found wherever
    /// it lies against the parts' bounds (before one, across it, from it), in texts of every
    /// length modulo [`WALKS`], short ones read by one walk included; and two ranges read one
    /// after the other find what the whole finds.
    #[test]
    fn context_words_are_found_across_the_parts_bounds() {
        let eng = engine().unwrap();
        let longest = eng.longest_word;
        for word in DETECTORS.iter().flat_map(|d| d.context.iter()) {
            for len in (word.len()..2 * longest + 8).chain(WALKS * (longest + 2)..WALKS * (longest + 4) + 3) {
                for at in 0..=len - word.len() {
                    let mut text = vec![b'~'; len];
                    text[at..at + word.len()].copy_from_slice(word.as_bytes());
                    // Every end of every word (`tin` ends inside `routing`), as one plain
                    // comparison at every position finds them.
                    let t = &text;
                    let mut want: Vec<usize> = DETECTORS.iter().flat_map(|d| d.context.iter()).flat_map(|w| {
                        let w = w.as_bytes();
                        (0..t.len()).filter(move |&i| t.get(i..i + w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w))).map(move |i| i + w.len())
                    }).collect();
                    want.sort_unstable();
                    want.dedup();
                    assert!(want.contains(&(at + word.len())));
                    let ends = |from: usize, to: usize| {
                        let mut v = Vec::new();
                        word_ends(eng.context_words, &text, from, to, longest, &mut v);
                        v
                    };
                    assert_eq!(ends(0, len), want, "{word:?} at {at} of {len}");
                    // A range read on its own (as the gate reads the text, chunk after chunk)
                    // finds its part of the same ends, wherever the cut falls about a word.
                    for cut in [at, at + word.len() / 2, at + word.len()] {
                        let mut two = ends(0, cut);
                        two.extend(ends(cut, len));
                        assert_eq!(two, want, "{word:?} at {at} of {len}, cut at {cut}");
                    }
                }
            }
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

    /// The gate reading the text a chunk at a time finds what it finds reading it whole, chunks
    /// of any size (down to a byte: a word cut by every bound), over a mixed text with context
    /// words and gated candidates everywhere.
    #[test]
    fn gate_in_chunks_as_whole() {
        let eng = engine().unwrap();
        let text = corpus::mixed_text(60_000);
        let scan_in_chunks = |chunk: usize| {
            let mut s = Scanner::new(eng, &text, 0);
            s.gate = Gate::new(chunk);
            while let Some(found) = s.candidate() {
                s.take(found);
            }
            s.out
        };
        let whole = scan_in_chunks(usize::MAX / 2);
        assert!(whole.iter().filter(|d| DETECTORS.iter().any(|x| x.kind == d.kind && !x.context.is_empty())).count() > 20);
        for chunk in [1, 7, 100, 1000, 1 << 16] {
            assert_eq!(scan_in_chunks(chunk), whole, "chunks of {chunk}");
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
