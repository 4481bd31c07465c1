//! The detectors, as data: one table entry per shape of sensitive text — its kind, the pattern
//! that finds candidates, the validator that confirms them (Luhn, mod-97, ABA, SSN ranges,
//! entropy, indicator syntax from [`crate::indicator`]) and the context words it needs.
//!
//! All patterns are compiled together into one automaton ([`crate::scan`](fn@crate::scan)); validators run on
//! candidates only. Order matters: when two patterns match at the same position, the earlier
//! entry wins, so specific shapes (a GitHub token) come before general ones (a `token=` value).

use crate::indicator::{ends_with_domain, is_domain, is_local_part, parse_ipv4, parse_ipv6, refang, rsplit_at_byte, tld_of_ascii_domain, trimmed_host, valid_url_host};

use crate::Action;

/// A candidate as the validator sees it: the whole text and the candidate's byte range.
pub struct Candidate<'t> {
    /// The text being scanned.
    pub text: &'t str,
    /// Start of the pattern match (byte offset).
    pub start: usize,
    /// End of the pattern match (byte offset, exclusive).
    pub end: usize,
}

impl Candidate<'_> {
    fn matched(&self) -> &str {
        self.text.get(self.start..self.end).unwrap_or("")
    }
    fn before(&self) -> Option<char> {
        self.text.get(..self.start).and_then(|s| s.chars().next_back())
    }
    fn after(&self, end: usize) -> Option<char> {
        self.text.get(end..).and_then(|s| s.chars().next())
    }
}

/// A validator: the confirmed span (byte offsets into the text), or `None` to reject.
pub type Check = fn(&Candidate) -> Option<(usize, usize)>;

/// One detector.
pub struct Detector {
    /// Stable kind (`pii.email`, `secret.github_token`, `ioc.ipv4`); [`MARKER`] for our own
    /// replacement tokens, which are skipped so redaction is idempotent.
    pub kind: &'static str,
    /// Candidate pattern (regex-automata syntax, compiled with every other pattern).
    pub pattern: &'static str,
    /// Confirms a candidate and narrows it to the sensitive part (the value after `password=`).
    pub check: Check,
    /// Words of which one must appear shortly before the candidate (empty: no context needed).
    pub context: &'static [&'static str],
    /// Words that, as the last word before the candidate, say it is something else
    /// (`version 1.2.3.4`, `commit 3f9a...`).
    pub veto: &'static [&'static str],
    /// What happens to it in free text unless the policy says otherwise.
    pub action: Action,
    /// The value is a `key = value` assignment: if the value is itself a specific secret (a
    /// JWT after `Bearer`), the specific kind is reported.
    pub refine_kind: bool,
    /// A candidate never follows an ASCII letter, digit or `_` — for patterns that cannot say
    /// so themselves (a leading `\b` does not fit `(`, `+` or `:`), while their validators
    /// reject such candidates anyway. The scanner checks it before the validator and does not
    /// even start its automaton inside words where no other detector could start.
    pub word_start: bool,
}

/// Kind of our own replacement tokens (`[REDACTED:pii.email]`, `[pii.email:3f9a1c2e]`).
pub const MARKER: &str = "marker";

/// How far back (bytes) context words are looked for.
pub const CONTEXT_WINDOW: usize = 48;
/// How far back (bytes) the word before a candidate is looked for (veto words).
pub const VETO_WINDOW: usize = 24;

const NONE: &[&str] = &[];

macro_rules! d {
    ($kind:expr, $pattern:expr, $check:expr) => {
        d!($kind, $pattern, $check, NONE, NONE, false)
    };
    ($kind:expr, $pattern:expr, $check:expr, $context:expr) => {
        d!($kind, $pattern, $check, $context, NONE, false)
    };
    ($kind:expr, $pattern:expr, $check:expr, $context:expr, $veto:expr, $refine:expr) => {
        Detector {
            kind: $kind,
            pattern: $pattern,
            check: $check,
            context: $context,
            veto: $veto,
            action: if $kind.as_bytes()[0] == b'i' { Action::Keep } else { Action::Mask },
            refine_kind: $refine,
            word_start: false,
        }
    };
}

/// `d` with [`Detector::word_start`] set.
const fn word_start(d: Detector) -> Detector {
    Detector { word_start: true, ..d }
}

