//! Small DOM helpers. Text goes in with `textContent` and attributes only: nothing here parses
//! HTML, so user text can never become markup.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element, HtmlElement};

/// The page's document (the widget only runs in a window).
pub fn document() -> Result<Document, JsValue> {
    web_sys::window().and_then(|w| w.document()).ok_or_else(|| js_sys::Error::new("tearsheet: no document (the widget needs a browser page)").into())
}

/// A new element with a class (empty for none).
pub fn el(doc: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    Ok(e)
}

/// A new element with a class and text content.
pub fn text_el(doc: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = el(doc, tag, class)?;
    e.set_text_content(Some(text));
    Ok(e)
}

/// Sets several attributes.
pub fn attrs(e: &Element, pairs: &[(&str, &str)]) -> Result<(), JsValue> {
    for (k, v) in pairs {
        e.set_attribute(k, v)?;
    }
    Ok(())
}

/// A `<button type=button>` carrying an action for the delegated click handler.
pub fn button(doc: &Document, class: &str, label: &str, action: &str, path: &str) -> Result<Element, JsValue> {
    let b = text_el(doc, "button", class, label)?;
    attrs(&b, &[("type", "button"), ("data-ts-action", action)])?;
    if !path.is_empty() {
        b.set_attribute("data-ts-path", path)?;
    }
    Ok(b)
}

/// The element as an `HtmlElement`, if it is one.
pub fn html(e: &Element) -> Option<HtmlElement> {
    e.clone().dyn_into::<HtmlElement>().ok()
}

/// Sets a CSS custom property through the CSSOM (which CSP allows, unlike `style=` strings).
pub fn set_var(e: &Element, name: &str, value: &str) {
    if let Some(h) = html(e) {
        let _ = h.style().set_property(name, value);
    }
}

/// Value of the control an event came from (input, textarea or select).
pub fn control_value(e: &Element) -> Option<String> {
    if let Some(i) = e.dyn_ref::<web_sys::HtmlInputElement>() {
        return Some(i.value());
    }
    if let Some(t) = e.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return Some(t.value());
    }
    e.dyn_ref::<web_sys::HtmlSelectElement>().map(|s| s.value())
}

/// Sets the value of an input, textarea or select.
pub fn set_control_value(e: &Element, v: &str) {
    if let Some(i) = e.dyn_ref::<web_sys::HtmlInputElement>() {
        i.set_value(v);
    } else if let Some(t) = e.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        t.set_value(v);
    } else if let Some(s) = e.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.set_value(v);
    }
}

/// Dispatches a bubbling, composed `CustomEvent` with a JSON detail.
pub fn dispatch(target: &Element, name: &str, detail: &serde_json::Value) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    if let Ok(d) = crate::wasm::interop::to_js(detail) {
        init.set_detail(&d);
    }
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&ev);
    }
}

/// Milliseconds since navigation start (for the timings events report).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// `append_child` for freshly built elements (by value, so `parent.add(el(..)?)?` reads well).
pub trait Add {
    /// Appends `child`.
    fn add(&self, child: Element) -> Result<(), JsValue>;
}

impl Add for Element {
    fn add(&self, child: Element) -> Result<(), JsValue> {
        self.append_child(&child).map(|_| ())
    }
}
