//! Tables of true and false positives, property tests and a timing harness.
//!
//! Every token below is fake: random bodies generated for these tests. Provider prefixes
//! are split with `concat!` so that secret scanners run over this repository do not flag
//! the test file itself.

use proptest::prelude::*;

use super::*;

const PEM_BODY: &str = "MIIEowIBAAKCAQEAQ/3h2TEq48s8QubB5Z5ebNaaxN47i5ilBa8Jfyjn6Rcm3lwnFMW3\n\
MOmolCpez4XGKlMXHt2/SBCuB9p8q2+Aua1BfD6n1uwRD4sh9JuZSoCypLsfJTKwF+T3\n\
wBlzY3+1AntFbtNwdV61MArk6AkSEZbp3Fxm2Ge3a98K58VqpZkJGwGBFYSBiYfaasG4\n\
lGEyi9DfbNrL+ixbO9wkhFNIDMmXXFL6NxNmeocLmiid0SHVhXBLsP2Y0cAldnXb/L1d\n\
kgnXQXhUGlMYmDoDWCBlchavTmrEXj3PRPEEOGDoIOxQSrAwc+Txyb5qLFZDc2ArmPpr\n\
+ldon4xL6EV9oanSsk6y0hLxaDUX4Beu0xNvj01bGUb7WHIpy4Z1APCMiFAv91NbMW0Q\n";

const JWT_HEADER: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
/// `{"iss":"supabase","ref":…,"role":"service_role",…}`
const JWT_SERVICE_ROLE: &str = "eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Im5peHF3bGtibGRxaWRnZWhpa3Z3Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoyMDE1NTc2MDAwfQ";
/// `{"iss":"supabase","ref":…,"role":"anon",…}`
const JWT_ANON: &str = "eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImR6emx2Ynp6bHlvZmtjeGVydmF1Iiwicm9sZSI6ImFub24iLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAxNTU3NjAwMH0";
/// `{"sub":"u_…","scope":"admin","iat":…}`
const JWT_SESSION: &str =
    "eyJzdWIiOiJ1X2htWVlOWUdJZW8iLCJzY29wZSI6ImFkbWluIiwiaWF0IjoxNzAwMDAwMDAwfQ";

fn jwt(payload: &str, sig: &str) -> String {
    format!("{JWT_HEADER}.{payload}.{sig}")
}

