//! The scanner's automata as plain tables: dense DFAs determinized and minimized from the
//! detector patterns when the crate is built (`build.rs`, with regex-automata), and walked
//! here by table look-ups. This file is also compiled into the build script, which writes the
//! tables in the layout [`Table`] describes.
//!
//! Why at build time: compiling the patterns when the page runs put a regex parser, Thompson's
//! construction and a lazy determinizer into the browser's wasm (with the scanner they were
//! ~95 KB of its ~409 KB gzipped), and every step of a walk went through the lazy DFA's cache,
//! a call per byte in the size-optimised wasm. Fully determinized and minimized, the automaton
//! of every detector needing no context word has a few thousand states; its table is smaller
//! gzipped than the code that built it lazily, and a step is one look-up.

/// A table's state: an index into its rows.
pub type State = u16;

/// The dead state (no pattern can match any more): always row 0.
pub const DEAD: State = 0;

/// One dense DFA: every state a row of transitions, one per byte class and one for the end of
/// the text, padded to a power of two.
///
/// States are numbered so that the special ones come first: `0` is [`DEAD`], `1..=matches`
/// are match states, `matches + 1..=accelerated` are accelerated, every higher one is plain. A
/// walk's inner loop so tests a state with one comparison, and the dead state against a
/// constant.
///
/// Why accelerated states: a step is a table read that waits for the one before, so a walk
/// costs the memory's latency per byte, where the bytes a state loops on can be tested
/// without waiting for anything (each against a bit of [`Table::loop_bytes`]). The inside of a
/// word is one such state, and so is a hex or base64 run: a third of the main table's steps
/// over the 1 MB mixed corpus stayed in their state.
///
/// Transitions are stored inverted (`!s`): the tables are mostly transitions to the dead state,
/// and as runs of zeros `wasm-opt` cut them into ~7 900 data segments, ~15 KB more gzipped than
/// runs of `0xffff`.
///
/// As in regex-automata, a match is seen one byte late (the byte after its end decides
/// look-ahead such as `\b`): entering a match state on the byte at `i` means a match ended at
/// `i`.
pub struct Table {
    /// The class of every byte (bytes no pattern tells apart share one).
    pub classes: [u8; 256],
    /// A row is `1 << shift` transitions long.
    pub shift: u32,
    /// The column of the end of the text (after every byte class).
    pub eoi: usize,
    /// The number of match states (states `1..=matches`).
    pub matches: State,
    /// The last accelerated state: states `matches + 1..=accelerated` are plain states that go
    /// on in themselves on many bytes (the inside of a word, of a hex or base64 run), which a
    /// walk crosses by [`Table::loop_bytes`] alone instead of one transition per byte.
    pub accelerated: State,
    /// Bit `k` of a byte's entry: accelerated state `matches + 1 + k` goes on in itself on
    /// that byte.
    pub loop_bytes: &'static [u64; 256],
    /// The pattern each match state reports (leftmost-first: the earliest pattern in table
    /// order), indexed by state − 1.
    pub patterns: &'static [u8],
    /// Start states, `BEFORE.len()` per target: target 0 is any pattern (or, for an unanchored
    /// table, the only one), target `1 + k` is pattern `k` alone; within a target, one per
    /// [`Before`] class of the byte before the start.
    pub starts: &'static [State],
    /// The transitions, row after row, each stored inverted (`!s`).
    pub trans: &'static [State],
    /// The index in `DETECTORS` of each pattern.
    pub ids: &'static [usize],
}

impl Table {
    /// The state after reading `byte` in state `s`.
    #[inline(always)]
    pub fn next(&self, s: State, byte: u8) -> State {
        self.at(usize::from(self.classes[usize::from(byte)]), s)
    }

    /// The state after the end of the text in state `s`.
    #[inline]
    pub fn next_eoi(&self, s: State) -> State {
        self.at(self.eoi, s)
    }

    /// Where state `s`, accelerated, leaves itself: the first position from `at` whose byte it
    /// does not loop on (or `hay.len()`). `s` must be accelerated.
    #[inline(always)]
    pub fn leave(&self, s: State, hay: &[u8], mut at: usize) -> usize {
        let bit = 1u64.wrapping_shl(u32::from(s.wrapping_sub(self.matches).wrapping_sub(1)));
        while let Some(&byte) = hay.get(at) {
            if self.loop_bytes[usize::from(byte)] & bit == 0 {
                break;
            }
            at += 1;
        }
        at
    }

    /// [`Table::next`] with the table's fields copied out once, for a walk's loop: there they
    /// stay in locals (registers), where `next` reads them through `self` at every byte (in
    /// wasm, from memory: `pkg/` scanned ~3 % slower that way).
    #[inline(always)]
    pub fn stepper(&self) -> impl Fn(State, u8) -> State + '_ {
        let (trans, classes, shift) = (self.trans, &self.classes, self.shift);
        move |s, byte| cell(trans, shift, s, usize::from(classes[usize::from(byte)]))
    }

    #[inline(always)]
    fn at(&self, column: usize, s: State) -> State {
        cell(self.trans, self.shift, s, column)
    }

    /// Whether `s` is a match state.
    #[inline]
    pub fn is_match(&self, s: State) -> bool {
        s != DEAD && s <= self.matches
    }

    /// The detector (index in `DETECTORS`) that match state `s` reports.
    #[inline]
    pub fn detector(&self, s: State) -> Option<usize> {
        let pattern = self.patterns.get(usize::from(s.checked_sub(1)?))?;
        self.ids.get(usize::from(*pattern)).copied()
    }

    /// The start state for `target` (0: any pattern; `1 + k`: pattern `k`) after a byte of
    /// [`Before`] class `before`.
    #[inline]
    pub fn start(&self, target: usize, before: u8) -> State {
        self.starts.get(target * BEFORE.len() + usize::from(before)).copied().unwrap_or(DEAD)
    }
}

/// The transition of state `s` in `column` of a table's rows.
#[inline(always)]
fn cell(trans: &[State], shift: u32, s: State, column: usize) -> State {
    // (`None` is not reached: build.rs writes every row whole.)
    trans.get(usize::from(s) << shift | column).map_or(DEAD, |&t| !t)
}

/// The class of the byte before a position, as far as where a pattern can start is concerned:
/// what a DFA's start state depends on (`^` in multi-line mode, ASCII `\b`), plus word bytes
/// for `Detector::word_start`.
#[derive(Clone, Copy)]
#[repr(u8)]
pub enum Before {
    /// The start of the text.
    TextStart,
    /// `\n`.
    LineFeed,
    /// `\r`.
    CarriageReturn,
    /// An ASCII letter or digit, or `_`.
    WordByte,
    /// Anything else.
    Other,
}

/// A byte standing for each [`Before`] class (`None`: the text start), in class order: the
/// build script computes each start state from it.
pub const BEFORE: [Option<u8>; 5] = [None, Some(b'\n'), Some(b'\r'), Some(b'a'), Some(b' ')];

/// [`Before`] of every byte.
pub const BEFORE_CLASS: [u8; 256] = {
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
#[inline]
pub fn before_class(b: &[u8], at: usize) -> u8 {
    match at.checked_sub(1).and_then(|i| b.get(i)) {
        None => Before::TextStart as u8,
        Some(&x) => BEFORE_CLASS[usize::from(x)],
    }
}
