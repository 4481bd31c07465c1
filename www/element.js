import { logEvents } from "./events.js";
logEvents(document.getElementById("report"));
customElements.whenDefined("tearsheet-report").then(() => { document.documentElement.dataset.ready = "true"; });
