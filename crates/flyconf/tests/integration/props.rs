//! Property tests: the parser never panics, spans stay inside the text, and
//! model → canonical TOML → model is the identity.

use flyconf::model::values::{AutoStop, Duration, MemorySize, PRESETS, VmSize, VolumeSize};
use flyconf::model::*;
use indexmap::IndexMap;
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;

fn word() -> impl Strategy<Value = String> {
    "[a-z][a-z0-9_]{0,8}"
}

fn text() -> impl Strategy<Value = String> {
    "[ -~]{0,16}"
}

fn duration() -> impl Strategy<Value = Duration> {
    (0i64..86_400_000).prop_map(|ms| Duration::from_nanos(ms * 1_000_000))
}

fn map(values: impl Strategy<Value = String>) -> impl Strategy<Value = IndexMap<String, String>> {
    btree_map("[A-Z][A-Z0-9_]{0,8}", values, 0..4).prop_map(|m| m.into_iter().collect())
}

fn http_check() -> impl Strategy<Value = HttpCheck> {
    (
        option::of(duration()),
        option::of(duration()),
        option::of(prop_oneof!["GET", "HEAD"].prop_map(String::from)),
        option::of("/[a-z]{0,6}"),
        option::of(any::<bool>()),
        map("[a-z]{1,6}"),
    )
        .prop_map(
            |(interval, timeout, method, path, tls_skip_verify, headers)| HttpCheck {
                interval,
                timeout,
                method,
                path,
                tls_skip_verify,
                headers,
                ..HttpCheck::default()
            },
        )
}

fn autostop() -> impl Strategy<Value = AutoStop> {
    prop_oneof![
        Just(AutoStop::Off),
        Just(AutoStop::Stop),
        Just(AutoStop::Suspend)
    ]
}

fn http_service() -> impl Strategy<Value = HttpService> {
    (
        option::of(1i64..65536),
        option::of(any::<bool>()),
        option::of(autostop()),
        option::of(0i64..5),
        vec(word(), 0..3),
        option::of((option::of(1i64..1000), option::of(1i64..1000)).prop_map(
            |(soft_limit, hard_limit)| Concurrency {
                kind: Some("requests".into()),
                soft_limit,
                hard_limit,
            },
        )),
        vec(http_check(), 0..3),
        option::of(vec("TLSv1\\.[0-3]", 0..3).prop_map(|versions| TlsOptions {
            versions,
            ..TlsOptions::default()
        })),
    )
        .prop_map(
            |(
                internal_port,
                force_https,
                auto_stop_machines,
                min_machines_running,
                processes,
                concurrency,
                checks,
                tls_options,
            )| HttpService {
                internal_port,
                force_https,
                auto_stop_machines,
                min_machines_running,
                processes,
                concurrency,
                checks,
                tls_options,
                ..HttpService::default()
            },
        )
}

fn service() -> impl Strategy<Value = Service> {
    (
        option::of(prop_oneof!["tcp", "udp"].prop_map(String::from)),
        option::of(1i64..65536),
        vec(
            (
                option::of(1i64..65536),
                vec(prop_oneof!["http", "tls"].prop_map(String::from), 0..3),
                option::of(any::<bool>()),
            )
                .prop_map(|(port, handlers, force_https)| Port {
                    port,
                    handlers,
                    force_https,
                    ..Port::default()
                }),
            1..3,
        ),
        vec(
            (option::of(duration()), option::of(duration())).prop_map(|(interval, timeout)| {
                TcpCheck {
                    interval,
                    timeout,
                    grace_period: None,
                }
            }),
            0..2,
        ),
        vec(http_check(), 0..2),
    )
        .prop_map(
            |(protocol, internal_port, ports, tcp_checks, http_checks)| Service {
                protocol,
                internal_port,
                ports,
                tcp_checks,
                http_checks,
                ..Service::default()
            },
        )
}

fn vm() -> impl Strategy<Value = Vm> {
    (
        option::of((0..PRESETS.len()).prop_map(|i| VmSize::parse(PRESETS[i].name).unwrap())),
        option::of((1u64..64).prop_map(|n| MemorySize(n * 256))),
        option::of(prop_oneof!["shared", "performance"].prop_map(String::from)),
        option::of(1i64..16),
        option::of(256i64..8192),
        vec(word(), 0..2),
    )
        .prop_map(|(size, memory, cpu_kind, cpus, memory_mb, processes)| Vm {
            size,
            memory,
            cpu_kind,
            cpus,
            memory_mb,
            processes,
            ..Vm::default()
        })
}

fn mount() -> impl Strategy<Value = Mount> {
    (
        option::of(word()),
        option::of("/[a-z]{1,6}"),
        option::of((1u64..500).prop_map(VolumeSize)),
        option::of(1i64..60),
        option::of(any::<bool>()),
        vec(word(), 0..2),
    )
        .prop_map(
            |(
                source,
                destination,
                initial_size,
                snapshot_retention,
                scheduled_snapshots,
                processes,
            )| Mount {
                source,
                destination,
                initial_size,
                snapshot_retention,
                scheduled_snapshots,
                processes,
                ..Mount::default()
            },
        )
}

