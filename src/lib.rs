//! tearsheet checks, redacts and TLP-labels AI cybersecurity incident and vulnerability reports
//! — CISA's JCDC *AI Cybersecurity Collaboration Playbook* Tear Sheet — in the browser, at the
//! edge and in pipelines, from one pure-Rust core.
//!
//! ```
//! use tearsheet::{validate_bytes, Options, Profile};
//!
//! let report = br#"{
//!   "kind": "incident",
//!   "title": "Prompt injection against the support copilot",
//!   "tlp": "tlp:amber",
//!   "timestamps": { "detected": "2025-03-02T08:15:00Z" },
//!   "detection": { "indicators": [ { "type": "domain", "value": "exfil-cdn[.]example", "purpose": "exfiltration" } ] },
//!   "attribution": { "techniques": [ { "id": "AML.T0051.001" } ] }
//! }"#;
//! let v = validate_bytes(report, &Profile::default_profile(), Options::default()).unwrap();
//! assert!(v.valid);
//! assert_eq!(v.tlp.label, Some("TLP:AMBER"));
//! assert!(v.findings.iter().any(|f| f.code == "tlp-normalized"));
//! assert!(v.techniques[0].name.contains("Indirect"));
//! ```
//!
//! # Overview
//! - [`model`]: the report, the nine Tear Sheet sections, typed; [`vocab`] its vocabularies.
//! - [`checklist`]: every Tear Sheet point as data, with the fields that answer it.
//! - [`profile`]: what a portal requires, allows and which reporting clocks run.
//! - [`validate`](mod@validate): checklist status, completeness and findings.
//! - [`tlp`]: TLP 2.0 labels as data.
//! - [`export`]: JSON, STIX 2.1, TAXII 2.1, MISP, e-mail and Markdown exports with TLP 2.0
//!   labels, the destination rules, and a TLP lint for STIX bundles from any tool.
//!
//! # Untrusted input
//! Every entry point takes bytes from anywhere. Size, UTF-8 and nesting depth are checked
//! before parsing ([`limits`]); failures are [`Error`]s with stable codes; nothing panics.
//!
//! # What it does not do
//! It does not send anything anywhere: the widget and the edge layers do, with the core's
//! output. It does not read the wall clock: callers pass the time in.
#![deny(missing_docs)]

pub mod catalogue;
pub mod checklist;
pub mod error;
pub mod export;
pub mod finding;
pub mod form;
pub mod gate;
pub mod indicator;
pub mod input;
pub mod limits;
pub mod model;
pub mod pointer;
pub mod profile;
pub mod redact;
pub mod ser;
pub mod sort;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
pub mod time;
pub mod tlp;
pub mod validate;
pub mod vocab;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod widget;

pub use error::Error;
pub use finding::{Finding, Severity};
pub use input::{parse_report, Parsed};
pub use model::Report;
pub use profile::Profile;
pub use time::Timestamp;
pub use tlp::Tlp;
pub use validate::{validate, validate_bytes, Options, Validation};