/// (name, value, expected kind or `None` for "any kind").
fn true_positives() -> Vec<(&'static str, String, Option<&'static str>)> {
    let s = |v: &str| v.to_owned();
    vec![
        // AWS
        (
            "AWS_ACCESS_KEY_ID",
            s(concat!("AK", "IA7KLFYYLBEG3RHDSV")),
            Some("an AWS access key ID"),
        ),
        (
            "SOMETHING",
            s(concat!("AS", "IA5UCDRD6PM6HU2ZX2")),
            Some("an AWS access key ID"),
        ),
        (
            "AWS_SECRET_ACCESS_KEY",
            s("YgHNMqhQY/CIb27Mxy85v0eqHp2ERuLGQZx3NAcZ"),
            Some("an AWS secret access key"),
        ),
        (
            "BACKUP_BLOB",
            s("Cf/jCmhQdY7Ez+zFZQHNIcOQTBP6tUWfm0kOqpQy"),
            Some("an AWS secret access key"),
        ),
        // GitHub
        (
            "GITHUB_TOKEN",
            s(concat!("gh", "p_uGMGKAuWfpTbmRsHdRXfr8nBNXYK7Gh5Qhy5")),
            Some("a GitHub personal access token"),
        ),
        (
            "GH_PAT",
            s(concat!(
                "github",
                "_pat_0B7P6nLsbWsXAJKil8Krk3_QCI33jOqw5LoVFqxtpuPzNP3MzTtpcqpyZ9NfUl36ohkjXRS4ASfzgUOVm0"
            )),
            Some("a GitHub fine-grained personal access token"),
        ),
        (
            "OAUTH",
            s(concat!("gh", "o_HnCO3V3xkhTOa1bFFHiCv1JtcdMoCkcXSUyQ")),
            Some("a GitHub OAuth token"),
        ),
        (
            "INSTALLATION",
            s(concat!("gh", "s_BiAXqozAZdyhWYNfZwRJhyj5PzSJxkKIv6IK")),
            Some("a GitHub App token"),
        ),
        (
            "REFRESH",
            s(concat!("gh", "r_652wFQsVFOs3CfYlcdgDs25sPddTeyLygder")),
            Some("a GitHub refresh token"),
        ),
        (
            "GIT_REMOTE",
            s(concat!(
                "https://x-access-token:gh",
                "s_BiAXqozAZdyhWYNfZwRJhyj5PzSJxkKIv6IK@github.com/o/r.git"
            )),
            Some("a GitHub App token"),
        ),
        // GitLab
        (
            "GITLAB_TOKEN",
            s(concat!("glp", "at-d2BJKKO8NqOmXFjpzUuk")),
            Some("a GitLab personal access token"),
        ),
        // Slack
        (
            "SLACK_BOT",
            s(concat!(
                "xo",
                "xb-53956311158-6719003076063-iEcz80x5uWHqm1xHgKk7gwxI"
            )),
            Some("a Slack token"),
        ),
        (
            "ALERTS",
            s(concat!(
                "https://hooks.sl",
                "ack.com/services/TBK9PSYTD/BAMFPB2XKUM/Ik3zLp1f4WDeKsom9z3vGc87"
            )),
            Some("a Slack webhook URL"),
        ),
        // Stripe (test keys are still credentials; the publishable pk_ keys are not)
        (
            "STRIPE_SECRET_KEY",
            s(concat!(
                "sk",
                "_live_qFroWy76lMXouvBW8J5Vcd4ifav4QrlBbciwU1NSl25nPKplloAYIgscKzgpEIS6enVN5X4NDce7WBvizuOAr7y11aH6mMAPIba"
            )),
            Some("a Stripe secret key"),
        ),
        (
            "NEXT_PUBLIC_STRIPE",
            s(concat!(
                "sk",
                "_test_9IOQD1630CUrCRAUaFnYVKwQzpLUCadT2rIhEhvL"
            )),
            Some("a Stripe secret key"),
        ),
        (
            "STRIPE_RK",
            s(concat!(
                "rk",
                "_live_lb5O7nbncTIsHVcQXPQjWJQh3qb38JzfqfB8mEfQSe8tfSgAvA2sGTSYqDfrCs6SiQdPwVhC6Zz8oXkS0ap5sBQwqgTVt4Qx5WY"
            )),
            Some("a Stripe restricted key"),
        ),
        (
            "STRIPE_WEBHOOK",
            s(concat!("wh", "sec_SR1qsLTyYugkm9UybEpkmdlw4rcvsDhT")),
            Some("a Stripe webhook signing secret"),
        ),
        // OpenAI / Anthropic
        (
            "OPENAI_API_KEY",
            s(concat!(
                "sk-",
                "proj-QKie9mUfJthl2FfsSgwfP38B4xpIsVvDQEdtovCngbgxKhBtT3BlbkFJvGX8CiNtxXkZWI7gAyIuwMUfBu2jN4KBe1BDgMHxHkt2NumG"
            )),
            Some("an OpenAI API key"),
        ),
        (
            "LLM",
            s(concat!(
                "sk-",
                "Xoa72GgcX5kSDzFVqmgIT3Blbk",
                "FJfOhu0VEtEjUroYyeq3C7"
            )),
            Some("an OpenAI API key"),
        ),
        (
            "ANTHROPIC_API_KEY",
            s(concat!(
                "sk-",
                "ant-api03-GpOuY0Lbzf7B1QG41v9CfNDxlexuamy4D9Ae2zN5NsQN7WfH7BPOeD90hq81vPl6Vs4Bc5V-sWEq582E7pQ2zH2IgRCfFAA"
            )),
            Some("an Anthropic API key"),
        ),
        // Fly.io
        (
            "FLY_API_TOKEN",
            s(concat!(
                "Fly",
                "V1 fm2_V7TI7NbJEzomJg0rwa4UMY90AUqykVentVeehEO49CtFjUGKmEKuKwfO5AggeaSvgUW5HK8TwfIFWfo3VRuCsClTq1w0KB2+2WJ6d8/S/70+FJf9RwbxKI6WoMD/RwBpd0yHTCL/5myNGDd1YyHIzmriLbptB/8T,fm2_ZtD1UPjD06skEeBGBj/aUUKBQtXD4pWEm7d8UruQMpLDvZyXg1+kel6fiOgG/xV8GLsfRzxqGrKijMHMBjLAee1mJ/J9LrJx82YRn9WkAH139+bpc2ARKSmw"
            )),
            Some("a Fly.io access token"),
        ),
        (
            "DEPLOY",
            s(concat!(
                "fo",
                "1_FWGVRMygNi2Ut6Gg-oN-s7FyjBS_QQDQjMVJAB8QtAW"
            )),
            Some("a Fly.io access token"),
        ),
        (
            "MACAROON",
            s(concat!(
                "fm",
                "2_ZtD1UPjD06skEeBGBj/aUUKBQtXD4pWEm7d8UruQMpLDvZyXg1+kel6fiOgG/xV8GLsfRzxqGrKijMHMBjLAee1mJ/J9LrJx82YRn9WkAH139+bpc2ARKSmw"
            )),
            Some("a Fly.io access token"),
        ),
        // Other providers
        (
            "GOOGLE_MAPS_KEY",
            s(concat!("AI", "zaC3Qs4bs8n31gAVWu-UWtZU3nJY9S4iZIsEw")),
            Some("a Google API key"),
        ),
        (
            "NPM_TOKEN",
            s(concat!("np", "m_HWhZ7d5il9DPDJvrxLZtINLRjBv0rGgIkkBb")),
            Some("an npm access token"),
        ),
        (
            "TWINE_PASSWORD",
            s(concat!(
                "pypi-",
                "AgEIcHlwaS5vcmc",
                "fUXPnQJ6nljlPnEwZWhPBIRBjWpnY9bwzWDTRVIgHt5qZYUNxBlO2JxMUIgvBCVZadPdf1"
            )),
            Some("a PyPI API token"),
        ),
        (
            "DIGITALOCEAN_ACCESS_TOKEN",
            s(concat!(
                "do",
                "p_v1_bd0f25005fefdb03cbf5c39749e2c491eb9487395018f7944fe07f5679fff02e"
            )),
            Some("a DigitalOcean token"),
        ),
        (
            "SENDGRID_API_KEY",
            s(concat!(
                "S",
                "G.TQuCh4ESm7Xu37YZe2UKU5.1_3R-j9GLoLWyBwZnXu3PjEbI_MOMvb7HM-ayw4ZmaO"
            )),
            Some("a SendGrid API key"),
        ),
        (
            "TWILIO_API_KEY",
            s(concat!("S", "K1cc90c870c3fe5af7d7610ac7a8f1302")),
            Some("a Twilio API key"),
        ),
        (
            "HEROKU_API_KEY",
            s(concat!(
                "HR",
                "KU-AAjYK3VAxd4dx_d1ClWYth6PuZ_8NINBcRisYZjBPmhlMfGDe4NOAMwPSRWU"
            )),
            Some("a Heroku API key"),
        ),
        (
            "VAULT_TOKEN",
            s(concat!(
                "hv",
                "s.hGfidND7689cnBWL-2AEdxdRwPjb48bzxaIMe4cQUd8CvcrVFdls7gXj8hQdZtlBYY7RJOABtzR5ByT5s2h2z6rBsRE"
            )),
            Some("a HashiCorp Vault token"),
        ),
        (
            "HF_TOKEN",
            s(concat!("h", "f_dgYroxdxDynJHgFKvFWoJMdsEdPayGNxwF")),
            Some("a Hugging Face access token"),
        ),
        (
            "DOPPLER_TOKEN",
            s(concat!(
                "dp",
                ".st.KGHlEMwbja3UxG0wuk8qUdows5poNEBJl13xje4PAFX"
            )),
            Some("a Doppler token"),
        ),
        (
            "SHOPIFY",
            s(concat!("shp", "at_8091174f6c413363853a7ee6d01210b2")),
            Some("a Shopify access token"),
        ),
        (
            "SUPABASE_ACCESS",
            s(concat!("sb", "p_4cabb927dada27a1b349464745594e8e44880126")),
            Some("a Supabase access token"),
        ),
        (
            "PS",
            s(concat!(
                "pscale",
                "_pw_TGcXA3q9EA7lMgxHOyaCm8LNQsXbJDXph2ULt1jXxyT"
            )),
            Some("a PlanetScale token or password"),
        ),
        (
            "TS_AUTHKEY",
            s(concat!(
                "tskey",
                "-auth-28Na7hSeM7JF-i7S997QpS7VkfsMXbdLxTshQPFXk"
            )),
            Some("a Tailscale key"),
        ),
        (
            "AGE_KEY",
            s(concat!(
                "AGE-SECRET",
                "-KEY-1P753MV3W67VVVK4V4Q3S7QK7CYERV7XG744X4XNCZR4A2XPAM8AVRFXQYD"
            )),
            Some("an age secret key"),
        ),
        (
            "GROQ",
            s(concat!(
                "gs",
                "k_BG5nUHr9IJ9sjBpVgyz5D1Iu9HQqg5vXbEKFH6psT4amuoK7s4iH"
            )),
            Some("a Groq API key"),
        ),
        (
            "REPLICATE",
            s(concat!("r", "8_gxXxElMfDFmmBXySPsSVU5wQB2p6MrFbNuxEI")),
            Some("a Replicate API token"),
        ),
        (
            "LINEAR",
            s(concat!(
                "lin",
                "_api_8py3QX47Hokt8t9PUWYZhDXmoxDpTGMfP6U0qxoC"
            )),
            Some("a Linear API key"),
        ),
        (
            "DATABRICKS",
            s(concat!("da", "pi8871a3c2f950be540c6ecf4577d4989b")),
            Some("a Databricks token"),
        ),
        (
            "AWS_SECRET_ACCESS_KEY",
            s(concat!("ts", "ec_9HDMIUDL61wh4_QFvwTXsp23kcH1ya2dTFPnjW2S")),
            Some("a Tigris secret access key"),
        ),
        (
            "GL_RUNNER",
            s(concat!("gl", "rt-PtYgjmUhBel31iEl2hpC")),
            Some("a GitLab token"),
        ),
        (
            "GL_DEPLOY",
            s(concat!("gl", "dt-Q4vnakJkS1pAWTN3lg8z")),
            Some("a GitLab token"),
        ),
        (
            "SLACK_CONFIG",
            s(concat!(
                "xo",
                "xe.xoxp-1-OOL8dKLzdocJ2isAjIhKtJ0RlgLKOmxgJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCsMehGAkWvj7FAc9QeWJKY40uvSwMFLZDe1f8rESQedUStPKR0CsTy4Qwb8DwkNhFdnXsiVpzz63FfkCz"
            )),
            Some("a Slack token"),
        ),
        (
            "SLACK_APP",
            s(concat!(
                "xa",
                "pp-1-A09RI19R0WY-4323344183551-4dba41ecccc3fc1626e53a13043b026c48bbf33feff9243a8f506b40928b5b7a"
            )),
            Some("a Slack token"),
        ),
        (
            "NOTIFY",
            s(concat!(
                "https://discord.com/api/web",
                "hooks/393363387500474395/5SUkCnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBdGBLEPH1qhT61qtc4xatws"
            )),
            Some("a Discord webhook URL"),
        ),
        (
            "SENTRY_AUTH_TOKEN",
            s(concat!(
                "sntr",
                "yu_f31af3176813e02ea68ef786e4d3cea27d26934b484e73cf575dcad6ba2b0aee"
            )),
            Some("a Sentry auth token"),
        ),
        (
            "SENTRY_ORG_TOKEN",
            s(concat!(
                "sntr",
                "ys_eyJpYXQiOjE3MDAwMDAwMDAuMSwidXJsIjoiaHR0cHM6Ly9zZW50cnkuaW8iLCJyZWdpb25fdXJsIjoiaHR0cHM6Ly91cy5zZW50cnkuaW8iLCJvcmciOiJhY21lIn0_TbyvHNsG9eh6Yo4gfqrc5XlrWi0B26R08qzjI6GKFSu"
            )),
            Some("a Sentry auth token"),
        ),
        (
            "SUPABASE_SECRET",
            s(concat!("sb_", "secret_lJhx2jIclHkCiHp6bR1IqfEouHgxzNNA")),
            Some("a Supabase secret key"),
        ),
        (
            "NEON",
            s(concat!(
                "na",
                "pi_s26lrwbqcab69m64p2g158z6tnovmizwdiaeq1kdfy6spsc3lkr2aqxv9upctnwl"
            )),
            Some("a Neon API key"),
        ),
        (
            "GRAFANA_SA",
            s(concat!(
                "gl",
                "sa_avyfErGPmpGXafq0fjzLczbttOofL9H2_4caf4941"
            )),
            Some("a Grafana token"),
        ),
        (
            "GRAFANA_CLOUD",
            s(concat!(
                "gl",
                "c_20cIdSsPFUS4NcDnGQl9+ocB6SMvIfKBJod4aXbr/MMn9ZMXZSdLqYKbRAb2H/iJMm/6lJLt7u48Zp8r"
            )),
            Some("a Grafana token"),
        ),
        (
            "MAPBOX",
            s(concat!(
                "sk",
                ".eyJ1IjoiYWNtZSIsImEiOiJjbHh5ejEyMzQwMDAwMDAwMDAwMDAwIn0.8cL6j5IXAAjlsHUqJoUD-_"
            )),
            Some("a Mapbox secret token"),
        ),
        (
            "VAULT_BATCH",
            s(concat!(
                "hv",
                "b.Ydua_5ZMs1SWOpQaPRYpzbLGViYXjU2JgJngKtFI3OyV2dZAkg05rK_gqv81RKMGHZEM9YpvujA-C5Q52ryFlwRlOEVHzc0X0AWIRh-JUqBlIFXZ53Ncqe28"
            )),
            Some("a HashiCorp Vault token"),
        ),
        (
            "FLY_ORG_TOKEN",
            s(concat!(
                "fm",
                "1a_+gAlyO/lfzdyT0036isUAEB3E5tBgN85MiSZYsaFcgAFmuuOoXzzeH4O0p0cC2P/1ymDdNm9dPwRrde5ymUDlSJp/WafY3bucYeXN/1fcvjVHErJG20MSNQa"
            )),
            Some("a Fly.io access token"),
        ),
        (
            "LEGACY",
            s(concat!("A3", "TXDLZ4UHFKVML5CTYX")),
            Some("an AWS access key ID"),
        ),
        // JWTs and private keys
        (
            "SUPABASE_SERVICE_ROLE_KEY",
            jwt(
                JWT_SERVICE_ROLE,
                "VX_bH4jdtLoNGs-wK7Ea31iDMIrVHcpsWF5LPGIYMP8",
            ),
            Some("a JWT"),
        ),
        (
            "SESSION",
            jwt(JWT_SESSION, "j_AHMc5drXER6EFlXS62A86lUoD3Nivnr7lSy6AKTgc"),
            Some("a JWT"),
        ),
        (
            "PRIVATE_KEY",
            format!("-----BEGIN RSA PRIVATE KEY-----\n{PEM_BODY}-----END RSA PRIVATE KEY-----\n"),
            Some("a private key"),
        ),
        (
            "TLS_KEY",
            format!(
                "-----BEGIN PRIVATE KEY-----\\n{}-----END PRIVATE KEY-----",
                PEM_BODY.replace('\n', "\\n")
            ),
            Some("a private key"),
        ),
        (
            "SSH_KEY",
            format!(
                "-----BEGIN OPENSSH PRIVATE KEY-----\n{PEM_BODY}-----END OPENSSH PRIVATE KEY-----"
            ),
            Some("a private key"),
        ),
        // Credential-bearing URLs
        (
            "DATABASE_URL",
            s("postgres://app:xyUJLJKPvuWnuNkxuQOpAbfU@db.internal:5432/app"),
            Some("a URL with an embedded password"),
        ),
        (
            "PG",
            s("postgres://admin:S3cr3tP4ssw0rd!@db.internal:5432/app"),
            Some("a URL with an embedded password"),
        ),
        (
            "MONGO_URL",
            s("mongodb+srv://svc:Qm7v%21pR2zL9@cluster0.x1y2z.mongodb.net/prod?retryWrites=true"),
            None,
        ),
        (
            "CACHE",
            s("redis://default:AX8fQ2kLm9Zr4TwY@fly-cache.upstash.io:6379"),
            None,
        ),
        (
            "REDIS_URL",
            s("rediss://:Pz8q4LwKm2Rv@redis.internal:6380/0"),
            None,
        ),
        (
            "BROKER",
            s("amqps://worker:h7Gq2Lp9Xz@rabbit.internal/vhost"),
            None,
        ),
        (
            "MYSQL",
            s("mysql://root:p@ss/w0rd9Z@db.internal/app"),
            Some("a URL with an embedded password"),
        ),
        (
            "MIRROR",
            s("https://deploy:Tq8mZ2rX5vLp@git.internal.net/repo.git"),
            None,
        ),
        (
            "FTP",
            s("ftp://uploader:W9x2Lq7Zr@ftp.internal:21/in"),
            None,
        ),
        (
            "SMTP_URL",
            s("smtp://mailer:Kj3Xq8Lm2Pz@smtp.mailgun.org:587"),
            None,
        ),
        (
            "SENTRY_DSN",
            s("https://ee605b17ed43687e:c4b2ca84b34ae117@sentry.io/4"),
            None,
        ),
        (
            "DB_CONN",
            s("host=db.internal user=app password=Zq8Lm2Xv9Rk4 dbname=app sslmode=require"),
            Some("a connection string with an embedded password"),
        ),
        (
            "SQLSERVER",
            s("Server=tcp:db,1433;Database=app;User ID=app;Password=Q9r!xL2m;"),
            None,
        ),
        (
            "AZURE_STORAGE",
            s(
                "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=T0IgVPmNVkKFKktiLNrknI43kgCAfdCPv++PqR3P/TXBy0V5JFACk3Rr0z/jptpr6FfrVSg1310GVfx4/q2SQQ==;EndpointSuffix=core.windows.net",
            ),
            Some("a URL or connection string with an embedded key or token"),
        ),
        (
            "WEATHER_ENDPOINT",
            s("https://api.weather.io/v2?city=x&api_key=Pow138Xz6f1GQ0N6ccu"),
            None,
        ),
        // Secret-like names with literal values
        (
            "SECRET_KEY_BASE",
            s(
                "6efed9b47886931a52fba2c71e470739bfa13ccc58469debc624fd22217275a116587b415a21126b3240394da6583b2be65d12d1f428a97876fc25b53c62eb7d",
            ),
            Some("a high-entropy value under a secret-like name"),
        ),
        (
            "DJANGO_SECRET_KEY",
            s("django-insecure-t52bd##(u^dxb6rg_cbbf22mm2j-fs*3+2lxpu2e3zkdzi&j(s"),
            None,
        ),
        (
            "RAILS_MASTER_KEY",
            s("275d1bfceef13852b33a9621aa7b6fb4"),
            None,
        ),
        (
            "JWT_SECRET",
            s("YZqQY2/gwjR6FKsalz3Fa0FCuNMxo/QvKINuLDgDXoU="),
            None,
        ),
        ("NEXTAUTH_SECRET", s("A#iyDtWHgilCEn4dL08w"), None),
        ("POSTGRES_PASSWORD", s("S3cr3tP4ss"), None),
        ("DB_PASS", s("Tr0ub4dor&3"), None),
        ("MYSQL_PWD", s("q7Lz!9xWv2"), None),
        ("PGPASSWORD", s("Xk2v9Lq7Zp"), None),
        (
            "HEROKU_API_KEY",
            s("3d7dd769-9132-45f4-a59e-50b193325e4f"),
            None,
        ),
        (
            "DEPLOY_TOKEN",
            s("6c0ac6c5b4e0da1cd54ee75a18cef6edcb64063b"),
            None,
        ),
        (
            "apiKey",
            s("Pow138Xz6f1GQ0N6ccuiUXG2hvB1bHas2Bwn1oCG"),
            None,
        ),
        ("RELEASE_COOKIE", s("Zk3mQ8vX2pLr7Tn9"), None),
        (
            "SUPABASE_SERVICE_KEY",
            s("'Pow138Xz6f1GQ0N6ccuiUXG2'"),
            None,
        ),
        // HTTP check headers
        (
            "Authorization",
            s("Bearer Pow138Xz6f1GQ0N6ccuiUXG2hvB1bHas2Bwn1oCG"),
            None,
        ),
        (
            "Authorization",
            s("Basic ZGVwbG95OnZ1aXlUdmpFaFNQODQ2dGplcQ=="),
            Some("HTTP Basic credentials"),
        ),
        ("X-Api-Key", s("9HDMIUDL61wh4QFvwTXsp23k"), None),
        // `[[files]] raw_value`: base64 of a file containing a DB URL with a password.
        (
            "raw_value",
            s(
                "REFUQUJBU0VfVVJMPXBvc3RncmVzOi8vYXBwOllOQnFDczhXNm1SOHJlWk1vZGJYVVJ4R0BkYi5pbnRlcm5hbDo1NDMyL2FwcApMT0dfTEVWRUw9aW5mbwo=",
            ),
            Some("a URL with an embedded password"),
        ),
    ]
}

