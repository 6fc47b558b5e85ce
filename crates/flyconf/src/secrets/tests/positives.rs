//! True positives: values that are credentials (all fake).

#![allow(clippy::unwrap_used)]

pub(super) const PEM_BODY: &str = "MIIEowIBAAKCAQEAQ/3h2TEq48s8QubB5Z5ebNaaxN47i5ilBa8Jfyjn6Rcm3lwnFMW3\n\
MOmolCpez4XGKlMXHt2/SBCuB9p8q2+Aua1BfD6n1uwRD4sh9JuZSoCypLsfJTKwF+T3\n\
wBlzY3+1AntFbtNwdV61MArk6AkSEZbp3Fxm2Ge3a98K58VqpZkJGwGBFYSBiYfaasG4\n\
lGEyi9DfbNrL+ixbO9wkhFNIDMmXXFL6NxNmeocLmiid0SHVhXBLsP2Y0cAldnXb/L1d\n\
kgnXQXhUGlMYmDoDWCBlchavTmrEXj3PRPEEOGDoIOxQSrAwc+Txyb5qLFZDc2ArmPpr\n\
+ldon4xL6EV9oanSsk6y0hLxaDUX4Beu0xNvj01bGUb7WHIpy4Z1APCMiFAv91NbMW0Q\n";

pub(super) const JWT_HEADER: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";
/// `{"iss":"supabase","ref":…,"role":"service_role",…}`
pub(super) const JWT_SERVICE_ROLE: &str = "eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6Im5peHF3bGtibGRxaWRnZWhpa3Z3Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoyMDE1NTc2MDAwfQ";
/// `{"iss":"supabase","ref":…,"role":"anon",…}`
pub(super) const JWT_ANON: &str = "eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImR6emx2Ynp6bHlvZmtjeGVydmF1Iiwicm9sZSI6ImFub24iLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MjAxNTU3NjAwMH0";
/// `{"sub":"u_…","scope":"admin","iat":…}`
pub(super) const JWT_SESSION: &str =
    "eyJzdWIiOiJ1X2htWVlOWUdJZW8iLCJzY29wZSI6ImFkbWluIiwiaWF0IjoxNzAwMDAwMDAwfQ";

pub(super) fn jwt(payload: &str, sig: &str) -> String {
    format!("{JWT_HEADER}.{payload}.{sig}")
}

/// (name, value, expected kind or `None` for "any kind").
pub(super) fn true_positives() -> Vec<(&'static str, String, Option<&'static str>)> {
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
