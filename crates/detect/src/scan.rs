//! The scanning engine: the patterns of [`DETECTORS`] in two anchored multi-pattern lazy DFAs,
//! started only where a detector can start; validators run only on candidates.
//!
//! - Starts: a table says which detectors can begin at a byte, given the class of the byte
//!   before it (text start, line feed, carriage return, word byte, other). It is read off the
//!   automata themselves when the engine is built, so it can never disagree with a pattern.
//!   Most positions of a text (inside words, inside numbers) start nothing and cost one lookup.
//! - Where some detector can start, one anchored leftmost-first walk gives the first detector
//!   (table order) matching there and its end: what one unanchored leftmost-first search over
//!   every pattern gives at its leftmost match. An anchored automaton only tracks the patterns
//!   alive from one start, so it settles at a few hundred KB, where an unanchored one over all
//!   patterns never stops building states (and split into groups it took six walks over every
//!   byte, plus a reverse search per candidate for its start).
//! - Gate: detectors that need a context word (`passport`, `routing`, `dob`, ...) are the second
//!   automaton, started only shortly after a context word (found by one forward pass of a
//!   third automaton); elsewhere their candidates (every timestamp looks like a driver's licence
//!   number) could never be confirmed.
//! - When a candidate fails its validator (a Luhn-failing 16-digit number), the later detectors
//!   that can start there are tried at the same position, each with its own anchored start,
//!   before the scan moves on by one character: never a lower-priority detection lost behind a
//!   rejected one.

use std::cell::RefCell;
use std::sync::OnceLock;

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson;
use regex_automata::util::{start, syntax};
use regex_automata::{Anchored, MatchKind, PatternID};

use crate::detectors::{contains_ignore_case, Candidate, Detector, CONTEXT_WINDOW, DETECTORS, MARKER, VETO_WINDOW};
use crate::Detection;

/// Lazy DFA cache per automaton: anchored walks over mixed text settle well below this.
const HYBRID_CACHE: usize = 2 << 20;

/// A set of detectors (bit `i`: `DETECTORS[i]`).
type Set = u64;

/// ASCII patterns over UTF-8 text: Unicode mode off (no tables in the wasm, `\d` is 0-9).
/// Matches could then in principle end inside a multi-byte character; [`confirm`] rejects
/// any span that is not on character boundaries. No quit bytes (no Unicode word boundary) and
/// no give-up on cache clears, so a walk cannot fail.
fn automaton(patterns: &[&str], kind: MatchKind, starts_for_each_pattern: bool) -> Option<DFA> {
    automaton_with_cache(patterns, kind, starts_for_each_pattern, HYBRID_CACHE)
}

/// [`automaton`] with another cache capacity (a test forces cache clears with the smallest).
fn automaton_with_cache(patterns: &[&str], kind: MatchKind, starts_for_each_pattern: bool, capacity: usize) -> Option<DFA> {
    DFA::builder()
        .syntax(syntax::Config::new().unicode(false).utf8(false))
        .thompson(thompson::Config::new().utf8(false).which_captures(thompson::WhichCaptures::None))
        .configure(DFA::config().cache_capacity(capacity).skip_cache_capacity_check(true).match_kind(kind).starts_for_each_pattern(starts_for_each_pattern))
        .build_many(patterns)
        .ok()
}

/// The class of the byte before a position, as far as where a pattern can start is concerned:
/// what a lazy DFA's start state depends on (`^` in multi-line mode, ASCII `\b`), plus word
/// bytes for [`Detector::word_start`].
#[derive(Clone, Copy)]
#[repr(u8)]
enum Before {
    TextStart,
    LineFeed,
    CarriageReturn,
    WordByte,
    Other,
}

/// A byte standing for each [`Before`] class (`None`: the text start).
const BEFORE: [Option<u8>; 5] = [None, Some(b'\n'), Some(b'\r'), Some(b'a'), Some(b' ')];
const _: () = assert!(BEFORE.len() <= 8, "Engine::starts has 8 rows");

