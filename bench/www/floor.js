// The floor page's module: what www/demo.js signals once the widget is interactive, with no
// widget. bench/widget.mjs waits for html[data-ready], reads window.tearsheetReadyAt, the
// Element Timing entry "tearsheet-form" and the first `tearsheet:validated` event.
const host = document.getElementById("report");
const legend = document.createElement("legend");
legend.textContent = "Report";
legend.setAttribute("elementtiming", "tearsheet-form");
host.append(legend);
window.tearsheetReadyAt = performance.now();
document.documentElement.dataset.ready = "true";
host.dispatchEvent(new CustomEvent("tearsheet:validated", { bubbles: true, detail: { ms: 0 } }));
