# workerd configuration of the tearsheet edge validator.
#
#   TEARSHEET_UPSTREAM=http://127.0.0.1:8080 node_modules/.bin/workerd serve edge/workerd.capnp \
#     --socket-addr http=127.0.0.1:8787
#
# (edge/serve does exactly this.) Every TEARSHEET_* binding comes from the process environment,
# so one file serves every deployment; see src/gate.rs ENV_BINDINGS for what each holds.
# Build edge/pkg/ first (scripts/build-wasm --edge): the modules below embed it.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "edge", worker = .edgeWorker),
    # Where the worker's fetch() goes. workerd's default "internet" service reaches only public
    # addresses; a backend usually sits on a private or loopback address.
    (name = "upstream", network = (allow = ["public", "private"], tlsOptions = (trustBrowserCas = true))),
  ],
  sockets = [
    # The address is overridden with --socket-addr http=HOST:PORT.
    (name = "http", address = "127.0.0.1:8787", http = (), service = "edge"),
  ],
);

const edgeWorker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "handler.mjs", esModule = embed "handler.mjs"),
    (name = "tearsheet.js", esModule = embed "pkg/tearsheet.js"),
    (name = "tearsheet_bg.wasm", wasm = embed "pkg/tearsheet_bg.wasm"),
  ],
  compatibilityDate = "2025-09-01",
  globalOutbound = "upstream",
  bindings = [
    (name = "TEARSHEET_UPSTREAM", fromEnvironment = "TEARSHEET_UPSTREAM"),
    (name = "TEARSHEET_PROFILE", fromEnvironment = "TEARSHEET_PROFILE"),
    (name = "TEARSHEET_MAX_TLP", fromEnvironment = "TEARSHEET_MAX_TLP"),
    (name = "TEARSHEET_ROUTES", fromEnvironment = "TEARSHEET_ROUTES"),
    (name = "TEARSHEET_MAX_BODY", fromEnvironment = "TEARSHEET_MAX_BODY"),
    (name = "TEARSHEET_FORWARD", fromEnvironment = "TEARSHEET_FORWARD"),
  ],
);
