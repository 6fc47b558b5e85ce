//! `MG`: findings of `flyconf migrate` — what it could not convert, or
//! converted with a change worth knowing about. Every diagnostic's span points
//! into the source file it talks about, and its key path starts with that
//! file's path (`docker-compose.yml: services.web.volumes[1]`).

use super::rules;

rules! {
    UNPARSEABLE_SOURCE = "MG501" "unparseable-source" Error Migration,
    summary: "A source file cannot be read.",
    what: "Reports YAML syntax errors in docker-compose and Kubernetes files, JSON syntax errors in `app.json`, Procfile lines that are not `name: command`, duplicate keys, files that are not UTF-8 text, and files that cannot be read at all. The span points at the problem.",
    why: "Nothing in an unreadable file is migrated, so the generated fly.toml files are missing whatever it described.",
    example: "services:\n  web:\n    image: nginx\n   ports: [\"80:80\"]",
    fix: "Fix the syntax (the tool that consumes the file would reject it too) and run `flyconf migrate` again. For Helm charts, render them first: `helm template . > k8s/rendered.yaml`.";

    IGNORED_SOURCE = "MG502" "ignored-source" Info Migration,
    summary: "A candidate file was skipped.",
    what: "Reports compose files shadowed by one with higher precedence (`compose.yaml` > `compose.yml` > `docker-compose.yaml` > `docker-compose.yml`, as `docker compose` picks), and files too large to be configuration.",
    why: "Migrating two compose files of one project would produce every app twice.",
    example: "compose.yaml\ndocker-compose.yml   # skipped: compose.yaml wins",
    fix: "Delete the stale file, or move it out of the directory and migrate it separately.";

    NOTHING_TO_MIGRATE = "MG503" "nothing-to-migrate" Info Migration,
    summary: "No Procfile, app.json, compose file or Kubernetes manifest was found.",
    what: "Reports a migration whose input has none of the files `flyconf migrate` converts.",
    why: "Without a source there is nothing to convert; `fly launch` can generate a fly.toml from the source code instead.",
    example: "$ flyconf migrate empty-dir/",
    fix: "Run it in the project directory, or use `fly launch --no-deploy` to scan the source code.";

    UNSUPPORTED_SETTING = "MG504" "unsupported-setting" Warning Migration,
    summary: "A setting has no mechanical Fly.io equivalent and was not converted.",
    what: "Reports compose keys (`privileged`, `cap_add`, `network_mode`, `user`, `extends`, `configs`, `build.ssh`, …), Kubernetes pod settings (`nodeSelector`, `affinity`, `securityContext`, `hostNetwork`, `imagePullSecrets`, …) and `app.json` fields (classic buildpack URLs, `scripts.postdeploy`, `environments`) that the migration leaves out. The message says what Fly.io does instead.",
    why: "The app may depend on the setting: running as a given user, a working directory, a capability, a placement constraint.",
    example: "services:\n  web:\n    image: app\n    user: \"1000\"",
    fix: "Move the behaviour into the image (`USER`, `WORKDIR` in the Dockerfile) or the Fly.io equivalent named in the message, e.g. `primary_region` for placement.";

    UNSUPPORTED_VALUE = "MG505" "unsupported-value" Warning Migration,
    summary: "A value could not be understood and was not converted.",
    what: "Reports values the migration cannot map: an unknown Heroku dyno size, a restart policy or stop signal Fly.io does not know, a CPU or memory quantity that is not a number, a build context that is a Git URL, a service with neither `image` nor `build`, a duplicate Procfile process type.",
    why: "The generated fly.toml falls back to a default for that setting, which may not be what the source meant.",
    example: "{\n  \"formation\": { \"web\": { \"quantity\": 1, \"size\": \"huge\" } }\n}",
    fix: "Correct the source value, or set the fly.toml key by hand (`[[vm]] size`, `[[restart]] policy`, `kill_signal`).";

    UNSUPPORTED_KIND = "MG506" "unsupported-kind" Warning Migration,
    summary: "A Kubernetes object of this kind is not converted.",
    what: "Reports workload kinds other than Deployment and StatefulSet (`Pod`, `DaemonSet`, `Job`, `CronJob`, `ReplicaSet`), Services that select no converted workload, and (as info) cluster objects that have no Fly.io counterpart (`Namespace`, RBAC, `NetworkPolicy`, `PodDisruptionBudget`, custom resources).",
    why: "Jobs, cron jobs and daemons run on Fly.io in other ways; cluster plumbing is not needed there at all.",
    example: "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly",
    fix: "CronJob: a scheduled machine (`fly machine run IMAGE --schedule daily`) or supercronic in a process group. Job: `fly machine run --rm`. DaemonSet: not needed (one machine per host is not a Fly.io concept). RBAC and namespaces: delete.";

    SECRET_NOT_MIGRATED = "MG507" "secret-not-migrated" Warning Migration,
    summary: "A secret was left out of fly.toml.",
    what: "Reports environment variables whose name or value marks them as secrets (`*_PASSWORD`, `*_TOKEN`, `DATABASE_URL`, credentials in URLs, provider tokens), Kubernetes `secretKeyRef`/`secretRef` variables, and secret-looking build args and check headers. They are listed in the app's `secrets`; their values are never printed or written.",
    why: "fly.toml is committed and readable by anyone with repository access; Fly.io secrets are encrypted and injected at runtime.",
    example: "services:\n  web:\n    environment:\n      SECRET_KEY_BASE: 8f2c…",
    fix: "Set it (rotating it if it was committed): `fly secrets set SECRET_KEY_BASE=… --app my-app`, or import a dotenv file: `fly secrets import --app my-app < .env`.";

    UNRESOLVED_VARIABLE = "MG508" "unresolved-variable" Warning Migration,
    summary: "A value depends on variables or files that are not part of the migration.",
    what: "Reports compose `${VAR}` interpolation without a default, `env_file`, variables passed through from the shell (`- API_KEY`), Kubernetes `$(VAR)` references, `fieldRef`s, and ConfigMaps or Secrets that are referenced but not among the manifests. `${VAR:-default}` uses the default (reported as info).",
    why: "The value comes from wherever compose or the cluster ran; the migration cannot know it.",
    example: "services:\n  web:\n    image: app:${TAG}\n    env_file: .env",
    fix: "Set the variables in `[env]` (plain settings) or with `fly secrets set`/`fly secrets import < .env` (anything sensitive).";

    STATEFUL_SERVICE = "MG509" "stateful-service-not-converted" Warning Migration,
    summary: "A database or broker service was not converted to an app.",
    what: "Reports compose services running well-known stateful images (postgres, mysql/mariadb, redis/valkey, mongo, rabbitmq, elasticsearch/opensearch, minio) with the Fly.io-native replacement. They are converted anyway when the file has nothing else.",
    why: "A database in a single machine with a volume has no replication, backups or failover; Fly.io and its extensions offer managed equivalents.",
    example: "services:\n  db:\n    image: postgres:16\n    volumes: [\"pgdata:/var/lib/postgresql/data\"]",
    fix: "Postgres: `fly postgres create --name PROJECT-db` and `fly postgres attach PROJECT-db --app APP` (sets `DATABASE_URL`). Redis: `fly redis create` (Upstash) and set `REDIS_URL`. MinIO: `fly storage create` (Tigris). Others: run as their own app with a volume, or use a hosted service.";

    ADDON_NOT_CONVERTED = "MG510" "addon-not-converted" Info Migration,
    summary: "A Heroku add-on has no Fly.io equivalent that the migration knows.",
    what: "Reports `app.json` add-ons other than Postgres, Redis and the few with a known replacement (scheduler, S3 buckets, logging).",
    why: "The app probably reads configuration the add-on provided (`SENDGRID_API_KEY`, `PAPERTRAIL_API_TOKEN`…).",
    example: "{\n  \"addons\": [\"sendgrid\"]\n}",
    fix: "Keep the provider account and copy its variables: `heroku config -s --app OLD | fly secrets import --app NEW`.";

    MULTIPLE_VOLUMES = "MG511" "multiple-volumes" Warning Migration,
    summary: "A service has more than one volume; a Fly.io machine mounts one.",
    what: "Reports every named volume (compose) or persistent volume claim (Kubernetes) after the first of a service; only the first becomes `[[mounts]]`.",
    why: "A Fly.io machine can attach one volume; flyctl rejects two `[[mounts]]` for one process group.",
    example: "services:\n  db:\n    volumes:\n      - data:/var/lib/data\n      - logs:/var/log/app",
    fix: "Use subdirectories of one volume (`/data/db`, `/data/logs`), or split the service into apps.";

    VOLUME_NOT_SHARED = "MG512" "volume-not-shared" Warning Migration,
    summary: "A volume is per machine on Fly.io: not shared, not replicated.",
    what: "Reports StatefulSet `volumeClaimTemplates`, Deployments mounting a PersistentVolumeClaim, and compose named volumes used by several services.",
    why: "Each machine gets its own volume: scaling to two machines gives two independent copies of the data, and two apps cannot share one volume.",
    example: "kind: StatefulSet\nspec:\n  volumeClaimTemplates:\n    - metadata: { name: data }",
    fix: "Keep one machine per volume (`fly scale count 1`), replicate at the application level (e.g. LiteFS for SQLite), or move shared files to object storage (`fly storage create`).";

    HOST_MOUNT = "MG513" "host-mount-not-converted" Warning Migration,
    summary: "A bind mount or ephemeral volume was not converted.",
    what: "Reports compose bind mounts (`./src:/app`), anonymous volumes and tmpfs, and Kubernetes `hostPath`, `emptyDir` and unknown volume types.",
    why: "Fly.io machines have no host directory to mount; the root filesystem is already ephemeral and reset on each deploy.",
    example: "services:\n  web:\n    volumes:\n      - ./config:/etc/app",
    fix: "Copy the files into the image (`COPY config /etc/app`), or ship single files with `[[files]]` (`local_path`, `secret_name`). Source-code mounts for live reload are not needed in production.";

    UNSUPPORTED_PORT = "MG514" "unsupported-port" Warning Migration,
    summary: "A port was not exposed.",
    what: "Reports port ranges, ports outside 1–65535, protocols other than TCP and UDP, ports bound to localhost only (they stay private), a second public port that would collide with another, and container port 443 next to an HTTP port (Fly.io terminates TLS itself).",
    why: "The port is missing from the generated services, so clients expecting it cannot connect.",
    example: "services:\n  game:\n    ports: [\"7000-7010:7000-7010/udp\"]",
    fix: "Add `[[services]]` entries by hand (`start_port`/`end_port` for ranges), or reach the service privately on `APP.internal:PORT`.";

    EXTRA_CONTAINER = "MG515" "extra-container" Warning Migration,
    summary: "A sidecar or init container was not converted.",
    what: "Reports pod containers after the first and `initContainers`; the first container is the app.",
    why: "A Fly.io app runs one image per machine by default; the sidecar's job (proxy, log shipper, migrations) is left undone.",
    example: "containers:\n  - name: app\n    image: app\n  - name: envoy\n    image: envoyproxy/envoy",
    fix: "Run init work as `[deploy] release_command`, move sidecars into their own app, or use a multi-container machine (`machine_config`).";

    UNSUPPORTED_HEALTH_CHECK = "MG516" "unsupported-health-check" Info Migration,
    summary: "A health check was not converted.",
    what: "Reports command health checks (compose `healthcheck.test` without an HTTP URL, Kubernetes `exec` probes) and gRPC probes. A TCP check on the service port is generated instead.",
    why: "Fly.io checks are HTTP or TCP requests from outside the process; they cannot run a command in the machine.",
    example: "healthcheck:\n  test: [\"CMD\", \"pg_isready\"]",
    fix: "Expose an HTTP health endpoint and add `[[http_service.checks]]` with its `path`.";

    SERVICE_REFERENCE = "MG517" "service-reference-rewritten" Info Migration,
    summary: "A reference to another service was rewritten to its Fly.io private address.",
    what: "Reports environment values that name another compose service or Kubernetes Service as a host (`postgres://db:5432`, `http://api:3000`, `api.default.svc.cluster.local`) and were rewritten to `APP.internal`, the app's address on the Fly.io private network.",
    why: "Compose and cluster DNS names do not exist on Fly.io; each service becomes an app reachable as `APP.internal`.",
    example: "environment:\n  API_URL: http://api:3000",
    fix: "Nothing, if the target is deployed under the generated app name. Secrets that name a service are not rewritten (their values are never written); use the host in the message when you set them.";

    START_ORDER = "MG518" "start-order-not-enforced" Info Migration,
    summary: "Start order between services is not enforced on Fly.io.",
    what: "Reports compose `depends_on`.",
    why: "Each service becomes its own app, deployed and started independently; a dependency may not be up yet when the app starts.",
    example: "services:\n  web:\n    depends_on: [db]",
    fix: "Make the app retry its connections at startup, and deploy dependencies first.";

    COMMAND_REWRITTEN = "MG519" "command-rewritten" Info Migration,
    summary: "A command was adapted to run without a shell.",
    what: "Reports Procfile commands whose `$PORT` was replaced by the port number, and commands wrapped in `/bin/sh -c` because they use shell syntax (variables, `&&`, pipes, redirections, `VAR=x cmd`).",
    why: "Heroku runs Procfile commands through bash; flyctl splits `[processes]` commands and runs them directly, so shell syntax would be passed as literal arguments.",
    example: "web: bundle exec puma -p $PORT && echo done",
    fix: "Nothing; the image must contain `/bin/sh` for wrapped commands. For exec-form purity, move the logic into a script.";

    INVALID_COMMAND = "MG520" "invalid-command" Warning Migration,
    summary: "A command cannot be split into arguments and was not converted.",
    what: "Reports commands with unbalanced quotes, a trailing backslash or a NUL byte.",
    why: "flyctl rejects such `[processes]` and `release_command` values (`Could not parse command`).",
    example: "web: node server.js --name \"my app",
    fix: "Balance the quotes in the source and migrate again, or write the command in fly.toml by hand.";

    VALUE_ADJUSTED = "MG521" "value-adjusted" Info Migration,
    summary: "A value was rounded or clamped to what Fly.io accepts.",
    what: "Reports CPU and memory mapped to the nearest valid machine, check intervals and timeouts clamped to 2s–60s, kill timeouts capped at 300s, and volume sizes rounded up to whole GB (1–500).",
    why: "Fly.io machines come in fixed CPU counts and memory steps, and the platform limits check timing; the result differs slightly from the source.",
    example: "resources:\n  limits:\n    cpu: \"3\"\n    memory: 300Mi",
    fix: "Nothing, if the adjusted value suits the app; otherwise edit `[[vm]]` or the check in the generated fly.toml.";

    INGRESS_NOT_CONVERTED = "MG522" "ingress-not-converted" Warning Migration,
    summary: "Ingress routing could not be expressed in fly.toml.",
    what: "Reports Ingress rules that send different paths to different services, backends that are not converted apps, and rules without a host. Hosts of convertible rules become `fly certs add` notes on their app.",
    why: "Each Fly.io app has its own hostname and certificate; there is no cross-app path router in fly.toml.",
    example: "rules:\n  - host: example.com\n    http:\n      paths:\n        - path: /api\n          backend: { service: { name: api } }\n        - path: /\n          backend: { service: { name: web } }",
    fix: "Give each app its own hostname (`api.example.com`), or route paths in one app (a reverse proxy app, or the `fly-replay` header).";

    GENERATED_CONFIG_INVALID = "MG523" "generated-config-invalid" Error Migration,
    summary: "A generated fly.toml did not pass validation.",
    what: "Runs `flyconf check` over every generated fly.toml and reports any error it finds, with the original code and message. This is a safety net: it means an input the migration did not anticipate.",
    why: "Deploying the file would fail.",
    example: "(any input that triggers it is a bug in flyconf migrate)",
    fix: "Fix the reported key in the generated fly.toml by hand, and please report the input.";
}
