//! Provider-shaped token rules, compiled once into a single multi-pattern lazy DFA
//! ([`RuleRegex`]), so each value is searched once for all providers. Every pattern
//! starts with a literal (`AKIA`, `ghp_`, `xox`, `-----BEGIN`, …).

use std::sync::LazyLock;

use super::engine::RuleRegex;

use super::b64;
use super::entropy::{contains_ci, looks_like_sample, shannon};
use super::names::NameInfo;

/// Kind: AWS access key id.
pub(crate) const AWS_ACCESS_KEY_ID: &str = "an AWS access key ID";
/// Kind: JWT.
pub(crate) const JWT: &str = "a JWT";
/// Kind: PEM private key.
pub(crate) const PRIVATE_KEY: &str = "a private key";

/// Extra validation beyond the pattern and the entropy floor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    None,
    /// Google API keys under public-by-design names (Firebase web config) are fine.
    GoogleKey,
    /// Skip Supabase `anon` keys and the jwt.io sample.
    Jwt,
    /// Needs a real key body after the header.
    Pem,
}

struct Rule {
    kind: &'static str,
    pattern: &'static str,
    /// Minimum Shannon entropy (bits/byte) of the whole match.
    min_entropy: f64,
    check: Check,
}

const fn rule(kind: &'static str, pattern: &'static str, min_entropy: f64) -> Rule {
    Rule {
        kind,
        pattern,
        min_entropy,
        check: Check::None,
    }
}

/// `(?-u:\b)`: ASCII word boundary, so the DFA engines can be used.
macro_rules! b {
    () => {
        r"(?-u:\b)"
    };
}

