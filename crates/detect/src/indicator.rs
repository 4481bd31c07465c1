//! Indicator syntax: what a valid IPv4, domain, URL, hash... looks like, how defanged forms
//! (`hxxp://`, `example[.]com`, `1.2.3[.]4`) read, and which addresses are private. Shared by
//! validation, redaction (which must keep indicators exact) and the exports. The checks of a
//! value against its declared indicator type are the main crate's `indicator::check`.

use std::borrow::Cow;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Defanging conventions and what they stand for, in the order they are undone.
const DEFANGS: &[(&str, &str)] = &[
    ("hxxps://", "https://"),
    ("hxxp://", "http://"),
    ("hXXps://", "https://"),
    ("hXXp://", "http://"),
    ("fxp://", "ftp://"),
    ("[.]", "."),
    ("(.)", "."),
    ("{.}", "."),
    ("[dot]", "."),
    ("(dot)", "."),
    ("[:]", ":"),
    ("[://]", "://"),
    ("[@]", "@"),
    ("[at]", "@"),
    ("(at)", "@"),
];

/// What a byte says about defanging: 0 nothing, 1 a bracket (`[`, `(`, `{`), 2 an `x` that
/// starts a defang when a `p` follows.
const DEFANG_BYTE: [u8; 256] = {
    let mut t = [0; 256];
    t[b'[' as usize] = 1;
    t[b'(' as usize] = 1;
    t[b'{' as usize] = 1;
    t[b'x' as usize] = 2;
    t[b'X' as usize] = 2;
    t
};

/// Undoes defanging; borrows when there is nothing to undo.
pub fn refang(value: &str) -> Cow<'_, str> {
    // Every defang in the table has a bracket or an "xp" (hxxp, hXXp, fxp): one pass over the
    // bytes, a table look-up each, rules most values out before fifteen substring searches.
    let b = value.as_bytes();
    let may_be_defanged = b.iter().enumerate().any(|(i, &c)| match DEFANG_BYTE[usize::from(c)] {
        0 => false,
        1 => true,
        _ => b.get(i + 1) == Some(&b'p'),
    });
    let mut s = Cow::Borrowed(value);
    if !may_be_defanged {
        return s;
    }
    // One look per defang (the value is copied at the first that occurs), not a pass through
    // the table to decide whether to copy and then another per defang.
    for (d, r) in DEFANGS {
        if occurs(&s, d) {
            s = Cow::Owned(replace_all(&s, d, r));
        }
    }
    s
}

/// `haystack.replace(needle, with)` for a short value and a shorter replacement: occurrences
/// found as in [`occurs`], the output allocated once at its final size (`str::replace` set a
/// substring searcher up and grew its output by reallocation: most of the cost of refanging a
/// defanged URL). Needles and replacements are ASCII, so every cut is on a char boundary.
fn replace_all(haystack: &str, needle: &str, with: &str) -> String {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let mut out = String::with_capacity(haystack.len());
    let Some(&first) = n.first() else { return haystack.to_owned() };
    let mut copied = 0;
    for at in memchr::memchr_iter(first, h) {
        if at >= copied && h.get(at..).is_some_and(|rest| rest.starts_with(n)) {
            out.push_str(haystack.get(copied..at).unwrap_or(""));
            out.push_str(with);
            copied = at + n.len();
        }
    }
    out.push_str(haystack.get(copied..).unwrap_or(""));
    out
}

/// Whether `needle` occurs in `haystack`: the places its first byte occurs, found with memchr,
/// then compared. Defangs are a few bytes and values short, where `str::contains` spends more
/// setting its searcher up than searching (it was most of the cost of validating an indicator).
fn occurs(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else { return true };
    memchr::memchr_iter(first, h).any(|i| h.get(i..).is_some_and(|rest| rest.starts_with(n)))
}

