//! Traffic Light Protocol 2.0 (FIRST), as data: the five labels, who may receive each, the
//! colours FIRST prescribes for showing them, their order, and their official STIX 2.1 marking
//! definitions.
//!
//! Parsing is lenient because labels arrive typed by people and other tools (`tlp:amber`,
//! `TLP: Amber+Strict`, `AMBER STRICT`, TLP 1.0's `TLP:WHITE`); every correction is reported so
//! the user sees what was read.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A TLP 2.0 label, ordered from least to most restrictive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tlp {
    /// Disclosure is not limited.
    Clear,
    /// Limited disclosure, recipients can spread this within their community.
    Green,
    /// Limited disclosure, recipients can only spread this on a need-to-know basis within their
    /// organisation and its clients.
    Amber,
    /// Limited disclosure, restricted to the recipient's organisation only.
    AmberStrict,
    /// For the eyes and ears of individual recipients only, no further disclosure.
    Red,
}

/// Everything known about one label.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct TlpDefinition {
    /// The label.
    #[serde(skip)]
    pub tlp: Tlp,
    /// Canonical label, `TLP:AMBER+STRICT`.
    pub label: &'static str,
    /// Lower-case code as in STIX `tlp_2_0` and MISP tags, `amber+strict`.
    pub code: &'static str,
    /// FIRST's definition: who may receive it.
    pub definition: &'static str,
    /// Text colour FIRST prescribes (on a black background).
    pub color: &'static str,
    /// Background colour.
    pub background: &'static str,
    /// The OASIS TLP 2.0 STIX marking-definition id.
    pub stix_id: &'static str,
}

/// The five labels in order, least restrictive first.
pub const TLP_LEVELS: &[TlpDefinition] = &[
    TlpDefinition {
        tlp: Tlp::Clear,
        label: "TLP:CLEAR",
        code: "clear",
        definition: "Recipients can spread this to the world, there is no limit on disclosure.",
        color: "#FFFFFF",
        background: "#000000",
        stix_id: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
    },
    TlpDefinition {
        tlp: Tlp::Green,
        label: "TLP:GREEN",
        code: "green",
        definition: "Limited disclosure, recipients can spread this within their community.",
        color: "#33FF00",
        background: "#000000",
        stix_id: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
    },
    TlpDefinition {
        tlp: Tlp::Amber,
        label: "TLP:AMBER",
        code: "amber",
        definition: "Limited disclosure, recipients can only spread this on a need-to-know basis within their organization and its clients.",
        color: "#FFC000",
        background: "#000000",
        stix_id: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
    },
    TlpDefinition {
        tlp: Tlp::AmberStrict,
        label: "TLP:AMBER+STRICT",
        code: "amber+strict",
        definition: "Limited disclosure, recipients can only spread this on a need-to-know basis within their organization only.",
        color: "#FFC000",
        background: "#000000",
        stix_id: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
    },
    TlpDefinition {
        tlp: Tlp::Red,
        label: "TLP:RED",
        code: "red",
        definition: "For the eyes and ears of individual recipients only, no further disclosure.",
        color: "#FF2B2B",
        background: "#000000",
        stix_id: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
    },
];

/// What lenient parsing changed on the way to the canonical label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlpCorrection {
    /// Case, spacing, separators or a missing `TLP:` prefix were fixed.
    Normalized,
    /// A TLP 1.0 label (`WHITE`) was mapped to its TLP 2.0 equivalent.
    Tlp1,
}