/// The rules. Order matters only for patterns that can match at the same position
/// (leftmost-first): more specific first.
static RULES: &[Rule] = &[
    rule(
        AWS_ACCESS_KEY_ID,
        concat!(
            b!(),
            r"(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}",
            b!()
        ),
        3.0,
    ),
    rule(
        "a GitHub fine-grained personal access token",
        concat!(b!(), r"github_pat_[A-Za-z0-9_]{50,255}", b!()),
        3.0,
    ),
    rule(
        "a GitHub personal access token",
        concat!(b!(), r"ghp_[A-Za-z0-9]{36,255}", b!()),
        3.0,
    ),
    rule(
        "a GitHub OAuth token",
        concat!(b!(), r"gho_[A-Za-z0-9]{36,255}", b!()),
        3.0,
    ),
    rule(
        "a GitHub App token",
        concat!(b!(), r"gh[us]_[A-Za-z0-9]{36,255}", b!()),
        3.0,
    ),
    rule(
        "a GitHub refresh token",
        concat!(b!(), r"ghr_[A-Za-z0-9]{36,255}", b!()),
        3.0,
    ),
    rule(
        "a GitLab personal access token",
        concat!(b!(), r"glpat-[A-Za-z0-9_.-]{20,}"),
        3.0,
    ),
    rule(
        "a GitLab token",
        concat!(
            b!(),
            r"(?:glptt|gldt|glrt|gloas|glcbt|glsoat|glft|glimt|glagent)-[A-Za-z0-9_.-]{20,}"
        ),
        3.0,
    ),
    rule(
        "a Slack token",
        concat!(b!(), r"xox[abposr]-[0-9]{1,15}-[A-Za-z0-9-]{10,}"),
        3.0,
    ),
    rule(
        "a Slack token",
        concat!(b!(), r"xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{100,}"),
        3.0,
    ),
    rule(
        "a Slack token",
        concat!(b!(), r"xoxe-[0-9]-[A-Za-z0-9]{100,}"),
        3.0,
    ),
    rule(
        "a Slack token",
        concat!(b!(), r"xapp-[0-9]-[A-Z0-9]{8,}-[0-9]{6,}-[A-Za-z0-9]{16,}"),
        3.0,
    ),
    rule(
        "a Slack webhook URL",
        r"hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{20,}",
        3.0,
    ),
    rule(
        "a Discord webhook URL",
        r"discord(?:app)?\.com/api/webhooks/[0-9]{5,}/[A-Za-z0-9_-]{40,}",
        3.0,
    ),
    rule(
        "a Stripe secret key",
        concat!(b!(), r"sk_(?:live|test|prod)_[A-Za-z0-9]{10,247}", b!()),
        3.0,
    ),
    rule(
        "a Stripe restricted key",
        concat!(b!(), r"rk_(?:live|test|prod)_[A-Za-z0-9]{10,247}", b!()),
        3.0,
    ),
    rule(
        "a Stripe webhook signing secret",
        concat!(b!(), r"whsec_[A-Za-z0-9+/=]{24,}"),
        3.0,
    ),
    rule(
        "an Anthropic API key",
        concat!(
            b!(),
            r"sk-ant-(?:api|admin|oat|sid)[0-9]{2}-[A-Za-z0-9_-]{32,}"
        ),
        3.0,
    ),
    rule(
        "an OpenAI API key",
        concat!(b!(), r"sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}"),
        3.0,
    ),
    rule(
        "an OpenAI API key",
        concat!(b!(), r"sk-[A-Za-z0-9_-]{10,}T3BlbkFJ[A-Za-z0-9_-]{10,}"),
        3.0,
    ),
    rule(
        "a Fly.io access token",
        r"FlyV1 [A-Za-z0-9+/=_,-]{40,}",
        3.5,
    ),
    rule(
        "a Fly.io access token",
        concat!(b!(), r"fo1_[A-Za-z0-9_-]{40,}"),
        3.5,
    ),
    rule(
        "a Fly.io access token",
        concat!(b!(), r"fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}"),
        4.0,
    ),
    rule(
        "a Fly.io access token",
        concat!(b!(), r"fm2_[A-Za-z0-9+/]{100,}={0,3}"),
        4.0,
    ),
    Rule {
        kind: "a Google API key",
        pattern: concat!(b!(), r"AIza[A-Za-z0-9_-]{35}"),
        min_entropy: 4.0,
        check: Check::GoogleKey,
    },
    rule(
        "an npm access token",
        concat!(b!(), r"npm_[A-Za-z0-9]{36}", b!()),
        3.0,
    ),
    rule(
        "a PyPI API token",
        r"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}",
        3.0,
    ),
    rule(
        "a DigitalOcean token",
        concat!(b!(), r"do[por]_v1_[a-f0-9]{64}", b!()),
        3.0,
    ),
    rule(
        "a SendGrid API key",
        concat!(b!(), r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}"),
        3.0,
    ),
    rule(
        "a Twilio API key",
        concat!(b!(), r"SK[0-9a-fA-F]{32}", b!()),
        3.0,
    ),
    rule(
        "a Heroku API key",
        concat!(b!(), r"HRKU-[A-Za-z0-9_-]{40,}"),
        3.0,
    ),
    rule(
        "a HashiCorp Vault token",
        concat!(b!(), r"hv[sb]\.[A-Za-z0-9_-]{24,}"),
        3.0,
    ),
    rule(
        "a Hugging Face access token",
        concat!(b!(), r"hf_[A-Za-z]{34}", b!()),
        3.0,
    ),
    rule(
        "a Doppler token",
        concat!(b!(), r"dp\.(?:pt|st|ct|sa|scim|audit)\.[A-Za-z0-9]{40,}"),
        3.0,
    ),
    rule(
        "a Shopify access token",
        concat!(b!(), r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}", b!()),
        3.0,
    ),
    rule(
        "a Sentry auth token",
        concat!(b!(), r"sntrys_eyJ[A-Za-z0-9+/=_-]{50,}"),
        3.0,
    ),
    rule(
        "a Sentry auth token",
        concat!(b!(), r"sntryu_[a-f0-9]{64}", b!()),
        3.0,
    ),
    rule(
        "a Supabase access token",
        concat!(b!(), r"sbp_[a-f0-9]{40}", b!()),
        3.0,
    ),
    rule(
        "a Supabase secret key",
        concat!(b!(), r"sb_secret_[A-Za-z0-9_-]{20,}"),
        3.0,
    ),
    rule(
        "a PlanetScale token or password",
        concat!(b!(), r"pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,}"),
        3.0,
    ),
    rule(
        "a Neon API key",
        concat!(b!(), r"napi_[a-z0-9]{64}", b!()),
        3.0,
    ),
    rule(
        "a Tailscale key",
        concat!(
            b!(),
            r"tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,}"
        ),
        3.0,
    ),
    rule(
        "an age secret key",
        concat!(
            b!(),
            r"AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}",
            b!()
        ),
        3.0,
    ),
    rule(
        "a Groq API key",
        concat!(b!(), r"gsk_[A-Za-z0-9]{48,}", b!()),
        3.0,
    ),
    rule(
        "a Replicate API token",
        concat!(b!(), r"r8_[A-Za-z0-9]{37}", b!()),
        3.0,
    ),
    rule(
        "a Linear API key",
        concat!(b!(), r"lin_api_[A-Za-z0-9]{40}", b!()),
        3.0,
    ),
    rule(
        "a Databricks token",
        concat!(b!(), r"dapi[a-f0-9]{32}(?:-[0-9])?", b!()),
        3.0,
    ),
    rule(
        "a Grafana token",
        concat!(b!(), r"glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}", b!()),
        3.0,
    ),
    rule(
        "a Grafana token",
        concat!(b!(), r"glc_[A-Za-z0-9+/]{32,}={0,2}"),
        3.0,
    ),
    rule(
        "a Tigris secret access key",
        concat!(b!(), r"tsec_[A-Za-z0-9_+/-]{30,}"),
        3.0,
    ),
    rule(
        "a Mapbox secret token",
        concat!(b!(), r"sk\.eyJ[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}"),
        3.0,
    ),
    Rule {
        kind: JWT,
        pattern: concat!(
            b!(),
            r"eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"
        ),
        min_entropy: 3.0,
        check: Check::Jwt,
    },
    Rule {
        kind: PRIVATE_KEY,
        pattern: r"-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----",
        min_entropy: 0.0,
        check: Check::Pem,
    },
];