/// A strict dotted-quad IPv4 (no leading zeros, which some parsers read as octal): four parts
/// of one to three ASCII digits, each at most 255. Read byte by byte (every IPv4, URL and CIDR
/// candidate of the scanner comes through here; splitting and `Ipv4Addr::from_str` cost ~700
/// instructions a call); a test compares it with that reading.
pub fn parse_ipv4(s: &str) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut parts = s.as_bytes().split(|&b| b == b'.');
    for octet in &mut octets {
        let p = parts.next()?;
        if p.is_empty() || p.len() > 3 || (p.len() > 1 && p.first() == Some(&b'0')) {
            return None;
        }
        let mut v: u16 = 0;
        for &d in p {
            if !d.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u16::from(d - b'0');
        }
        *octet = u8::try_from(v).ok()?;
    }
    parts.next().is_none().then(|| Ipv4Addr::from(octets))
}

/// An IPv6 address (no zone id).
pub fn parse_ipv6(s: &str) -> Option<Ipv6Addr> {
    if !s.contains(':') {
        return None;
    }
    s.parse().ok()
}

/// A CIDR network (`10.0.0.0/8`, `2001:db8::/32`).
pub fn parse_cidr(s: &str) -> Option<(IpAddr, u8)> {
    let (addr, len) = s.split_once('/')?;
    let len: u8 = if len.len() <= 3 && len.bytes().all(|b| b.is_ascii_digit()) { len.parse().ok()? } else { return None };
    if let Some(a) = parse_ipv4(addr) {
        (len <= 32).then_some((IpAddr::V4(a), len))
    } else {
        parse_ipv6(addr).filter(|_| len <= 128).map(|a| (IpAddr::V6(a), len))
    }
}

/// A fully qualified domain name, including internationalised ones (Unicode or `xn--` labels).
pub fn is_domain(s: &str) -> bool {
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.is_empty() || s.len() > 253 {
        return false;
    }
    if s.is_ascii() {
        is_ascii_domain(s.as_bytes())
    } else {
        is_domain_labels(s)
    }
}

/// [`is_domain`]'s label rules for any text, label by label (internationalised names).
fn is_domain_labels(s: &str) -> bool {
    // One pass over the labels, no vector of them (a validator runs on every scanner candidate).
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.chars().count() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || (!c.is_ascii() && c.is_alphanumeric()))
    };
    let mut labels = 0;
    let mut tld = "";
    for l in s.split('.') {
        if !label_ok(l) {
            return false;
        }
        labels += 1;
        tld = l;
    }
    labels >= 2 && !tld.chars().all(|c| c.is_ascii_digit()) && !tld.contains('_')
}

/// [`is_domain`] for ASCII text, byte by byte in one pass: the scanner validates every domain,
/// e-mail and URL candidate with it, where splitting into labels and decoding characters was
/// most of the cost. Same answers (a test compares the two).
fn is_ascii_domain(s: &[u8]) -> bool {
    tld_of_ascii_domain(s).is_some()
}

/// Where the last label (the top-level domain) of `s` starts, if `s` is a domain name as
/// [`is_domain`] reads ASCII text (no trailing dot, no length limit checked here); `None`
/// otherwise, and for any non-ASCII byte. One pass: a detector that then looks the top-level
/// domain up does not split the name again.
pub fn tld_of_ascii_domain(s: &[u8]) -> Option<usize> {
    let (mut labels, mut len, mut prev, mut tld_digits, mut tld_underscore) = (0, 0, b'.', true, false);
    // The end of the text closes the last label as a dot would.
    let label_ends = |len: usize, prev: u8| len != 0 && len <= 63 && prev != b'-';
    for &b in s {
        if b == b'.' {
            if !label_ends(len, prev) {
                return None;
            }
            labels += 1;
            len = 0;
        } else {
            if !(b.is_ascii_alphanumeric() || b == b'-' || b == b'_') || (len == 0 && b == b'-') {
                return None;
            }
            if len == 0 {
                (tld_digits, tld_underscore) = (true, false);
            }
            tld_digits &= b.is_ascii_digit();
            tld_underscore |= b == b'_';
            len += 1;
        }
        prev = b;
    }
    (label_ends(len, prev) && labels >= 1 && !tld_digits && !tld_underscore).then(|| s.len() - len)
}

