#![allow(clippy::unwrap_used)]

use super::*;
use crate::model::values::{MemorySize, PRESETS, VolumeSize};
use crate::model::{HttpService, Port};
use proptest::prelude::*;

fn config(text: &str) -> Config {
    let parsed = crate::parse(text);
    let errors: Vec<_> = parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::Severity::Error)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "test config has errors: {errors:?}");
    parsed.config
}

fn run(text: &str) -> CostEstimate {
    estimate(&config(text), builtin_prices(), &CostInputs::default())
}

fn kinds(e: &CostEstimate) -> Vec<(ItemKind, Option<&str>, Option<&str>, f64)> {
    e.items
        .iter()
        .map(|i| (i.kind, i.group.as_deref(), i.region.as_deref(), i.monthly))
        .collect()
}

fn has_note(e: &CostEstimate, needle: &str) -> bool {
    e.assumptions.iter().any(|a| a.contains(needle))
}

#[test]
fn preset_only() {
    let e = run(r#"
app = "shop"
primary_region = "iad"

[http_service]
  internal_port = 8080
  auto_stop_machines = "stop"
  min_machines_running = 2

[[vm]]
  size = "performance-2x"
"#);
    assert_eq!(e.currency, "USD");
    assert_eq!(e.monthly_total, 124.00);
    assert_eq!(
        kinds(&e),
        [(ItemKind::Machine, Some("app"), Some("iad"), 124.00)]
    );
    let m = &e.items[0];
    assert_eq!(
        (m.quantity, m.unit.as_str(), m.unit_price),
        (2.0, "machine", 62.0)
    );
    assert!(!m.derived, "performance-2x has a published figure");
    assert_eq!(
        m.description,
        "performance-2x (2 performance vCPUs, 4096MB) in iad"
    );
    assert!(has_note(&e, "min_machines_running = 2"));
    assert!(has_note(&e, "keeps 2 Machine(s) running"));
    assert!(has_note(&e, "No dedicated IPv4"));
    assert_eq!(e.prices.as_of, builtin_prices().as_of);
    assert!(!e.prices.source.is_empty());
}

#[test]
fn no_vm_is_shared_cpu_1x_256mb_and_says_so() {
    let e = run(
        "app = \"tiny\"\nprimary_region = \"ams\"\n[http_service]\ninternal_port = 8080\nauto_stop_machines = \"suspend\"\nmin_machines_running = 0\n",
    );
    assert_eq!(e.monthly_total, 1.94);
    assert_eq!(e.items.len(), 1);
    assert!(has_note(
        &e,
        "no [[vm]] applies, so it is priced as shared-cpu-1x with 256MB"
    ));
    assert!(has_note(
        &e,
        "Machines suspend when idle and the real cost is lower"
    ));
    assert!(has_note(&e, "creates 2 Machines"));
}

#[test]
fn multi_group_with_vm_per_group() {
    let e = run(r#"
app = "multi"
primary_region = "ams"

[processes]
  web = "bin/web"
  worker = "bin/worker"

[http_service]
  internal_port = 8080
  processes = ["web"]
  min_machines_running = 2

[[vm]]
  size = "shared-cpu-1x"
  memory = "1gb"
  processes = ["web"]

[[vm]]
  size = "shared-cpu-2x"
  processes = ["worker"]
"#);
    // web: 2 × $1.94 + 2 × 0.75GB × $5 = 3.88 + 7.50; worker: 1 × $3.88 (derived).
    assert_eq!(
        kinds(&e),
        [
            (ItemKind::Machine, Some("web"), Some("ams"), 3.88),
            (ItemKind::Memory, Some("web"), Some("ams"), 7.50),
            (ItemKind::Machine, Some("worker"), Some("ams"), 3.88),
        ]
    );
    assert_eq!(e.monthly_total, 15.26);
    assert_eq!(e.items[1].quantity, 1.5);
    assert_eq!(e.items[1].unit, "GB");
    assert!(e.items[2].derived, "shared-cpu-2x is derived");
    assert!(has_note(
        &e,
        "Group worker: 1 Machine per region (no service routes to it)"
    ));
}

#[test]
fn memory_mb_and_cpus_override_the_preset() {
    let e = run(r#"
app = "o"
primary_region = "iad"
[[vm]]
  size = "shared-cpu-1x"
  memory = "2gb"
  memory_mb = 1024
  cpus = 2
"#);
    // shared, 2 CPUs → shared-cpu-2x (512MB, $3.88) + 512MB at $5/GB.
    assert_eq!(
        kinds(&e),
        [
            (ItemKind::Machine, Some("app"), Some("iad"), 3.88),
            (ItemKind::Memory, Some("app"), Some("iad"), 2.50),
        ]
    );
    assert_eq!(e.monthly_total, 6.38);
}

#[test]
fn volumes_per_machine() {
    let e = run(r#"
app = "db"
primary_region = "fra"

[http_service]
  internal_port = 8080
  min_machines_running = 3

[[vm]]
  cpu_kind = "shared"
  cpus = 1
  memory_mb = 512

[[mounts]]
  source = "data"
  destination = "/data"
  initial_size = "10gb"
"#);
    // 3 × ($1.94 + 0.25GB × $5) + 3 × 10GB × $0.15
    assert_eq!(
        kinds(&e),
        [
            (ItemKind::Machine, Some("app"), Some("fra"), 5.82),
            (ItemKind::Memory, Some("app"), Some("fra"), 3.75),
            (ItemKind::Volume, Some("app"), Some("fra"), 4.50),
        ]
    );
    assert_eq!(e.monthly_total, 14.07);
    let v = &e.items[2];
    assert_eq!((v.quantity, v.unit_price), (30.0, 0.15));
    assert_eq!(
        v.description,
        "volume 'data', 10GB on each of 3 Machines in fra"
    );
    assert!(has_note(&e, "snapshots"));
}

#[test]
fn volume_without_size_is_1gb_and_only_for_its_group() {
    let e = run(r#"
app = "v"
primary_region = "fra"
[processes]
  app = "web"
  cron = "cron"
[[mounts]]
  source = "data"
  destination = "/data"
"#);
    assert_eq!(
        kinds(&e),
        [
            (ItemKind::Machine, Some("app"), Some("fra"), 1.94),
            (ItemKind::Volume, Some("app"), Some("fra"), 0.15),
            (ItemKind::Machine, Some("cron"), Some("fra"), 1.94),
        ]
    );
    assert_eq!(e.monthly_total, 4.03);
    assert!(has_note(&e, "priced at flyctl's default of 1GB"));
}

#[test]
fn udp_service_needs_a_dedicated_ipv4() {
    let e = run(r#"
app = "dns"
primary_region = "lhr"

[[services]]
  protocol = "udp"
  internal_port = 5353

  [[services.ports]]
    port = 53
"#);
    assert_eq!(
        kinds(&e),
        [
            (ItemKind::Machine, Some("app"), Some("lhr"), 1.94),
            (ItemKind::Ipv4, None, None, 2.00),
        ]
    );
    assert_eq!(e.monthly_total, 3.94);
    assert_eq!(
        e.items[1].description,
        "dedicated IPv4 address (a UDP service on port 53)"
    );
}

#[test]
fn ip_type_follows_flyctl() {
    let c = Config {
        http_service: Some(HttpService::default()),
        ..Config::default()
    };
    assert_eq!(dedicated_ipv4_reason(&c), None, "http_service is 80/443");
    let port = |port: i64, handlers: &[&str]| Port {
        port: Some(port),
        handlers: handlers.iter().map(|h| (*h).to_owned()).collect(),
        ..Port::default()
    };
    let with = |ports: Vec<Port>| {
        let c = Config {
            services: vec![Service {
                ports,
                ..Service::default()
            }],
            ..Config::default()
        };
        dedicated_ipv4_reason(&c)
    };
    assert_eq!(
        with(vec![port(80, &["http"]), port(443, &["tls", "http"])]),
        None
    );
    assert_eq!(
        with(vec![port(5432, &["pg_tls"])]),
        Some("TCP port 5432".into())
    );
    assert!(with(vec![port(443, &["tls"])]).is_some_and(|r| r.contains("handlers [tls]")));
    let range = Port {
        start_port: Some(8000),
        end_port: Some(8010),
        ..Port::default()
    };
    assert_eq!(with(vec![range]), Some("TCP port range 8000-8010".into()));
}

#[test]
fn overrides() {
    let c = config(
        "app = \"o\"\nprimary_region = \"iad\"\n[http_service]\ninternal_port = 8080\nmin_machines_running = 2\n",
    );
    let inputs = CostInputs {
        machines: Some(3),
        regions: Some(vec!["iad".into(), " ams ".into(), "iad".into()]),
        hours_per_month: 365.0,
        include_ipv4: Some(true),
    };
    let e = estimate(&c, builtin_prices(), &inputs);
    // Per region: 3 × ($1.94 × 365/730 = $0.97); plus a requested IPv4.
    assert_eq!(
        kinds(&e),
        [
            (ItemKind::Machine, Some("app"), Some("iad"), 2.91),
            (ItemKind::Machine, Some("app"), Some("ams"), 2.91),
            (ItemKind::Ipv4, None, None, 2.00),
        ]
    );
    assert_eq!(e.items[0].unit_price, 0.97);
    assert_eq!(e.monthly_total, 7.82);
    assert!(has_note(&e, "3 Machine(s) per region, as requested"));
    assert!(has_note(&e, "2 region(s), as requested: iad, ams"));
    assert!(has_note(&e, "root filesystem"));
    assert!(!has_note(&e, "creates 2 Machines"), "machines were given");

    // An explicit `false` drops a needed IPv4 and says so.
    let udp = config("app = \"u\"\n[[services]]\nprotocol = \"udp\"\ninternal_port = 9\n");
    let e = estimate(
        &udp,
        builtin_prices(),
        &CostInputs {
            include_ipv4: Some(false),
            ..CostInputs::default()
        },
    );
    assert_eq!(e.monthly_total, 1.94);
    assert!(has_note(&e, "No dedicated IPv4, as requested, although"));
    assert!(has_note(&e, "No primary_region is set"));
    assert_eq!(e.items[0].region, None);
}

#[test]
fn custom_and_gpu_guests_are_priced_by_the_rule() {
    let e = run(
        "app = \"big\"\nprimary_region = \"iad\"\n[[vm]]\ncpu_kind = \"performance\"\ncpus = 32\nmemory_mb = 65536\n",
    );
    assert_eq!(e.monthly_total, 992.00);
    assert!(e.items[0].derived);
    assert!(
        e.items[0]
            .description
            .starts_with("performance 32x (no preset)")
    );

    let e = run("app = \"gpu\"\nprimary_region = \"iad\"\n[[vm]]\nsize = \"a100-40gb\"\n");
    // performance-8x ($248) + 16GB above its 16GB at $5/GB.
    assert_eq!(e.monthly_total, 328.00);
    assert!(has_note(&e, "the GPU is not priced"));
}

#[test]
fn bad_hours_and_deprecated_regions_are_noted() {
    let c = config("app = \"h\"\nprimary_region = \"sea\"\n");
    for hours in [f64::NAN, -1.0, f64::INFINITY] {
        let e = estimate(
            &c,
            builtin_prices(),
            &CostInputs {
                hours_per_month: hours,
                ..CostInputs::default()
            },
        );
        assert_eq!(e.monthly_total, 1.94, "{hours}");
        assert!(has_note(&e, "is not a number of hours"));
    }
    let e = estimate(
        &c,
        builtin_prices(),
        &CostInputs {
            hours_per_month: 10_000.0,
            ..CostInputs::default()
        },
    );
    assert_eq!(e.items[0].unit_price, round4(1.94 * 744.0 / 730.0));
    assert!(has_note(&e, "longer than a month"));
    assert!(has_note(&e, "Region sea is deprecated"));
}

fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[test]
fn json_shape() {
    let e = run("app = \"j\"\nprimary_region = \"iad\"\n");
    let v = serde_json::to_value(&e).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "currency",
            "monthly_total",
            "items",
            "assumptions",
            "prices"
        ]
    );
    let item = &v["items"][0];
    assert_eq!(item["kind"], "machine");
    for k in [
        "description",
        "group",
        "quantity",
        "unit",
        "unit_price",
        "monthly",
    ] {
        assert!(item.get(k).is_some(), "{k}");
    }
    assert!(v["prices"]["source"].is_array());
    assert!(v["prices"]["as_of"].is_string());
}

fn arb_vm() -> impl Strategy<Value = Vm> {
    (
        proptest::option::of(0..PRESETS.len()),
        proptest::option::of(0u64..1 << 20),
        proptest::option::of(any::<i64>()),
        proptest::option::of(-4i64..200),
        proptest::option::of(prop::sample::select(vec![
            "shared",
            "performance",
            "gpu",
            "",
        ])),
        proptest::option::of(prop::sample::select(vec!["app", "web", "worker"])),
        proptest::option::of(prop::sample::select(vec!["a10", ""])),
    )
        .prop_map(|(size, memory, memory_mb, cpus, kind, group, gpu)| Vm {
            size: size.map(|i| VmSize::parse(PRESETS[i].name).unwrap()),
            memory: memory.map(MemorySize),
            memory_mb,
            cpus,
            cpu_kind: kind.map(str::to_owned),
            gpu_kind: gpu.map(str::to_owned),
            processes: group.map(|g| vec![g.to_owned()]).unwrap_or_default(),
            ..Vm::default()
        })
}

fn arb_config() -> impl Strategy<Value = Config> {
    (
        proptest::collection::vec(arb_vm(), 0..3),
        proptest::option::of(any::<i64>()),
        proptest::collection::vec(
            (
                any::<bool>(),
                any::<i64>(),
                proptest::option::of(any::<i64>()),
            ),
            0..3,
        ),
        proptest::collection::vec(proptest::option::of(0u64..1 << 40), 0..3),
        any::<bool>(),
        proptest::option::of("[a-z]{0,4}"),
    )
        .prop_map(|(vm, http_min, services, mounts, multi, region)| {
            let mut c = Config {
                vm,
                primary_region: region,
                ..Config::default()
            };
            if multi {
                c.processes.insert("web".into(), "w".into());
                c.processes.insert("worker".into(), String::new());
            }
            if let Some(min) = http_min {
                c.http_service = Some(HttpService {
                    min_machines_running: Some(min),
                    auto_stop_machines: Some(AutoStop::Stop),
                    ..HttpService::default()
                });
            }
            c.services = services
                .into_iter()
                .map(|(udp, min, port)| Service {
                    protocol: Some(if udp { "udp" } else { "tcp" }.into()),
                    min_machines_running: Some(min),
                    ports: vec![Port {
                        port,
                        ..Port::default()
                    }],
                    ..Service::default()
                })
                .collect();
            c.mounts = mounts
                .into_iter()
                .map(|size| Mount {
                    initial_size: size.map(VolumeSize),
                    ..Mount::default()
                })
                .collect();
            c
        })
}

fn arb_inputs() -> impl Strategy<Value = CostInputs> {
    (
        proptest::option::of(any::<u32>()),
        proptest::option::of(proptest::collection::vec("[a-z ]{0,4}", 0..4)),
        prop_oneof![any::<f64>(), 0.0..800.0f64],
        proptest::option::of(any::<bool>()),
    )
        .prop_map(|(machines, regions, hours, ipv4)| CostInputs {
            machines,
            regions,
            hours_per_month: hours,
            include_ipv4: ipv4,
        })
}

proptest! {
    #[test]
    fn total_is_finite_non_negative_and_the_sum_of_items(c in arb_config(), inputs in arb_inputs()) {
        let e = estimate(&c, builtin_prices(), &inputs);
        prop_assert!(e.monthly_total.is_finite() && e.monthly_total >= 0.0, "{}", e.monthly_total);
        let sum: f64 = e.items.iter().map(|i| i.monthly).sum();
        prop_assert!((e.monthly_total - sum).abs() <= 1e-9 * sum.max(1.0), "{} vs {}", e.monthly_total, sum);
        for i in &e.items {
            prop_assert!(i.monthly.is_finite() && i.monthly >= 0.0);
            prop_assert!(i.unit_price.is_finite() && i.unit_price >= 0.0);
            prop_assert!(i.quantity.is_finite() && i.quantity >= 0.0);
        }
        prop_assert!(!e.assumptions.is_empty());
        prop_assert!(serde_json::to_string(&e).is_ok());
    }
}
