// Embedding 3 of 3: `enhance(form, options)` on a form the page already has.
import init, { enhance } from "/pkg/tearsheet.js";
await init();
const form = document.getElementById("legacy");
window.tearsheetEvents = [];
for (const name of ["tearsheet:validated", "tearsheet:error"]) {
  form.addEventListener(name, (e) => window.tearsheetEvents.push({ type: name, detail: e.detail }));
}
window.tearsheet = enhance(form, { profile: "jcdc-ai" });
document.documentElement.dataset.ready = "true";
