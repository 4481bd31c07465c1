//! The last line of defence. No input should make the core panic (fuzzing and the hostile-value
//! tests check that), but if a bug does, the default on wasm32 is an `unreachable` trap: a
//! `RuntimeError` with no message, which a widget shows as nothing at all. This hook, installed
//! when the module starts, writes the panic's message to the console and throws it as a JS
//! `Error` named `TearsheetPanic`, so the caller's `catch` sees what went wrong.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Installed by wasm-bindgen's start hook, i.e. on `init()`/`initSync()`.
#[wasm_bindgen(start)]
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = format!("tearsheet panicked (a bug: please report it with the input): {info}");
        console_error(&message);
        let error = js_sys::Error::new(&message);
        error.set_name("TearsheetPanic");
        wasm_bindgen::throw_val(error.into());
    }));
}
