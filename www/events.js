// Shows the widget's DOM events on the demo pages (and keeps them in window.tearsheetEvents,
// which the end-to-end tests read). Text only: the details go in with textContent.
export function logEvents(target) {
  const list = document.getElementById("events");
  window.tearsheetEvents = [];
  for (const name of ["tearsheet:change", "tearsheet:validated", "tearsheet:sent", "tearsheet:error"]) {
    target.addEventListener(name, (e) => {
      window.tearsheetEvents.push({ type: name, detail: e.detail });
      if (!list || name === "tearsheet:change") return;
      const li = document.createElement("li");
      const d = e.detail ?? {};
      li.textContent = `${name} ${JSON.stringify({ valid: d.valid, errors: d.errors, status: d.status, code: d.code, ms: d.ms && +d.ms.toFixed(2) })}`;
      list.prepend(li);
      while (list.children.length > 8) list.lastChild.remove();
    });
  }
}
