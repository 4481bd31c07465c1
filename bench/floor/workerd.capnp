# The pass-through worker of `node bench/edge-load.mjs --floor` (see worker.mjs): the edge's
# workerd setup (edge/workerd.capnp) with the gate taken out.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "floor", worker = .floorWorker),
    (name = "upstream", network = (allow = ["public", "private"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8788", http = (), service = "floor")],
);

const floorWorker :Workerd.Worker = (
  modules = [(name = "worker.mjs", esModule = embed "worker.mjs")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "upstream",
  bindings = [(name = "TEARSHEET_UPSTREAM", fromEnvironment = "TEARSHEET_UPSTREAM")],
);