/// [`Before`] of every byte.
const BEFORE_CLASS: [u8; 256] = {
    let mut t = [Before::Other as u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        if b.is_ascii_alphanumeric() || b == b'_' {
            t[i] = Before::WordByte as u8;
        }
        i += 1;
    }
    t[b'\n' as usize] = Before::LineFeed as u8;
    t[b'\r' as usize] = Before::CarriageReturn as u8;
    t
};

/// The [`Before`] class of the byte before position `at` of `b`.
fn before_class(b: &[u8], at: usize) -> u8 {
    match at.checked_sub(1).and_then(|i| b.get(i)) {
        None => Before::TextStart as u8,
        Some(&x) => BEFORE_CLASS[usize::from(x)],
    }
}

/// One automaton over some detectors (in table order).
struct Automaton {
    dfa: DFA,
    /// Index in [`DETECTORS`] of each of its patterns.
    ids: Vec<usize>,
    /// Its detectors (a bit each).
    set: Set,
}

/// The compiled scanner.
struct Engine {
    /// Every detector that needs no context word.
    main: Automaton,
    /// The detectors that need a context word: searched only where one is near (see [`Gate`]).
    gated: Automaton,
    /// The automaton of each detector (`true`: gated) and its pattern there.
    place: Vec<(bool, PatternID)>,
    /// `starts[before][byte]`: the detectors that can start at `byte` after a byte of class
    /// `before` (rows beyond the classes stay empty: a power of two rows lets the hot loop
    /// index without bounds checks).
    starts: Box<[[Set; 256]; 8]>,
    /// Every context word of the gated detectors, in any ASCII case, reporting every end.
    context_words: DFA,
}

