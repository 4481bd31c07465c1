//! The edge gate for the fetch handler in `edge/`: decode the environment bindings and the
//! request, call [`crate::gate::check`], encode the decision. No decision is made here.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;

use crate::gate::{check, GateConfig, GateRequest, ENV_BINDINGS};
use crate::time::Timestamp;

use super::interop::error_to_js;

/// A gate configured once per isolate from the runtime's environment bindings.
#[wasm_bindgen(js_name = EdgeGate)]
pub struct EdgeGate {
    config: GateConfig,
}

#[wasm_bindgen(js_class = EdgeGate)]
impl EdgeGate {
    /// Reads the `TEARSHEET_*` bindings of `env` (other bindings are ignored). Throws a
    /// `TearsheetError` naming the binding when one is malformed.
    #[wasm_bindgen(constructor)]
    pub fn new(env: JsValue) -> Result<EdgeGate, JsValue> {
        let get = |k: &str| {
            if !env.is_object() {
                return None;
            }
            Reflect::get(&env, &JsValue::from_str(k)).ok().and_then(|v| v.as_string())
        };
        GateConfig::from_env(get).map(|config| EdgeGate { config }).map_err(|e| error_to_js(&e))
    }

    /// The body cap in bytes: the handler reads at most one byte more than this.
    #[wasm_bindgen(getter, js_name = maxBodyBytes)]
    pub fn max_body_bytes(&self) -> usize {
        self.config.max_body_bytes
    }

    /// Decides on one request: `{ status, body, forward?: Uint8Array, headers: [name, value][] }`.
    /// `now` is an RFC 3339 timestamp for the reporting clocks (ignored when unreadable).
    pub fn check(&self, path: &str, content_type: &str, body: &[u8], now: Option<String>) -> JsValue {
        let now = now.as_deref().and_then(Timestamp::parse);
        let d = check(GateRequest { path, content_type, body, now }, &self.config);
        let out = Object::new();
        let set = |k: &str, v: JsValue| {
            let _ = Reflect::set(&out, &JsValue::from_str(k), &v);
        };
        set("status", JsValue::from(d.status));
        set("body", JsValue::from_str(&d.json_body));
        if let Some(f) = &d.forward {
            set("forward", Uint8Array::from(f.as_slice()).into());
        }
        let headers: Array = d.forward_headers.iter().map(|(k, v)| Array::of2(&k.into(), &v.into())).collect();
        set("headers", headers.into());
        out.into()
    }
}

/// The names of the environment bindings the gate reads, with what each holds.
#[wasm_bindgen(js_name = edgeBindings)]
pub fn edge_bindings() -> Array {
    ENV_BINDINGS.iter().map(|(k, v)| Array::of2(&JsValue::from_str(k), &JsValue::from_str(v))).collect()
}
