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

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/widget/js/build.js")]
extern "C" {
    #[wasm_bindgen::prelude::wasm_bindgen(js_name = buildTree, catch)]
    fn build_tree(json: &str, target: &Element) -> Result<js_sys::Array, JsValue>;
}

/// A node of a [`Tree`] (its index).
#[derive(Debug, Clone, Copy)]
pub struct Node(usize);

#[derive(serde::Serialize)]
struct NodeData {
    /// Parent index, -1 for the top level.
    p: i64,
    /// Tag name, or `#text` for a text node.
    t: &'static str,
    #[serde(skip_serializing_if = "String::is_empty")]
    c: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    x: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    k: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    a: Vec<(String, String)>,
}

/// A DOM subtree described as data and created by one call into JS (`js/build.js`).
///
/// Why: building the form with web-sys costs one wasm→JS call per `createElement`,
/// `setAttribute`, `textContent` and `appendChild` — about 3 000 for the 59-point form, and with
/// the string copies they were most of `mount()`'s time. Described here and created in one go,
/// the form appears in a fraction of it. Same safety: text is text, attributes are attributes,
/// nothing is parsed as HTML.
#[derive(Default)]
pub struct Tree {
    nodes: Vec<NodeData>,
}

impl Tree {
    /// A new element with a class (empty for none), under `parent` (`None`: the top level).
    pub fn el(&mut self, parent: Option<Node>, tag: &'static str, class: &str) -> Node {
        self.nodes.push(NodeData { p: parent.map_or(-1, |n| n.0 as i64), t: tag, c: class.to_string(), x: None, k: false, a: Vec::new() });
        Node(self.nodes.len() - 1)
    }

    /// A new element with a class and text content.
    pub fn text_el(&mut self, parent: Option<Node>, tag: &'static str, class: &str, text: &str) -> Node {
        let n = self.el(parent, tag, class);
        self.set_text(n, text);
        n
    }

    /// A text node.
    pub fn text(&mut self, parent: Node, text: &str) {
        let n = self.el(Some(parent), "#text", "");
        self.set_text(n, text);
    }

    /// Sets the text content of an element (its children, if any, come after it).
    pub fn set_text(&mut self, n: Node, text: &str) {
        if let Some(d) = self.nodes.get_mut(n.0) {
            d.x = Some(text.to_string());
        }
    }

    /// Sets an attribute (a later one of the same name replaces it).
    pub fn attr(&mut self, n: Node, name: &str, value: &str) {
        if let Some(d) = self.nodes.get_mut(n.0) {
            d.a.retain(|(k, _)| k != name);
            d.a.push((name.to_string(), value.to_string()));
        }
    }

    /// Sets several attributes.
    pub fn attrs(&mut self, n: Node, pairs: &[(&str, &str)]) {
        for (k, v) in pairs {
            self.attr(n, k, v);
        }
    }

    /// A `<button type=button>` carrying an action for the delegated click handler.
    pub fn button(&mut self, parent: Option<Node>, class: &str, label: &str, action: &str, path: &str) -> Node {
        let b = self.text_el(parent, "button", class, label);
        self.attrs(b, &[("type", "button"), ("data-ts-action", action)]);
        if !path.is_empty() {
            self.attr(b, "data-ts-path", path);
        }
        b
    }

    /// Marks `n` to be handed back by [`Tree::build`] (the widget keeps its controls, meters, ...).
    pub fn keep(&mut self, n: Node) -> Node {
        if let Some(d) = self.nodes.get_mut(n.0) {
            d.k = true;
        }
        n
    }

    /// Creates the tree, its top-level nodes appended to `target`, in one call.
    pub fn build(self, target: &Element) -> Result<Built, JsValue> {
        let json = crate::ser::to_string(&self.nodes).map_err(|e| JsValue::from_str(&e.to_string()))?;
        let kept = build_tree(&json, target)?;
        let index: Vec<usize> = self.nodes.iter().enumerate().filter(|(_, d)| d.k).map(|(i, _)| i).collect();
        let elements = kept.iter().filter_map(|v| v.dyn_into::<Element>().ok()).collect();
        Ok(Built { index, elements })
    }
}

/// The kept elements of a built [`Tree`].
pub struct Built {
    /// Node indices of the kept nodes, ascending (the order JS returns them in).
    index: Vec<usize>,
    elements: Vec<Element>,
}

impl Built {
    /// The element created for a kept node.
    pub fn get(&self, n: Node) -> Option<Element> {
        self.index.binary_search(&n.0).ok().and_then(|i| self.elements.get(i)).cloned()
    }
}