fn false_positives() -> Vec<(&'static str, String)> {
    let s = |v: &str| v.to_owned();
    vec![
        // Common non-secret names and values
        ("PORT", s("8080")),
        ("NODE_ENV", s("production")),
        ("LOG_LEVEL", s("info")),
        ("PRIMARY_REGION", s("iad")),
        ("RAILS_ENV", s("production")),
        ("DATABASE_PATH", s("/data/db.sqlite")),
        ("MIX_ENV", s("prod")),
        ("PHX_HOST", s("my-app.fly.dev")),
        ("HOSTNAME", s("my-app-1.internal")),
        ("TZ", s("Europe/Berlin")),
        ("NODE_OPTIONS", s("--max-old-space-size=4096")),
        (
            "JAVA_OPTS",
            s("-Xmx512m -Dspring.datasource.password=${DB_PASSWORD}"),
        ),
        ("WEB_CONCURRENCY", s("2")),
        ("TIMEOUT", s("30s")),
        ("ENABLE_FEATURE", s("true")),
        ("TOKENIZERS_PARALLELISM", s("false")),
        ("MAX_TOKENS", s("4096")),
        ("ALLOW_EMPTY_PASSWORD", s("yes")),
        // URLs without credentials
        ("API_URL", s("https://api.example.com/v1")),
        ("DATABASE_URL", s("sqlite:///data/db.sqlite3")),
        ("DATABASE_URL", s("postgres://localhost:5432/app")),
        ("REDIS_URL", s("redis://redis.internal:6379")),
        ("DATABASE_URL", s("postgres://postgres@db.internal/app")),
        ("GIT_URL", s("https://user@host.example.org/repo.git")),
        (
            "SENTRY_DSN",
            s("https://ee605b17ed43687ec4b2ca84b34ae117@o123.ingest.sentry.io/456"),
        ),
        ("CALLBACK", s("https://app.internal:8443/@me")),
        // URL passwords that are placeholders, empty or defaults
        (
            "DATABASE_URL",
            s("postgres://app:${DB_PASSWORD}@db.internal/app"),
        ),
        ("DATABASE_URL", s("postgres://app:$PASS@db.internal/app")),
        (
            "DATABASE_URL",
            s("postgres://app:{{ .Env.PW }}@db.internal/app"),
        ),
        (
            "DATABASE_URL",
            s("postgres://app:<password>@db.internal/app"),
        ),
        ("DATABASE_URL", s("postgres://user:password@host:5432/db")),
        ("DATABASE_URL", s("postgresql://USER:PASSWORD@HOST:PORT/DB")),
        ("DATABASE_URL", s("postgres://app:changeme@db/app")),
        ("DATABASE_URL", s("postgres://app:xxx@db/app")),
        ("DATABASE_URL", s("postgres://app:***@db/app")),
        ("DATABASE_URL", s("postgres://app:@db/app")),
        (
            "DATABASE_URL",
            s("postgres://postgres:postgres@localhost:5432/app"),
        ),
        ("AMQP_URL", s("amqp://guest:guest@rabbitmq:5672")),
        (
            "DB_CONN",
            s("host=db user=app password=${PGPASSWORD} dbname=app"),
        ),
        // Placeholders under secret names
        ("API_KEY", s("${API_KEY}")),
        ("API_KEY", s("$API_KEY")),
        ("API_KEY", s("%API_KEY%")),
        ("API_KEY", s("{{ .Env.API_KEY }}")),
        ("FLY_API_TOKEN", s("${{ secrets.FLY_API_TOKEN }}")),
        ("API_KEY", s("<your-key>")),
        ("API_KEY", s("your-api-key-here")),
        ("SECRET_KEY", s("changeme")),
        ("TOKEN", s("example")),
        ("TOKEN", s("xxxxxxxxxxxxxxxx")),
        ("PASSWORD", s("********")),
        ("PASSWORD", s("dummy")),
        ("TOKEN", s("test")),
        ("SECRET", s("none")),
        ("SECRET", s("null")),
        ("SECRET_KEY", s("supersecretkey")),
        ("PASSWORD", s("password123")),
        ("DB_PASSWORD", s("postgres")),
        ("SECRET_KEY", s("dev-secret-key-123")),
        ("SECRET_KEY", s("a long phrase, not a key 42")),
        ("Authorization", s("Bearer ${TOKEN}")),
        ("Authorization", s("Bearer <token>")),
        ("Authorization", s("Basic dXNlcjpjaGFuZ2VtZQ==")),
        (
            "GITHUB_TOKEN",
            s(concat!("gh", "p_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")),
        ),
        ("AWS_ACCESS_KEY_ID", s(concat!("AK", "IAIOSFODNN7EXAMPLE"))),
        (
            "AWS_SECRET_ACCESS_KEY",
            s("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
        ),
        (
            "SLACK_WEBHOOK_URL",
            s("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"),
        ),
        // Metadata about secrets, not secrets
        ("TOKEN_URL", s("https://auth.internal/oauth/token")),
        (
            "TOKEN_ENDPOINT",
            s("https://auth.internal/oauth2/v1/token?x=1"),
        ),
        ("SECRET_NAME", s("prod/app/db-credentials-v2")),
        ("AWS_SECRET_NAME", s("prod/db/Pw8x")),
        ("TOKEN_TTL", s("3600")),
        ("PASSWORD_MIN_LENGTH", s("12")),
        ("SESSION_TOKEN_EXPIRY", s("7d")),
        ("ACCESS_TOKEN_EXPIRE_MINUTES", s("30")),
        ("API_KEY_FILE", s("/run/secrets/api_key")),
        (
            "POSTGRES_PASSWORD_FILE",
            s("/run/secrets/postgres-password"),
        ),
        (
            "GOOGLE_APPLICATION_CREDENTIALS",
            s("/app/gcp-service-account.json"),
        ),
        ("SECRET_KEY_BASE_DUMMY", s("1")),
        ("API_KEY_HEADER", s("X-Api-Key")),
        ("JWT_ALGORITHM", s("HS256")),
        // Public by design
        ("PUBLIC_KEY", s("Pow138Xz6f1GQ0N6ccuiUXG2hvB1bHas2Bwn1oCG")),
        (
            "JWT_PUBLIC_KEY",
            format!("-----BEGIN PUBLIC KEY-----\n{PEM_BODY}-----END PUBLIC KEY-----"),
        ),
        (
            "STRIPE_PUBLISHABLE_KEY",
            s(concat!(
                "pk",
                "_live_qFroWy76lMXouvBW8J5Vcd4ifav4QrlBbciwU1NSl25nP"
            )),
        ),
        (
            "NEXT_PUBLIC_STRIPE_KEY",
            s(concat!(
                "pk",
                "_test_9IOQD1630CUrCRAUaFnYVKwQzpLUCadT2rIhEhvL"
            )),
        ),
        (
            "VITE_STRIPE_PK",
            s(concat!(
                "pk",
                "_test_9IOQD1630CUrCRAUaFnYVKwQzpLUCadT2rIhEhvL"
            )),
        ),
        (
            "NEXT_PUBLIC_FIREBASE_API_KEY",
            s(concat!("AI", "zaC3Qs4bs8n31gAVWu-UWtZU3nJY9S4iZIsEw")),
        ),
        (
            "SUPABASE_ANON_KEY",
            jwt(JWT_ANON, "oPSg-zw5Kpf1ao0zMzOAFD19k1nyjy30MdEuqCVI-_M"),
        ),
        (
            "NEXT_PUBLIC_SUPABASE_ANON_KEY",
            jwt(JWT_ANON, "oPSg-zw5Kpf1ao0zMzOAFD19k1nyjy30MdEuqCVI-_M"),
        ),
        (
            "TOKEN",
            s(concat!(
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
                "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.",
                "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
            )),
        ),
        // Identifiers under non-secret names
        ("COMMIT_SHA", s("6c0ac6c5b4e0da1cd54ee75a18cef6edcb64063b")),
        ("GIT_SHA", s("275d1bfceef13852b33a9621aa7b6fb4e0da1cd5")),
        ("GPG_KEY", s("A035C8C19219BA821ECEA86B64E628F8D684696D")),
        ("BUILD_ID", s("3d7dd769-9132-45f4-a59e-50b193325e4f")),
        ("REQUEST_ID", s("01HF8Z3K9Q2V7N4M6P1R5T8W0Y")),
        (
            "CONFIG_DIGEST",
            s("sha256:6efed9b47886931a52fba2c71e470739bfa13ccc58469debc624fd22217275a1"),
        ),
        ("AWS_ACCESS_KEY_ID", s("tid_Pow138Xz6f1GQ0N6ccuiUXG2hvB1")),
        ("AWS_REGION", s("us-east-1")),
        // Private key header or truncated sample only
        ("PRIVATE_KEY", s("-----BEGIN RSA PRIVATE KEY-----")),
        (
            "PRIVATE_KEY",
            s("-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----"),
        ),
        // `[[files]] raw_value` with harmless content
        (
            "raw_value",
            s("c2VydmVyIHsKICBsaXN0ZW4gODA4MDsKICByb290IC9zcnYvd3d3Owp9Cg=="),
        ),
        (
            "raw_value",
            s("cGxhaW4gdGV4dCBjb25maWcsIG5vdGhpbmcgLyBzZWNyZXQ="),
        ),
        // Schemes with paths, host:port, publishable keys, hashes
        ("DATABASE_URL", s("file:./dev.db")),
        ("DATABASE_URL", s("file:/data/sqlite.db")),
        ("REDIS_URL", s("redis.internal:6379")),
        ("DATABASE_URL", s("top2.nearest.of.my-db.internal:5432")),
        (
            "POSTHOG_API_KEY",
            s("phc_Pow138Xz6f1GQ0N6ccuiUXG2hvB1bHas2Bwn1oCG"),
        ),
        (
            "MAPBOX_TOKEN",
            s(concat!(
                "pk",
                ".eyJ1IjoiYWNtZSIsImEiOiJjbHh5ejEyMzQwMDAwMDAwMDAwMDAwIn0.8cL6j5IXAAjlsHUqJoUD-_"
            )),
        ),
        (
            "ADMIN_PASSWORD_HASH",
            s("$2b$12$Pow138Xz6f1GQ0N6ccuiUXG2hvB1bHas2Bwn1oCGabc"),
        ),
        (
            "PYTHON_SHA256",
            s("6efed9b47886931a52fba2c71e470739bfa13ccc58469debc624fd22217275a1"),
        ),
        ("JWT_SECRET", s("my_jwt_secret_2024")),
        ("SECRET", s("0123456789abcdef")),
        (
            "DATABASE_URL",
            s("postgres://postgres:mysecretpassword@db/app"),
        ),
        ("CELERY_BROKER_URL", s("amqp://guest:guest@localhost//")),
        ("SPRING_DATASOURCE_PASSWORD", s("${DB_PASSWORD:secret}")),
        ("PATH", s("/app/.venv/bin:$PATH")),
        ("RUST_LOG", s("info,tower_http=debug")),
        ("BUILD_DATE", s("2024-01-01T00:00:00Z")),
        (
            "GOOGLE_CLIENT_ID",
            s("123456789012-k2j4h5g6f7d8s9a0.apps.googleusercontent.com"),
        ),
        // Empty and whitespace
        ("API_TOKEN", s("")),
        ("API_TOKEN", s("   ")),
        ("API_TOKEN", s("''")),
    ]
}

#[test]
fn rules_compile() {
    assert!(rules::compiled());
    assert!(placeholder::compiled());
}

#[test]
fn true_positive_table() {
    let cases = true_positives();
    assert!(cases.len() >= 40, "{} TP cases", cases.len());
    let mut failures = Vec::new();
    for (name, value, kind) in &cases {
        match scan(name, value) {
            None => failures.push(format!("missed {name}={value}")),
            Some(f) => {
                if let Some(k) = kind
                    && f.kind != *k
                {
                    failures.push(format!("{name}={value}: kind {:?}, want {k:?}", f.kind));
                }
                if f.redacted.contains(value.as_str()) {
                    failures.push(format!("{name}: redaction leaks the value"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn false_positive_table() {
    let cases = false_positives();
    assert!(cases.len() >= 60, "{} FP cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, value)| {
            scan(name, value).map(|f| format!("flagged {name}={value} as {}", f.kind))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn secret_names() {
    for n in [
        "NPM_TOKEN",
        "GITHUB_TOKEN",
        "GH_TOKEN",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "POSTGRES_PASSWORD",
        "MYSQL_ROOT_PASSWORD",
        "DB_PASSWORD",
        "DB_PASS",
        "MYSQL_PWD",
        "PGPASSWORD",
        "SMTP_PASSWORD",
        "STRIPE_SECRET",
        "CLIENT_SECRET",
        "AZURE_CLIENT_SECRET",
        "OPENAI_API_KEY",
        "SENDGRID_API_KEY",
        "X-Api-Key",
        "apiKey",
        "APIKEY",
        "PRIVATE_KEY",
        "GPG_PRIVATE_KEY",
        "SSH_PRIVATE_KEY",
        "ACCESS_KEY",
        "AUTH_KEY",
        "SECRET_KEY_BASE",
        "DJANGO_SECRET_KEY",
        "RAILS_MASTER_KEY",
        "APP_KEY",
        "ENCRYPTION_KEY",
        "NEW_RELIC_LICENSE_KEY",
        "SUPABASE_SERVICE_ROLE_KEY",
        "DATABASE_URL",
        "REDIS_URL",
        "MONGODB_URI",
        "DB_DSN",
        "CONNECTION_STRING",
        "FLY_API_TOKEN",
        "SENTRY_AUTH_TOKEN",
        "VAULT_TOKEN",
        "NODE_AUTH_TOKEN",
        "JWT_SECRET",
        "SESSION_SECRET",
        "NEXTAUTH_SECRET",
        "RELEASE_COOKIE",
        "Authorization",
        "X-Auth-Token",
        "db.password",
        "GOOGLE_CREDENTIALS",
        "GPG_PASSPHRASE",
        "SECRET",
        "TOKEN",
        "PASSWORD",
    ] {
        assert!(is_secret_name(n), "{n} should be a secret name");
    }
    for n in [
        "PUBLIC_KEY",
        "JWT_PUBLIC_KEY",
        "STRIPE_PUBLISHABLE_KEY",
        "NEXT_PUBLIC_API_KEY",
        "VITE_API_KEY",
        "REACT_APP_TOKEN",
        "SUPABASE_ANON_KEY",
        "TOKEN_URL",
        "TOKEN_ENDPOINT",
        "OAUTH_TOKEN_URI",
        "SECRET_NAME",
        "AWS_SECRET_NAME",
        "SECRET_ARN",
        "PASSWORD_MIN_LENGTH",
        "TOKEN_TTL",
        "JWT_EXPIRY",
        "ACCESS_TOKEN_EXPIRE_MINUTES",
        "JWT_SECRET_EXPIRES_IN",
        "KEY_ID",
        "API_KEY_ID",
        "AWS_ACCESS_KEY_ID",
        "API_KEY_HEADER",
        "POSTGRES_PASSWORD_FILE",
        "SSL_KEY_FILE",
        "GOOGLE_APPLICATION_CREDENTIALS",
        "GPG_KEY",
        "NODE_VERSION",
        "PORT",
        "NODE_ENV",
        "DATABASE_PATH",
        "API_URL",
        "SENTRY_DSN",
        "SUPABASE_URL",
        "PWD",
        "PASS",
        "KEY",
        "MAX_TOKENS",
        "TOKENIZERS_PARALLELISM",
        "ALLOW_EMPTY_PASSWORD",
        "MYSQL_RANDOM_ROOT_PASSWORD",
        "SECRET_KEY_BASE_DUMMY",
        "SESSION_COOKIE_NAME",
        "PASSWORD_RESET_TIMEOUT",
        "DB_USER",
        "",
        "_",
    ] {
        assert!(!is_secret_name(n), "{n} should not be a secret name");
    }
    assert!(!is_secret_name(&"TOKEN_".repeat(100)));
}

#[test]
fn placeholders() {
    for v in [
        "",
        "  ",
        "${VAR}",
        "$VAR",
        "%VAR%",
        "{{ .Env.X }}",
        "<your-key>",
        "your-api-key-here",
        "YOUR_TOKEN",
        "changeme",
        "example",
        "xxxx",
        "XXXXXXXX",
        "****",
        "dummy",
        "test",
        "none",
        "null",
        "password123",
        "'changeme'",
        "sk_live_<key>",
        "aaaaaaaa",
    ] {
        assert!(is_placeholder(v), "{v:?} should be a placeholder");
    }
    for v in [
        "S3cr3tP4ss",
        "Pow138Xz6f1GQ0N6ccuiUXG2",
        "production",
        "8080",
        "true",
        "/data/db.sqlite",
        concat!("sk", "_test_9IOQD1630CUrCRAUaFnYVKwQzpLUCadT2rIhEhvL"),
    ] {
        assert!(!is_placeholder(v), "{v:?} should not be a placeholder");
    }
}

#[test]
fn redaction_shapes() {
    assert_eq!(
        redact(concat!("AK", "IA7KLFYYLBEG3RHDSV")),
        "AKIA…(20 chars)"
    );
    assert_eq!(
        redact("postgres://app:xyUJLJKPvuWnuNkxuQOpAbfU@db.example.com:5432/app"),
        "postgres://app:****@db.example.com:5432/app"
    );
    let pem = format!("-----BEGIN RSA PRIVATE KEY-----\n{PEM_BODY}-----END RSA PRIVATE KEY-----");
    assert_eq!(
        redact(&pem),
        format!(
            "-----BEGIN RSA PRIVATE KEY-----…({} chars)",
            pem.chars().count()
        )
    );
    assert_eq!(redact("hunter2"), "…(7 chars)");
    assert_eq!(redact("Tr0ub4dor&3"), "Tr…(11 chars)");
    assert_eq!(
        redact("host=db user=app password=Zq8Lm2Xv9Rk4 dbname=app"),
        "host=db user=app password=**** dbname=app"
    );
    // A token in the user part is not shown even though the password is masked.
    let url = concat!(
        "https://gh",
        "p_uGMGKAuWfpTbmRsHdRXfr8nBNXYK7Gh5Qhy5:x-oauth-basic@github.com/"
    );
    let r = redact(url);
    assert!(!r.contains("uGMGKA"), "{r}");
    // The finding carries the redacted form.
    let f = scan(
        "DATABASE_URL",
        "postgres://app:xyUJLJKPvuWnuNkxuQOpAbfU@db.internal/app",
    );
    assert_eq!(
        f.map(|f| f.redacted).as_deref(),
        Some("postgres://app:****@db.internal/app")
    );
}

#[test]
fn weird_inputs_do_not_panic() {
    let big = "A".repeat(1 << 20);
    let many_urls = "x://a:b@c ".repeat(10_000);
    let many_eq = "password=x;".repeat(10_000);
    let many_begin = "-----BEGIN ".repeat(10_000);
    for v in [
        big.as_str(),
        many_urls.as_str(),
        many_eq.as_str(),
        many_begin.as_str(),
        "://",
        ":@",
        "a://:@",
        "é://ü:ö@ä",
        "\u{0}\u{FEFF}\u{10FFFF}",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 password=𝔭𝔞𝔰𝔰 ://𝔲:𝔭@𝔥",
        "=",
        "'",
        "\"",
        "eyJ.eyJ.",
    ] {
        let _ = scan("API_TOKEN", v);
        let _ = scan(v, v);
        let _ = redact(v);
        let _ = is_placeholder(v);
        let _ = is_secret_name(v);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics(name in any::<String>(), value in any::<String>()) {
        let _ = scan(&name, &value);
        let _ = redact(&value);
        let _ = is_placeholder(&value);
        let _ = is_secret_name(&name);
    }

    #[test]
    fn never_panics_on_structured_input(
        name in "[A-Za-z_.-]{0,30}",
        value in "([A-Za-z0-9+/=:@?#&;, _.%$<>{}'\"-]|://|-----BEGIN |PRIVATE KEY-----|eyJ|AKIA|ghp_|password=|\\\\n|é){0,40}",
    ) {
        let _ = scan(&name, &value);
        let r = redact(&value);
        if value.chars().count() >= 8 {
            prop_assert!(!r.contains(&value));
        }
    }

    #[test]
    fn redaction_never_contains_value(value in any::<String>()) {
        prop_assume!(value.chars().count() >= 8);
        let r = redact(&value);
        prop_assert!(!r.contains(&value), "{:?} -> {:?}", value, r);
    }

    #[test]
    fn redaction_never_contains_url_password(
        scheme in "[a-z][a-z0-9+.-]{0,9}",
        user in "[A-Za-z0-9._~-]{0,12}",
        password in "[A-Za-z0-9!$&'()*+,;=%~._@:-]{7,30}",
        host in "[a-z0-9][a-z0-9.-]{0,20}",
        path in "(/[a-z0-9._-]{0,10}){0,3}",
    ) {
        let url = format!("{scheme}://{user}:{password}@{host}{path}");
        let r = redact(&url);
        prop_assert!(!r.contains(&password), "{:?} -> {:?}", url, r);
        prop_assert!(!r.contains(&url));
    }

    #[test]
    fn redaction_never_contains_password_with_slashes(
        user in "[a-z]{1,8}",
        head in "[A-Za-z!*]{3,10}",
        tail in "[A-Za-z0-9/?#]{4,12}",
        host in "[a-z]{1,10}",
    ) {
        let password = format!("{head}{tail}");
        let url = format!("postgres://{user}:{password}@{host}/db");
        let r = redact(&url);
        prop_assert!(!r.contains(&password), "{:?} -> {:?}", url, r);
    }

    #[test]
    fn secret_name_case_insensitive(name in "[A-Za-z_]{1,30}") {
        prop_assert_eq!(
            is_secret_name(&name.to_ascii_lowercase()),
            is_secret_name(&name.to_ascii_uppercase())
        );
    }
}

/// Timing harness: `cargo test --release -- --ignored --nocapture scan_timing`.
#[test]
#[ignore = "timing harness; run with --release --ignored --nocapture"]
fn scan_timing() {
    use std::hint::black_box;
    use std::time::Instant;

    let typical: Vec<(&str, &str)> = vec![
        ("PORT", "8080"),
        ("NODE_ENV", "production"),
        ("LOG_LEVEL", "info"),
        ("PRIMARY_REGION", "iad"),
        ("DATABASE_PATH", "/data/db.sqlite"),
        ("PHX_HOST", "my-app.fly.dev"),
        ("RAILS_ENV", "production"),
        ("REDIS_URL", "redis://redis.internal:6379"),
        ("API_URL", "https://api.example.com/v1"),
        ("WEB_CONCURRENCY", "2"),
        (
            "SECRET_KEY_BASE",
            "6efed9b47886931a52fba2c71e470739bfa13ccc58469debc624fd22217275a1",
        ),
        (
            "DATABASE_URL",
            "postgres://app:xyUJLJKPvuWnuNkxuQOpAbfU@db.internal:5432/app",
        ),
        ("API_KEY", "${API_KEY}"),
        ("TZ", "Europe/Berlin"),
        ("COMMIT_SHA", "6c0ac6c5b4e0da1cd54ee75a18cef6edcb64063b"),
    ];
    // Warm up (regex compilation happens once, lazily).
    for (n, v) in &typical {
        black_box(scan(n, v));
    }
    let rounds = 200_000;
    let start = Instant::now();
    for _ in 0..rounds {
        for (n, v) in &typical {
            black_box(scan(black_box(n), black_box(v)));
        }
    }
    let per_value = start.elapsed().as_nanos() as f64 / (rounds * typical.len()) as f64;
    let clean: Vec<_> = typical
        .iter()
        .filter(|(n, v)| scan(n, v).is_none())
        .collect();
    let start = Instant::now();
    for _ in 0..rounds {
        for (n, v) in &clean {
            black_box(scan(black_box(n), black_box(v)));
        }
    }
    let per_clean = start.elapsed().as_nanos() as f64 / (rounds * clean.len()) as f64;
    println!(
        "scan: {per_value:.0} ns/value over a typical mix of {} values; {per_clean:.0} ns/value for the {} clean ones",
        typical.len(),
        clean.len()
    );
}
