// The floor of the edge load test (`node bench/edge-load.mjs --floor`): the same HTTP shape as
// the edge (405 for other methods, POST bodies read whole and forwarded to the upstream, the
// upstream's answer returned) with no gate at all. What workerd and the forward cost by
// themselves, next to which the gate's share of a request can be read.
export default {
  async fetch(request, env) {
    if (request.method !== "POST") return new Response(null, { status: 405 });
    const body = await request.arrayBuffer();
    const up = await fetch(env.TEARSHEET_UPSTREAM, { method: "POST", body, headers: { "content-type": request.headers.get("content-type") ?? "" } });
    return new Response(up.body, { status: up.status, headers: up.headers });
  },
};
