//! `enhance(form, options)`: the Tear Sheet checks on a form a web tool already has.

use gloo_events::{EventListener, EventListenerOptions};
use serde_json::json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement};

use super::dom::{self, el, text_el};
use super::options::Options;
use crate::finding::Severity;
use crate::form::{self, FormState, Kind, Msg};

/// What `enhance` returns: `detach()` removes the submit hook.
#[wasm_bindgen]
pub struct EnhanceHandle {
    listener: Option<EventListener>,
    panel: Element,
}

#[wasm_bindgen]
impl EnhanceHandle {
    /// Stops checking the form.
    pub fn detach(&mut self) {
        self.listener = None;
        self.panel.remove();
    }
}

impl EnhanceHandle {
    pub(super) fn attach(form: HtmlFormElement, options: &JsValue) -> Result<EnhanceHandle, JsValue> {
        let opts = Options::from_js(options, String::new()).map_err(|e| crate::wasm::interop::error_to_js(&e))?;
        let doc = dom::document()?;
        let panel = el(&doc, "div", "ts-root ts-enhance")?;
        panel.set_attribute("role", "alert")?;
        panel.set_attribute("hidden", "")?;
        if let Some(parent) = form.parent_node() {
            parent.insert_before(&panel, form.next_sibling().as_ref())?;
        }
        let key = super::redaction_key(&opts.key_source);
        let (f, p) = (form.clone(), panel.clone());
        let listener = EventListener::new_with_options(&form, "submit", EventListenerOptions::enable_prevent_default(), move |e| {
            if !check(&f, &p, &opts, &key) {
                e.prevent_default();
            }
        });
        Ok(EnhanceHandle { listener: Some(listener), panel })
    }
}

/// The form's mapped fields: (element, report pointer).
fn mapped(form: &HtmlFormElement) -> Vec<(Element, String)> {
    let els = form.elements();
    (0..els.length())
        .filter_map(|i| els.item(i))
        .filter_map(|e| {
            let path = e.get_attribute("data-tearsheet").or_else(|| e.get_attribute("name")).filter(|p| p.starts_with('/'))?;
            Some((e, path))
        })
        .collect()
}

/// Validates, redacts and labels the form's values; false stops the submit.
fn check(form: &HtmlFormElement, panel: &Element, opts: &Options, key: &[u8]) -> bool {
    let fields = mapped(form);
    let mut state = FormState::default();
    for (e, path) in &fields {
        let raw = dom::control_value(e).unwrap_or_default();
        // Rows named in the form (`/detection/indicators/0/value`) are created as needed.
        let tokens: Vec<&str> = path.split('/').collect();
        for (i, t) in tokens.iter().enumerate() {
            if let Ok(index) = t.parse::<usize>() {
                let list = tokens[..i].join("/");
                while state.get(&list).and_then(|v| v.as_array()).map_or(0, Vec::len) <= index {
                    if !state.update(Msg::AddRow(list.clone())) {
                        break;
                    }
                }
            }
        }
        let kind = form::kind_for(path).unwrap_or(Kind::Text);
        match form::parse_input(&kind, &raw) {
            Ok(v) => {
                state.update(Msg::Set(path.clone(), v));
            }
            Err(err) => return stop(form, panel, &[(path.clone(), err.message().to_string())], &fields),
        }
    }
    let bytes = crate::ser::to_vec(&state.for_validation()).unwrap_or_default();
    let v = match crate::validate_bytes(&bytes, opts.profile(), crate::Options::default()) {
        Ok(v) => v,
        Err(e) => return stop(form, panel, &[(e.path().unwrap_or("").to_string(), e.message().to_string())], &fields),
    };
    let errors: Vec<(String, String)> = v.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| (f.path.clone(), f.message.clone())).collect();
    if !errors.is_empty() {
        return stop(form, panel, &errors, &fields);
    }
    match super::review::redact_fields(&state, opts, key) {
        Ok(values) => {
            for (e, path) in &fields {
                if let Some((_, new)) = values.iter().find(|(p, _)| p == path) {
                    dom::set_control_value(e, new);
                }
            }
        }
        Err(e) => return stop(form, panel, &[(String::new(), e.message().to_string())], &fields),
    }
    let _ = panel.set_attribute("hidden", "");
    dom::dispatch(form, "tearsheet:validated", &json!({ "valid": true, "findings": v.findings }));
    true
}

fn stop(form: &HtmlFormElement, panel: &Element, problems: &[(String, String)], fields: &[(Element, String)]) -> bool {
    let Ok(doc) = dom::document() else { return false };
    panel.set_text_content(None);
    if let Ok(list) = el(&doc, "ul", "ts-summary") {
        for (path, message) in problems {
            let text = if path.is_empty() { message.clone() } else { format!("{message} ({path})") };
            if let Ok(li) = text_el(&doc, "li", "ts-sev-error", &text) {
                let _ = list.append_child(&li);
            }
        }
        let _ = panel.append_child(&list);
    }
    for (e, path) in fields {
        if problems.iter().any(|(p, _)| p == path || p.starts_with(&format!("{path}/"))) {
            let _ = e.set_attribute("aria-invalid", "true");
        } else {
            let _ = e.remove_attribute("aria-invalid");
        }
    }
    let _ = panel.remove_attribute("hidden");
    let findings: Vec<_> = problems.iter().map(|(p, m)| json!({ "path": p, "message": m })).collect();
    dom::dispatch(form, "tearsheet:error", &json!({ "code": "report-invalid", "findings": findings }));
    let _ = form.unchecked_ref::<Element>();
    false
}
