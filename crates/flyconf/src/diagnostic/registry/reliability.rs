//! `FR`: reliability and correctness lint — what flyctl accepts but is
//! probably not what you meant.

use super::rules;

rules! {
    HTTP_SERVICE_WITHOUT_CHECKS = "FR301" "http-service-without-checks" Warning Reliability,
    summary: "An HTTP service has no health check.",
    what: "Flags `[http_service]` (and `[[services]]` with an `http` handler) when neither it nor `[checks]` defines a check.",
    why: "Without a check, the proxy routes to machines whose app has crashed or hung, and rolling deploys cannot tell a broken release from a good one.",
    example: "[http_service]\ninternal_port = 8080\nforce_https = true",
    fix: "Add `[[http_service.checks]]` with `grace_period = \"10s\"`, `interval = \"30s\"`, `method = \"GET\"`, `path = \"/health\"`, `timeout = \"5s\"`.";

    NO_VM_SIZE = "FR302" "no-vm-size" Warning Reliability,
    summary: "Machine size is not set explicitly.",
    what: "Flags a file with services or processes but no `[[vm]]`, and a `[[vm]]` that sets neither `size`, `memory` nor `memory_mb`.",
    why: "Without `[[vm]]`, deploys keep whatever size the machines have; a `[[vm]]` with only `cpu_kind` gives a 256MB machine, which many apps outgrow (out-of-memory restarts).",
    example: "[[vm]]\ncpu_kind = \"shared\"",
    fix: "State the size: `[[vm]]` with `size = \"shared-cpu-1x\"` and `memory = \"1gb\"`.";

    PORT_ENV_MISMATCH = "FR303" "port-env-mismatch" Warning Reliability,
    summary: "`PORT` in `[env]` differs from the service's `internal_port`.",
    what: "Compares `[env] PORT` with `internal_port` of `[http_service]` and `[[services]]`.",
    why: "Most frameworks listen on `$PORT`; if it differs from `internal_port` the proxy connects to a port nothing listens on (`The app is not listening on the expected address`).",
    example: "[env]\nPORT = \"3000\"\n\n[http_service]\ninternal_port = 8080",
    fix: "Make them equal: `PORT = \"8080\"`.";

    DEPRECATED_REGION = "FR304" "deprecated-region" Warning Reliability,
    summary: "A retired region code.",
    what: "Checks `primary_region` against the regions Fly.io has retired (atl, bos, den, mia, sea, hkg, …).",
    why: "New machines cannot be created there; `fly launch` already substitutes the replacement.",
    example: "primary_region = \"sea\"",
    fix: "Use the replacement region named in the message (`sea` → `sjc`); `--fix` does it.";

    UNKNOWN_REGION = "FR305" "unknown-region" Warning Reliability,
    summary: "A region code Fly.io does not list.",
    what: "Checks `primary_region` is one of the current region codes.",
    why: "A typo in the region makes deploys fail or place machines somewhere unexpected.",
    example: "primary_region = \"iab\"",
    fix: "Use a code from `fly platform regions`, e.g. `iad`, `ams`, `nrt`.";

    INVALID_APP_NAME = "FR306" "invalid-app-name" Warning Reliability,
    summary: "The app name has characters Fly.io does not allow.",
    what: "Checks `app` contains only lowercase letters, digits and dashes, and recognises template placeholders (`$APP`, `{{APP_NAME}}`, `<app-name>`, `YOUR_APP_NAME`, empty) that must be replaced before deploying.",
    why: "`fly launch` rejects it (`app name must consist of only lowercase letters, numbers, and dashes`), and it cannot be a hostname under fly.dev.",
    example: "app = \"My_App\"",
    fix: "`app = \"my-app\"`.";

    MEMORY_AND_MEMORY_MB = "FR307" "memory-and-memory-mb" Warning Reliability,
    summary: "Both `memory` and `memory_mb` are set in one `[[vm]]`.",
    what: "Flags a `[[vm]]` with both keys, and says which wins.",
    why: "flyctl applies `memory`, then overwrites it with `memory_mb`; when they disagree the machine gets a size you did not read in the file.",
    example: "[[vm]]\nmemory = \"1gb\"\nmemory_mb = 512",
    fix: "Keep one of them, e.g. only `memory = \"1gb\"`.";

    INTERNAL_PORT_MISSING = "FR308" "internal-port-missing" Warning Reliability,
    summary: "A service has no `internal_port`.",
    what: "Flags `[http_service]` and `[[services]]` without `internal_port`.",
    why: "It defaults to 0, so the proxy has nowhere to send traffic (`0.0.0.0:0` in the deploy warning).",
    example: "[http_service]\nforce_https = true",
    fix: "Set the port your app listens on: `internal_port = 8080`.";

    PORT_OUT_OF_RANGE = "FR309" "port-out-of-range" Error Reliability,
    summary: "A port outside 1–65535, or an inverted range.",
    what: "Checks `internal_port`, `ports.port`, `start_port`/`end_port`, check and metrics ports.",
    why: "The platform rejects the service at deploy time; flyctl does not check it.",
    example: "[http_service]\ninternal_port = 80800",
    fix: "Use a port between 1 and 65535, e.g. `internal_port = 8080`.";

    NANOSECOND_DURATION = "FR310" "nanosecond-duration" Warning Reliability,
    summary: "A bare number where flyctl reads nanoseconds.",
    what: "Flags bare numbers in `[[http_service.checks]]` durations, `machine_checks` `kill_timeout` and `[deploy]` timeouts.",
    why: "flyctl does not rescale these: `interval = 10` is ten nanoseconds, not ten seconds.",
    example: "[[http_service.checks]]\ninterval = 10",
    fix: "Write the unit: `interval = \"10s\"`.";

    KILL_TIMEOUT = "FR311" "kill-timeout" Warning Reliability,
    summary: "`kill_timeout` is out of range or loses its fraction.",
    what: "Checks `kill_timeout` is at most 300s and not a float (flyctl truncates `1.5` to `1s`, `0.5` to `0s`).",
    why: "The platform caps the grace period at 5 minutes; a truncated value gives the app less time to shut down than intended.",
    example: "kill_timeout = 600",
    fix: "`kill_timeout = \"300s\"` at most; write fractions as strings (`\"1500ms\"`).";

    RESERVED_ENV_NAME = "FR312" "reserved-env-name" Warning Reliability,
    summary: "An environment variable Fly.io reserves or overwrites.",
    what: "Flags `[env]` names starting with `FLY_`, and `PRIMARY_REGION` (overwritten from `primary_region`).",
    why: "The platform sets these itself; your value is ignored or breaks platform behaviour.",
    example: "[env]\nFLY_REGION = \"iad\"",
    fix: "Rename the variable (e.g. `APP_REGION`), or set `primary_region` instead of `PRIMARY_REGION`.";

    RESERVED_PROCESS_NAME = "FR313" "reserved-process-name" Error Reliability,
    summary: "A process group uses a name flyctl reserves.",
    what: "Flags `[processes]` names `fly_app_release_command`, `fly_app_console` and `fly_app_test_machine_command`.",
    why: "flyctl uses these names for its release, console and test machines; a group with the same name is treated as one of them.",
    example: "[processes]\nfly_app_console = \"bin/console\"",
    fix: "Choose another group name, e.g. `console`.";

    UNKNOWN_PROCESS_REFERENCE = "FR314" "unknown-process-reference" Warning Reliability,
    summary: "A section names a process group that does not exist.",
    what: "Checks `processes` in `[[mounts]]`, `[[vm]]`, `[checks]`, `[[files]]` and `[[metrics]]` against the defined groups.",
    why: "flyctl silently ignores the unknown name, so the section applies to no machine.",
    example: "[[vm]]\nsize = \"performance-1x\"\nprocesses = [\"wroker\"]",
    fix: "Use a defined group name from `[processes]` (or `app`).";

    DEFAULT_GROUP_ONLY = "FR315" "default-group-only" Info Reliability,
    summary: "In a multi-process app, a section without `processes` applies to one group only.",
    what: "Flags `[[mounts]]`, `[checks]`, `[[files]]`, `[[metrics]]` and `[[restart]]` without `processes` when `[processes]` defines several groups.",
    why: "flyctl applies them only to the default group (`app`, or the first name alphabetically) — unlike `[[vm]]`, which applies to all groups.",
    example: "[processes]\nweb = \"bin/web\"\nworker = \"bin/worker\"\n\n[[mounts]]\nsource = \"data\"\ndestination = \"/data\"",
    fix: "Say which groups it is for: `processes = [\"web\"]`.";

    STATICS_LIMITS = "FR316" "statics-limits" Warning Reliability,
    summary: "Too many `[[statics]]`, or overlapping URL prefixes.",
    what: "Checks there are at most 10 `[[statics]]` and that no `url_prefix` is a prefix of another.",
    why: "The platform serves at most 10 statics and overlapping prefixes make which files are served ambiguous.",
    example: "[[statics]]\nguest_path = \"/app/public\"\nurl_prefix = \"/\"\n\n[[statics]]\nguest_path = \"/app/public/assets\"\nurl_prefix = \"/assets\"",
    fix: "Merge overlapping entries, or use distinct prefixes.";

    AUTOSTART_AUTOSTOP_MISMATCH = "FR317" "autostart-autostop-mismatch" Warning Reliability,
    summary: "Machines are stopped automatically but never started again.",
    what: "Flags services with `auto_stop_machines` on (stop or suspend) and `auto_start_machines = false`.",
    why: "Idle machines are stopped and nothing restarts them when traffic returns: the app goes down after its first quiet period.",
    example: "[http_service]\ninternal_port = 8080\nauto_stop_machines = \"stop\"\nauto_start_machines = false",
    fix: "Set `auto_start_machines = true`, or `auto_stop_machines = \"off\"`.";

    FORCE_HTTPS_WITHOUT_HTTP = "FR318" "force-https-without-http" Warning Reliability,
    summary: "`force_https` on a port without the `http` handler.",
    what: "Flags `[[services.ports]]` with `force_https = true` whose handlers do not include `http`.",
    why: "Only the HTTP handler can redirect; the platform rejects the service at deploy time.",
    example: "[[services.ports]]\nport = 443\nhandlers = [\"tls\"]\nforce_https = true",
    fix: "Put `force_https = true` on the port-80 entry with `handlers = [\"http\"]`.";

    UNKNOWN_ENUM_VALUE = "FR319" "unknown-enum-value" Warning Reliability,
    summary: "A value flyctl passes through but the platform does not know.",
    what: "Checks handlers (`http`, `tls`, `pg_tls`, `proxy_proto`, `edge_http`), service `protocol` (`tcp`, `udp`), check `protocol` (`http`, `https`), concurrency `type` (`connections`, `requests`), and `proxy_proto_options.version` (`v1`, `v2`); machine-check `kill_signal` is checked by FR322.",
    why: "flyctl does not validate these, so a typo is only rejected (or silently misbehaves) on the platform.",
    example: "[[services.ports]]\nport = 443\nhandlers = [\"https\"]",
    fix: "Use one of the values listed in the message: `handlers = [\"tls\", \"http\"]`.";

    MOUNT_ROOT_DESTINATION = "FR320" "mount-destination" Error Reliability,
    summary: "A volume is mounted at `/`, or has no source or destination.",
    what: "Checks each `[[mounts]]` has a `source` and an absolute `destination` other than `/`.",
    why: "A volume cannot replace the root filesystem, and a mount without source or destination fails at deploy.",
    example: "[[mounts]]\nsource = \"data\"\ndestination = \"/\"",
    fix: "Mount it on a directory: `destination = \"/data\"`.";

    GPU_DEPRECATED = "FR321" "gpu-deprecated" Warning Reliability,
    summary: "GPU machines are no longer offered.",
    what: "Flags `[[vm]]` with a GPU preset, `gpu_kind` or `gpus`.",
    why: "Fly.io has stopped offering GPU machines; flyctl rejects the GPU flags and deploys cannot create them.",
    example: "[[vm]]\nsize = \"a100-40gb\"",
    fix: "Use a performance preset and an external GPU provider.";

    KILL_SIGNAL = "FR322" "kill-signal" Warning Reliability,
    summary: "An unknown `kill_signal`.",
    what: "Checks `kill_signal` is one of SIGINT, SIGTERM, SIGQUIT, SIGUSR1, SIGUSR2, SIGKILL, SIGHUP (also in machine checks).",
    why: "The platform only sends these; anything else is rejected when machines are created.",
    example: "kill_signal = \"SIGSTOP\"",
    fix: "`kill_signal = \"SIGTERM\"` (or SIGINT, the default).";

    CHECK_PATH = "FR323" "check-path" Warning Reliability,
    summary: "An HTTP check is missing its path, or the path is not absolute.",
    what: "Checks HTTP health checks have a `path` starting with `/`.",
    why: "A relative or missing path probes the wrong URL; the check may pass while the app is broken, or fail forever.",
    example: "[[http_service.checks]]\npath = \"health\"",
    fix: "`path = \"/health\"`.";

    CONCURRENCY_LIMITS = "FR324" "concurrency-limits" Warning Reliability,
    summary: "Concurrency soft limit above the hard limit, or not positive.",
    what: "Checks `soft_limit` ≤ `hard_limit` and both are positive.",
    why: "The proxy stops routing at the hard limit; a soft limit above it never takes effect, and load balancing misbehaves.",
    example: "[http_service.concurrency]\ntype = \"requests\"\nsoft_limit = 200\nhard_limit = 100",
    fix: "`soft_limit = 80`, `hard_limit = 100`.";

    DUPLICATE_PUBLIC_PORT = "FR325" "duplicate-public-port" Warning Reliability,
    summary: "Two services expose the same public port.",
    what: "Collects the public ports of `[http_service]` (80 and 443) and every `[[services.ports]]` entry, per protocol, and flags repeats.",
    why: "Only one service can receive a port's traffic; the platform's behaviour with overlapping services is undefined (a 504 with no detail).",
    example: "[http_service]\ninternal_port = 8080\n\n[[services]]\ninternal_port = 9090\n[[services.ports]]\nport = 443",
    fix: "Expose the second service on another port, or merge them.";
}
