//! The TLP levels of a report and of each of its parts, as exports apply them.

use crate::error::Error;
use crate::model::{Report, SECTIONS};
use crate::tlp::Tlp;

/// A report's TLP labels: the declared one and the stricter markings of parts.
///
/// The level of a part is the most restrictive of the declared label and every marking on the
/// part or on a part containing it ([`Labels::at`]); a container (the whole report, a section)
/// is also at least as restrictive as anything inside it ([`Labels::within`]). A marking never
/// lowers a level: TLP 2.0 lets the strictest label win.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labels {
    /// The report's own label.
    pub declared: Tlp,
    /// Markings: (JSON pointer without a trailing `/`, level).
    pub markings: Vec<(String, Tlp)>,
}

/// Whether the part at pointer `outer` contains (or is) the part at `inner`, segment by
/// segment; a `*` segment in either matches any one segment, so a wildcard marking such as
/// `/detection/indicators/*` errs on the side of the stricter label.
fn covers(outer: &str, inner: &str) -> bool {
    let mut o = outer.split('/').skip(1);
    let mut i = inner.split('/').skip(1);
    loop {
        match (o.next(), i.next()) {
            (None, _) => return true,
            (Some(_), None) => return false,
            (Some(a), Some(b)) if a == b || a == "*" || b == "*" => {}
            _ => return false,
        }
    }
}

impl Labels {
    /// Reads the labels leniently (as validation does); a missing or unreadable label is an
    /// `export-tlp-missing` error, since an export must say how far it may travel.
    pub fn of(report: &Report) -> Result<Labels, Error> {
        let read = |raw: &str, path: String| {
            Tlp::parse_lenient(raw).map(|(t, _)| t).ok_or_else(|| {
                let what = if raw.trim().is_empty() { "no TLP label".to_string() } else { format!("`{raw}` is not a TLP 2.0 label") };
                Error::new("export-tlp-missing", format!("{what}; label the report (TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT or TLP:RED) before exporting it")).at_path(path)
            })
        };
        let declared = read(&report.tlp, "/tlp".into())?;
        let mut markings = Vec::with_capacity(report.markings.len());
        for (i, m) in report.markings.iter().enumerate() {
            let tlp = read(&m.tlp, format!("/markings/{i}/tlp"))?;
            // `technical` and `/technical/` mean `/technical`; `/` and `` the whole report.
            let path = m.path.trim().trim_end_matches('/');
            let path = if path.is_empty() || path.starts_with('/') { path.to_string() } else { format!("/{path}") };
            markings.push((path, tlp));
        }
        Ok(Labels { declared, markings })
    }

    /// The level of the part at `path` (a JSON pointer, `""` for the whole report): the
    /// declared label raised by markings on it or on what contains it.
    pub fn at(&self, path: &str) -> Tlp {
        self.markings
            .iter()
            .filter(|(m, _)| covers(m, path))
            .fold(self.declared, |acc, (_, t)| acc.max(*t))
    }

    /// The level of everything under `path`: [`Labels::at`] raised by markings inside it.
    pub fn within(&self, path: &str) -> Tlp {
        self.markings
            .iter()
            .filter(|(m, _)| covers(path, m))
            .fold(self.at(path), |acc, (_, t)| acc.max(*t))
    }

    /// The report's effective label: never lower than its most restrictive part.
    pub fn effective(&self) -> Tlp {
        self.within("")
    }

    /// Each Tear Sheet section with its level, in the playbook's order.
    pub fn sections(&self) -> Vec<(&'static str, Tlp)> {
        SECTIONS.iter().map(|(key, _)| (*key, self.within(&format!("/{key}")))).collect()
    }

    /// Every level used anywhere in the report, least restrictive first.
    pub fn used(&self) -> Vec<Tlp> {
        let mut v: Vec<Tlp> = std::iter::once(self.declared).chain(self.markings.iter().map(|(_, t)| *t)).collect();
        crate::sort::sort(&mut v);
        v.dedup();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Marking;

    fn report(tlp: &str, markings: &[(&str, &str)]) -> Report {
        Report {
            tlp: tlp.into(),
            markings: markings.iter().map(|(p, t)| Marking { path: (*p).into(), tlp: (*t).into() }).collect(),
            ..Report::default()
        }
    }

    #[test]
    fn parts_inherit_and_containers_take_the_strictest() {
        let l = Labels::of(&report("tlp:green", &[("/technical", "RED"), ("/detection/indicators/1", "amber+strict"), ("/affected/", "TLP:CLEAR")])).unwrap();
        assert_eq!(l.declared, Tlp::Green);
        assert_eq!(l.effective(), Tlp::Red, "the report is never below its most restrictive part");
        assert_eq!(l.at("/technical/logs"), Tlp::Red);
        assert_eq!(l.at("/technicality"), Tlp::Green, "a prefix that is not a parent does not count");
        assert_eq!(l.at("/detection"), Tlp::Green);
        assert_eq!(l.within("/detection"), Tlp::AmberStrict);
        assert_eq!(l.within("/detection/indicators/1"), Tlp::AmberStrict);
        assert_eq!(l.within("/detection/indicators/0"), Tlp::Green);
        assert_eq!(l.within("/affected"), Tlp::Green, "a lower marking never lowers a part");
        let sections = l.sections();
        assert_eq!(sections.len(), 9);
        assert!(sections.contains(&("technical", Tlp::Red)) && sections.contains(&("description", Tlp::Green)));
        assert_eq!(l.used(), [Tlp::Clear, Tlp::Green, Tlp::AmberStrict, Tlp::Red]);

        let loose = Labels::of(&report("green", &[("technical", "red"), ("/detection/indicators/*", "amber")])).unwrap();
        assert_eq!(loose.at("/technical/logs"), Tlp::Red, "a marking path without its leading slash still counts");
        assert_eq!(loose.at("/detection/indicators/3"), Tlp::Amber, "wildcards match");
        assert_eq!(loose.at("/detection/method"), Tlp::Green);
        assert_eq!(loose.within("/detection"), Tlp::Amber);
        let whole = Labels::of(&report("green", &[("/", "amber")])).unwrap();
        assert_eq!(whole.at("/description/narrative"), Tlp::Amber, "`/` marks the whole report");
    }

    #[test]
    fn unreadable_labels_are_errors_with_a_path() {
        let e = Labels::of(&report("", &[])).unwrap_err();
        assert_eq!((e.code(), e.path()), ("export-tlp-missing", Some("/tlp")));
        let e = Labels::of(&report("TLP:AMBER", &[("/technical", "PURPLE")])).unwrap_err();
        assert_eq!(e.path(), Some("/markings/0/tlp"));
        assert_eq!(Labels::of(&report("TLP:WHITE", &[])).unwrap().declared, Tlp::Clear);
    }
}