impl Tlp {
    /// The definition of this label.
    pub fn definition(self) -> &'static TlpDefinition {
        // TLP_LEVELS is in enum order, so the discriminant indexes it.
        &TLP_LEVELS[self as usize]
    }

    /// Canonical label, `TLP:AMBER`.
    pub fn label(self) -> &'static str {
        self.definition().label
    }

    /// Lower-case code, `amber+strict`.
    pub fn code(self) -> &'static str {
        self.definition().code
    }

    /// Parses a label exactly as canonical (`TLP:AMBER+STRICT`) or as its code (`amber+strict`).
    pub fn from_canonical(s: &str) -> Option<Tlp> {
        TLP_LEVELS.iter().find(|d| d.label == s || d.code == s).map(|d| d.tlp)
    }

    /// Parses a label leniently and says what was corrected, if anything.
    ///
    /// Accepts any case, an optional `TLP` prefix followed by `:`, `-`, `_` or spaces, and
    /// `+`, space, `-` or `_` between AMBER and STRICT. `WHITE` (TLP 1.0) reads as CLEAR.
    pub fn parse_lenient(input: &str) -> Option<(Tlp, Option<TlpCorrection>)> {
        if let Some(t) = TLP_LEVELS.iter().find(|d| d.label == input) {
            return Some((t.tlp, None));
        }
        let upper = input.trim().to_ascii_uppercase();
        let mut rest = upper.as_str();
        if let Some(r) = rest.strip_prefix("TLP") {
            rest = r.trim_start_matches([':', ' ', '-', '_', '\t']);
        }
        if rest.ends_with(['+', '-', '_']) {
            return None; // "AMBER+" may mean AMBER or AMBER+STRICT: do not guess.
        }
        let squeezed: String = rest.chars().filter(|c| !matches!(c, ' ' | '-' | '_' | '+' | '\t')).collect();
        let (tlp, correction) = match squeezed.as_str() {
            "CLEAR" => (Tlp::Clear, TlpCorrection::Normalized),
            "WHITE" => (Tlp::Clear, TlpCorrection::Tlp1),
            "GREEN" => (Tlp::Green, TlpCorrection::Normalized),
            "AMBER" => (Tlp::Amber, TlpCorrection::Normalized),
            "AMBERSTRICT" => (Tlp::AmberStrict, TlpCorrection::Normalized),
            "RED" => (Tlp::Red, TlpCorrection::Normalized),
            _ => return None,
        };
        Some((tlp, Some(correction)))
    }
}

impl fmt::Display for Tlp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl Serialize for Tlp {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

impl<'de> Deserialize<'de> for Tlp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(d)?;
        Tlp::parse_lenient(&raw)
            .map(|(t, _)| t)
            .ok_or_else(|| serde::de::Error::custom(format!("`{raw}` is not a TLP 2.0 label (CLEAR, GREEN, AMBER, AMBER+STRICT, RED)")))
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl schemars::JsonSchema for Tlp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Tlp".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let labels: Vec<&str> = TLP_LEVELS.iter().map(|d| d.label).collect();
        schemars::json_schema!({ "type": "string", "enum": labels })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_enum_order() {
        for (i, d) in TLP_LEVELS.iter().enumerate() {
            assert_eq!(d.tlp as usize, i);
            assert_eq!(Tlp::from_canonical(d.label), Some(d.tlp));
            assert_eq!(Tlp::from_canonical(d.code), Some(d.tlp));
        }
        assert!(Tlp::Red > Tlp::AmberStrict && Tlp::AmberStrict > Tlp::Amber && Tlp::Green > Tlp::Clear);
    }

    #[test]
    fn lenient_spellings() {
        use TlpCorrection::*;
        let cases: &[(&str, Tlp, Option<TlpCorrection>)] = &[
            ("TLP:CLEAR", Tlp::Clear, None),
            ("TLP:GREEN", Tlp::Green, None),
            ("TLP:AMBER", Tlp::Amber, None),
            ("TLP:AMBER+STRICT", Tlp::AmberStrict, None),
            ("TLP:RED", Tlp::Red, None),
            ("tlp:amber", Tlp::Amber, Some(Normalized)),
            ("TLP: Amber+Strict", Tlp::AmberStrict, Some(Normalized)),
            ("AMBER STRICT", Tlp::AmberStrict, Some(Normalized)),
            ("amber-strict", Tlp::AmberStrict, Some(Normalized)),
            ("Amber_Strict", Tlp::AmberStrict, Some(Normalized)),
            ("TLP:AMBER + STRICT", Tlp::AmberStrict, Some(Normalized)),
            ("amber+strict", Tlp::AmberStrict, Some(Normalized)),
            ("TLP:WHITE", Tlp::Clear, Some(Tlp1)),
            ("white", Tlp::Clear, Some(Tlp1)),
            ("TLP-RED", Tlp::Red, Some(Normalized)),
            ("tlp_green", Tlp::Green, Some(Normalized)),
            ("  TLP:GREEN  ", Tlp::Green, Some(Normalized)),
            ("Red", Tlp::Red, Some(Normalized)),
            ("TLP CLEAR", Tlp::Clear, Some(Normalized)),
            ("clear", Tlp::Clear, Some(Normalized)),
            ("TLP:Amber", Tlp::Amber, Some(Normalized)),
            ("TLP:\tRED", Tlp::Red, Some(Normalized)),
        ];
        for (input, tlp, correction) in cases {
            assert_eq!(Tlp::parse_lenient(input), Some((*tlp, *correction)), "{input}");
        }
        for bad in ["", "TLP:", "AMBER+", "PURPLE", "TLP:AMBER+STRICTER", "STRICT", "TLP:ORANGE", "TLPRED2"] {
            assert_eq!(Tlp::parse_lenient(bad), None, "{bad}");
        }
    }
}
