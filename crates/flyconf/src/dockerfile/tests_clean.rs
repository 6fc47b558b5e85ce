//! Realistic, good-practice multi-stage Dockerfiles: each must lint clean.
#![allow(clippy::unwrap_used)]

use super::{RunAs, check, parse};

const NODE: &str = r#"# syntax=docker/dockerfile:1
ARG NODE_VERSION=20.18.0
FROM node:${NODE_VERSION}-slim AS base
WORKDIR /app
ENV NODE_ENV=production

# Build with dev dependencies, then drop them.
FROM base AS build
RUN apt-get update -qq \
 && apt-get install --no-install-recommends -y build-essential node-gyp pkg-config python-is-python3 \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --include=dev
COPY . .
RUN npm run build \
 && npm prune --omit=dev

FROM base
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000
CMD ["node", "dist/server.js"]
"#;

const DJANGO: &str = r#"# syntax=docker/dockerfile:1
ARG PYTHON_VERSION=3.12
FROM python:${PYTHON_VERSION}-slim-bookworm AS builder
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential libpq-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM python:${PYTHON_VERSION}-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:$PATH"
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 1000 django
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
COPY --chown=django:django . .
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput
USER django
EXPOSE 8000
CMD ["gunicorn", "--bind", ":8000", "--workers", "2", "mysite.wsgi"]
"#;

const RAILS: &str = r#"# syntax=docker/dockerfile:1
ARG RUBY_VERSION=3.3.5
FROM ruby:$RUBY_VERSION-slim-bookworm AS base
WORKDIR /rails
RUN apt-get update -qq \
 && apt-get install --no-install-recommends -y curl libjemalloc2 libvips postgresql-client \
 && rm -rf /var/lib/apt/lists /var/cache/apt/archives
ENV RAILS_ENV="production" \
    BUNDLE_DEPLOYMENT="1" \
    BUNDLE_PATH="/usr/local/bundle" \
    BUNDLE_WITHOUT="development"

FROM base AS build
RUN apt-get update -qq \
 && apt-get install --no-install-recommends -y build-essential git libpq-dev pkg-config \
 && rm -rf /var/lib/apt/lists /var/cache/apt/archives
COPY Gemfile Gemfile.lock ./
RUN bundle install \
 && rm -rf ~/.bundle/ "${BUNDLE_PATH}"/ruby/*/cache "${BUNDLE_PATH}"/ruby/*/bundler/gems/*/.git \
 && bundle exec bootsnap precompile --gemfile
COPY . .
RUN bundle exec bootsnap precompile app/ lib/ \
 && SECRET_KEY_BASE_DUMMY=1 ./bin/rails assets:precompile

FROM base
COPY --from=build "${BUNDLE_PATH}" "${BUNDLE_PATH}"
COPY --from=build /rails /rails
RUN groupadd --system --gid 1000 rails \
 && useradd rails --uid 1000 --gid 1000 --create-home --shell /bin/bash \
 && chown -R rails:rails db log storage tmp
USER 1000:1000
ENTRYPOINT ["/rails/bin/docker-entrypoint"]
EXPOSE 3000
CMD ["./bin/thrust", "./bin/rails", "server"]
"#;

const GO: &str = r#"# syntax=docker/dockerfile:1
FROM golang:1.23-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags="-s -w" -o /out/server ./cmd/server

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/server /server
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/server"]
"#;

const PHOENIX: &str = r#"# syntax=docker/dockerfile:1
ARG ELIXIR_VERSION=1.17.3
ARG OTP_VERSION=27.1.2
ARG DEBIAN_VERSION=bookworm-20241016-slim
ARG BUILDER_IMAGE="hexpm/elixir:${ELIXIR_VERSION}-erlang-${OTP_VERSION}-debian-${DEBIAN_VERSION}"
ARG RUNNER_IMAGE="debian:${DEBIAN_VERSION}"

FROM ${BUILDER_IMAGE} AS builder
RUN apt-get update -y \
 && apt-get install -y --no-install-recommends build-essential git \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN mix local.hex --force && mix local.rebar --force
ENV MIX_ENV="prod"
COPY mix.exs mix.lock ./
RUN mix deps.get --only $MIX_ENV
RUN mkdir config
COPY config/config.exs config/${MIX_ENV}.exs config/
RUN mix deps.compile
COPY priv priv
COPY lib lib
COPY assets assets
RUN mix assets.deploy
RUN mix compile
COPY config/runtime.exs config/
COPY rel rel
RUN mix release

FROM ${RUNNER_IMAGE}
RUN apt-get update -y \
 && apt-get install -y --no-install-recommends libstdc++6 openssl libncurses5 locales ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && sed -i '/en_US.UTF-8/s/^# //g' /etc/locale.gen && locale-gen
ENV LANG=en_US.UTF-8 \
    LANGUAGE=en_US:en \
    LC_ALL=en_US.UTF-8 \
    MIX_ENV="prod"
WORKDIR /app
RUN useradd --create-home --uid 1000 app && chown app:app /app
COPY --from=builder --chown=app:app /app/_build/${MIX_ENV}/rel/my_app ./
USER app
EXPOSE 4000
CMD ["/app/bin/server"]
"#;

const STATIC: &str = r#"# syntax=docker/dockerfile:1
FROM node:20.18-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM nginxinc/nginx-unprivileged:1.27-alpine
COPY nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/dist /usr/share/nginx/html
USER 101
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
"#;

const ALL: [(&str, &str, &str, u16); 6] = [
    ("node", NODE, "node", 3000),
    ("django", DJANGO, "django", 8000),
    ("rails", RAILS, "1000:1000", 3000),
    ("go", GO, "nonroot:nonroot", 8080),
    ("phoenix", PHOENIX, "app", 4000),
    ("static", STATIC, "101", 8080),
];

#[test]
fn realistic_dockerfiles_lint_clean() {
    for (name, text, _, _) in ALL {
        let found = check(text);
        assert!(found.is_empty(), "{name}: {found:#?}");
        let crlf = text.replace('\n', "\r\n");
        let found = check(&crlf);
        assert!(found.is_empty(), "{name} with CRLF: {found:#?}");
    }
}

#[test]
fn realistic_dockerfiles_expose_ports_and_user() {
    for (name, text, user, port) in ALL {
        let df = parse(text);
        let ports: Vec<u16> = df.exposed_ports().iter().map(|p| p.port).collect();
        assert_eq!(ports, [port], "{name}");
        match df.final_user() {
            Some(RunAs::User { user: found, .. }) => assert_eq!(found, user, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

/// Timing for the report: `cargo test --release -- --ignored --nocapture`.
#[test]
#[ignore = "timing, run in release mode"]
fn time_check_on_a_40_line_dockerfile() {
    let pad = 40usize.saturating_sub(RAILS.lines().count());
    let text = format!("{RAILS}{}", "RUN echo padding\n".repeat(pad));
    let lines = text.lines().count();
    assert_eq!(lines, 40);
    let runs = 20_000u32;
    let start = std::time::Instant::now();
    let mut total = 0;
    for _ in 0..runs {
        total += check(std::hint::black_box(&text)).len();
    }
    let per = start.elapsed() / runs;
    assert_eq!(total, 0);
    eprintln!("check() on a {lines}-line Dockerfile: {per:?} per call ({runs} runs)");
}
