//! RFC 5322 e-mail (`.eml`): plain text, UTF-8, quoted-printable (so no line is longer than 76
//! characters, whatever the report holds), with the TLP label in the subject, on the first and
//! last lines of the body and in an `X-TLP` header. Addressed to the destination's recipients,
//! by default to CISA JCDC as the playbook asks.

use super::render;
use super::stix::report_time;
use super::{uuid5, Context, Written};
use crate::error::Error;
use crate::indicator::is_email;
use crate::time::Timestamp;

/// Where the playbook asks reports to go when no destination says otherwise.
pub const DEFAULT_RECIPIENT: &str = "CISA.JCDC@cisa.dhs.gov";

/// Longest `mailto:` link produced; browsers and mail clients reliably take about this much.
pub const MAILTO_MAX: usize = 2000;

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// RFC 5322 date, UTC: `Sun, 02 Mar 2025 16:00:00 +0000`.
fn rfc5322_date(t: Timestamp) -> String {
    let iso = t.to_rfc3339(); // 2025-03-02T16:00:00Z
    let days = t.seconds.div_euclid(86_400);
    let weekday = WEEKDAYS.get(days.rem_euclid(7) as usize).unwrap_or(&"Thu");
    let month = iso.get(5..7).and_then(|m| m.parse::<usize>().ok()).and_then(|m| MONTHS.get(m.wrapping_sub(1))).unwrap_or(&"Jan");
    format!("{weekday}, {} {month} {} {} +0000", iso.get(8..10).unwrap_or("01"), iso.get(0..4).unwrap_or("1970"), iso.get(11..19).unwrap_or("00:00:00"))
}

/// A header value: plain ASCII folded at spaces (so it stays readable in the raw message),
/// anything else as RFC 2047 encoded words (Q encoding, UTF-8), folded.
fn header_text(s: &str) -> String {
    let s = s.replace(['\r', '\n', '\t'], " ");
    if s.is_ascii() && !s.contains("=?") && s.split(' ').all(|w| w.len() <= 900) {
        let mut lines: Vec<String> = vec![String::new()];
        for word in s.split(' ') {
            match lines.last_mut() {
                Some(line) if line.is_empty() || line.len() + 1 + word.len() <= 66 => {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                }
                _ => lines.push(word.to_string()),
            }
        }
        return lines.join("\r\n ");
    }
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        let piece = match c {
            ' ' => "_".to_string(),
            c if c.is_ascii_alphanumeric() || "!*+-/".contains(c) => c.to_string(),
            c => {
                let mut buf = [0u8; 4];
                c.encode_utf8(&mut buf).bytes().map(|b| format!("={b:02X}")).collect()
            }
        };
        if cur.len() + piece.len() > 60 {
            words.push(std::mem::take(&mut cur));
        }
        cur.push_str(&piece);
    }
    words.push(cur);
    words.iter().map(|w| format!("=?utf-8?q?{w}?=")).collect::<Vec<_>>().join("\r\n ")
}

/// An address with an optional display name.
fn mailbox(name: &str, address: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        address.to_string()
    } else if name.is_ascii() && name.chars().all(|c| c.is_ascii_alphanumeric() || " .-'".contains(c)) {
        format!("\"{name}\" <{address}>")
    } else {
        format!("{} <{address}>", header_text(name))
    }
}

/// Quoted-printable (RFC 2045) of UTF-8 text, CRLF line ends, lines of at most 76 characters.
fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    for line in text.split('\n') {
        let line = line.trim_end_matches('\r');
        let bytes = line.as_bytes();
        let mut len = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let piece = match b {
                b'=' => "=3D".to_string(),
                b' ' | b'\t' if last => format!("={b:02X}"),
                33..=126 | b' ' | b'\t' => (b as char).to_string(),
                _ => format!("={b:02X}"),
            };
            if len + piece.len() > 75 {
                out.push_str("=\r\n");
                len = 0;
            }
            out.push_str(&piece);
            len += piece.len();
        }
        out.push_str("\r\n");
    }
    out
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

fn underline(s: &str, c: char) -> String {
    format!("{s}\n{}\n", c.to_string().repeat(s.chars().count().min(76)))
}

