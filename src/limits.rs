//! Hard limits on untrusted input, each a named constant so that the error that enforces it
//! and the documentation that promises it say the same number.

/// Largest report (or STIX bundle) accepted, in bytes. A Tear Sheet with pasted logs and
/// prompts is tens of kilobytes; 4 MiB leaves room for generous evidence and still bounds the
/// memory the widget, the edge and the CLI spend on one input.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;

/// Deepest nesting of JSON arrays and objects accepted. The report model is six levels deep;
/// a STIX bundle with granular markings about eight. Anything deeper is not ours, and refusing
/// it before parsing keeps the recursive parser's stack small.
pub const MAX_DEPTH: usize = 32;

/// Most indicators in one report. Bulk feeds belong in a TAXII collection, not a Tear Sheet.
pub const MAX_INDICATORS: usize = 10_000;

/// Most entries in any one list of the report (techniques, samples, prompts...).
pub const MAX_LIST_ITEMS: usize = 10_000;
