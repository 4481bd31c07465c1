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

/// Longest single JSON string (a field's value or an object key), in bytes, before unescaping.
/// A pasted prompt or log excerpt is a few kilobytes; 1 MiB still takes a whole captured
/// conversation, while a 4 MiB single string is an attempt to make every later pass (scan,
/// redaction, export escaping) work on one huge value.
pub const MAX_STRING_BYTES: usize = 1024 * 1024;

/// Most JSON values (object members and array entries, counted by the separators and brackets
/// that delimit them) in one input. The report model has a few hundred fields; lists are
/// bounded by [`MAX_LIST_ITEMS`] each. 200 000 leaves room for the largest legitimate report
/// (10 000 indicators of five fields each) and stops inputs such as `[0,0,0,...]` built to make
/// the parser allocate millions of tiny values.
pub const MAX_JSON_VALUES: usize = 200_000;

/// Most findings listed in one validation. Beyond this the list is cut (errors are kept first,
/// since findings are sorted by severity before the cut) and a `findings-truncated` finding
/// says how many were left out: a portal cannot show 30 000 messages, and the JSON answer must
/// stay proportionate to the input.
pub const MAX_FINDINGS: usize = 1_000;

/// Largest text that `scan` accepts from JS, in bytes (reports given to `redact` are bounded by
/// [`MAX_INPUT_BYTES`] already). Detection runs every pattern over
/// the text once (linear time, no backtracking), so the cost is bounded per byte; this bounds
/// the bytes. It equals [`MAX_INPUT_BYTES`] so that any report the parser accepts can be
/// scanned whole.
pub const MAX_SCAN_BYTES: usize = MAX_INPUT_BYTES;


/// Every limit with its name, for `tearsheet limits`-style listings and for the tests that
/// check each one is enforced.
pub const LIMITS: &[(&str, usize)] = &[
    ("MAX_INPUT_BYTES", MAX_INPUT_BYTES),
    ("MAX_DEPTH", MAX_DEPTH),
    ("MAX_INDICATORS", MAX_INDICATORS),
    ("MAX_LIST_ITEMS", MAX_LIST_ITEMS),
    ("MAX_STRING_BYTES", MAX_STRING_BYTES),
    ("MAX_JSON_VALUES", MAX_JSON_VALUES),
    ("MAX_FINDINGS", MAX_FINDINGS),
    ("MAX_SCAN_BYTES", MAX_SCAN_BYTES),
];
