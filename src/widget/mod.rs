//! The browser widget: the whole Tear Sheet form in any page, in three ways — `mount(element,
//! options)`, the `<tearsheet-report>` custom element (a JS shim over `mount`, see
//! `src/widget/js/`), and `enhance(form, options)` for a form a web tool already has.
//!
//! A thin layer: the form is the table [`crate::form::FORM`], every state change is a pure
//! [`crate::form::Msg`] applied to [`crate::form::FormState`] (unit-tested natively), and this
//! module only builds DOM (text through `textContent`, never HTML), owns its listeners (gloo
//! `EventListener`s, removed when the widget is dropped) and talks to storage and the network.
//! Everything it shows is styled by the shipped stylesheet under the `.ts-root` class, so it
//! works under `style-src 'self'` and does not leak styles into the host page.

mod app;
mod dom;
mod enhance;
mod options;
mod review;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use app::Widget;

/// What `mount` returns: call `unmount()` to remove the form and every listener.
#[wasm_bindgen]
pub struct WidgetHandle {
    inner: Option<app::Shared>,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Removes the form from the page; listeners and timers go with it.
    pub fn unmount(&mut self) {
        if let Some(w) = self.inner.take() {
            if let Ok(mut w) = w.try_borrow_mut() {
                w.teardown();
            }
        }
    }

    /// The draft as the payload would carry it (blank fields dropped).
    pub fn report(&self) -> Result<JsValue, JsValue> {
        match &self.inner {
            Some(w) => crate::wasm::interop::to_js(&w.borrow().state.payload()),
            None => Ok(JsValue::NULL),
        }
    }

    /// Validates now (skipping the debounce).
    pub fn validate(&self) {
        if let Some(w) = &self.inner {
            if let Ok(mut w) = w.try_borrow_mut() {
                w.validate_now();
            }
        }
    }
}

/// Renders the report form into `element`. Options: `{ profile?, endpoint?, headers?,
/// destination?, format?, storageKey?, keySource?, debounceMs?, strings? }`.
#[wasm_bindgen(js_name = mount)]
pub fn mount(element: web_sys::Element, options: JsValue) -> Result<WidgetHandle, JsValue> {
    let w = Widget::mount(element, &options)?;
    Ok(WidgetHandle { inner: Some(w) })
}

/// Attaches to an existing `<form>`: on submit its fields (by `data-tearsheet` or a `name`
/// holding a report JSON pointer) are validated and redacted, and the submit goes on with the
/// redacted values — or is stopped with the reasons shown.
#[wasm_bindgen(js_name = enhance)]
pub fn enhance(form: web_sys::HtmlFormElement, options: JsValue) -> Result<enhance::EnhanceHandle, JsValue> {
    enhance::EnhanceHandle::attach(form, &options)
}

/// Offers `body` as a file download (a Blob URL, revoked right after the click).
fn download(doc: &web_sys::Document, body: &str, media_type: &str, file_name: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(body));
    let bag = web_sys::BlobPropertyBag::new();
    bag.set_type(media_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// The per-page redaction key: 32 bytes from `crypto.getRandomValues`, kept in memory (or in
/// sessionStorage when `keySource` is `session`, so a reload keeps hashes stable). Never sent.
fn redaction_key(source: &str) -> Vec<u8> {
    use gloo_storage::{SessionStorage, Storage};
    const KEY: &str = "tearsheet:redaction-key";
    if source == "session" {
        if let Ok(hex) = SessionStorage::get::<String>(KEY) {
            let bytes: Vec<u8> = (0..hex.len() / 2).filter_map(|i| hex.get(2 * i..2 * i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect();
            if bytes.len() == 32 {
                return bytes;
            }
        }
    }
    let mut key = vec![0u8; 32];
    if let Some(c) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = c.get_random_values_with_u8_array(&mut key);
    }
    if source == "session" {
        let hex: String = key.iter().map(|b| format!("{b:02x}")).collect();
        let _ = SessionStorage::set(KEY, hex);
    }
    key
}