/// Every detector, in priority order.
pub const DETECTORS: &[Detector] = &[
    // Our own output is never detected again.
    d!(MARKER, r"\[REDACTED:[a-z0-9_.]{1,40}\]", whole),
    d!(MARKER, r"\[(?:pii|secret|ioc|user)\.[a-z0-9_.]{1,40}:[0-9a-f]{8}\]", whole),
    // Secrets with unmistakable shapes.
    d!("secret.private_key", r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----(?s:.)*?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----", whole),
    d!("secret.private_key", r"-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=\s:,-]*", whole),
    d!("secret.slack_token", r"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9/_-]{20,}", whole),
    d!("secret.password", r"(?i)(?-u:\b)[a-z][a-z0-9+.-]*://[^\s:/@]+:[^\s@/]+@", url_password),
    d!("secret.anthropic_key", r"(?-u:\b)sk-ant-[A-Za-z0-9_-]{20,}", token),
    d!("secret.openai_key", r"(?-u:\b)sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", token),
    d!("secret.stripe_key", r"(?-u:\b)(?:(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}|whsec_[A-Za-z0-9]{24,})", token),
    d!("secret.github_token", r"(?-u:\b)(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})", token),
    d!("secret.gitlab_token", r"(?-u:\b)(?:glpat|glptt|gldt|glrt|glsoat|gloas)-[A-Za-z0-9_-]{20,}", token),
    d!("secret.slack_token", r"(?-u:\b)xox[abposre]-[A-Za-z0-9-]{10,}", token),
    d!("secret.huggingface_token", r"(?-u:\b)hf_[A-Za-z0-9]{30,}", token),
    d!("secret.google_api_key", r"(?-u:\b)AIza[0-9A-Za-z_-]{35}", token),
    d!("secret.aws_access_key", r"(?-u:\b)(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?-u:\b)", token),
    d!("secret.aws_secret_key", r#"(?i)aws_?secret_?(?:access_?)?key["']?[ \t]*[:=][ \t]*["']?[A-Za-z0-9/+]{40}"#, assigned_value, NONE, NONE, true),
    d!("secret.azure_key", r#"(?i)(?:AccountKey=[A-Za-z0-9+/]{86}==|azure[a-z_-]*(?:key|secret)["']?[ \t]*[:=][ \t]*["']?[A-Za-z0-9+/=_-]{32,})"#, assigned_value, NONE, NONE, true),
    d!("secret.jwt", r"(?-u:\b)eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", token),
    // Secrets known by what they are assigned to.
    d!("secret.bearer_token", r#"(?i)(?-u:\b)(?:authorization["']?[ \t]*[:=][ \t]*["']?(?:bearer|basic|token|digest)[ \t]+|bearer[ \t]+)[A-Za-z0-9._~+/=-]{12,}"#, assigned_value, NONE, NONE, true),
    d!("secret.password", r#"(?i)(?-u:\b)(?:password|passwd|passphrase|pwd|pass)["']?[ \t]*[:=][ \t]*["']?[^\s"',;]+"#, password, NONE, NONE, true),
    d!("secret.generic", r#"(?i)(?-u:\b)(?:api[_-]?key|apikey|access[_-]?key|secret[_-]?key|client[_-]?secret|access[_-]?token|auth[_-]?token|refresh[_-]?token|session[_-]?token|token|secret|key)["']?[ \t]*[:=][ \t]*["']?[A-Za-z0-9_+/=.-]{16,}"#, generic_secret, NONE, NONE, true),
    // Personal data. Names only where context makes them reliable.
    d!("pii.person_name", r#"(?m)^[ \t>]*(?:Name|From|To|Cc|Bcc|Reply-To|Contact|Reporter|Sender|Attn)[ \t]*:[ \t]*"?[A-Z][a-z'-]+(?:[ \t]+(?:[A-Z]\.|[A-Z][a-z'-]+)){1,3}"?"#, header_name),
    d!("pii.person_name", r"(?-u:\b)(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ \t]+[A-Z][a-z'-]+(?:[ \t]+[A-Z][a-z'-]+)?", salutation_name),
    d!("pii.person_name", r"(?-u:\b)(?:Dear|Hi|Hello|Thanks|Regards|Sincerely|Cheers),?[ \t]+(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?[ \t]+)?[A-Z][a-z'-]+(?:[ \t]+[A-Z][a-z'-]+)?", salutation_name),
    word_start(d!("pii.person_name", r#""?[A-Z][a-z'-]+(?:[ \t]+[A-Z][a-z'-]+){1,2}"?[ \t]*<[A-Za-z0-9._%+-]+@"#, display_name)),
    d!("pii.email", r"(?i)(?-u:\b)[a-z0-9][a-z0-9._%+-]*(?:@|\[@\]|\[at\]|\(at\))[a-z0-9-]+(?:(?:\.|\[\.\]|\(\.\)|\[dot\])[a-z0-9-]+)+", email),
    d!("pii.us_ssn", r"(?-u:\b)\d{3}-\d{2}-\d{4}(?-u:\b)", ssn),
    d!("pii.us_ssn", r"(?-u:\b)\d{3} \d{2} \d{4}(?-u:\b)", ssn, &["ssn", "social security", "ss#", "soc sec", "tin"]),
    d!("pii.credit_card", r"(?-u:\b)(?:\d{13,19}|\d{4}(?:-\d{4,6}){2,3}(?:-\d{1,4})?|\d{4}(?: \d{4,6}){2,3}(?: \d{1,4})?)(?-u:\b)", credit_card),
    d!("pii.iban", r"(?-u:\b)[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?-u:\b)", iban),
    d!("pii.us_bank_routing", r"(?-u:\b)\d{9}(?-u:\b)", aba, &["routing", "aba", "rtn", "transit"]),
    d!("pii.us_ssn", r"(?-u:\b)\d{9}(?-u:\b)", ssn, &["ssn", "social security", "ss#", "soc sec"]),
    d!("pii.us_passport", r"(?-u:\b)(?:[A-Z]\d{8}|\d{9})(?-u:\b)", digits_not_repeated, &["passport"]),
    d!("pii.us_bank_account", r"(?-u:\b)\d{6,17}(?-u:\b)", digits_not_repeated, &["account", "acct", "a/c", "checking", "savings"]),
    d!("pii.drivers_license", r"(?-u:\b)[A-Z0-9][A-Z0-9-]{4,15}[0-9](?-u:\b)", license, &["driver", "license", "licence", "dl#", "dl no", "dl:", "dln"]),
    d!("pii.date_of_birth", r"(?i)(?-u:\b)(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.? \d{1,2},? \d{4}|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.? \d{4})(?-u:\b)", date, &["dob", "d.o.b", "date of birth", "born", "birth date", "birthdate", "birthday"]),
    word_start(d!("pii.phone", r"(?:\+?1[ .-]?)?(?:\(\d{3}\)[ ]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?-u:\b)", nanp_phone)),
    word_start(d!("pii.phone", r"\+[1-9]\d{0,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}(?-u:\b)", e164_phone)),
    d!("pii.phone", r"(?-u:\b)1?\d{10}(?-u:\b)", nanp_phone, &["phone", "tel:", "tel.", "mobile", "cell", "fax", "sms", "whatsapp"], &["order", "invoice", "ticket", "case", "ref", "tracking", "po"], false),
    d!("pii.postal_address", r"(?-u:\b)\d{1,6}[ \t]+(?:[NSEW]\.?[ \t]+)?(?:[A-Z][a-z]+[ \t]+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Parkway|Pkwy|Circle|Cir|Terrace|Ter|Highway|Hwy)\.?(?:,?[ \t]+(?:Suite|Ste|Apt|Unit|#)\.?[ \t]*[A-Za-z0-9-]+)?(?:,[ \t]*[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)*,?[ \t]+[A-Z]{2}[ \t]+\d{5}(?:-\d{4})?)?(?-u:\b)", whole),
    // Indicators: detected so policy can keep or redact them.
    d!("ioc.url", r#"(?i)(?-u:\b)(?:https?|hxxps?|ftp|fxp|wss?|sftp)(?:://|\[://\]|\[:\]//)[^\s<>"'`]+"#, url),
    d!("ioc.mac_address", r"(?i)(?-u:\b)[0-9a-f]{2}(?:[:-][0-9a-f]{2}){5}(?-u:\b)", mac),
    d!("ioc.ipv4", r"(?-u:\b)\d{1,3}(?:(?:\.|\[\.\]|\(\.\)|\[dot\])\d{1,3}){3}(?-u:\b)", ipv4, NONE, &["version", "ver", "v", "build", "release"], false),
    word_start(d!("ioc.ipv6", r"(?i)[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}", ipv6)),
    d!("ioc.hash", r"(?i)(?-u:\b)[0-9a-f]{32,}(?-u:\b)", hash, NONE, &["commit", "revision", "rev", "merge", "uuid", "tree", "parent", "sha"], false),
    d!("ioc.domain", r"(?i)(?-u:\b)(?:[a-z0-9][a-z0-9-]*(?:\.|\[\.\]|\(\.\)|\[dot\]))+[a-z]{2,}(?-u:\b)", domain),
];

fn whole(c: &Candidate) -> Option<(usize, usize)> {
    Some((c.start, c.end))
}

/// Not glued to a word on the left (patterns can only say that for word characters).
fn free_left(c: &Candidate) -> bool {
    !c.before().is_some_and(|ch| ch.is_alphanumeric() || ch == '_')
}

fn token(c: &Candidate) -> Option<(usize, usize)> {
    free_left(c).then_some((c.start, c.end))
}

/// Shannon entropy in bits per character.
pub fn entropy(s: &str) -> f64 {
    let mut counts = [0u32; 256];
    for b in s.bytes() {
        counts[b as usize] += 1;
    }
    let n = s.len() as f64;
    counts.iter().filter(|&&c| c > 0).map(|&c| {
        let p = f64::from(c) / n;
        -p * p.log2()
    }).sum()
}

/// Whether a value is (or starts with) one of our replacement tokens.
pub fn is_marker(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('[') else { return false };
    rest.starts_with("REDACTED:") || ["pii.", "secret.", "ioc.", "user."].iter().any(|p| rest.starts_with(p))
}

/// The value of a `name = value` / `name: value` assignment: what follows the separator and
/// any quote. The separator is the first `:` or `=` (a value may contain either).
fn value_after_separator(c: &Candidate) -> Option<usize> {
    let m = c.matched();
    let sep = m.find([':', '='])?;
    let rest = &m[sep + 1..];
    let skip = rest.len() - rest.trim_start_matches([' ', '\t', '"', '\'']).len();
    Some(c.start + sep + 1 + skip)
}

/// Whether `hay` contains `word` (lower-case ASCII) in any ASCII case, without lower-casing a copy.
pub fn contains_ignore_case(hay: &str, word: &str) -> bool {
    let (h, w) = (hay.as_bytes(), word.as_bytes());
    !w.is_empty() && h.len() >= w.len() && h.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w))
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.as_bytes().get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
}

fn assigned_value(c: &Candidate) -> Option<(usize, usize)> {
    let m = c.matched();
    // `Bearer xyz`: the value is the last whitespace-separated word.
    let start = if ["bearer", "basic", "digest"].iter().any(|w| contains_ignore_case(m, w)) || starts_with_ignore_case(m, "authorization") {
        c.start + m.rfind([' ', '\t'])? + 1
    } else {
        value_after_separator(c)?
    };
    let v = c.text.get(start..c.end)?;
    (!v.is_empty() && !is_marker(v) && free_left(c)).then_some((start, c.end))
}

fn password(c: &Candidate) -> Option<(usize, usize)> {
    let start = value_after_separator(c)?;
    let v = c.text.get(start..c.end)?.trim_end_matches(['.', ')', ']', '}']);
    let end = start + v.len();
    if v.is_empty() || is_marker(v) || v.chars().all(|ch| ch == '*' || ch == 'x' || ch == 'X') {
        return None;
    }
    // A bare word after `password: ` is more often prose ("password: see the vault") than a
    // password; a value with a digit or symbol, a quoted one or one glued to `=` is a password.
    let between = c.text.get(..start)?.chars().next_back();
    let glued = matches!(between, Some('=' | ':' | '"' | '\''));
    let plain_word = v.chars().all(|ch| ch.is_ascii_alphabetic());
    // After a space, `name=` or `name:` is the next assignment (left by `remove`), not a value.
    let next_key = v.ends_with(['=', ':']) && v[..v.len() - 1].chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-');
    (glued || !(plain_word || next_key)).then_some((start, end))
}

fn generic_secret(c: &Candidate) -> Option<(usize, usize)> {
    let start = value_after_separator(c)?;
    let v = c.text.get(start..c.end)?.trim_end_matches('.');
    let end = start + v.len();
    let has_digit = v.bytes().any(|b| b.is_ascii_digit());
    let has_alpha = v.bytes().any(|b| b.is_ascii_alphabetic());
    (v.len() >= 16 && has_digit && has_alpha && entropy(v) >= 3.0 && !is_marker(v)).then_some((start, end))
}

fn url_password(c: &Candidate) -> Option<(usize, usize)> {
    let m = c.matched();
    let scheme_end = m.find("://")? + 3;
    let colon = scheme_end + m[scheme_end..].find(':')?;
    let (start, end) = (c.start + colon + 1, c.end - 1);
    let v = c.text.get(start..end)?;
    (!v.is_empty() && !is_marker(v) && !v.chars().all(|ch| ch == '*')).then_some((start, end))
}

/// Words that make a capitalised phrase a team or a thing rather than a person. Sorted (a test
/// keeps them so): looked up by binary search for every word of every candidate name.
const NOT_NAMES: &[&str] = &[
    "Admin", "Agency", "Alert", "All", "Analyst", "Analysts", "Assistant", "Center", "Centre", "Copilot",
    "Corp", "Customer", "Customers", "Cyber", "Date", "Department", "Desk", "Everyone", "Fwd", "Group", "Inc",
    "Incident", "LLC", "Ltd", "Mailer", "Model", "Notification", "Office", "Operations", "Portal", "Re",
    "Report", "Response", "Security", "Sent", "Service", "Services", "Subject", "Support", "System", "Team",
    "The", "Update", "User", "Users",
];

fn name_span(c: &Candidate, from: usize, to: usize) -> Option<(usize, usize)> {
    let v = c.text.get(from..to)?;
    let lead = v.len() - v.trim_start_matches([' ', '\t', '"']).len();
    let t = v.trim_matches([' ', '\t', '"']);
    if t.is_empty() || t.split_whitespace().any(|w| NOT_NAMES.binary_search(&w.trim_end_matches([',', '.'])).is_ok()) {
        return None;
    }
    Some((from + lead, from + lead + t.len()))
}

fn header_name(c: &Candidate) -> Option<(usize, usize)> {
    let colon = c.start + c.matched().find(':')? + 1;
    name_span(c, colon, c.end)
}

/// Titles that may stand between a greeting and a name (`Dear Dr. Smith`).
const TITLES: &[&str] = &["Mr", "Mrs", "Ms", "Miss", "Dr", "Prof"];

fn salutation_name(c: &Candidate) -> Option<(usize, usize)> {
    let m = c.matched();
    let mut from = m.find([' ', '\t'])?;
    if !free_left(c) {
        return None;
    }
    let rest = &m[from..];
    let word = rest.trim_start().split([' ', '\t']).next().unwrap_or("");
    if TITLES.contains(&word.trim_end_matches('.')) {
        from = from + (rest.len() - rest.trim_start().len()) + word.len();
    }
    name_span(c, c.start + from, c.end)
}

fn display_name(c: &Candidate) -> Option<(usize, usize)> {
    let lt = c.start + c.matched().find('<')?;
    if !free_left(c) {
        return None;
    }
    name_span(c, c.start, lt)
}

/// Documentation placeholders (RFC 2606 second-level names): not personal data, not indicators.
/// ([`is_under_domain`](crate::indicator::is_under_domain) for each, the host trimmed once: it
/// runs for every candidate domain, e-mail and URL.)
fn is_documentation_domain(host: &str) -> bool {
    let h = trimmed_host(host);
    ["example.com", "example.org", "example.net"].iter().any(|d| ends_with_domain(h, d.as_bytes()))
}

fn email(c: &Candidate) -> Option<(usize, usize)> {
    let v = refang(c.matched());
    // (`is_email`, its host split off once for the host's checks.)
    let (local, host) = rsplit_at_byte(&v, b'@')?;
    (is_local_part(local) && public_domain(host)).then_some((c.start, c.end))
}

/// A host that is a domain name ([`is_domain`]) under a top-level domain taken as real
/// ([`top_level_ok`]) and not a documentation placeholder ([`is_documentation_domain`]): what
/// the e-mail and domain detectors ask of every candidate's host. An ASCII host, nearly every
/// one, is read once, the pass that checks it also finding its top-level label (the three
/// checks each read it again: ~40 % of validating an e-mail); a test compares the two.
fn public_domain(host: &str) -> bool {
    let h = host.strip_suffix('.').unwrap_or(host);
    match tld_of_ascii_domain(h.as_bytes()) {
        Some(tld) => {
            let tld = h.get(tld..).unwrap_or("");
            // (A documentation domain ends in .com, .org or .net: only those are compared.)
            h.len() <= 253 && tld_ok(tld) && !(tld.len() == 3 && is_documentation_domain(h))
        }
        None if h.is_ascii() => false,
        None => is_domain(host) && top_level_ok(host) && !is_documentation_domain(host),
    }
}

/// The decimal digits of a candidate, on the stack: candidate patterns are bounded, and a
/// candidate with more digits than any validator accepts is refused (`None`).
struct Digits {
    d: [u8; 32],
    n: usize,
}

impl std::ops::Deref for Digits {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        self.d.get(..self.n).unwrap_or(&[])
    }
}

fn digits(s: &str) -> Option<Digits> {
    let mut out = Digits { d: [0; 32], n: 0 };
    for b in s.bytes().filter(u8::is_ascii_digit) {
        *out.d.get_mut(out.n)? = b - b'0';
        out.n += 1;
    }
    Some(out)
}

/// How many decimal digits `s` has.
fn digit_count(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

/// The two characters before `at`, nearest first.
fn two_before(text: &str, at: usize) -> (Option<char>, Option<char>) {
    let mut it = text.get(..at).unwrap_or("").chars().rev();
    (it.next(), it.next())
}

/// The two characters from `at` on.
fn two_after(text: &str, at: usize) -> (Option<char>, Option<char>) {
    let mut it = text.get(at..).unwrap_or("").chars();
    (it.next(), it.next())
}

fn no_digit_neighbours(c: &Candidate) -> bool {
    let glued = |ch: Option<char>| ch.is_some_and(|ch| ch.is_ascii_alphanumeric() || ch == '_');
    // `12-345-67-8901`: a separator then a digit on either side means a longer number.
    let sep_digit = |pair: (Option<char>, Option<char>)| matches!(pair, (Some('-' | '.' | '/'), Some(d)) if d.is_ascii_digit());
    !glued(c.before()) && !glued(c.after(c.end)) && !sep_digit(two_before(c.text, c.start)) && !sep_digit(two_after(c.text, c.end))
}

/// US Social Security numbers: area 000, 666 and 900-999, group 00 and serial 0000 are never
/// issued.
fn ssn(c: &Candidate) -> Option<(usize, usize)> {
    let d = digits(c.matched())?;
    if d.len() != 9 || !no_digit_neighbours(c) {
        return None;
    }
    let area = u32::from(d[0]) * 100 + u32::from(d[1]) * 10 + u32::from(d[2]);
    let ok = area != 0 && area != 666 && area < 900 && (d[3], d[4]) != (0, 0) && d[5..] != [0, 0, 0, 0];
    ok.then_some((c.start, c.end))
}

/// Luhn checksum over digits.
pub fn luhn(d: &[u8]) -> bool {
    let sum: u32 = d.iter().rev().enumerate().map(|(i, &x)| {
        let x = u32::from(x);
        if i % 2 == 1 { if x * 2 > 9 { x * 2 - 9 } else { x * 2 } } else { x }
    }).sum();
    !d.is_empty() && sum % 10 == 0
}

/// Card issuers: number prefix range (on the first digits) and valid lengths.
const CARD_ISSUERS: &[(&str, u32, u32, &[usize])] = &[
    ("visa", 4, 4, &[13, 16, 19]),
    ("mastercard", 51, 55, &[16]),
    ("mastercard", 2221, 2720, &[16]),
    ("amex", 34, 34, &[15]),
    ("amex", 37, 37, &[15]),
    ("discover", 6011, 6011, &[16, 19]),
    ("discover", 644, 649, &[16, 19]),
    ("discover", 65, 65, &[16, 19]),
    ("jcb", 3528, 3589, &[16, 19]),
    ("diners", 300, 305, &[14]),
    ("diners", 36, 36, &[14]),
    ("unionpay", 62, 62, &[16, 17, 18, 19]),
    ("maestro", 6759, 6759, &[12, 13, 14, 15, 16, 17, 18, 19]),
];

fn credit_card(c: &Candidate) -> Option<(usize, usize)> {
    let m = c.matched();
    // The pattern may take a following number's first group (`... 2596 430-44-6846`): try
    // whole-group prefixes, longest first.
    group_ends(m).find(|&e| card_ok(&Candidate { text: c.text, start: c.start, end: c.start + e })).map(|e| (c.start, c.start + e))
}

/// Ends of the digit groups of an ASCII candidate (byte offsets), last first.
fn group_ends(m: &str) -> impl Iterator<Item = usize> + '_ {
    let b = m.as_bytes();
    (0..b.len()).rev().filter(move |&i| b[i].is_ascii_digit() && !b.get(i + 1).is_some_and(u8::is_ascii_digit)).map(|i| i + 1)
}

fn card_ok(c: &Candidate) -> bool {
    let m = c.matched();
    let Some(d) = digits(m) else { return false };
    // One kind of separator, used consistently (`4111 1111 1111 1111`, `4111-1111-...`).
    let mut seps = m.chars().filter(|ch| !ch.is_ascii_digit());
    let mixed = seps.next().is_some_and(|first| seps.any(|ch| ch != first));
    if mixed || !no_digit_neighbours(c) || !luhn(&d) {
        return false;
    }
    let prefix = |n: usize| d.iter().take(n).fold(0u32, |a, &x| a * 10 + u32::from(x));
    CARD_ISSUERS.iter().any(|(_, lo, hi, lens)| {
        let n = lo.checked_ilog10().map_or(1, |l| l as usize + 1);
        (*lo..=*hi).contains(&prefix(n)) && lens.contains(&d.len())
    })
}

/// IBAN lengths by country (a common subset; others are checked by mod-97 alone).
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("DE", 22), ("GB", 22), ("FR", 27), ("ES", 24), ("IT", 27), ("NL", 18), ("BE", 16), ("CH", 21), ("AT", 20),
    ("IE", 22), ("PL", 28), ("SE", 24), ("NO", 15), ("DK", 18), ("FI", 18), ("PT", 25), ("LU", 20), ("CZ", 24),
];

fn iban(c: &Candidate) -> Option<(usize, usize)> {
    let m = c.matched();
    let len = m.chars().filter(|ch| *ch != ' ').count();
    if !(15..=34).contains(&len) {
        return None;
    }
    let country = m.get(..2)?;
    if IBAN_LENGTHS.iter().any(|(cc, n)| *cc == country && *n != len) {
        return None;
    }
    // The pattern puts no space in the first four characters (country and check digits).
    let (head, tail) = (m.get(..4)?, m.get(4..)?);
    let mut rem: u32 = 0;
    for ch in tail.chars().filter(|ch| *ch != ' ').chain(head.chars()) {
        let n = ch.to_digit(36)?;
        rem = if n >= 10 { (rem * 100 + n) % 97 } else { (rem * 10 + n) % 97 };
    }
    (rem == 1).then_some((c.start, c.end))
}

/// ABA routing number checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10).
fn aba(c: &Candidate) -> Option<(usize, usize)> {
    let d = digits(c.matched())?;
    if d.len() != 9 {
        return None;
    }
    let d: [u32; 9] = std::array::from_fn(|i| u32::from(d[i]));
    let sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
    (sum % 10 == 0 && sum != 0).then_some((c.start, c.end))
}

fn digits_not_repeated(c: &Candidate) -> Option<(usize, usize)> {
    let mut d = c.matched().bytes().filter(u8::is_ascii_digit);
    let first = d.next();
    let (rest, differs) = d.fold((0, false), |(n, any), x| (n + 1, any || Some(x) != first));
    (rest + 1 >= 6 && differs && no_digit_neighbours(c)).then_some((c.start, c.end))
}

fn license(c: &Candidate) -> Option<(usize, usize)> {
    (digit_count(c.matched()) >= 4 && no_digit_neighbours(c)).then_some((c.start, c.end))
}

fn date(c: &Candidate) -> Option<(usize, usize)> {
    let m = c.matched();
    let mut nums = m.split(|ch: char| !ch.is_ascii_digit()).filter(|s| !s.is_empty()).filter_map(|s| s.parse::<u32>().ok());
    let plausible = nums.all(|n| n <= 31 || (1900..=2100).contains(&n) || n < 100);
    (plausible && no_digit_neighbours(c)).then_some((c.start, c.end))
}

fn nanp_phone(c: &Candidate) -> Option<(usize, usize)> {
    let all = digits(c.matched())?;
    let d: &[u8] = if all.len() == 11 && all[0] == 1 { &all[1..] } else { &all };
    if d.len() != 10 || !no_digit_neighbours(c) || c.before() == Some('(') && !c.matched().starts_with('(') {
        return None;
    }
    // NANP: area code and exchange start with 2-9; 555-01xx are fictional.
    let ok = d[0] >= 2 && d[3] >= 2 && !(d[0] == d[1] && d[1] == d[2] && d[2] == d[3] && d.iter().all(|&x| x == d[0]));
    ok.then_some((c.start, c.end))
}

fn e164_phone(c: &Candidate) -> Option<(usize, usize)> {
    if c.before().is_some_and(|ch| ch.is_alphanumeric()) {
        return None;
    }
    // The pattern is greedy across groups: take the longest run of whole groups that is a
    // plausible number (8-15 digits) and is not glued to a further number.
    let m = c.matched();
    group_ends(m).find(|&e| {
        let n = digit_count(m.get(..e).unwrap_or(""));
        (8..=15).contains(&n) && no_digit_neighbours(&Candidate { text: c.text, start: c.start, end: c.start + e })
    }).map(|e| (c.start, c.start + e))
}

fn url(c: &Candidate) -> Option<(usize, usize)> {
    let mut v = c.matched();
    // Trailing punctuation belongs to the sentence, unless it closes a bracket the URL opened.
    loop {
        let last = v.chars().next_back()?;
        let open = match last {
            ')' => Some('('),
            ']' => Some('['),
            '.' | ',' | ';' | ':' | '!' | '?' | '}' | '>' => None,
            _ => break,
        };
        if let Some(o) = open {
            if v.matches(o).count() >= v.matches(last).count() && !v.ends_with("[.]") && !v.ends_with("[/]") {
                break;
            }
            if v.ends_with("[.]") || v.ends_with("[/]") {
                break;
            }
        }
        v = &v[..v.len() - last.len_utf8()];
    }
    let r = refang(v);
    valid_url_host(&r).is_some_and(|h| !is_documentation_domain(h.host)).then_some((c.start, c.start + v.len()))
}

fn mac(c: &Candidate) -> Option<(usize, usize)> {
    let m = c.matched();
    let colon = m.contains(':');
    let dash = m.contains('-');
    (colon != dash && !c.after(c.end).is_some_and(|ch| ch == ':' || ch == '-')).then_some((c.start, c.end))
}

fn ipv4(c: &Candidate) -> Option<(usize, usize)> {
    let r = refang(c.matched());
    // A fifth dotted part (`1.2.3.4.5`) or a version prefix (`v1.2.3.4`) is not an address.
    let dot_digit = |pair: (Option<char>, Option<char>)| matches!(pair, (Some('.'), Some(d)) if d.is_ascii_digit());
    let more = dot_digit(two_after(c.text, c.end));
    let less = dot_digit(two_before(c.text, c.start));
    (parse_ipv4(&r).is_some() && !more && !less && free_left(c)).then_some((c.start, c.end))
}

fn ipv6(c: &Candidate) -> Option<(usize, usize)> {
    let m = c.matched();
    let glued = |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric() || ch == '_' || ch == ':');
    if glued(c.before()) || glued(c.after(c.end)) || m.matches(':').count() < 2 || !m.bytes().any(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    // `::1` is an address, `std::fmt` is not: the pattern's boundaries took care of that.
    // Times (`10:15:30`) do not parse.
    let after_ipv4 = c.text.get(c.end..).is_some_and(|s| s.starts_with('.'));
    (parse_ipv6(m).is_some() && !after_ipv4).then_some((c.start, c.end))
}

fn hash(c: &Candidate) -> Option<(usize, usize)> {
    let m = c.matched();
    // MD5, SHA-1, SHA-256, SHA-512 lengths (the pattern has no upper bound: cheaper automaton).
    ([32, 40, 64, 128].contains(&m.len()) && m.bytes().any(|b| b.is_ascii_digit()) && m.bytes().any(|b| b.is_ascii_alphabetic())).then_some((c.start, c.end))
}

/// Top-level domains taken as real when a dotted word is seen in prose: generic ones, the
/// reserved ones used in reports (`.example`, `.test`, `.local`, `.internal`) and country codes
/// that are not also common file extensions (`.py`, `.rs`, `.md`, `.sh`, `.pl` are left out).
/// Sorted and lower-case (a test keeps them so): looked up by binary search, once per
/// candidate domain, e-mail and URL.
const TLDS: &[&str] = &[
    "ae", "ai", "app", "ar", "arpa", "asia", "au", "az", "be", "bid", "biz", "br", "ca", "cc", "cf", "ch",
    "cl", "click", "cloud", "club", "cn", "co", "com", "corp", "cz", "de", "dev", "dk", "download", "edu",
    "ee", "es", "eu", "example", "fi", "fr", "ga", "ge", "gov", "gq", "gr", "hk", "host", "hu", "icu", "ie",
    "il", "in", "info", "int", "internal", "intranet", "io", "ir", "it", "jp", "kp", "kr", "kz", "lan",
    "link", "live", "loan", "local", "localdomain", "lt", "lv", "ly", "me", "mil", "ml", "mobi", "mov", "mx",
    "my", "name", "net", "ng", "nl", "no", "nz", "onion", "online", "org", "ph", "pk", "pro", "pt", "pw",
    "ro", "ru", "sa", "se", "sg", "shop", "site", "space", "store", "su", "tech", "test", "th", "tk", "top",
    "tr", "tv", "tw", "ua", "uk", "us", "vip", "vn", "website", "win", "work", "ws", "xyz", "za", "zip",
];

/// A TLD as one number: up to 16 bytes, big-endian, zero-padded, so packed TLDs sort as the
/// strings do and [`TLDS`] is looked up by comparing integers rather than strings (the lookup
/// runs once per candidate domain, e-mail and URL). `None`: longer than any entry.
const fn pack_tld(s: &[u8]) -> Option<u128> {
    if s.len() > 16 {
        return None;
    }
    let (mut v, mut i) = (0u128, 0);
    while i < 16 {
        let b = if i < s.len() { s[i].to_ascii_lowercase() } else { 0 };
        v = v << 8 | b as u128;
        i += 1;
    }
    Some(v)
}

/// [`TLDS`] packed by [`pack_tld`], in the same (sorted) order.
const TLD_KEYS: [u128; TLDS.len()] = {
    let mut keys = [0; TLDS.len()];
    let mut i = 0;
    while i < TLDS.len() {
        keys[i] = match pack_tld(TLDS[i].as_bytes()) {
            Some(k) => k,
            None => panic!("a TLD longer than 16 bytes"),
        };
        i += 1;
    }
    keys
};

fn top_level_ok(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    tld_ok(rsplit_at_byte(host, b'.').map_or(host, |(_, tld)| tld))
}

/// Whether a top-level label is one of [`TLDS`] (any ASCII case) or internationalised (`xn--`).
fn tld_ok(tld: &str) -> bool {
    pack_tld(tld.as_bytes()).is_some_and(|k| TLD_KEYS.binary_search(&k).is_ok()) || starts_with_ignore_case(tld, "xn--")
}

fn domain(c: &Candidate) -> Option<(usize, usize)> {
    let r = refang(c.matched());
    let left = c.before();
    // Part of an e-mail, a path or a longer dotted name already looked at.
    if matches!(left, Some('.' | '/' | '\\' | '-' | '_' | '$' | '%')) || c.after(c.end).is_some_and(|ch| ch == '(' || ch == '@') {
        return None;
    }
    public_domain(&r).then_some((c.start, c.end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_namespaced_and_indicators_are_kept_by_default() {
        for d in DETECTORS {
            assert!(d.kind == MARKER || d.kind.starts_with("pii.") || d.kind.starts_with("secret.") || d.kind.starts_with("ioc."), "{}", d.kind);
            assert_eq!(d.action == Action::Keep, d.kind.starts_with("ioc."), "{}", d.kind);
        }
    }

    /// The word lists looked up by binary search must stay sorted (and the TLDs lower-case and
    /// at most 16 bytes, what `pack_tld` packs).
    #[test]
    fn looked_up_lists_are_sorted() {
        assert!(TLDS.windows(2).all(|w| w[0] < w[1]), "TLDS not sorted");
        assert!(TLDS.iter().all(|t| t.len() <= 16 && t.bytes().all(|b| b.is_ascii_lowercase())));
        assert!(TLD_KEYS.windows(2).all(|w| w[0] < w[1]), "packed TLDs do not sort as the strings");
        assert!(NOT_NAMES.windows(2).all(|w| w[0] < w[1]), "NOT_NAMES not sorted");
        for host in ["evil.COM", "a.b.Example", "x.internal.", "xn--80ak6aa92e.xn--p1ai", "localhost.localdomain"] {
            assert!(top_level_ok(host), "{host}");
        }
        for host in ["main.rs", "README.md", "a.verylongtldthatisnotone", "x."] {
            assert!(!top_level_ok(host), "{host}");
        }
    }

    /// `public_domain` reads a host once where the e-mail and domain detectors asked three
    /// checks: the same answer for every dotted word of the mixed corpus and its mutations (a
    /// trailing dot, upper case, a documentation domain around it), and for the edge cases.
    #[test]
    fn public_domain_as_its_three_checks() {
        let three = |h: &str| is_domain(h) && top_level_ok(h) && !is_documentation_domain(h);
        let long = format!("{}.com", ["a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(57)].join("."));
        let mut hosts: Vec<String> = [
            "evil.com", "evil.com.", "evil.com..", "a..com", ".com", "com", "", ".", "EVIL.COM", "x.example.com", "example.com",
            "www.Example.ORG.", "notexample.com", "a.internal", "a_b.com", "a.b_c", "a.123", "-a.com", "a-.com", "main.rs",
            "xn--80ak6aa92e.xn--p1ai", "xn--bcher-kva.XN--P1AI", "bücher.de", "bücher.example.com", "münchen.unknowntld",
            "a.b c.com", "ex ample.com", " evil.com", "evil.com ", "a.verylongtldthatisnotone", "a.com\u{0}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        hosts.push(long.clone());
        hosts.push(format!("e.{long}"));
        let text = crate::scan::corpus::mixed_text(50_000);
        for w in text.split(|c: char| c.is_whitespace() || matches!(c, '@' | '/' | '<' | '>' | '"' | '(' | ')' | ',')) {
            if w.contains('.') {
                hosts.extend([w.to_string(), format!("{w}."), w.to_ascii_uppercase(), format!("{w}.example.com"), format!("x.{w}")]);
            }
        }
        assert!(hosts.len() > 1000);
        for h in &hosts {
            assert_eq!(public_domain(h), three(h), "{h:?}");
        }
    }

    /// `is_local_part` against the rules as written before its byte table: every ASCII byte
    /// alone and in pairs, and some non-ASCII parts.
    #[test]
    fn local_parts() {
        let by_rules = |local: &str| {
            let allowed = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c) || (!c.is_ascii() && c.is_alphanumeric());
            !local.is_empty() && local.len() <= 64 && !local.starts_with('.') && !local.ends_with('.') && !local.contains("..") && local.chars().all(allowed)
        };
        let mut parts: Vec<String> = vec!["".into(), "a".repeat(64), "a".repeat(65), "jo.doe".into(), "jo..doe".into(), ".jo".into(), "jo.".into(), "zoë".into(), "zoë..x".into(), "a\u{2028}".into(), "δ.ε".into()];
        for a in 0..128u8 {
            parts.push(char::from(a).to_string());
            for b in [b'a', b'.', a] {
                parts.push(format!("x{}{}", char::from(a), char::from(b)));
            }
        }
        for p in &parts {
            assert_eq!(is_local_part(p), by_rules(p), "{p:?}");
        }
    }

    /// Context and veto words are compared in any ASCII case against the text as it is, which
    /// holds only for words written in lower-case ASCII.
    #[test]
    fn context_words_are_lower_case_ascii() {
        for d in DETECTORS {
            for w in d.context.iter().chain(d.veto) {
                assert!(!w.is_empty() && w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()), "{w}");
            }
        }
        assert!(contains_ignore_case("Call my CELL now", "cell") && !contains_ignore_case("ce", "cell"));
    }

    #[test]
    fn checksums() {
        assert!(luhn(&digits("4111 1111 1111 1111").unwrap()) && !luhn(&digits("4111 1111 1111 1112").unwrap()));
        let c = |t: &'static str| Candidate { text: t, start: 0, end: t.len() };
        assert!(iban(&c("GB82 WEST 1234 5698 7654 32")).is_some() && iban(&c("GB82 WEST 1234 5698 7654 33")).is_none());
        assert!(aba(&c("021000021")).is_some() && aba(&c("021000022")).is_none());
        assert!(ssn(&c("123-45-6789")).is_some());
        for bad in ["000-12-3456", "666-12-3456", "912-12-3456", "123-00-4567", "123-45-0000"] {
            assert!(ssn(&c(bad)).is_none(), "{bad}");
        }
        assert!(entropy("aaaaaaaaaaaaaaaa") < 0.1 && entropy("q8Zr2LmX0vB7nT4k") > 3.5);
    }
}