/// An absolute URL with a scheme and a host.
pub fn is_url(s: &str) -> bool {
    valid_url_host(s).is_some()
}

/// The host of `s` when [`is_url`] accepts it: a caller that checks a URL and then reads its
/// host (the redaction detector) splits it once.
pub fn valid_url_host(s: &str) -> Option<UrlHost<'_>> {
    let (scheme, rest) = split_scheme(s)?;
    // (ASCII text, most candidates, by bytes: ~1 % of the scanner's instructions.)
    let blank = |c: char| c.is_whitespace() || c.is_control();
    if scheme.is_empty() || !scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        || !scheme.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'))
        || if s.is_ascii() { s.bytes().any(|b| blank(char::from(b))) } else { s.chars().any(blank) }
    {
        return None;
    }
    let parts = authority_host(rest)?;
    let UrlHost { host, port, ipv6_literal } = parts;
    let valid = if ipv6_literal {
        parse_ipv6(host).is_some()
    } else {
        port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit()))
            && (parse_ipv4(host).is_some() || is_domain(host) || host.eq_ignore_ascii_case("localhost"))
    };
    valid.then_some(parts)
}

/// The host of a URL and its port, as every check of a URL's host reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UrlHost<'a> {
    /// The host: a name, an IPv4 address, or an IPv6 address without its brackets.
    pub host: &'a str,
    /// What follows the host's `:`, if anything (not checked to be a number).
    pub port: Option<&'a str>,
    /// The host was written `[...]`.
    pub ipv6_literal: bool,
}

/// The host and port of `scheme://user:pass@host:port/path?query#fragment` (the scheme may be
/// missing: `host/path`). One reading for URL validation, the redaction detector and policy,
/// and the export's destination rules, which used to split URLs each their own way and
/// disagreed on IPv6 literals and ports. `None`: an IPv6 literal with no closing bracket, or
/// with something other than a port after it.
pub fn url_host(url: &str) -> Option<UrlHost<'_>> {
    authority_host(split_scheme(url).map_or(url, |(_, rest)| rest))
}

/// [`url_host`] of what follows a URL's `scheme://` (split once by [`valid_url_host`]).
fn authority_host(rest: &str) -> Option<UrlHost<'_>> {
    // (The end of the authority found by bytes: a `char` pattern decodes every character.)
    let authority = rest.get(..rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len())).unwrap_or("");
    let host_port = rsplit_at_byte(authority, b'@').map_or(authority, |(_, h)| h);
    if let Some(literal) = host_port.strip_prefix('[') {
        let (host, after) = literal.split_once(']')?;
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':')?),
        };
        return Some(UrlHost { host, port, ipv6_literal: true });
    }
    let (host, port) = rsplit_at_byte(host_port, b':').map_or((host_port, None), |(h, p)| (h, Some(p)));
    Some(UrlHost { host, port, ipv6_literal: false })
}

/// Whether `host` is `domain` or one of its subdomains, in any ASCII case. Surrounding
/// whitespace and a trailing dot are ignored on both, a leading dot on `domain`
/// (`.acme-corp.com`); an empty domain matches nothing.
pub fn is_under_domain(host: &str, domain: &str) -> bool {
    ends_with_domain(trimmed_host(host), trimmed_domain(domain))
}

/// A host name as [`is_under_domain`] compares it: surrounding white space and trailing dots
/// off. (Apart, so a caller testing one host against many domains trims it once.)
pub fn trimmed_host(host: &str) -> &[u8] {
    host.trim().trim_end_matches('.').as_bytes()
}

/// A domain as [`is_under_domain`] compares it: white space and the dots at either end off.
pub fn trimmed_domain(domain: &str) -> &[u8] {
    domain.trim().trim_end_matches('.').trim_start_matches('.').as_bytes()
}

/// [`is_under_domain`] of a [`trimmed_host`] and a [`trimmed_domain`].
pub fn ends_with_domain(host: &[u8], domain: &[u8]) -> bool {
    let Some(cut) = host.len().checked_sub(domain.len()) else { return false };
    !domain.is_empty() && host.get(cut..).is_some_and(|tail| tail.eq_ignore_ascii_case(domain)) && (cut == 0 || host.get(cut - 1) == Some(&b'.'))
}