impl Engine {
    fn automaton(&self, gated: bool) -> &Automaton {
        if gated { &self.gated } else { &self.main }
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
    let mut place = vec![(false, PatternID::ZERO); DETECTORS.len()];
    let mut automata = [false, true].into_iter().map(|gated| {
        let ids: Vec<usize> = (0..DETECTORS.len()).filter(|&i| DETECTORS.get(i).is_some_and(|d| d.context.is_empty() != gated)).collect();
        let patterns: Vec<&str> = ids.iter().filter_map(|&i| DETECTORS.get(i)).map(|d| d.pattern).collect();
        for (k, &i) in ids.iter().enumerate() {
            *place.get_mut(i)? = (gated, PatternID::new(k).ok()?);
        }
        let set = ids.iter().fold(0, |s, &i| s | 1 << i);
        Some(Automaton { dfa: automaton(&patterns, MatchKind::LeftmostFirst, true)?, ids, set })
    });
    let (main, gated) = (automata.next()??, automata.next()??);
    let mut starts = Box::new([[0; 256]; 8]);
    for a in [&main, &gated] {
        let mut cache = a.dfa.create_cache();
        let classes = *a.dfa.byte_classes();
        for (row, (c, &before)) in starts.iter_mut().zip(BEFORE.iter().enumerate()) {
            for (k, &i) in a.ids.iter().enumerate() {
                if DETECTORS.get(i)?.word_start && c == Before::WordByte as usize {
                    continue;
                }
                let cfg = start::Config::new().anchored(Anchored::Pattern(PatternID::new(k).ok()?)).look_behind(before);
                // One transition per byte class of the automaton, from a fresh start state
                // (a state id is only valid until the next call on the cache); the bytes of a
                // live class get the detector (most classes are dead: filled only for those).
                for rep in classes.representatives(0..=255) {
                    let Some(byte) = rep.as_u8() else { continue };
                    let sid = a.dfa.start_state(&mut cache, &cfg).ok()?;
                    if sid.is_dead() || a.dfa.next_state(&mut cache, sid, byte).ok()?.is_dead() {
                        continue;
                    }
                    let class = classes.get(byte);
                    for (b, set) in row.iter_mut().enumerate() {
                        if classes.get(b as u8) == class {
                            *set |= 1 << i;
                        }
                    }
                }
            }
        }
    }
    let mut words: Vec<String> = Vec::new();
    for w in DETECTORS.iter().flat_map(|d| d.context.iter()) {
        let mut p = String::from("(?i)");
        for c in w.chars() {
            if c.is_ascii_punctuation() {
                p.push('\\');
            }
            p.push(c);
        }
        words.push(p);
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let context_words = automaton(&words, MatchKind::All, false)?;
    Some(Engine { main, gated, place, starts, context_words })
}

/// The lazy DFAs' caches (transition tables built so far), kept between scans on the thread:
/// a warm scan builds no states.
struct Caches {
    main: Walker,
    gated: Walker,
    words: Cache,
}

/// One automaton's cache, and its anchored start state per [`Before`] class as long as the
/// cache has not been cleared since (a lazy state id is valid until the next clear).
struct Walker {
    cache: Cache,
    starts: [Option<LazyStateID>; BEFORE.len()],
    clears: usize,
}

impl Walker {
    fn new(a: &Automaton) -> Walker {
        Walker { cache: a.dfa.create_cache(), starts: [None; BEFORE.len()], clears: 0 }
    }

    /// Forgets the memoised start states if the cache was cleared since they were computed.
    fn forget_if_cleared(&mut self) {
        if self.cache.clear_count() != self.clears {
            self.starts = [None; BEFORE.len()];
            self.clears = self.cache.clear_count();
        }
    }

    /// The start state of a walk from `from`: for an anchored walk over all of an
    /// automaton's patterns, memoised per [`Before`] class (one of those per candidate).
    #[inline]
    fn start(&mut self, dfa: &DFA, b: &[u8], from: usize, anchored: Anchored) -> Option<LazyStateID> {
        if anchored == Anchored::Yes && self.cache.clear_count() == self.clears {
            if let Some(&Some(sid)) = self.starts.get(usize::from(before_class(b, from))) {
                return Some(sid);
            }
        }
        self.start_slow(dfa, b, from, anchored)
    }

    #[cold]
    #[inline(never)]
    fn start_slow(&mut self, dfa: &DFA, b: &[u8], from: usize, anchored: Anchored) -> Option<LazyStateID> {
        let before = from.checked_sub(1).and_then(|i| b.get(i).copied());
        let config = || start::Config::new().anchored(anchored).look_behind(before);
        if anchored != Anchored::Yes {
            return dfa.start_state(&mut self.cache, &config()).ok();
        }
        let class = usize::from(before_class(b, from));
        self.forget_if_cleared();
        let sid = dfa.start_state(&mut self.cache, &config()).ok()?;
        // Computing it may have cleared the cache (then no other memo is valid).
        self.forget_if_cleared();
        *self.starts.get_mut(class)? = Some(sid);
        Some(sid)
    }
}

impl Caches {
    fn new(e: &Engine) -> Caches {
        Caches { main: Walker::new(&e.main), gated: Walker::new(&e.gated), words: e.context_words.create_cache() }
    }

    fn of(&mut self, gated: bool) -> &mut Walker {
        if gated { &mut self.gated } else { &mut self.main }
    }
}

thread_local! {
    static CACHES: RefCell<Option<Caches>> = const { RefCell::new(None) };
}

/// One transition (`None`: the cache gave up, which the configuration of [`automaton`] rules
/// out). `next_state` is a table read and one check; building an unbuilt transition is its
/// cold path.
fn step(dfa: &DFA, cache: &mut Cache, sid: LazyStateID, byte: u8) -> Option<LazyStateID> {
    dfa.next_state(cache, sid, byte).ok()
}

/// Runs `dfa` from state `sid` over `hay[from..]`, calling `at_tagged(cache, state, position)`
/// at every tagged state it enters (match, dead, quit: start states are not specialised, so a
/// walk starts untagged) until that returns `false`. Steps out of untagged states are one table
/// read and one test of the tag bits (unbuilt transitions are tagged too, and built on the
/// spot): the hot loop of the scanner's walks and of its context-word pass. Returns the state
/// reached and whether all of `hay` was read (`false`: stopped by `at_tagged`); `None` if the
/// cache gave up, which the configuration of [`automaton`] rules out.
#[inline(always)]
fn run(dfa: &DFA, cache: &mut Cache, mut sid: LazyStateID, hay: &[u8], from: usize, mut at_tagged: impl FnMut(&Cache, LazyStateID, usize) -> bool) -> Option<(LazyStateID, bool)> {
    let mut at = from;
    while at < hay.len() {
        let mut next = sid;
        while !sid.is_tagged() {
            let Some(&byte) = hay.get(at) else { break };
            next = dfa.next_state_untagged(cache, sid, byte);
            if next.is_tagged() {
                break;
            }
            sid = next;
            at += 1;
        }
        let Some(&byte) = hay.get(at) else { break };
        if next.is_unknown() || sid.is_tagged() {
            // An unbuilt transition, or one out of a tagged state.
            next = step(dfa, cache, sid, byte)?;
        }
        sid = next;
        if sid.is_tagged() && !at_tagged(cache, sid, at) {
            return Some((sid, false));
        }
        at += 1;
    }
    Some((sid, true))
}

/// The leftmost-first match of automaton `a` starting exactly at `from` and ending at or
/// before `bound` (`anchored`: any of its patterns, or one): the detector and the end.
///
/// Lazy DFA matches are reported one byte late (look-ahead for `\b`), so the byte at `bound`,
/// or the end of the text, is fed last.
#[inline(never)]
fn walk(a: &Automaton, w: &mut Walker, b: &[u8], from: usize, bound: usize, anchored: Anchored) -> Option<(usize, usize)> {
    walk_inline(a, w, b, from, bound, anchored)
}

/// [`walk`], inlined into the scanner's hot loop (the walk of the main automaton at every
/// candidate start: a call there cost ~50 instructions per walk, 8 % of a scan).
#[inline(always)]
fn walk_inline(a: &Automaton, w: &mut Walker, b: &[u8], from: usize, bound: usize, anchored: Anchored) -> Option<(usize, usize)> {
    let (pattern, end) = match walk_states(a, w, b, from, bound, anchored, false)? {
        Last::State(sid, end) => (a.dfa.match_pattern(&w.cache, sid, 0), end),
        Last::Pattern(p, end) => (p, end),
        // A cache clear during the walk invalidated the remembered state: walk again, reading
        // each match's pattern as it comes (clears are rare: the caches settle far below their
        // capacity).
        Last::Cleared => match walk_states(a, w, b, from, bound, anchored, true)? {
            Last::Pattern(p, end) => (p, end),
            _ => return None,
        },
    };
    Some((*a.ids.get(pattern.as_usize())?, end))
}

/// The last match of a walk: its state (valid while the cache is not cleared) or, read at
/// once, its pattern; and its end.
enum Last {
    State(LazyStateID, usize),
    Pattern(PatternID, usize),
    Cleared,
}

/// The walk itself. In the inner loop a step is one table read and one test of the state's
/// tag bits (unbuilt, match, dead: all tags); the pattern of a match is looked up once at the
/// end, not at every byte a match extends over (`eager`: at every match, for the rare walk
/// during which the cache was cleared).
#[inline(always)]
fn walk_states(a: &Automaton, w: &mut Walker, b: &[u8], from: usize, bound: usize, anchored: Anchored, eager: bool) -> Option<Last> {
    let dfa = &a.dfa;
    let sid = w.start(dfa, b, from, anchored)?;
    let cache = &mut w.cache;
    let clears = cache.clear_count();
    let hay = b.get(..bound.min(b.len()))?;
    let mut last = None;
    let (sid, read_all) = run(dfa, cache, sid, hay, from, |cache, sid, at| {
        if sid.is_match() {
            last = Some(match eager {
                false => Last::State(sid, at),
                true => Last::Pattern(dfa.match_pattern(cache, sid, 0), at),
            });
            return true;
        }
        !(sid.is_dead() || sid.is_quit())
    })?;
    if !read_all {
        return finish(cache, clears, last);
    }
    // The byte after the bound (or the end of the text) decides a match pending on look-ahead.
    let sid = match b.get(hay.len()) {
        Some(&byte) => dfa.next_state(cache, sid, byte),
        None => dfa.next_eoi_state(cache, sid),
    }
    .ok()?;
    if sid.is_match() {
        last = Some(Last::Pattern(dfa.match_pattern(cache, sid, 0), hay.len()));
    }
    finish(cache, clears, last)
}

/// A walk's answer, unless the cache was cleared since its remembered match state.
fn finish(cache: &Cache, clears: usize, last: Option<Last>) -> Option<Last> {
    match last {
        Some(Last::State(..)) if cache.clear_count() != clears => Some(Last::Cleared),
        last => last,
    }
}

/// Whether the scanner compiled (a test keeps it so; if it ever did not, redaction refuses to
/// run rather than pass text through unscanned).
pub fn ready() -> bool {
    engine().is_some()
}

/// Where the gated detectors can possibly be confirmed: a candidate needs one of its context
/// words within [`CONTEXT_WINDOW`] bytes before it (from a char boundary: up to 3 bytes more),
/// so only starts within that reach after the end of a context word are tried. The automaton
/// reports every end of every word (overlapping ones too) in one pass.
struct Gate {
    /// End of every context word, in order.
    ends: Vec<usize>,
    /// The first end whose reach is not behind the scan.
    next: usize,
}

const GATE_REACH: usize = CONTEXT_WINDOW + 4;

impl Gate {
    #[inline(never)]
    fn new(e: &Engine, cache: &mut Cache, b: &[u8]) -> Gate {
        let mut ends = Vec::new();
        let dfa = &e.context_words;
        let Ok(sid) = dfa.start_state(cache, &start::Config::new().anchored(Anchored::No)) else { return Gate::everywhere(b.len()) };
        let ran = run(dfa, cache, sid, b, 0, |_, sid, at| {
            if sid.is_match() {
                ends.push(at);
            }
            true
        });
        let Some((sid, _)) = ran else { return Gate::everywhere(b.len()) };
        if dfa.next_eoi_state(cache, sid).is_ok_and(|s| s.is_match()) {
            ends.push(b.len());
        }
        Gate { ends, next: 0 }
    }

    /// A gate that lets everything through (never needed: a walk cannot fail).
    fn everywhere(len: usize) -> Gate {
        Gate { ends: (0..=len).step_by(GATE_REACH).collect(), next: 0 }
    }

    /// Whether a candidate may start at `p` (calls come with `p` never decreasing).
    fn near(&mut self, p: usize) -> bool {
        while self.ends.get(self.next).is_some_and(|&e| e + GATE_REACH < p) {
            self.next += 1;
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
fn confirm(eng: &Engine, caches: &mut Caches, i: usize, text: &str, start: usize, end: usize) -> Option<Detection> {
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
        if let Some(specific) = specific_secret(eng, caches, text, s, e) {
            kind = specific;
        }
    }
    Some(Detection { start: s, end: e, kind })
}

/// The kind of a specific secret detector matching exactly `text[s..e]`, if any.
fn specific_secret(eng: &Engine, caches: &mut Caches, text: &str, s: usize, e: usize) -> Option<&'static str> {
    let (i, end) = walk(&eng.main, &mut caches.main, text.as_bytes(), s, e, Anchored::Yes)?;
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
pub fn scan(text: &str) -> Vec<Detection> {
    let Some(eng) = engine() else { return Vec::new() };
    // The thread's caches, used in place: moving them out and back in cost two copies of a
    // few hundred bytes per call, which the edge validator's residual scan pays for every
    // string of a report. A scan never runs inside another; if one ever did, it would use
    // fresh caches rather than panic on the borrow.
    CACHES.with(|c| match c.try_borrow_mut() {
        Ok(mut slot) => scan_with(eng, slot.get_or_insert_with(|| Caches::new(eng)), text),
        Err(_) => scan_with(eng, &mut Caches::new(eng), text),
    })
}

/// The first candidate at or after `from`: its start, the detectors that can start there
/// (gate applied), and each automaton's match there (detector, end).
type Found = (usize, Set, Option<(usize, usize)>, Option<(usize, usize)>);

fn next_candidate(eng: &Engine, caches: &mut Caches, gate: &mut Option<Gate>, b: &[u8], from: usize) -> Option<Found> {
    let mut before = before_class(b, from);
    let gated = eng.gated.set;
    let starts = &*eng.starts;
    for (p, &byte) in b.iter().enumerate().skip(from) {
        let mut set = starts[usize::from(before) & 7][usize::from(byte)];
        before = BEFORE_CLASS[usize::from(byte)];
        if set == 0 {
            continue;
        }
        if set & gated != 0 && !gate.get_or_insert_with(|| Gate::new(eng, &mut caches.words, b)).near(p) {
            set &= !gated;
        }
        let main = if set & !gated != 0 { walk_inline(&eng.main, &mut caches.main, b, p, b.len(), Anchored::Yes) } else { None };
        let in_gated = if set & gated != 0 { walk(&eng.gated, &mut caches.gated, b, p, b.len(), Anchored::Yes) } else { None };
        if main.is_some() || in_gated.is_some() {
            return Some((p, set, main, in_gated));
        }
    }
    None
}

fn scan_with(eng: &Engine, caches: &mut Caches, text: &str) -> Vec<Detection> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut gate: Option<Gate> = None;
    let mut at = 0;
    while let Some((start, set, main, gated)) = next_candidate(eng, caches, &mut gate, b, at) {
        // Detectors in table order that match at `start`: the automata's answers first, then
        // each later detector the start table allows, with its own anchored walk.
        let first = [main, gated].into_iter().flatten().min();
        let mut found = None;
        if let Some((pid, end)) = first {
            found = confirm(eng, caches, pid, text, start, end);
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
                        Some(_) => walk(eng.automaton(in_gated), caches.of(in_gated), b, start, b.len(), Anchored::Pattern(k)).map(|(_, e)| e),
                    };
                    if let Some(m_end) = m_end {
                        found = confirm(eng, caches, j, text, start, m_end);
                    }
                }
                j += 1;
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
#[path = "../../../tests/support/corpus.rs"]
mod corpus;

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&'static str, String)> {
        scan(text).into_iter().map(|d| (d.kind, text[d.start..d.end].to_string())).collect()
    }

    use super::corpus;

    /// `cargo test --release --lib scan_cost -- --ignored --nocapture`: the lazy-DFA states
    /// each automaton builds over the 1 MB mixed corpus, how many positions the start table
    /// lets through, and the scan's speed.
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
        scan(&text);
        CACHES.with(|c| {
            let c = c.borrow();
            let c = c.as_ref().unwrap();
            println!("states: main {} KB, gated {} KB, words {} KB", c.main.cache.memory_usage() / 1024, c.gated.cache.memory_usage() / 1024, c.words.memory_usage() / 1024);
        });
        let t = std::time::Instant::now();
        let n = scan(&text).len();
        println!("scan: {n} spans, {:.1} MB/s", text.len() as f64 / 1e6 / t.elapsed().as_secs_f64());
    }

    #[test]
    fn compiles() {
        assert!(ready());
        let eng = engine().unwrap();
        // Every detector can start somewhere, and its own pattern compiles.
        for (i, d) in DETECTORS.iter().enumerate() {
            assert!(eng.starts.iter().any(|row| row.iter().any(|s| s & 1 << i != 0)), "{}", d.pattern);
        }
        assert_eq!(eng.main.set & eng.gated.set, 0);
        assert_eq!((eng.main.set | eng.gated.set).count_ones() as usize, DETECTORS.len());
    }

    /// Positions the start table skips are positions where no detector matches: the table
    /// against an anchored walk of every detector at every position of a mixed text.
    #[test]
    fn start_table_skips_only_what_cannot_match() {
        let text = corpus::mixed_text(20_000);
        let eng = engine().unwrap();
        let b = text.as_bytes();
        let mut caches = Caches::new(eng);
        for p in 0..b.len() {
            let before = before_class(b, p);
            let set = eng.starts[before as usize][b[p] as usize];
            for (i, &(gated, k)) in eng.place.iter().enumerate() {
                if set & 1 << i == 0 {
                    let m = walk(eng.automaton(gated), caches.of(gated), b, p, b.len(), Anchored::Pattern(k));
                    let word_start_fails = DETECTORS[i].word_start && before == Before::WordByte as u8;
                    assert!(m.is_none() || word_start_fails, "detector {i} matches at {p} but the table skips it: {:?}", &text[p..(p + 30).min(text.len())]);
                }
            }
        }
    }

    /// A walk reads its match's pattern once at the end (from the remembered state) or, when
    /// the cache was cleared meanwhile, at every match: both give the same answer everywhere.
    #[test]
    fn deferred_and_eager_pattern_lookups_agree() {
        let text = corpus::mixed_text(20_000);
        let eng = engine().unwrap();
        let b = text.as_bytes();
        let mut caches = Caches::new(eng);
        let answer = |last: Option<Last>, cache: &Cache, a: &Automaton| match last {
            Some(Last::State(sid, end)) => Some((a.dfa.match_pattern(cache, sid, 0), end)),
            Some(Last::Pattern(p, end)) => Some((p, end)),
            Some(Last::Cleared) => panic!("no clear expected in 20 KB"),
            None => None,
        };
        let mut matches = 0;
        for p in 0..b.len() {
            for gated in [false, true] {
                let a = eng.automaton(gated);
                let w = caches.of(gated);
                let deferred = walk_states(a, w, b, p, b.len(), Anchored::Yes, false);
                let deferred = answer(deferred, &w.cache, a);
                let eager = walk_states(a, w, b, p, b.len(), Anchored::Yes, true);
                assert!(matches!(eager, None | Some(Last::Pattern(..))));
                assert_eq!(deferred, answer(eager, &w.cache, a), "at {p}: {:?}", &text[p..(p + 30).min(text.len())]);
                matches += usize::from(deferred.is_some());
            }
        }
        assert!(matches > 1000, "{matches}");
    }

    /// With the smallest cache the lazy DFA is cleared again and again during a scan, so walks
    /// lose their remembered match state and take the eager path, and start states are
    /// recomputed: every walk must still give what the normal engine gives.
    #[test]
    fn walks_survive_cache_clears() {
        let text = corpus::mixed_text(20_000);
        let eng = engine().unwrap();
        let patterns: Vec<&str> = eng.main.ids.iter().map(|&i| DETECTORS[i].pattern).collect();
        let tiny = Automaton { dfa: automaton_with_cache(&patterns, MatchKind::LeftmostFirst, true, 0).unwrap(), ids: eng.main.ids.clone(), set: eng.main.set };
        let (mut small, mut normal) = (Walker::new(&tiny), Walker::new(&eng.main));
        let b = text.as_bytes();
        let mut matches = 0;
        for p in 0..b.len() {
            let want = walk(&eng.main, &mut normal, b, p, b.len(), Anchored::Yes);
            assert_eq!(walk(&tiny, &mut small, b, p, b.len(), Anchored::Yes), want, "at {p}: {:?}", &text[p..(p + 30).min(text.len())]);
            matches += usize::from(want.is_some());
        }
        assert!(small.cache.clear_count() > 10, "{} clears", small.cache.clear_count());
        assert_eq!(normal.cache.clear_count(), 0);
        assert!(matches > 1000, "{matches}");
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