fn top_check() -> impl Strategy<Value = TopLevelCheck> {
    (
        option::of(1i64..65536),
        option::of(prop_oneof!["http", "tcp"].prop_map(String::from)),
        option::of(duration()),
        option::of(duration()),
        option::of("/[a-z]{0,5}"),
        vec(word(), 0..2),
    )
        .prop_map(
            |(port, kind, interval, timeout, path, processes)| TopLevelCheck {
                port,
                kind,
                interval,
                timeout,
                path,
                processes,
                ..TopLevelCheck::default()
            },
        )
}

fn config() -> impl Strategy<Value = Config> {
    let top = (
        option::of("[a-z][a-z0-9-]{0,12}"),
        option::of(prop_oneof!["iad", "ams", "sea", "xyz"].prop_map(String::from)),
        option::of(duration()),
        option::of(text()),
        map(text()),
        map(text()),
    );
    let sections = (
        option::of(http_service()),
        vec(service(), 0..3),
        vec(vm(), 0..3),
        vec(mount(), 0..2),
        btree_map(word(), top_check(), 0..3)
            .prop_map(|m| m.into_iter().collect::<IndexMap<_, _>>()),
        option::of(
            (
                option::of(prop_oneof!["rolling", "canary", "bluegreen"].prop_map(String::from)),
                option::of(text()),
                option::of(duration()),
                option::of(0.0f64..1.0),
            )
                .prop_map(
                    |(strategy, release_command, wait_timeout, max_unavailable)| Deploy {
                        strategy,
                        release_command,
                        wait_timeout,
                        max_unavailable,
                        ..Deploy::default()
                    },
                ),
        ),
        option::of(
            (option::of(text()), map(text())).prop_map(|(dockerfile, args)| Build {
                dockerfile,
                args,
                ..Build::default()
            }),
        ),
    );
    (top, sections).prop_map(
        |(
            (app, primary_region, kill_timeout, console_command, env, processes),
            (http_service, services, vm, mounts, checks, deploy, build),
        )| Config {
            app,
            primary_region,
            kill_timeout,
            console_command,
            env,
            processes,
            http_service,
            services,
            vm,
            mounts,
            checks,
            deploy,
            build,
            ..Config::default()
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn model_round_trips_through_canonical_toml(config in config()) {
        let toml = config.to_toml();
        let parsed = flyconf::parse(&toml);
        prop_assert_eq!(&parsed.config, &config, "canonical TOML:\n{}", toml);
        prop_assert_eq!(parsed.config.to_toml(), toml);
        prop_assert!(parsed.diagnostics.iter().all(|d| !matches!(d.code, "FT001" | "FT003" | "FT004" | "FT006")), "{:#?}", parsed.diagnostics);
    }

    #[test]
    fn parsing_anything_never_panics_and_spans_stay_inside(input in "(\\PC|\n|\\[|\\]|=|\"){0,200}") {
        let parsed = flyconf::parse(&input);
        for d in &parsed.diagnostics {
            prop_assert!(d.span.start <= d.span.end && d.span.end <= input.len(), "{:?}", d);
            prop_assert!(input.is_char_boundary(d.span.start) && input.is_char_boundary(d.span.end), "{:?}", d);
        }
    }

    #[test]
    fn utf16_offsets_index_the_same_text_in_javascript(
        input in "(\\PC|\n|\\[|\\]|=|\"|é|😀|force_https = false\n|FROM node\nCMD npm start\n){0,60}",
        dockerfile in proptest::bool::ANY,
    ) {
        let units = |byte: usize| input[..byte].encode_utf16().count();
        let diagnostics = if dockerfile { flyconf::check_dockerfile(&input) } else { flyconf::parse(&input).diagnostics };
        for d in &diagnostics {
            prop_assert_eq!(d.span.utf16_start, units(d.span.start), "{:?}", d);
            prop_assert_eq!(d.span.utf16_end, units(d.span.end), "{:?}", d);
            for e in d.fix.iter().flat_map(|f| &f.edits) {
                prop_assert_eq!(e.utf16_start, units(e.start), "{:?}", e);
                prop_assert_eq!(e.utf16_end, units(e.end), "{:?}", e);
            }
        }
    }

    #[test]
    fn fixes_keep_the_document_valid(config in config()) {
        let toml = config.to_toml();
        let diagnostics = flyconf::check_fly_toml(&toml);
        let fixed = flyconf::fix::apply_fixes(&toml, &diagnostics);
        prop_assert!(flyconf::fix::parses_as_toml(&fixed.text), "{}", fixed.text);
    }
}