/// The plain-text body, with `\n` line ends.
pub(crate) fn body(ctx: &Context<'_>) -> String {
    let r = ctx.report;
    let level = ctx.labels.effective();
    let title = if r.title.trim().is_empty() { "Untitled report" } else { r.title.trim() };
    let mut out = format!("{level}\n{}\n\n", level.definition().definition);
    if ctx.unredacted {
        out.push_str("NOT REDACTED: the sender explicitly exported this report without redaction; it may contain personal data or secrets.\n\n");
    }
    out.push_str(&underline(title, '='));
    out.push('\n');
    for (k, v) in render::header(r, ctx.labels) {
        out.push_str(&format!("{k}: {v}\n"));
    }
    out.push('\n');
    if !r.summary.trim().is_empty() {
        out.push_str(&format!("{}\n\n", r.summary.trim()));
    }
    for s in render::sections(r, ctx.labels) {
        out.push_str(&underline(&format!("{}. {} [{}]", s.number, s.title, s.tlp), '-'));
        out.push('\n');
        for e in &s.entries {
            out.push_str(&e.label);
            if let Some(t) = e.tlp {
                out.push_str(&format!(" [{t}]"));
            }
            out.push('\n');
            for p in &e.text {
                for line in p.lines() {
                    out.push_str(&format!("  {line}\n"));
                }
            }
            for i in &e.items {
                out.push_str(&format!("  - {}\n", i.replace('\n', " ")));
            }
            out.push('\n');
        }
    }
    out.push_str(&format!("{level}\n"));
    out
}

/// The recipients: the destination's, else the playbook's default.
fn recipients(ctx: &Context<'_>) -> Vec<String> {
    let named: Vec<String> = ctx.destination.map(|d| d.recipients.iter().map(|r| r.trim().to_string()).filter(|r| is_email(r)).collect()).unwrap_or_default();
    if named.is_empty() { vec![DEFAULT_RECIPIENT.to_string()] } else { named }
}

pub(super) fn write(ctx: &Context<'_>) -> Result<Written, Error> {
    let r = ctx.report;
    let level = ctx.labels.effective();
    let when = report_time(r);
    let title = if r.title.trim().is_empty() { "Untitled report" } else { r.title.trim() };
    let subject = format!("[{level}] {title}");
    // The label stays plain text in front, readable even where the title must be encoded.
    let subject_header = format!("[{level}] {}", header_text(title));
    let to = recipients(ctx);
    let from_address = if is_email(r.reporter.email.trim()) { r.reporter.email.trim() } else { "noreply@tearsheet.invalid" };
    let from_name = if r.reporter.name.is_empty() { &r.reporter.organization } else { &r.reporter.name };
    let text = body(ctx);
    let mut headers = vec![
        ("From", mailbox(from_name, from_address)),
        ("To", to.join(", ")),
        ("Subject", subject_header),
        ("Date", rfc5322_date(when)),
        ("Message-ID", format!("<{}@tearsheet.invalid>", uuid5(&format!("email|{subject}|{}|{}", when.seconds, to.join(","))))),
        ("MIME-Version", "1.0".to_string()),
        ("Content-Type", "text/plain; charset=utf-8".to_string()),
        ("Content-Transfer-Encoding", "quoted-printable".to_string()),
        ("X-TLP", level.label().to_string()),
    ];
    if ctx.unredacted {
        headers.push(("X-Tearsheet-Redaction", "unredacted-export (exported without redaction by explicit request)".to_string()));
    }
    let mut eml = String::new();
    for (k, v) in headers {
        eml.push_str(&format!("{k}: {v}\r\n"));
    }
    eml.push_str("\r\n");
    eml.push_str(&quoted_printable(&text));
    let mailto = format!("mailto:{}?subject={}&body={}", to.iter().map(|t| percent(t)).collect::<Vec<_>>().join(","), percent(&subject), percent(&text.replace('\n', "\r\n")));
    Ok(Written { body: eml, mailto: (mailto.len() <= MAILTO_MAX).then_some(mailto) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_keeps_lines_short_and_round_trips_the_bytes() {
        let text = format!("{}\nTrailing space \nnaïve = ünïcödé\n", "x".repeat(200));
        let qp = quoted_printable(&text);
        assert!(qp.split("\r\n").all(|l| l.len() <= 76), "{qp}");
        assert!(qp.is_ascii());
        assert!(qp.contains("space=20\r\n") && qp.contains("=3D") && qp.contains("na=C3=AFve"));
    }

    #[test]
    fn headers_are_encoded_when_needed_and_dates_are_rfc5322() {
        assert_eq!(header_text("[TLP:RED] short"), "[TLP:RED] short");
        let h = header_text("[TLP:AMBER] Prompt injection über alles");
        assert!(h.starts_with("=?utf-8?q?") && h.contains("=C3=BC") && h.is_ascii());
        let long = header_text(&"word ".repeat(60));
        assert!(long.split("\r\n").all(|l| l.len() <= 78) && long.contains("\r\n word") && !long.contains("=?"), "{long}");
        let long_utf8 = header_text(&"wörd ".repeat(40));
        assert!(long_utf8.split("\r\n").all(|l| l.len() <= 78 && l.trim_start().starts_with("=?utf-8?q?")), "{long_utf8}");
        assert_eq!(rfc5322_date(Timestamp::parse("2025-03-02T16:00:00Z").unwrap()), "Sun, 02 Mar 2025 16:00:00 +0000");
        assert_eq!(rfc5322_date(Timestamp { seconds: 0, nanos: 0 }), "Thu, 01 Jan 1970 00:00:00 +0000");
    }
}
