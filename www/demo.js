// The issue-3 demo: validate a report typed or pasted as JSON, as you type. Every piece of
// text from the report is put on the page with textContent, never as HTML.
import init, { validate, builtinProfiles } from "/pkg/tearsheet.js";

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
};

const SECTION_TITLES = {
  description: "1. Description", detection: "2. How first detected", vulnerabilities: "3. Vulnerabilities",
  ai_artifacts: "4. AI artifacts and systems", affected: "5. Affected users", impacts: "6. Broader impacts",
  mitigations: "7. Mitigations", attribution: "8. Attribution", technical: "9. Technical data",
};
const TLP_COLOURS = { "TLP:CLEAR": "#FFFFFF", "TLP:GREEN": "#33FF00", "TLP:AMBER": "#FFC000", "TLP:AMBER+STRICT": "#FFC000", "TLP:RED": "#FF2B2B" };

function render() {
  const status = $("status");
  const findings = $("findings");
  const completeness = $("completeness");
  findings.replaceChildren();
  completeness.replaceChildren();
  const options = { profile: $("profile").value || "jcdc-ai" };
  if ($("now").value.trim()) options.now = $("now").value.trim();
  let v;
  try {
    v = validate($("report").value, options);
  } catch (e) {
    status.className = "status error";
    const where = e.path ? ` at ${e.path}` : e.line ? ` (line ${e.line}, column ${e.column})` : "";
    status.textContent = `Cannot read this report — ${e.code}: ${e.message}${where}`;
    return;
  }
  status.className = `status ${v.valid ? "valid" : "invalid"}`;
  status.textContent = v.valid ? "Valid under this profile" : "Not valid under this profile";
  if (v.tlp.effective) {
    const badge = el("span", { class: "tlp", text: v.tlp.effective });
    badge.style.color = TLP_COLOURS[v.tlp.effective];
    status.append(badge);
  }
  const o = v.completeness.overall;
  completeness.append(meterRow("Overall", o));
  for (const s of v.completeness.sections) completeness.append(meterRow(SECTION_TITLES[s.section] ?? s.section, s));
  for (const f of v.findings) {
    findings.append(el("li", {},
      el("span", { class: `sev sev-${f.severity}`, text: f.severity }),
      el("code", { text: f.code }), " ",
      el("span", { text: f.message }), " ",
      el("code", { text: f.path || "/" })));
  }
  if (v.findings.length === 0) findings.append(el("li", { text: "No findings." }));
}

function meterRow(label, r) {
  return el("div", { class: "meter" },
    el("span", { text: label }),
    el("meter", { min: "0", max: "1", value: String(r.ratio), "aria-label": `${label} completeness` }),
    el("span", { text: `${r.met}/${r.applicable}` }));
}

let timer;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(render, 120);
}

async function main() {
  await init();
  for (const name of builtinProfiles()) $("profile").append(el("option", { value: name, text: name }));
  $("report").addEventListener("input", schedule);
  $("profile").addEventListener("change", render);
  $("now").addEventListener("input", schedule);
  $("example").addEventListener("change", async (e) => {
    if (!e.target.value) return;
    const res = await fetch(`/examples/${encodeURIComponent(e.target.value)}`);
    $("report").value = await res.text();
    render();
  });
  render();
}
main();
