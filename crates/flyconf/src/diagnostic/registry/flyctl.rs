//! `FV`: the checks flyctl makes (`fly config validate`, deploy and launch),
//! including those `fly config validate` skips because of its conversion bug.

use super::rules;

rules! {
    MULTIPLE_BUILD_STRATEGIES = "FV101" "multiple-build-strategies" Warning Flyctl,
    summary: "More than one way to build the image is configured.",
    what: "Counts the build strategies in `[build]`: `image`, a builder or buildpacks, a `dockerfile`/`build-target`, and `builtin`.",
    why: "flyctl warns `more than one build configuration found` and silently picks one; the image you deploy may not be the one you think.",
    example: "[build]\nimage = \"nginx:1.27\"\ndockerfile = \"Dockerfile\"",
    fix: "Keep one strategy: remove `image` to build from the Dockerfile, or remove `dockerfile` to deploy the image.";

    RELEASE_COMMAND_SYNTAX = "FV102" "release-command-syntax" Error Flyctl,
    summary: "`release_command` cannot be split into arguments.",
    what: "Splits `[deploy] release_command` with shell quoting rules, as flyctl does.",
    why: "flyctl rejects it: `Can't shell split release command`.",
    example: "[deploy]\nrelease_command = \"bin/rails db:migrate 'unterminated\"",
    fix: "Balance the quotes, or wrap complex logic in a script: `release_command = \"bin/release.sh\"`.";

    DEPLOY_STRATEGY = "FV103" "deploy-strategy" Error Flyctl,
    summary: "Unsupported deployment strategy.",
    what: "Checks `[deploy] strategy` is one of `rolling`, `canary`, `immediate`, `bluegreen`.",
    why: "flyctl rejects anything else: `unsupported deployment strategy`.",
    example: "[deploy]\nstrategy = \"blue-green\"",
    fix: "Use a supported name: `strategy = \"bluegreen\"`.";

    CANARY_WITH_MOUNTS = "FV104" "canary-with-mounts" Error Flyctl,
    summary: "Canary deployments cannot be used with volumes.",
    what: "Flags `strategy = \"canary\"` when the app has `[[mounts]]`.",
    why: "A canary machine would need a second copy of the volume; flyctl rejects the combination: `canary deployment strategy is not supported when using mounted volumes`.",
    example: "[deploy]\nstrategy = \"canary\"\n\n[[mounts]]\nsource = \"data\"\ndestination = \"/data\"",
    fix: "Use `strategy = \"rolling\"` (or `immediate`) for apps with volumes.";

    CHECK_TYPE = "FV105" "check-type" Error Flyctl,
    summary: "A top-level check has no valid `type`.",
    what: "Checks each `[checks.<name>]` has `type = \"http\"` or `type = \"tcp\"`.",
    why: "flyctl rejects it: `Missing or invalid check type, must be 'http' or 'tcp'`.",
    example: "[checks.alive]\nport = 8080\npath = \"/health\"",
    fix: "Add the type: `type = \"http\"`.";

    CHECK_INTERVAL_TOO_SHORT = "FV106" "check-interval-too-short" Error Flyctl,
    summary: "A top-level check runs more often than every 2 seconds.",
    what: "Checks `[checks.<name>] interval` is at least 2s (a bare number is milliseconds).",
    why: "flyctl rejects it: `interval is too short … minimum is 2 seconds`.",
    example: "[checks.alive]\ntype = \"tcp\"\nport = 8080\ninterval = \"1s\"",
    fix: "Use `interval = \"15s\"` or any value ≥ 2s.";

    CHECK_TIMEOUT_TOO_LONG = "FV107" "check-timeout-too-long" Error Flyctl,
    summary: "A top-level check timeout exceeds 60 seconds.",
    what: "Checks `[checks.<name>] timeout` is at most 60s.",
    why: "flyctl rejects it: `timeout is too long … maximum is 60 seconds`.",
    example: "[checks.alive]\ntype = \"tcp\"\nport = 8080\ntimeout = \"2m\"",
    fix: "Use `timeout = \"5s\"`; a health check that takes a minute is not telling you much.";

    SERVICE_PROCESSES_UNSET = "FV108" "service-processes-unset" Error Flyctl,
    summary: "A service has no `processes` although the app defines process groups.",
    what: "In an app with `[processes]`, checks each `[http_service]` and `[[services]]` says which groups serve it.",
    why: "flyctl rejects it: `Service has no processes set but app has N processes defined`.",
    example: "[processes]\nweb = \"bin/web\"\nworker = \"bin/worker\"\n\n[http_service]\ninternal_port = 8080",
    fix: "Add `processes = [\"web\"]` to the service.";

    SERVICE_UNKNOWN_PROCESS = "FV109" "service-unknown-process" Error Flyctl,
    summary: "A service names a process group that does not exist.",
    what: "Checks every name in a service's `processes` is a key of `[processes]` (or `app` when there is no `[processes]`).",
    why: "flyctl rejects it: `Service specifies 'x' as one of its processes, but no processes are defined with that name`.",
    example: "[http_service]\ninternal_port = 8080\nprocesses = [\"web\"]",
    fix: "Use a defined group name (`app` when there is no `[processes]`), or add the group to `[processes]`.";

    SERVICE_WITHOUT_PORTS = "FV110" "service-without-ports" Warning Flyctl,
    summary: "A `[[services]]` entry exposes no port.",
    what: "Checks each `[[services]]` has at least one `[[services.ports]]`.",
    why: "A service without ports receives no traffic; flyctl warns `Service must expose at least one port`.",
    example: "[[services]]\ninternal_port = 8080\nprotocol = \"tcp\"",
    fix: "Add `[[services.ports]]` with `port = 443` and `handlers = [\"tls\", \"http\"]`, or remove the service.";

    SERVICE_CHECK_TIMING = "FV111" "service-check-timing" Warning Flyctl,
    summary: "A service check interval, timeout or grace period will be clamped.",
    what: "Checks service tcp/http checks' interval and timeout are between 1s and 1m, and a non-zero grace period is at least 1s.",
    why: "flyctl warns and the platform raises the value to 1 second or lowers it to 1 minute, so the check does not behave as written.",
    example: "[[services.tcp_checks]]\ninterval = \"500ms\"",
    fix: "Use values between 1s and 1m, e.g. `interval = \"15s\"`, `timeout = \"2s\"`.";

    PROCESS_COMMAND_SYNTAX = "FV112" "process-command-syntax" Error Flyctl,
    summary: "A `[processes]` command cannot be split into arguments.",
    what: "Splits each process command with shell quoting rules, as flyctl does.",
    why: "flyctl rejects it: `Could not parse command for 'web' process group`.",
    example: "[processes]\nweb = \"gunicorn 'app:create_app()\"",
    fix: "Balance the quotes: `web = \"gunicorn 'app:create_app()'\"`.";

    CONSOLE_COMMAND_SYNTAX = "FV113" "console-command-syntax" Error Flyctl,
    summary: "`console_command` cannot be split into arguments.",
    what: "Splits `console_command` with shell quoting rules, as flyctl does.",
    why: "flyctl rejects it: `Can't shell split console command`.",
    example: "console_command = 'bin/rails console \\'",
    fix: "Balance the quotes or remove the stray backslash.";

    MOUNT_INITIAL_SIZE = "FV114" "mount-initial-size" Error Flyctl,
    summary: "A volume's `initial_size` is below 1GB.",
    what: "Checks `[[mounts]] initial_size` is at least 1GB (decimal units, truncated: \"500mb\" is 0).",
    why: "flyctl rejects it: `has an initial_size … value which is smaller than 1GB`.",
    example: "[[mounts]]\nsource = \"data\"\ndestination = \"/data\"\ninitial_size = \"500mb\"",
    fix: "Use at least `initial_size = \"1gb\"`.";

    MOUNT_SNAPSHOT_RETENTION = "FV115" "mount-snapshot-retention" Error Flyctl,
    summary: "`snapshot_retention` outside 1–60 days.",
    what: "Checks `[[mounts]] snapshot_retention` is between 1 and 60.",
    why: "flyctl rejects it: `snapshot_retention value which is not between 1 and 60 days inclusive`.",
    example: "[[mounts]]\nsource = \"data\"\ndestination = \"/data\"\nsnapshot_retention = 90",
    fix: "Use a value from 1 to 60 (the default is 5).";

    MOUNT_AUTO_EXTEND = "FV116" "mount-auto-extend" Error Flyctl,
    summary: "Volume auto-extend settings are incomplete or out of range.",
    what: "Checks `auto_extend_size_threshold` (50–99 %), `auto_extend_size_increment` (1–100GB) and `auto_extend_size_limit` (1–500GB) are set together and in range.",
    why: "flyctl rejects partial or out-of-range auto-extend settings; setting only one of them also fails.",
    example: "[[mounts]]\nsource = \"data\"\ndestination = \"/data\"\nauto_extend_size_threshold = 80",
    fix: "Set all three: `auto_extend_size_threshold = 80`, `auto_extend_size_increment = \"1gb\"`, `auto_extend_size_limit = \"10gb\"`.";

    RESTART_UNKNOWN_PROCESS = "FV117" "restart-unknown-process" Error Flyctl,
    summary: "A restart policy names a process group that does not exist.",
    what: "Checks every name in `[[restart]] processes` is a defined process group.",
    why: "flyctl rejects it: `Restart policy specifies 'x' as one of its processes, but no processes are defined with that name`.",
    example: "[[restart]]\npolicy = \"always\"\nprocesses = [\"worker\"]",
    fix: "Use a defined group name, or add the group to `[processes]`.";

    RESTART_POLICY = "FV118" "restart-policy" Error Flyctl,
    summary: "Unknown restart policy.",
    what: "Checks `[[restart]] policy` is `always`, `never` or `on-failure`.",
    why: "flyctl rejects anything else: `invalid restart policy`.",
    example: "[[restart]]\npolicy = \"unless-stopped\"",
    fix: "Use `policy = \"always\"`, `\"never\"` or `\"on-failure\"`.";

    BUILD_COMPRESSION = "FV119" "build-compression" Error Flyctl,
    summary: "Invalid image compression settings.",
    what: "Checks `[build] compression` is `gzip` or `zstd` and `compression_level` is 0–9.",
    why: "flyctl rejects other values before building.",
    example: "[build]\ncompression = \"brotli\"",
    fix: "Use `compression = \"zstd\"` (or `\"gzip\"`) and a level from 0 to 9, or leave them unset.";

    BLUEGREEN_WITHOUT_CHECKS = "FV120" "bluegreen-without-checks" Error Flyctl,
    summary: "Blue-green deployment without health checks.",
    what: "Flags `strategy = \"bluegreen\"` when no service or top-level check is defined.",
    why: "Blue-green switches traffic only after the green machines pass their checks; flyctl aborts the deploy: `You need to define at least 1 check in order to use blue-green deployments`.",
    example: "[deploy]\nstrategy = \"bluegreen\"\n\n[http_service]\ninternal_port = 8080",
    fix: "Add a check, e.g. `[[http_service.checks]]` with `path = \"/health\"`, `interval = \"10s\"`, `timeout = \"2s\"`.";

    VM_SIZE = "FV121" "vm-size" Error Flyctl,
    summary: "Unknown machine size preset.",
    what: "Checks `[[vm]] size` is a preset such as `shared-cpu-1x` or `performance-2x`.",
    why: "The deploy fails (`is an invalid machine size`); `fly config validate` does not catch it because of a bug in its machine-conversion check.",
    example: "[[vm]]\nsize = \"shared-cpu-3x\"",
    fix: "Use a preset listed by `fly platform vm-sizes`, e.g. `size = \"shared-cpu-2x\"`.";

    VM_CPU_MEMORY = "FV122" "vm-cpu-memory" Error Flyctl,
    summary: "A CPU and memory combination the platform rejects.",
    what: "Resolves each `[[vm]]` as flyctl does (preset, then `memory`, then `memory_mb`/`cpus`/`cpu_kind`) and checks the CPU kind, CPU count, memory increment (256MB shared, 1024MB performance) and memory per CPU (shared 256–2048MB, performance 2048–8192MB).",
    why: "The platform refuses the machine at deploy time; `fly config validate` does not check sizes.",
    example: "[[vm]]\ncpu_kind = \"shared\"\ncpus = 1\nmemory = \"4gb\"",
    fix: "Add CPUs or lower the memory: `cpus = 2`, `memory = \"4gb\"`.";

    CHECK_WITHOUT_PORT = "FV123" "check-without-port" Error Flyctl,
    summary: "A top-level check has no port to probe.",
    what: "Flags `[checks.<name>]` without `port` when there is no `[http_service]` to take `internal_port` from.",
    why: "The deploy fails: `Check has no port set and the group has no http_service to take it from`; `fly config validate` misses it.",
    example: "[checks.alive]\ntype = \"tcp\"\ninterval = \"15s\"",
    fix: "Add `port = 8080` (the port your app listens on).";

    MULTIPLE_MOUNTS_PER_GROUP = "FV124" "multiple-mounts-per-group" Error Flyctl,
    summary: "A process group has more than one volume.",
    what: "Counts the `[[mounts]]` that apply to each process group.",
    why: "A machine can attach only one volume; flyctl attaches only the first and the platform rejects more (`group has more than one [[mounts]] section defined`).",
    example: "[[mounts]]\nsource = \"data\"\ndestination = \"/data\"\n\n[[mounts]]\nsource = \"logs\"\ndestination = \"/logs\"",
    fix: "Use one volume per machine (subdirectories of one mount), or give each mount a different `processes` group.";

    MACHINE_CHECK_COMMAND = "FV125" "machine-check-command" Error Flyctl,
    summary: "A machine check has no `command`.",
    what: "Checks every `machine_checks` entry has a non-empty `command`.",
    why: "The deploy fails: `missing command for test machine`.",
    example: "[[http_service.machine_checks]]\nimage = \"curlimages/curl:8.10.1\"",
    fix: "Add the command to run: `command = [\"curl\", \"-f\", \"http://[$FLY_TEST_MACHINE_IP]:8080/health\"]`.";

    MULTIPLE_VM_PER_GROUP = "FV126" "multiple-vm-per-group" Error Flyctl,
    summary: "Several `[[vm]]` sections apply to the same process group.",
    what: "Counts the `[[vm]]` sections that apply to each group (a section without `processes` applies to all). More than two is the error flyctl reports; exactly two is reported as a warning, because which one wins is not visible in the file.",
    why: "flyctl cannot decide the size: `2+ compute sections for group`.",
    example: "[[vm]]\nsize = \"shared-cpu-1x\"\n\n[[vm]]\nsize = \"shared-cpu-2x\"",
    fix: "Merge them, or give each a distinct `processes` list.";

    MACHINE_CONFIG_SOURCE = "FV127" "machine-config-source" Error Flyctl,
    summary: "`machine_config` is neither inline JSON nor a `.json` path.",
    what: "Checks `machine_config` (top level or `[experimental]`) starts with `{` or ends with `.json`.",
    why: "The deploy fails: `invalid machine config source`.",
    example: "machine_config = \"machine.yaml\"",
    fix: "Point it at a JSON file (`machine_config = \"machine.json\"`) or inline the JSON object.";

    MAX_UNAVAILABLE_IGNORED = "FV128" "max-unavailable-ignored" Warning Flyctl,
    summary: "`max_unavailable` is set for a strategy that ignores it.",
    what: "Flags `max_unavailable` with `strategy = \"immediate\"` or `\"bluegreen\"`, and checks it is positive.",
    why: "Only rolling and canary deploys use it; flyctl prints `max-unavailable set for non-rolling strategy, ignoring`.",
    example: "[deploy]\nstrategy = \"immediate\"\nmax_unavailable = 0.5",
    fix: "Remove `max_unavailable`, or switch to `strategy = \"rolling\"`.";

    BLUEGREEN_WITH_MOUNTS = "FV129" "bluegreen-with-mounts" Error Flyctl,
    summary: "Blue-green deployments cannot be used with volumes.",
    what: "Flags `strategy = \"bluegreen\"` when the app has `[[mounts]]`.",
    why: "Blue-green starts a full second set of machines, which would each need the volume that the running machines hold; Fly.io documents it as unsupported and the deploy fails.",
    example: "[deploy]\nstrategy = \"bluegreen\"\n\n[[mounts]]\nsource = \"data\"\ndestination = \"/data\"",
    fix: "Use `strategy = \"rolling\"` for apps with volumes.";
}
