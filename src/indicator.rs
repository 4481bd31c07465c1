//! Indicators: a value checked against its declared type (`IndicatorType`), and whether it
//! names private address space. The syntax itself (what a valid IPv4, domain, URL, hash...
//! looks like, defanged forms, private ranges) is [`tearsheet_detect::indicator`], re-exported
//! here: the redaction detectors validate with it too, and live in that crate so the browser's
//! wasm can build them for speed (see `Cargo.toml`, profile `wasm`).

pub use tearsheet_detect::indicator::*;

use crate::vocab::IndicatorType;

fn is_hex(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Why a value does not fit its declared type, or `Ok` when it does. Defanged values are
/// read refanged.
pub fn check(kind: IndicatorType, value: &str) -> Result<(), &'static str> {
    check_refanged(kind, &refang(value.trim()))
}

/// [`check`] of a value already trimmed and refanged (validation refangs each value once).
pub fn check_refanged(kind: IndicatorType, v: &str) -> Result<(), &'static str> {
    use IndicatorType::*;
    let ok = match kind {
        Ipv4 => parse_ipv4(v).is_some(),
        Ipv6 => parse_ipv6(v).is_some(),
        Cidr => parse_cidr(v).is_some(),
        Domain => is_domain(v),
        Url => is_url(v),
        Email => is_email(v),
        Md5 => is_hex(v, 32),
        Sha1 => is_hex(v, 40),
        Sha256 => is_hex(v, 64),
        Sha512 => is_hex(v, 128),
        FileName => !v.is_empty() && v.len() <= 255 && !v.contains(['/', '\0']),
        MacAddress => {
            let parts: Vec<&str> = v.split([':', '-']).collect();
            parts.len() == 6 && parts.iter().all(|p| is_hex(p, 2))
        }
        Asn => v.strip_prefix("AS").or(v.strip_prefix("as")).unwrap_or(v).parse::<u32>().is_ok(),
        UserAgent => !v.is_empty(),
        StixPattern => v.starts_with('[') && v.ends_with(']') && v.contains(':') && v.contains('='),
    };
    if ok {
        Ok(())
    } else {
        Err(match kind {
            Ipv4 => "not a dotted-quad IPv4 address",
            Ipv6 => "not an IPv6 address",
            Cidr => "not a CIDR network (address/prefix length)",
            Domain => "not a fully qualified domain name",
            Url => "not an absolute URL with a host",
            Email => "not an e-mail address",
            Md5 => "an MD5 hash is 32 hexadecimal digits",
            Sha1 => "a SHA-1 hash is 40 hexadecimal digits",
            Sha256 => "a SHA-256 hash is 64 hexadecimal digits",
            Sha512 => "a SHA-512 hash is 128 hexadecimal digits",
            FileName => "a file name is 1-255 characters without '/'",
            MacAddress => "a MAC address is six hex pairs separated by ':' or '-'",
            Asn => "an AS number is digits, optionally prefixed by AS",
            UserAgent => "empty user agent",
            StixPattern => "a STIX pattern looks like [ipv4-addr:value = '198.51.100.1']",
        })
    }
}

/// Whether an indicator value names private address space (an IP, a CIDR, or a URL on one).
pub fn is_private_indicator(kind: IndicatorType, value: &str) -> bool {
    is_private_refanged(kind, &refang(value.trim()))
}

/// [`is_private_indicator`] of a value already trimmed and refanged.
pub fn is_private_refanged(kind: IndicatorType, v: &str) -> bool {
    match kind {
        IndicatorType::Ipv4 => parse_ipv4(v).is_some_and(|a| is_private_ip(a.into())),
        IndicatorType::Ipv6 => parse_ipv6(v).is_some_and(|a| is_private_ip(a.into())),
        IndicatorType::Cidr => parse_cidr(v).is_some_and(|(a, _)| is_private_ip(a)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use IndicatorType::*;

    #[test]
    fn values_by_type() {
        let good: &[(IndicatorType, &str)] = &[
            (Ipv4, "198.51.100.7"), (Ipv4, "198.51.100[.]7"), (Ipv6, "2001:db8::1"), (Cidr, "203.0.113.0/24"),
            (Cidr, "2001:db8::/32"), (Domain, "evil-cdn.example"), (Domain, "bücher.example"), (Domain, "xn--bcher-kva.example"),
            (Domain, "example[.]com"), (Url, "hxxps://evil.example/payload?x=1"), (Url, "http://[2001:db8::1]:8080/"),
            (Email, "phish@evil.example"), (Md5, "d41d8cd98f00b204e9800998ecf8427e"),
            (Sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), (MacAddress, "00:1A:2b:3c:4d:5e"),
            (Asn, "AS64500"), (FileName, "invoice.pdf.exe"), (StixPattern, "[ipv4-addr:value = '198.51.100.7']"),
        ];
        for (k, v) in good {
            assert_eq!(check(*k, v), Ok(()), "{k:?} {v}");
        }
        let bad: &[(IndicatorType, &str)] = &[
            (Ipv4, "256.1.1.1"), (Ipv4, "01.2.3.4"), (Ipv4, "1.2.3"), (Ipv6, "2001:db8::g"), (Cidr, "10.0.0.0/33"),
            (Domain, "localhost"), (Domain, "-bad.example"), (Domain, "a..b"), (Domain, "1.2.3.4"), (Url, "evil.example/x"),
            (Url, "http://exa mple.com/"), (Email, "no-at.example"), (Md5, "d41d8cd98f00b204"), (Sha1, "zz"),
            (MacAddress, "00:1A:2b:3c:4d"), (FileName, "a/b"), (StixPattern, "ipv4-addr:value = 'x'"),
        ];
        for (k, v) in bad {
            assert!(check(*k, v).is_err(), "{k:?} {v}");
        }
    }

    #[test]
    fn private_space() {
        assert!(is_private_indicator(Ipv4, "10.1.2.3") && is_private_indicator(Ipv4, "127.0.0.1"));
        assert!(is_private_indicator(Ipv4, "169.254.1.1") && is_private_indicator(Ipv4, "100.64.0.1"));
        assert!(is_private_indicator(Ipv6, "fe80::1") && is_private_indicator(Ipv6, "fd00::1"));
        assert!(is_private_indicator(Cidr, "192.168.0.0/16"));
        assert!(!is_private_indicator(Ipv4, "198.51.100.7") && !is_private_indicator(Ipv6, "2001:db8::1"));
    }
}
