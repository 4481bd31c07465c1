//! The redaction detectors of tearsheet: personal data, secrets and indicators in free text.
//!
//! - [`detectors`]: the detectors as a table (kind, pattern, validator, context words, default
//!   action);
//! - [`scan`](fn@scan): every detection in a text, from one scan of the combined automata;
//! - [`indicator`]: indicator syntax (IPs, domains, URLs, e-mail, defanging, private ranges),
//!   which the validators use and the main crate's validation and exports share.
//!
//! Redaction itself (field-aware policy, the actions, the log) is the main crate's `redact`.
//! A crate of its own so that the hot code of redaction can be built with its own settings (a
//! crate can have its own optimisation level in a cargo profile, a module cannot), and so the
//! scanner's build is visibly its own: `build.rs` compiles the patterns into the tables of
//! `dfa` with regex-automata, which is a build dependency only.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod detectors;
mod dfa;
pub mod indicator;
mod scan;

use serde::{Deserialize, Serialize};

pub use scan::ready;

/// One detected span: byte offsets into the scanned text and the detector kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Detection {
    /// Start byte offset (on a char boundary).
    pub start: usize,
    /// End byte offset, exclusive.
    pub end: usize,
    /// Detector kind (`pii.email`, `secret.jwt`, `ioc.ipv4`, ...).
    pub kind: &'static str,
}

/// Every sensitive span and indicator in a plain text, in order, non-overlapping.
///
/// Natively a long text (from 512 KiB on a machine of two cores) is scanned in parts on as
/// many threads as there are cores, with the same result.
pub fn scan(text: &str) -> Vec<Detection> {
    scan::scan(text)
}

/// [`scan()`] on at most `threads` threads (`1`: this thread alone): the same detections. For
/// benchmarks and callers that keep their cores for other work.
#[cfg(not(target_arch = "wasm32"))]
pub fn scan_on_threads(text: &str, threads: usize) -> Vec<Detection> {
    scan::scan_on_threads(text, threads)
}

/// Each text's [`scan()`] (in order), the texts shared out among a thread per core when together
/// they are long enough (from 512 KiB on a machine of two cores): a report's many pastes.
#[cfg(not(target_arch = "wasm32"))]
pub fn scan_each(texts: &[&str]) -> Vec<Vec<Detection>> {
    scan::scan_each(texts)
}

/// Caps the threads every later [`scan()`] and [`scan_each`] of this process may use at
/// `threads` (`1`: each on its caller's thread alone; `0`, the default: one per core). The
/// results never depend on it. For pipelines that run many scans side by side and keep their
/// cores for them (the CLI's `--threads`).
#[cfg(not(target_arch = "wasm32"))]
pub fn limit_threads(threads: usize) {
    scan::limit_threads(threads);
}

/// Whether [`scan()`] or [`scan_each`] would use more than one thread for `len` bytes of text: a
/// caller can skip gathering texts for [`scan_each`] when it would not.
#[cfg(not(target_arch = "wasm32"))]
pub fn on_threads(len: usize) -> bool {
    scan::on_threads(len)
}

/// What happens to a span.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Replaced by `[REDACTED:kind]`.
    #[default]
    Mask,
    /// Replaced by a keyed pseudonym `[kind:3f9a1c2e]`: the same value gives the same token
    /// across the report, so analysts can correlate without seeing it.
    Hash,
    /// Deleted.
    Remove,
    /// Left as it is (and logged when it would otherwise have gone).
    Keep,
}

impl Action {
    /// Wire name (`mask`, `hash`, `remove`, `keep`).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Mask => "mask",
            Action::Hash => "hash",
            Action::Remove => "remove",
            Action::Keep => "keep",
        }
    }

    /// Reads a wire name.
    pub fn parse(s: &str) -> Option<Action> {
        [Action::Mask, Action::Hash, Action::Remove, Action::Keep].into_iter().find(|a| a.as_str() == s)
    }
}

