// The module worker workerd (and Cloudflare Workers) runs: the wasm core arrives as a compiled
// `WebAssembly.Module` through a `wasm` module binding and is instantiated synchronously once
// per isolate; the fetch handler is the shared one of handler.mjs.
import { initSync, EdgeGate } from "./tearsheet.js";
import wasmModule from "./tearsheet_bg.wasm";
import { createHandler } from "./handler.mjs";

initSync({ module: wasmModule });
const handler = createHandler({ EdgeGate });

export default {
  fetch(request, env) {
    return handler(request, env);
  },
};
