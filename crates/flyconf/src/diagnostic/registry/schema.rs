//! `FT`: fly.toml syntax, types, keys and legacy forms — what flyctl's loader does.

use super::rules;

rules! {
    TOML_SYNTAX = "FT001" "toml-syntax" Error Schema,
    summary: "The file is not valid TOML.",
    what: "Parses the file with a TOML 1.0 parser that recovers after each error, so every syntax error in the file is reported at once.",
    why: "flyctl refuses to load a fly.toml that is not valid TOML (`failed loading app config`), so no `fly` command works until it is fixed.",
    example: "[http_service]\ninternal_port = = 8080",
    fix: "Correct the syntax at the reported position: `internal_port = 8080`.";

    NOT_TEXT = "FT002" "not-text" Error Schema,
    summary: "The file is not UTF-8 text.",
    what: "Rejects input that is not valid UTF-8 or contains NUL bytes, before parsing it.",
    why: "TOML files must be UTF-8; a binary or mis-encoded file was probably passed by mistake, or was corrupted.",
    example: "(a file saved as UTF-16, or a binary passed to `flyconf check`)",
    fix: "Save the file as UTF-8, or check the right file.";

    WRONG_TYPE = "FT003" "wrong-type" Error Schema,
    summary: "A value has a type flyctl cannot decode.",
    what: "Checks each value against the type flyctl's config struct expects (string, integer, boolean, list, table), applying the same conversions flyctl's legacy patches apply first (numeric strings for service ports, `\"soft,hard\"` concurrency, stringified `[env]` scalars).",
    why: "flyctl decodes the file through Go's JSON decoder; a type mismatch makes the whole config invalid (`json: cannot unmarshal …`), which surfaces only when a command needs the config.",
    example: "[http_service]\ninternal_port = \"8080\"",
    fix: "Write the value with the expected type: `internal_port = 8080`.";

    UNKNOWN_KEY = "FT004" "unknown-key" Warning Schema,
    summary: "A key flyctl does not know, and silently ignores.",
    what: "Compares every key with the keys flyctl reads in that section (its struct tags) and suggests the closest known key. Keys retired with the Nomad platform are named as such.",
    why: "flyctl ignores unknown keys without a word (only `fly config validate --strict` lists them), so a typo such as `intenal_port` or `force-https` quietly leaves the setting at its default — flyctl users' most common complaint.",
    example: "[http_service]\nintenal_port = 8080",
    fix: "Rename the key to the one flyctl reads (`internal_port`), or delete it. `flyconf check --fix` applies the rename when there is one close match.";

    KEY_CASE = "FT005" "key-case" Warning Schema,
    summary: "A key written in a different case than flyctl's.",
    what: "Finds keys that match a known key only when case is ignored, such as `Primary_Region` or `[HTTP_SERVICE]`.",
    why: "Go's JSON decoder matches keys case-insensitively, so flyctl accepts them, but its legacy-form patches, other tools and people reading the file expect the canonical spelling.",
    example: "Primary_Region = \"iad\"",
    fix: "Write the key in lower case as documented: `primary_region = \"iad\"` (`--fix` does it).";

    LEGACY_FORM = "FT006" "legacy-form" Info Schema,
    summary: "A legacy form that flyctl still accepts and rewrites.",
    what: "Recognises the old shapes flyctl's patches convert: `[[env]]` lists, `[[processes]]` with name/command, `[vm]`/`[compute]`, a single `[mounts]`/`[mount]`, `concurrency = \"soft,hard\"`, string ports, `[[checks]]` with `name`, header lists, bare-number `kill_timeout`, `build_target`, `[experimental]` kill_timeout/metrics/cmd strings.",
    why: "The file works, but it relies on compatibility code; the modern form is what documentation, generators and other tools understand.",
    example: "kill_timeout = 5\n\n[[services]]\ninternal_port = 8080\nconcurrency = \"20,25\"",
    fix: "Write the modern form named in the message, e.g. `kill_timeout = \"5s\"`, or `concurrency = { type = \"requests\", soft_limit = 20, hard_limit = 25 }`.";

    INVALID_DURATION = "FT007" "invalid-duration" Error Schema,
    summary: "A duration string Go cannot parse.",
    what: "Parses duration strings with Go's `time.ParseDuration` rules: a number and a unit (`ns`, `us`, `ms`, `s`, `m`, `h`), combinable (`1m30s`); `\"0\"` alone needs no unit; there is no `d`.",
    why: "An invalid duration makes flyctl fail to load the file (`time: missing unit in duration \"30\"`).",
    example: "[checks.alive]\ntype = \"tcp\"\ninterval = \"30\"",
    fix: "Add the unit: `interval = \"30s\"`; use `\"24h\"` instead of `\"1d\"`.";

    INVALID_SIZE = "FT008" "invalid-size" Error Schema,
    summary: "A memory or volume size flyctl cannot parse.",
    what: "Parses `[[vm]] memory` with binary units (1gb = 1024 MiB; a bare integer is MiB) and volume sizes (`initial_size`, `auto_extend_size_*`) with decimal units (a bare integer is GB), as flyctl does with go-units.",
    why: "An unparseable size fails the deploy (`invalid size`), or the mount validation.",
    example: "[[vm]]\nmemory = \"1 gigabyte\"",
    fix: "Write a number and an optional unit of at most three letters: `memory = \"1gb\"`, `initial_size = \"10gb\"`.";

    INVALID_VALUE = "FT009" "invalid-value" Error Schema,
    summary: "A value outside the set flyctl accepts for that key.",
    what: "Checks enumerated values that flyctl's decoder itself rejects: `auto_stop_machines` (false/true or \"off\"/\"stop\"/\"suspend\") and `persist_rootfs` (\"never\"/\"restart\"/\"always\").",
    why: "flyctl fails to load the file: `invalid autostop string value \"on\"`.",
    example: "[http_service]\nauto_stop_machines = \"on\"",
    fix: "Use an accepted value: `auto_stop_machines = \"stop\"` (`--fix` applies the obvious correction).";

    MISSING_APP_NAME = "FT010" "missing-app-name" Warning Schema,
    summary: "No `app` key.",
    what: "Checks that the file names its app.",
    why: "Without `app`, every `fly` command needs `-a NAME` and fails with `the config for your app is missing an app name` otherwise; deploy scripts break in CI.",
    example: "primary_region = \"iad\"\n\n[http_service]\ninternal_port = 8080",
    fix: "Add `app = \"my-app\"` at the top of the file.";
}