/// `s.split_once("://")`, found from the first `:` rather than with a substring searcher, whose
/// set-up cost more than the search on URL-length text.
pub fn split_scheme(s: &str) -> Option<(&str, &str)> {
    let colon = memchr::memchr(b':', s.as_bytes())?;
    if s.as_bytes().get(colon + 1..colon + 3) == Some(b"//") {
        return Some((&s[..colon], &s[colon + 3..]));
    }
    s.split_once("://")
}

/// `s.rsplit_once(sep)` for an ASCII separator, found with memrchr: `str::rsplit_once` with a
/// `char` runs a generic reverse searcher, a measurable share of validating an e-mail or a URL.
pub fn rsplit_at_byte(s: &str, sep: u8) -> Option<(&str, &str)> {
    let at = memchr::memrchr(sep, s.as_bytes())?;
    Some((s.get(..at)?, s.get(at + 1..)?))
}

/// An e-mail address (`local@domain`), in the practical subset people and tools use.
pub fn is_email(s: &str) -> bool {
    rsplit_at_byte(s, b'@').is_some_and(|(local, domain)| is_local_part(local) && is_domain(domain))
}

/// What an ASCII byte may be in an e-mail's local part: letters, digits, dots and RFC 5322's
/// `atext` symbols. Looked up once per byte (a `matches!` over fifteen symbols was a chain of
/// comparisons per byte, for every e-mail candidate of the scanner).
const LOCAL_PART_BYTE: [bool; 128] = {
    let mut t = [false; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || matches!(b, b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'/' | b'=' | b'?' | b'^' | b'_' | b'`' | b'{' | b'|' | b'}' | b'~' | b'.');
        i += 1;
    }
    t
};

/// The part of an e-mail address before its last `@`, as [`is_email`] accepts it: 1 to 64
/// bytes, no dot first, last or twice in a row.
pub fn is_local_part(local: &str) -> bool {
    let l = local.as_bytes();
    if l.is_empty() || l.len() > 64 || l.first() == Some(&b'.') || l.last() == Some(&b'.') {
        return false;
    }
    // ASCII local parts, nearly all, in one pass over the bytes; at the first other byte, the
    // same rules by characters.
    let mut prev = 0;
    for &b in l {
        if !b.is_ascii() {
            let allowed = |c: char| if c.is_ascii() { LOCAL_PART_BYTE[usize::from(c as u8)] } else { c.is_alphanumeric() };
            return !l.windows(2).any(|w| w == b"..") && local.chars().all(allowed);
        }
        if !LOCAL_PART_BYTE[usize::from(b)] || (b == b'.' && prev == b'.') {
            return false;
        }
        prev = b;
    }
    true
}

/// A CVE id: `CVE-YYYY-NNNN` with four or more digits in the sequence number.
pub fn is_cve(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("CVE-") else { return false };
    let Some((year, seq)) = rest.split_once('-') else { return false };
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && year >= "1999"
        && seq.len() >= 4
        && seq.len() <= 19
        && seq.bytes().all(|b| b.is_ascii_digit())
}

