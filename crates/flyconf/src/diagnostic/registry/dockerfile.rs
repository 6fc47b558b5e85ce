//! Dockerfile rules (`DF4xx`), reported by [`crate::dockerfile::check`].

use super::rules;

rules! {
    DF401 = "DF401" "dockerfile-syntax" Error Dockerfile,
    summary: "The file is not a Dockerfile Docker can build.",
    what: "Reports what stops BuildKit from reading the file as intended: an empty file or one without FROM, binary content, an unknown instruction (often a typo, or a line that lost its `\\` continuation), an instruction other than ARG before the first FROM, a malformed FROM, missing arguments, CMD, ENTRYPOINT or SHELL that starts with `[` but is not valid JSON, a heredoc with no terminator line, and repeated or invalid parser directives.",
    why: "Most of these make `fly deploy` fail at the build step. A broken JSON array is worse: Docker silently falls back to shell form and runs the whole bracketed text through `/bin/sh -c`, so the image builds and then fails when the Machine starts.",
    example: "FROM node:20.18-slim\nCOPY . /app\nCMD ['node', '/app/server.js']\n",
    fix: "Correct the line. For exec form use a JSON array of double-quoted strings: `CMD [\"node\", \"/app/server.js\"]` (the automatic fix does this when only the quotes are wrong). Close every heredoc with a line holding just its delimiter, and put only ARG instructions before the first FROM.";

    DF402 = "DF402" "root-user" Warning Dockerfile,
    summary: "The final stage runs as root.",
    what: "Follows the final stage (and any earlier stage it is built FROM) and reports when it has no USER instruction, or when its last USER is `root` or UID 0 (`root`, `0`, `root:root`, `0:0`). Base images known to default to an unprivileged user (`…:nonroot` distroless tags, `nginx-unprivileged`, Chainguard images) are accepted, and users given through variables are not judged.",
    why: "A process running as root inside the container can modify the whole image filesystem, and any bug that lets an attacker run code gives them root in the Machine. Running as an ordinary user costs nothing and limits the damage.",
    example: "FROM python:3.12-slim-bookworm\nWORKDIR /app\nCOPY . .\nCMD [\"gunicorn\", \"app.wsgi\"]\n",
    fix: "Create an unprivileged user and switch to it before CMD:\n\n```dockerfile\nRUN useradd --create-home --uid 1000 app\nUSER app\nCMD [\"gunicorn\", \"app.wsgi\"]\n```\n\nThe `node` images already have a `node` user, and distroless images a `nonroot` one.";

    DF403 = "DF403" "unpinned-base-image" Warning Dockerfile,
    summary: "A base image has no tag, or uses `:latest`.",
    what: "Reports FROM lines whose image has no tag and no digest (which Docker reads as `:latest`) or whose tag is `latest`. Build-argument defaults declared before the first FROM are substituted first, so `FROM node:${NODE_VERSION}-slim` with `ARG NODE_VERSION=20.18` is pinned. `scratch`, references to earlier stages, digests, and images that depend on an argument without a default are not reported.",
    why: "`latest` changes whenever the upstream image does, so two deploys of the same commit can get different runtimes, system libraries or even a different OS release, and a rollback does not roll back the base image.",
    example: "FROM node\nWORKDIR /app\n",
    fix: "Pin a version tag, such as `FROM node:20.18-slim` or `FROM python:3.12-slim-bookworm`, or a digest (`FROM node:20.18-slim@sha256:…`) for byte-for-byte reproducible builds.";

    DF404 = "DF404" "shell-form-command" Warning Dockerfile,
    summary: "CMD or ENTRYPOINT is in shell form, so the app does not receive stop signals.",
    what: "Reports CMD and ENTRYPOINT written as plain text rather than a JSON array, unless the command already hands over to the app with `exec`. When the command has no shell syntax (no `&&`, `|`, `;`, `$`, redirections, globs, backticks…) and changing it cannot alter how CMD and ENTRYPOINT combine in that stage, a fix rewrites it in exec form.",
    why: "Shell form runs `/bin/sh -c \"…\"`, so the shell is PID 1 unless it happens to replace itself with the command (some shells do for a single simple command, but not reliably, and usually not once `&&`, `;` or pipes are involved). When Fly stops a Machine (on deploy, scale-down or auto-stop) it sends the fly.toml `kill_signal` (SIGINT by default) to PID 1; `sh` does not pass it on, so the app never shuts down gracefully and is killed after `kill_timeout`, dropping in-flight requests.",
    example: "FROM node:20.18-slim\nUSER node\nCMD npm start\n",
    fix: "Use exec form: `CMD [\"npm\", \"start\"]`. If you need shell features, keep the shell but let the app replace it: `CMD [\"sh\", \"-c\", \"bin/migrate && exec bin/server\"]`.";

    DF405 = "DF405" "secret-in-dockerfile" Error Dockerfile,
    summary: "ENV or ARG sets a literal credential.",
    what: "Reports ENV values and ARG defaults that the secret detector recognises as a real credential (API keys, tokens, passwords, URLs with embedded passwords…). Placeholders and references such as `${TOKEN}` are ignored. Messages only ever show a redacted form of the value.",
    why: "ENV values are stored in the image config and ARG values in its build history; anyone who can pull the image, or read the registry, can read them, and they stay there after the line is removed from later versions. The credential must be treated as leaked.",
    example: "FROM python:3.12-slim-bookworm\nENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nENV AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n",
    fix: "Delete the value and rotate the credential. Provide runtime secrets with `fly secrets set AWS_SECRET_ACCESS_KEY=…`; for build steps mount them with `RUN --mount=type=secret,id=aws_key …` and `fly deploy --build-secret aws_key=…`.";

    DF406 = "DF406" "secret-name-in-build-arg" Warning Dockerfile,
    summary: "ARG or ENV is named like a secret.",
    what: "Reports ARG instructions, and ENV instructions that set a value, whose variable name normally holds a secret (`*_TOKEN`, `*_PASSWORD`, `DATABASE_URL`, `SECRET_KEY_BASE`…), when DF405 has not already reported a literal credential there. Empty ENV values and obvious dummies are ignored.",
    why: "Values passed with `--build-arg` are recorded in the image's history and build provenance, and ENV values in the image config, so a secret supplied this way ends up readable by anyone who can pull the image, even if the Dockerfile never contains it.",
    example: "FROM node:20.18-slim\nARG NPM_TOKEN\nRUN echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc && npm ci\n",
    fix: "Use a BuildKit secret mount, which is never stored in a layer: `RUN --mount=type=secret,id=NPM_TOKEN NPM_TOKEN=$(cat /run/secrets/NPM_TOKEN) npm ci`, built with `fly deploy --build-secret NPM_TOKEN=…`. For runtime values use `fly secrets set`.";

    DF407 = "DF407" "apt-cache" Warning Dockerfile,
    summary: "`apt-get install` without `-y`, `--no-install-recommends` or list cleanup, or `apt` in scripts.",
    what: "Looks at the commands of each RUN (including heredoc scripts and `sh -c` strings) and reports `apt-get install` without `-y` (or `-qq`), without `--no-install-recommends`, or in a RUN that does not `rm -rf /var/lib/apt/lists/*`, and any use of `apt` instead of `apt-get`. The cleanup check is skipped when the RUN mounts a cache at /var/lib/apt or /var/cache/apt.",
    why: "Without `-y` the install waits for an answer that never comes and the build fails. Recommended packages and leftover package lists add tens of megabytes to the image, which slows every deploy and Machine start. `apt` warns that its command line is not stable for scripts.",
    example: "FROM debian:bookworm-slim\nRUN apt-get update && apt-get install curl\n",
    fix: "Install, then clean up, in a single RUN:\n\n```dockerfile\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*\n```";

    DF408 = "DF408" "add-instead-of-copy" Info Dockerfile,
    summary: "ADD is used to copy local files.",
    what: "Reports ADD instructions whose sources are all local files or directories: not URLs or git repositories, not tar archives (`.tar`, `.tar.gz`, `.tgz`, `.tar.xz`, `.tar.bz2`, `.tar.zst`…), and not paths built from variables. ADD with `--checksum`, `--keep-git-dir` or `--unpack` is left alone.",
    why: "ADD also downloads URLs and unpacks archives. Using it for plain files hides the intent, and a file that happens to be a tarball gets extracted instead of copied. COPY does only what it says.",
    example: "FROM python:3.12-slim-bookworm\nADD . /app\n",
    fix: "Replace ADD with COPY (`COPY . /app`); the automatic fix does exactly that. Keep ADD for remote URLs and archives you want extracted.";

    DF409 = "DF409" "multiple-cmd" Warning Dockerfile,
    summary: "A stage has more than one CMD or more than one ENTRYPOINT.",
    what: "Reports every CMD in a stage except the last one, and likewise for ENTRYPOINT.",
    why: "Only the last CMD and the last ENTRYPOINT of a stage take effect; the earlier ones are silently ignored. That usually means a process someone expected to start (a migration, a worker) never runs.",
    example: "FROM node:20.18-slim\nUSER node\nCMD [\"node\", \"migrate.js\"]\nCMD [\"node\", \"server.js\"]\n",
    fix: "Keep one CMD. To run several steps, use a start script that ends with `exec` of the server, or Fly's `release_command` for migrations and `[processes]` for extra process groups.";

    DF410 = "DF410" "unknown-stage-reference" Error Dockerfile,
    summary: "A stage reference points at no earlier stage.",
    what: "Reports `COPY --from=NAME` and `RUN --mount=…,from=NAME` where NAME is a plain name (no `/`, `:` or `.`) that is not defined by an earlier `FROM … AS NAME`: defined later, the current stage itself, or not at all (a few images often copied from directly, such as `busybox` and `alpine`, are allowed). Also reports `--from=N` where N is not an earlier stage number, and `FROM NAME` where NAME is a stage defined further down.",
    why: "A stage can only use stages above it. A name that matches none is taken as an image on Docker Hub, so the build fails with a confusing pull error, or worse, silently copies from an unrelated public image.",
    example: "FROM node:20.18-slim AS deps\nRUN npm ci\n\nFROM node:20.18-slim\nCOPY --from=dependencies /app/node_modules ./node_modules\n",
    fix: "Use the exact name from the earlier `AS` clause (`COPY --from=deps …`), or move the referenced stage above the one that uses it.";

    DF411 = "DF411" "duplicate-stage-name" Error Dockerfile,
    summary: "Two stages have the same name.",
    what: "Reports a `FROM … AS NAME` whose name an earlier stage already uses. Names are compared without regard to case, as BuildKit does.",
    why: "BuildKit refuses to build a Dockerfile with duplicate stage names, and older builders resolved `--from=NAME` to an unexpected stage.",
    example: "FROM node:20.18-slim AS build\nRUN npm ci\nFROM node:20.18-slim AS build\nRUN npm run build\n",
    fix: "Give each stage a unique name (`AS deps`, `AS build`) and update the `--from=` references.";

    DF412 = "DF412" "relative-workdir" Warning Dockerfile,
    summary: "WORKDIR uses a relative path.",
    what: "Reports WORKDIR paths that do not start with `/` (or a variable, or a Windows drive). When an absolute WORKDIR earlier in the same stage makes the result certain, a fix writes the resolved absolute path.",
    why: "A relative WORKDIR is resolved against whatever directory was current before, which may come from the base image and change when it is updated. Absolute paths make COPY destinations and CMD paths predictable.",
    example: "FROM node:20.18-slim\nWORKDIR app\n",
    fix: "Use an absolute path: `WORKDIR /app`.";

    DF413 = "DF413" "maintainer-deprecated" Info Dockerfile,
    summary: "MAINTAINER is deprecated.",
    what: "Reports the MAINTAINER instruction.",
    why: "MAINTAINER was deprecated in favour of labels, which registries, scanners and `docker inspect` read in a standard way (`org.opencontainers.image.authors` or `maintainer`).",
    example: "FROM node:20.18-slim\nMAINTAINER Jane Doe <jane@example.com>\n",
    fix: "Use a label: `LABEL maintainer=\"Jane Doe <jane@example.com>\"`. The automatic fix rewrites the line this way.";

    DF414 = "DF414" "sudo-in-run" Warning Dockerfile,
    summary: "RUN uses sudo.",
    what: "Reports `sudo` in command position in a RUN instruction (including heredoc scripts).",
    why: "Build steps already run as root unless a USER instruction switched away. Installing sudo adds a setuid binary to the image, and its TTY and environment handling makes builds behave unpredictably.",
    example: "FROM ubuntu:24.04\nRUN sudo apt-get update\n",
    fix: "Drop `sudo`. If an earlier USER made the step unprivileged, switch with `USER root` for the step and back to the app user afterwards.";

    DF415 = "DF415" "cd-in-run" Info Dockerfile,
    summary: "RUN changes directory with `cd` instead of WORKDIR.",
    what: "Reports a RUN that starts with `cd` or runs `cd` after `&&`.",
    why: "A `cd` lasts only for its own RUN, so the next instruction runs in the old directory again. This is easy to misread, and paths in later instructions silently point at the wrong place.",
    example: "FROM node:20.18-slim\nCOPY . /app\nRUN cd /app && npm ci\n",
    fix: "Set the directory with `WORKDIR /app` (which also creates it) and drop the `cd`; for a one-off subdirectory use the tool's own option, such as `make -C dir` or `npm --prefix dir`.";
}
