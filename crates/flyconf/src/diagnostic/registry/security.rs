//! `FS`: security lint.

use super::rules;

rules! {
    HARDCODED_SECRET = "FS201" "hardcoded-secret" Error Security,
    summary: "A credential is written into fly.toml.",
    what: "Looks at `[env]`, `[build.args]`, `[[files]] raw_value`, check headers and a `[build] dockerfile` URL for values shaped like credentials: provider tokens (AWS, GitHub, GitLab, Slack, Stripe, OpenAI, Anthropic, Fly.io, Google, npm, PyPI, SendGrid, Twilio, Vault…), private keys, JWTs, URLs with an embedded password, and high-entropy values under secret-like names. Placeholders such as `${VAR}`, `<your-key>` or `changeme` are not secrets. The value is never printed, only a redacted form.",
    why: "fly.toml is committed to the repository and shown in the dashboard; anything in it is readable by everyone with access to either. Fly.io secrets are encrypted and injected at runtime instead.",
    example: "[env]\nDATABASE_URL = \"postgres://app:s3cr3t-pw@db.example.com:5432/app\"",
    fix: "Delete the line, rotate the credential (it is in your git history), and set it as a secret: `fly secrets set DATABASE_URL=… --app my-app`.";

    FORCE_HTTPS_DISABLED = "FS202" "force-https-disabled" Warning Security,
    summary: "An HTTP service accepts plain HTTP.",
    what: "Flags `[http_service]` with `force_https` false or unset, and `[[services.ports]]` on port 80 with the `http` handler and no `force_https = true`.",
    why: "Without the redirect, browsers and clients can talk to the app over unencrypted HTTP, exposing cookies and credentials.",
    example: "[http_service]\ninternal_port = 8080\nforce_https = false",
    fix: "Set `force_https = true` (`--fix` does it).";

    WEAK_TLS_VERSION = "FS203" "weak-tls-version" Warning Security,
    summary: "TLS versions below 1.2 are enabled.",
    what: "Checks `tls_options.versions` in `[http_service]` and `[[services.ports]]` for `TLSv1`, `TLSv1.0` or `TLSv1.1`.",
    why: "TLS 1.0 and 1.1 are deprecated (RFC 8996) and have known weaknesses; compliance standards such as PCI DSS forbid them.",
    example: "[http_service.tls_options]\nversions = [\"TLSv1.1\", \"TLSv1.2\", \"TLSv1.3\"]",
    fix: "`versions = [\"TLSv1.2\", \"TLSv1.3\"]` (`--fix` does it).";

    TLS_SKIP_VERIFY = "FS204" "tls-skip-verify" Info Security,
    summary: "A health check skips TLS certificate verification.",
    what: "Flags HTTP checks with `tls_skip_verify = true`.",
    why: "Usually harmless for a check against the machine's own self-signed certificate, but it hides an expired or wrong certificate on an HTTPS backend.",
    example: "[[http_service.checks]]\nprotocol = \"https\"\ntls_skip_verify = true",
    fix: "Check over plain HTTP on the internal port, or set `tls_server_name` and keep verification on.";
}