/// Whether an IP address is private, loopback, link-local, unspecified or otherwise not
/// routable on the internet (RFC 1918, 6598, 3927, 4193, 4291 and friends).
pub fn is_private_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(a) => {
            let o = a.octets();
            a.is_private() || a.is_loopback() || a.is_link_local() || a.is_unspecified() || a.is_broadcast()
                || (o[0] == 100 && (64..128).contains(&o[1])) // RFC 6598 shared address space
        }
        IpAddr::V6(a) => {
            let s = a.segments();
            a.is_loopback() || a.is_unspecified()
                || (s[0] & 0xfe00) == 0xfc00 // unique local
                || (s[0] & 0xffc0) == 0xfe80 // link-local
                || a.to_ipv4_mapped().is_some_and(|v4| is_private_ip(IpAddr::V4(v4)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_domains_read_as_label_by_label() {
        let long = "a".repeat(63);
        let too_long = "a".repeat(64);
        let cases = [
            "example.com", "a.b", "x", "x.", ".x", "a..b", "-a.com", "a-.com", "a-b.com", "a_b.com", "a.b_c", "a.123",
            "1.a2", "a.-", "a.b-", "xn--bcher-kva.example", "under_score.example", "a b.com", "a.b.", "",
        ];
        let owned = [format!("{long}.com"), format!("{too_long}.com"), format!("a.{long}"), format!("a.{too_long}")];
        for c in cases.iter().copied().chain(owned.iter().map(String::as_str)) {
            let c = c.strip_suffix('.').unwrap_or(c);
            if c.is_empty() {
                continue;
            }
            assert_eq!(is_ascii_domain(c.as_bytes()), is_domain_labels(c), "{c:?}");
        }
    }

    /// One reading of a URL's host for every caller: credentials, ports, paths, queries and
    /// IPv6 literals (the cases on which the three former readers disagreed).
    #[test]
    fn url_hosts() {
        fn host(url: &str) -> Option<(&str, Option<&str>, bool)> {
            url_host(url).map(|h| (h.host, h.port, h.ipv6_literal))
        }
        assert_eq!(host("https://user:pa:ss@Wiki.Acme-Corp.com:8443/a?b#c"), Some(("Wiki.Acme-Corp.com", Some("8443"), false)));
        assert_eq!(host("http://[2001:db8::1]:8080/x"), Some(("2001:db8::1", Some("8080"), true)));
        assert_eq!(host("http://[fe80::1]/"), Some(("fe80::1", None, true)));
        assert_eq!(host("http://[::1"), None);
        assert_eq!(host("http://[::1]x/"), None);
        assert_eq!(host("http://10.0.0.7?q=1"), Some(("10.0.0.7", None, false)));
        assert_eq!(host("ftp://files.example#frag"), Some(("files.example", None, false)));
        assert_eq!(host("taxii.acme-corp.com/api"), Some(("taxii.acme-corp.com", None, false)));
        assert_eq!(host("https://host:abc/"), Some(("host", Some("abc"), false)));
        // And what URL validation makes of them.
        assert!(is_url("http://[2001:db8::1]:8080/x") && is_url("https://a.example:443/") && is_url("http://localhost:3000"));
        assert!(!is_url("https://host.example:abc/") && !is_url("http://[::1") && !is_url("http://[zz::1]/"));
    }

    #[test]
    fn under_a_domain() {
        for (host, domain) in [("acme-corp.com", "acme-corp.com"), ("wiki.ACME-corp.com.", "acme-corp.com"), ("a.b.corp", ".corp"), (" x.acme.com ", "acme.com.")] {
            assert!(is_under_domain(host, domain), "{host} {domain}");
        }
        for (host, domain) in [("notacme-corp.com", "acme-corp.com"), ("acme-corp.com.evil", "acme-corp.com"), ("corp", "acme.corp"), ("x.example", ""), ("x.example", " . ")] {
            assert!(!is_under_domain(host, domain), "{host} {domain}");
        }
    }

    #[test]
    fn replace_all_as_str_replace() {
        for (h, n, w) in [("a[.]b[.]c", "[.]", "."), ("[.][.]", "[.]", "."), ("[[.]]", "[.]", "."), ("hxxp://x", "hxxp://", "http://"), ("x", "[.]", "."), ("é[.]ü", "[.]", "."), ("aaa", "aa", "b"), ("", "[.]", ".")] {
            assert_eq!(replace_all(h, n, w), h.replace(n, w), "{h} {n}");
        }
    }

    #[test]
    fn scheme_split_as_split_once() {
        for s in ["https://a.example/x", "a:b://c", "mailto:x", "x", "://", "a://b://c", "h:/x://y"] {
            assert_eq!(split_scheme(s), s.split_once("://"), "{s}");
        }
    }

    /// The byte-by-byte [`parse_ipv4`] reads as the split-and-`from_str` reading it replaced.
    #[test]
    fn ipv4_as_std_reads_it() {
        fn by_std(s: &str) -> Option<Ipv4Addr> {
            let parts: Vec<&str> = s.split('.').collect();
            if parts.len() != 4 || parts.iter().any(|p| p.is_empty() || p.len() > 3 || (p.len() > 1 && p.starts_with('0'))) {
                return None;
            }
            s.parse().ok()
        }
        let mut cases: Vec<String> = ["1.2.3.4", "0.0.0.0", "255.255.255.255", "256.1.1.1", "01.2.3.4", "1.2.3", "1.2.3.4.5", "1..3.4", "1.2.3.4.", ".1.2.3", "1.2.3.a", "1.2.3.+4", "1.2.3.٣", "", "...", "999.1.1.1", "1.2.3.00"]
            .iter().map(|s| s.to_string()).collect();
        let parts = ["0", "00", "7", "09", "10", "99", "100", "199", "249", "250", "255", "256", "300", "1000", "", "a", "-1", "+1", " 1"];
        for (i, a) in parts.iter().enumerate() {
            for b in parts.iter().skip(i % 3) {
                cases.push(format!("{a}.{b}.{b}.{a}"));
                cases.push(format!("1.{a}.2.{b}"));
            }
        }
        for c in &cases {
            assert_eq!(parse_ipv4(c), by_std(c), "{c:?}");
        }
    }

    #[test]
    fn byte_rsplit_as_rsplit_once() {
        for (s, c) in [("a@b@c", '@'), ("@", '@'), ("", '@'), ("é@ü", '@'), ("a.b.c", '.'), ("abc", ':'), ("h:p:", ':')] {
            assert_eq!(rsplit_at_byte(s, c as u8), s.rsplit_once(c), "{s}");
        }
    }

    #[test]
    fn cves() {
        assert!(is_cve("CVE-2024-3094") && is_cve("CVE-2021-44228") && is_cve("CVE-2025-1234567"));
        assert!(!is_cve("CVE-24-3094") && !is_cve("cve-2024-3094") && !is_cve("CVE-2024-123") && !is_cve("CVE-2024-12a4"));
    }

    /// `refang` against the rules as first written: each defang in table order, replaced
    /// wherever it occurs in the text as the ones before it left it. Texts are soups of
    /// defangs and their pieces, so that undoing one makes or breaks another.
    #[test]
    fn refang_as_replacing_in_table_order() {
        let by_rules = |v: &str| {
            let mut s = v.to_string();
            for (d, r) in DEFANGS {
                s = s.replace(d, r);
            }
            s
        };
        let pieces: Vec<&str> = DEFANGS.iter().map(|(d, _)| *d).chain(["[", "]", "(", ")", "{", "}", ".", ":", "//", "/", "@", "h", "hxx", "hXX", "p", "ps", "f", "x", "a", "at", "dot", "é", "evil"]).collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for _ in 0..20_000 {
            let v: String = (0..1 + next(8)).map(|_| pieces[next(pieces.len())]).collect();
            assert_eq!(refang(&v), by_rules(&v), "{v:?}");
        }
    }

    #[test]
    fn refang_undoes_common_defanging() {
        assert_eq!(refang("hxxps://evil[.]example[/]"), "https://evil.example[/]");
        assert_eq!(refang("user[@]evil(.)example"), "user@evil.example");
        assert!(matches!(refang("plain.example"), Cow::Borrowed(_)));
        assert!(matches!(refang("[plain].example"), Cow::Borrowed(_)));
        assert_eq!(refang("hxxp[://]evil[[:]//]x"), "hxxp://evil://x");
        for (h, n) in [("a[.]b", "[.]"), ("[.]", "[.]"), ("x[[.]", "[.]"), ("", ""), ("ab", ""), ("a[.b", "[.]"), ("[.", "[.]"), ("hxxp", "hxxps://")] {
            assert_eq!(occurs(h, n), h.contains(n), "{h:?} {n:?}");
        }
        // The fast check must let every table entry through.
        for (d, r) in DEFANGS {
            assert_eq!(refang(&format!("a{d}b")), format!("a{r}b"), "{d}");
        }
    }
}
