// <tearsheet-report profile="jcdc-ai" endpoint="/api/reports" destination="…" format="json"
//                   storage-key="…"></tearsheet-report>
// A custom element over `mount()`: it loads the wasm once, renders the report form inside
// itself when connected and unmounts (removing every listener) when disconnected. Events
// (`tearsheet:change`, `tearsheet:validated`, `tearsheet:sent`, `tearsheet:error`) bubble
// from the element. Load the stylesheet `tearsheet.css` from the same package.
import init, { mount } from "./tearsheet.js";

let ready;
const load = () => (ready ??= init());

const ATTRS = { profile: "profile", endpoint: "endpoint", destination: "destination", format: "format", "storage-key": "storageKey", "key-source": "keySource" };

export class TearsheetReport extends HTMLElement {
  async connectedCallback() {
    await load();
    if (!this.isConnected || this._handle) return;
    const options = { ...(this.options ?? {}) };
    for (const [attr, key] of Object.entries(ATTRS)) {
      if (this.hasAttribute(attr)) options[key] = this.getAttribute(attr);
    }
    try {
      this._handle = mount(this, options);
    } catch (e) {
      this.dispatchEvent(new CustomEvent("tearsheet:error", { bubbles: true, detail: { code: e.code ?? "mount-failed", message: e.message } }));
    }
  }
  disconnectedCallback() {
    this._handle?.unmount();
    this._handle = undefined;
  }
  /** The draft as it would be sent. */
  get report() { return this._handle?.report() ?? null; }
}

if (!customElements.get("tearsheet-report")) customElements.define("tearsheet-report", TearsheetReport);
