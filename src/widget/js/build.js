// Creates a DOM subtree the widget described in Rust (src/widget/dom.rs, `Tree`) in one call,
// instead of one wasm→JS call per createElement / setAttribute / appendChild (about 3 000 for
// the whole form). Text goes in with createTextNode / textContent and values with
// setAttribute: nothing is parsed as HTML, so user text can never become markup.
//
// `json`: an array of nodes in document order, each { p: parent index or -1 (top level, appended
// to `target`), t: tag or "#text", c?: class, x?: text, k?: 1 to return it, a?: [[name, value]] }.
// Returns the nodes marked `k`, in order.
export function buildTree(json, target) {
  const nodes = JSON.parse(json);
  const made = new Array(nodes.length);
  const kept = [];
  const doc = target.ownerDocument;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    let e;
    if (n.t === "#text") {
      e = doc.createTextNode(n.x ?? "");
    } else {
      e = doc.createElement(n.t);
      if (n.c) e.className = n.c;
      if (n.a) for (const [k, v] of n.a) e.setAttribute(k, v);
      if (n.x !== undefined) e.textContent = n.x;
    }
    made[i] = e;
    (n.p < 0 ? target : made[n.p]).appendChild(e);
    if (n.k) kept.push(e);
  }
  return kept;
}
