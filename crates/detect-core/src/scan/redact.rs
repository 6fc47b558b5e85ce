//! Excerpts are shown to people and agents; a line that fired a signal can
//! hold a credential (`FLY_API_TOKEN=fm2_…` in a `.env`). These rules
//! replace secret values with `<redacted>` before an excerpt is stored, so
//! no output of the detector ever carries a secret in full.

/// Shown in place of a secret value.
pub(crate) const REDACTED: &str = "<redacted>";

/// Substrings of key names whose values are secrets.
const SECRET_NAMES: &[&str] = &[
    "token",
    "secret",
    "passw",
    "pwd",
    "apikey",
    "api_key",
    "api-key",
    "private",
    "credential",
    "access_key",
    "auth_key",
    "authkey",
    "signing_key",
    "session_key",
    "client_key",
];

/// Prefixes of well-known credential formats (Fly.io, GitHub, GitLab,
/// Slack, Stripe, AWS, Anthropic, OpenAI, npm, PyPI, DigitalOcean, Vault,
/// SendGrid).
const TOKEN_PREFIXES: &[&str] = &[
    "FlyV1 ",
    "fm1a_",
    "fm1r_",
    "fm2_",
    "fo1_",
    "ghp_",
    "gho_",
    "ghs_",
    "ghu_",
    "github_pat_",
    "glpat-",
    "xoxb-",
    "xoxp-",
    "sk_live_",
    "sk_test_",
    "rk_live_",
    "AKIA",
    "ASIA",
    "sk-ant-",
    "sk-proj-",
    "npm_",
    "pypi-",
    "dop_v1_",
    "hvs.",
    "SG.",
];

/// Appends `line` to `out` with secret values replaced.
pub(crate) fn push_redacted(out: &mut String, line: &str) {
    if let Some(value_at) = secret_assignment(line) {
        out.push_str(&line[..value_at]);
        out.push_str(REDACTED);
        return;
    }
    let bytes = line.as_bytes();
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(p) = TOKEN_PREFIXES
            .iter()
            .find(|p| bytes[i..].starts_with(p.as_bytes()))
        {
            let start_ok = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
            let tail = token_len(&bytes[i + p.len()..]);
            if start_ok && tail >= 8 {
                out.push_str(&line[copied..i + p.len()]);
                out.push_str(REDACTED);
                i += p.len() + tail;
                copied = i;
                continue;
            }
        }
        if bytes[i..].starts_with(b"://")
            && let Some((pass_start, pass_end)) = url_password(&bytes[i + 3..])
        {
            let (s, e) = (i + 3 + pass_start, i + 3 + pass_end);
            out.push_str(&line[copied..s]);
            out.push_str(REDACTED);
            i = e;
            copied = e;
            continue;
        }
        i += 1;
    }
    out.push_str(&line[copied..]);
}

/// For `NAME=value`, `NAME: value`, `"name": "value"` lines whose name says
/// secret and whose value is not a placeholder: the byte offset where the
/// value starts.
fn secret_assignment(line: &str) -> Option<usize> {
    let sep = line.find(['=', ':'])?;
    let name = line[..sep]
        .trim()
        .trim_start_matches("export ")
        .trim_start_matches("- ")
        .trim_matches(['"', '\'', ' ']);
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
    {
        return None;
    }
    let lower_has = |needle: &str| {
        name.as_bytes()
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
    };
    if !SECRET_NAMES.iter().any(|n| lower_has(n)) {
        return None;
    }
    let rest = &line[sep + 1..];
    let value_at = sep + 1 + (rest.len() - rest.trim_start().len());
    let value = rest.trim().trim_matches(['"', '\'', ',']);
    if value.is_empty() || is_placeholder(value) {
        return None;
    }
    Some(value_at)
}

fn is_placeholder(v: &str) -> bool {
    v.starts_with('$')
        || v.starts_with('<')
        || v.starts_with("{{")
        || v.starts_with('%')
        || v.starts_with("***")
        || [
            "changeme",
            "change-me",
            "xxx",
            "todo",
            "null",
            "none",
            "true",
            "false",
        ]
        .iter()
        .any(|p| v.eq_ignore_ascii_case(p))
}

fn token_len(b: &[u8]) -> usize {
    b.iter()
        .take_while(|c| c.is_ascii_alphanumeric() || b"_-+/=.".contains(c))
        .count()
}

/// In `user:pass@host…`, the span of `pass`.
fn url_password(b: &[u8]) -> Option<(usize, usize)> {
    let end = b
        .iter()
        .position(|c| matches!(c, b'/' | b' ' | b'"' | b'\'' | b'?' | b'#'))
        .unwrap_or(b.len());
    let auth = &b[..end];
    let at = auth.iter().rposition(|&c| c == b'@')?;
    let colon = auth[..at].iter().position(|&c| c == b':')?;
    let pass = &auth[colon + 1..at];
    (!pass.is_empty() && pass[0] != b'$').then_some((colon + 1, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(line: &str) -> String {
        let mut s = String::new();
        push_redacted(&mut s, line);
        s
    }

    #[test]
    fn secrets_never_survive() {
        assert_eq!(
            r("FLY_API_TOKEN=fm2_lJPECAAAAAAAAMvXxxYYzz"),
            "FLY_API_TOKEN=<redacted>"
        );
        assert_eq!(
            r("  DATABASE_PASSWORD: \"hunter2hunter2\""),
            "  DATABASE_PASSWORD: <redacted>"
        );
        assert_eq!(
            r("Authorization: FlyV1 fm2_abcdefghijklmnop"),
            "Authorization: FlyV1 <redacted>"
        );
        assert_eq!(
            r("url = \"postgres://admin:S3cr3t!@db.internal:5432/app\""),
            "url = \"postgres://admin:<redacted>@db.internal:5432/app\""
        );
        assert_eq!(
            r("key ghp_0123456789abcdefghij in text"),
            "key ghp_<redacted> in text"
        );
    }

    #[test]
    fn placeholders_and_plain_lines_are_kept() {
        for line in [
            "FLY_API_TOKEN: ${{ secrets.FLY_API_TOKEN }}",
            "FLY_APP_NAME=my-app",
            "url = \"https://my-app.fly.dev\"",
            "run: flyctl deploy --remote-only",
            "DATABASE_URL=postgres://localhost/dev",
            "SECRET_KEY=",
        ] {
            assert_eq!(r(line), line);
        }
    }
}