/// The compiled rule set; `None` only if a pattern failed to compile (a bug caught by
/// the tests, never a panic at run time).
static REGEX: LazyLock<Option<RuleRegex>> = LazyLock::new(|| RuleRegex::new(&patterns()));

/// Every rule's pattern, in priority order.
pub(crate) fn patterns() -> Vec<&'static str> {
    RULES.iter().map(|r| r.pattern).collect()
}

/// Whether the rule set compiled (for tests).
#[cfg(test)]
pub(crate) fn compiled() -> bool {
    REGEX.is_some()
}

/// A JWT whose payload marks it public (Supabase `anon` key) or a well-known sample.
fn jwt_is_public_or_sample(token: &str) -> bool {
    let Some(payload) = token.split('.').nth(1) else {
        return false;
    };
    let Some(json) = b64::decode(payload.as_bytes()) else {
        return false;
    };
    let compact: Vec<u8> = json
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    contains_ci(&compact, br#""role":"anon""#)
        || contains_ci(&compact, br#""sub":"1234567890""#)
        || contains_ci(&compact, b"john doe")
}

/// Whether a PEM header at `header_end` is followed by a real key body (≥ 64 base64
/// characters, ignoring whitespace and literal `\n` escapes).
fn pem_has_body(value: &str, header_end: usize) -> bool {
    let Some(rest) = value.as_bytes().get(header_end..) else {
        return false;
    };
    let mut body = 0usize;
    let mut distinct = [false; 128];
    let mut i = 0;
    while i < rest.len() && body < 64 {
        let c = rest[i];
        if c == b'\\' && matches!(rest.get(i + 1), Some(b'n' | b'r')) {
            i += 2;
            continue;
        }
        if c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=') {
            body += 1;
            distinct[usize::from(c)] = true;
        } else if c == b'-' {
            break; // reached `-----END`
        } else if !(c.is_ascii_whitespace() || c == b':' || c == b',') {
            // Headers such as `Proc-Type: 4,ENCRYPTED` are allowed; anything else is not base64.
            if !c.is_ascii_graphic() {
                return false;
            }
        }
        i += 1;
    }
    body >= 64 && distinct.iter().filter(|&&d| d).count() >= 16
}

/// Outcome of the provider rules on one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Provider {
    /// A provider-shaped secret of this kind.
    Secret(&'static str),
    /// Something provider-shaped that was dismissed as a sample, a public key or too
    /// low in entropy; name-based rules must not then flag the same value.
    Dismissed,
    /// Nothing provider-shaped.
    Nothing,
}

/// The first provider-shaped secret in `value`.
pub(crate) fn find_provider(value: &str, name: NameInfo) -> Provider {
    let Some(re) = REGEX.as_ref() else {
        return Provider::Nothing;
    };
    let mut outcome = Provider::Nothing;
    re.for_each_match(value.as_bytes(), |m| {
        let (Some(rule), Some(text)) = (RULES.get(m.pattern), value.get(m.range())) else {
            return true;
        };
        let t = text.as_bytes();
        let ok = match rule.check {
            _ if rule.check != Check::Pem
                && (looks_like_sample(t) || shannon(t) < rule.min_entropy) =>
            {
                false
            }
            Check::None => true,
            Check::GoogleKey => !name.public,
            // Mapbox public tokens are `pk.` + JWT.
            Check::Jwt => {
                !jwt_is_public_or_sample(text)
                    && !value.get(..m.start).is_some_and(|p| p.ends_with("pk."))
            }
            Check::Pem => pem_has_body(value, m.end),
        };
        if ok {
            outcome = Provider::Secret(rule.kind);
            return false;
        }
        outcome = Provider::Dismissed;
        true
    });
    outcome
}

/// The header line (`-----BEGIN RSA PRIVATE KEY-----`) of a PEM private key in `value`.
pub(crate) fn pem_header(value: &str) -> Option<&str> {
    let mut header = None;
    REGEX.as_ref()?.for_each_match(value.as_bytes(), |m| {
        let pem = RULES.get(m.pattern).is_some_and(|r| r.check == Check::Pem);
        if pem {
            header = value.get(m.range());
        }
        !pem
    });
    header
}
