//! RFC 3339 timestamps, parsed by hand: the core needs only "is it valid" and "which is first",
//! which does not justify a date library in the wasm.

/// A point in time: seconds since the Unix epoch (UTC) and nanoseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
    /// Fraction of a second, in nanoseconds.
    pub nanos: u32,
}

fn digits(s: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = s.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Timestamp {
    /// Parses an RFC 3339 date-time (`2025-01-14T09:30:00Z`, `2025-01-14t09:30:00.5+02:00`).
    pub fn parse(s: &str) -> Option<Timestamp> {
        let b = s.as_bytes();
        let year = digits(b, 0, 4)?;
        let month = digits(b, 5, 2)?;
        let day = digits(b, 8, 2)?;
        let hour = digits(b, 11, 2)?;
        let minute = digits(b, 14, 2)?;
        let second = digits(b, 17, 2)?;
        if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !matches!(b.get(10), Some(b'T' | b't' | b' '))
            || b.get(13) != Some(&b':') || b.get(16) != Some(&b':')
        {
            return None;
        }
        let year = i64::from(year);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut at = 19;
        let mut nanos = 0u32;
        if b.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while b.get(at).is_some_and(u8::is_ascii_digit) {
                if at - start < 9 {
                    nanos = nanos * 10 + u32::from(b[at] - b'0');
                }
                at += 1;
            }
            if at == start {
                return None;
            }
            for _ in (at - start)..9 {
                nanos *= 10;
            }
        }
        let offset: i64 = match b.get(at) {
            Some(b'Z' | b'z') if at + 1 == b.len() => 0,
            Some(sign @ (b'+' | b'-')) if at + 6 == b.len() && b.get(at + 3) == Some(&b':') => {
                let oh = digits(b, at + 1, 2)?;
                let om = digits(b, at + 4, 2)?;
                if oh > 23 || om > 59 {
                    return None;
                }
                let o = i64::from(oh * 3600 + om * 60);
                if *sign == b'+' { o } else { -o }
            }
            _ => return None,
        };
        let second = second.min(59); // a leap second is read as :59
        let seconds = days_from_civil(year, month, day) * 86_400
            + i64::from(hour * 3600 + minute * 60 + second)
            - offset;
        Some(Timestamp { seconds, nanos })
    }

    /// Formats as RFC 3339 in UTC with second precision (`2025-01-14T09:30:00Z`).
    pub fn to_rfc3339(self) -> String {
        let days = self.seconds.div_euclid(86_400);
        let secs = self.seconds.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
    }

    /// This time plus a number of seconds.
    pub fn plus_seconds(self, s: i64) -> Timestamp {
        Timestamp { seconds: self.seconds.saturating_add(s), nanos: self.nanos }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        let a = Timestamp::parse("2025-01-14T09:30:00Z").unwrap();
        let b = Timestamp::parse("2025-01-14T11:30:00.250+02:00").unwrap();
        assert_eq!(a.seconds, 1_736_847_000);
        assert_eq!(b.seconds, a.seconds);
        assert!(b > a, "same second, later fraction");
        assert_eq!(a.to_rfc3339(), "2025-01-14T09:30:00Z");
        assert_eq!(Timestamp::parse("1970-01-01T00:00:00Z").unwrap().seconds, 0);
        assert_eq!(Timestamp::parse("2024-02-29T00:00:00Z").unwrap().plus_seconds(86_400).to_rfc3339(), "2024-03-01T00:00:00Z");
    }

    #[test]
    fn rejects_what_is_not_rfc3339() {
        for bad in ["", "2025-01-14", "2025-13-01T00:00:00Z", "2025-02-29T00:00:00Z", "2025-01-14T24:00:00Z",
            "2025-01-14T09:30:00", "2025-01-14T09:30:00+0200", "2025-01-14T09:30:00.Z", "2025/01/14T09:30:00Z",
            "2025-01-14T09:30:00Zjunk", "２025-01-14T09:30:00Z"] {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
    }
}
