//! The estimator: walks the groups, regions, sizes, volumes and IP type of a
//! config and prices each item.

use super::*;

pub(super) struct Estimator<'a> {
    pub(super) config: &'a Config,
    pub(super) prices: &'a PriceTable,
    pub(super) items: Vec<LineItem>,
    pub(super) notes: Vec<String>,
}

/// A service as far as cost goes: who it routes to, and its scaling settings.
struct ServiceView<'a> {
    processes: &'a [String],
    min_machines_running: Option<i64>,
    auto_stop: Option<AutoStop>,
}

/// A resolved Machine size.
struct Guest {
    kind: CpuKind,
    cpus: u32,
    memory_mb: u64,
    gpu: bool,
}

impl<'a> Estimator<'a> {
    pub(super) fn run(&mut self, inputs: &CostInputs) {
        self.notes.push(format!(
            "Prices are approximate list prices as of {} ({}); Fly.io scales Machine prices by region, so some regions cost more.",
            self.prices.as_of,
            self.prices.currency
        ));
        let hours = self.hours(inputs.hours_per_month);
        self.notes.push(format!(
            "Machines are assumed to run {} h/month ({:.0}% of a {} h month); Machines are billed per second while running, volumes and IPs while provisioned.",
            fmt_num(hours),
            hours / self.prices.period_hours * 100.0,
            fmt_num(self.prices.period_hours)
        ));
        let regions = self.regions(inputs.regions.as_deref());
        let default_group = self.config.default_group().to_owned();
        let services = self.services();
        let groups: Vec<String> = self
            .config
            .process_groups()
            .into_iter()
            .map(str::to_owned)
            .collect();
        let mut any_ha_candidate = false;
        for group in &groups {
            let own: Vec<&ServiceView<'_>> = services
                .iter()
                .filter(|s| applies(s.processes, group, &default_group))
                .collect();
            let machines = self.machines(group, &own, inputs.machines);
            if inputs.machines.is_none()
                && !own.is_empty()
                && own.iter().all(|s| s.min_machines_running.unwrap_or(0) <= 1)
            {
                any_ha_candidate = true;
            }
            self.autostop_note(group, &own, hours);
            let guest = self.guest(group);
            let volume = self
                .mount(group, &default_group)
                .map(|m| (m, self.volume_gb(group, m, guest.gpu)));
            for region in &regions {
                self.price_group(group, region.as_deref(), machines, &guest, hours);
                if let Some((mount, gb)) = volume {
                    self.price_volume(group, region.as_deref(), machines, mount, gb);
                }
            }
        }
        if any_ha_candidate {
            self.notes.push(
                "The first `fly deploy` of a group with services creates 2 Machines for availability (unless it mounts a volume); set `machines` to price that."
                    .into(),
            );
        }
        self.ipv4(inputs.include_ipv4);
        if self.items.iter().any(|i| i.kind == ItemKind::Volume) {
            self.notes.push(format!(
                "Volume snapshots (daily, 5 days by default) cost {}/GB-month after the first {} GB free; not included, as their size depends on how much data changes.",
                money(self.prices.rates.snapshot_per_gb_month),
                fmt_num(self.prices.rates.snapshot_free_gb)
            ));
        }
        if hours < self.prices.period_hours {
            self.notes.push(format!(
                "Stopped or suspended Machines still pay for their root filesystem ({}/GB-month); not included, as the image size is unknown.",
                money(self.prices.rates.stopped_rootfs_per_gb_month)
            ));
        }
        if self
            .config
            .deploy
            .as_ref()
            .is_some_and(|d| d.release_command.is_some())
        {
            self.notes.push(
                "The release_command runs in a temporary Machine for each deploy; its few seconds are not included."
                    .into(),
            );
        }
        self.notes.push(
            "Not included: outbound data transfer, certificates beyond the free ones, managed databases (Postgres, Redis), object storage, static egress IPs, and reservations or credits."
                .into(),
        );
    }

    /// Sanitises `hours_per_month`.
    fn hours(&mut self, hours: f64) -> f64 {
        if !hours.is_finite() || hours < 0.0 {
            self.notes.push(format!(
                "hours_per_month {hours} is not a number of hours; used {} instead.",
                fmt_num(FULL_MONTH_HOURS)
            ));
            FULL_MONTH_HOURS
        } else if hours > MAX_MONTH_HOURS {
            self.notes.push(format!(
                "hours_per_month {} is longer than a month; used {} instead.",
                fmt_num(hours),
                fmt_num(MAX_MONTH_HOURS)
            ));
            MAX_MONTH_HOURS
        } else {
            hours
        }
    }

    /// The regions to price; `None` stands for "one region, not named".
    fn regions(&mut self, given: Option<&[String]>) -> Vec<Option<String>> {
        let mut out: Vec<String> = Vec::new();
        for r in given.unwrap_or_default() {
            let r = r.trim();
            if !r.is_empty() && !out.iter().any(|o| o == r) {
                out.push(r.to_owned());
            }
        }
        if !out.is_empty() {
            self.notes.push(format!(
                "Every group runs in {} region(s), as requested: {}.",
                out.len(),
                out.join(", ")
            ));
        } else {
            if given.is_some() {
                self.notes
                    .push("The requested region list is empty; used primary_region.".into());
            }
            match self
                .config
                .primary_region
                .as_deref()
                .map(str::trim)
                .filter(|r| !r.is_empty())
            {
                Some(r) => {
                    self.notes.push(format!(
                        "Every group runs only in primary_region {r} (pass regions to price more)."
                    ));
                    out.push(r.to_owned());
                }
                None => {
                    self.notes
                        .push("No primary_region is set: priced as a single region.".into());
                    return vec![None];
                }
            }
        }
        for r in &out {
            match region_status(r) {
                RegionStatus::Current(_) => {}
                RegionStatus::Deprecated { replacement } => self.notes.push(format!(
                    "Region {r} is deprecated (flyctl replaces it with {replacement}); priced like any region."
                )),
                RegionStatus::Unknown => self.notes.push(format!(
                    "Region {r} is not a known Fly.io region; priced like any region."
                )),
            }
        }
        out.into_iter().map(Some).collect()
    }

    /// `[http_service]` and `[[services]]`, as far as cost goes.
    fn services(&self) -> Vec<ServiceView<'a>> {
        let config: &'a Config = self.config;
        let mut out = Vec::new();
        if let Some(h) = &config.http_service {
            out.push(ServiceView {
                processes: &h.processes,
                min_machines_running: h.min_machines_running,
                auto_stop: h.auto_stop_machines,
            });
        }
        out.extend(config.services.iter().map(|s: &Service| ServiceView {
            processes: &s.processes,
            min_machines_running: s.min_machines_running,
            auto_stop: s.auto_stop_machines,
        }));
        out
    }

    fn machines(&mut self, group: &str, own: &[&ServiceView<'_>], given: Option<u32>) -> u32 {
        if let Some(n) = given {
            self.notes.push(format!(
                "Group {group}: {n} Machine(s) per region, as requested."
            ));
            return n;
        }
        let min = own
            .iter()
            .filter_map(|s| s.min_machines_running)
            .filter(|m| *m > 0)
            .max();
        match min {
            Some(m) => {
                let n = u32::try_from(m).unwrap_or(u32::MAX);
                self.notes.push(format!(
                    "Group {group}: {n} Machine(s) per region (min_machines_running = {m})."
                ));
                n
            }
            None => {
                let why = if own.is_empty() {
                    "no service routes to it"
                } else {
                    "no min_machines_running above 0"
                };
                self.notes
                    .push(format!("Group {group}: 1 Machine per region ({why})."));
                1
            }
        }
    }

    fn autostop_note(&mut self, group: &str, own: &[&ServiceView<'_>], hours: f64) {
        let stops = own
            .iter()
            .filter_map(|s| s.auto_stop)
            .find(|a| *a != AutoStop::Off);
        let Some(mode) = stops else { return };
        let min = own
            .iter()
            .filter_map(|s| s.min_machines_running)
            .max()
            .unwrap_or(0);
        if min <= 0 {
            self.notes.push(format!(
                "Group {group}: auto_stop_machines = \"{}\" with min_machines_running = 0, so its Machines {} when idle and the real cost is lower; the estimate assumes they run {} h/month.",
                mode.as_str(),
                if mode == AutoStop::Suspend { "suspend" } else { "stop" },
                fmt_num(hours)
            ));
        } else {
            self.notes.push(format!(
                "Group {group}: auto_stop_machines = \"{}\" keeps {min} Machine(s) running; any extra Machines it starts under load are not included.",
                mode.as_str()
            ));
        }
    }

    /// The `[[vm]]` that applies to `group`, resolved like flyctl's `computeToGuest`.
    fn guest(&mut self, group: &str) -> Guest {
        let vms = &self.config.vm;
        let named = vms
            .iter()
            .filter(|v| v.processes.iter().any(|p| p == group));
        let generic = vms.iter().filter(|v| v.processes.is_empty());
        let matching = named.clone().count() + generic.clone().count();
        let chosen: Option<&Vm> = named.clone().next().or_else(|| generic.clone().next());
        let Some(vm) = chosen else {
            self.notes.push(format!(
                "Group {group}: no [[vm]] applies, so it is priced as shared-cpu-1x with 256MB (flyctl's size for new Machines; `fly deploy` leaves existing Machines' sizes unchanged)."
            ));
            return Guest {
                kind: CpuKind::Shared,
                cpus: 1,
                memory_mb: 256,
                gpu: false,
            };
        };
        if matching > 1 {
            self.notes.push(format!(
                "Group {group}: {matching} [[vm]] sections apply; priced with the first {} one.",
                if named.count() > 0 {
                    "naming the group"
                } else {
                    "without processes"
                }
            ));
        }
        let gpu = vm.gpu_kind.as_deref().is_some_and(|k| !k.is_empty())
            || vm.gpus.is_some_and(|g| g > 0)
            || vm.size.is_some_and(|s| s.preset().gpu_kind.is_some());
        let base = vm.size.unwrap_or_else(|| {
            if vm.gpu_kind.as_deref().is_some_and(|k| !k.is_empty()) {
                VmSize::parse("performance-8x").unwrap_or_else(|_| VmSize::default_size())
            } else {
                VmSize::default_size()
            }
        });
        let preset = base.preset();
        let mut g = Guest {
            kind: preset.cpu_kind,
            cpus: preset.cpus,
            memory_mb: preset.memory_mb,
            gpu,
        };
        if let Some(m) = vm.memory {
            if m.mib() == 0 {
                self.notes.push(format!(
                    "Group {group}: [[vm]] memory is zero, which flyctl rejects; priced with the preset's {}MB.",
                    g.memory_mb
                ));
            } else {
                g.memory_mb = m.mib();
            }
        }
        match vm.memory_mb {
            Some(m) if m > 0 => g.memory_mb = u64::try_from(m).unwrap_or(g.memory_mb),
            Some(m) if m < 0 => self.notes.push(format!(
                "Group {group}: [[vm]] memory_mb = {m} is negative; ignored."
            )),
            _ => {}
        }
        match vm.cpus {
            Some(n) if n > 0 => g.cpus = u32::try_from(n).unwrap_or(u32::MAX),
            Some(n) if n < 0 => self.notes.push(format!(
                "Group {group}: [[vm]] cpus = {n} is negative; ignored."
            )),
            _ => {}
        }
        if let Some(k) = vm.cpu_kind.as_deref().filter(|k| !k.is_empty()) {
            match CpuKind::parse(k) {
                Some(kind) => g.kind = kind,
                None => self.notes.push(format!(
                    "Group {group}: cpu_kind \"{k}\" is not shared or performance; priced as {}.",
                    g.kind.as_str()
                )),
            }
        }
        if gpu {
            self.notes.push(format!(
                "Group {group}: the GPU is not priced (GPU Machines are no longer offered); only its CPUs and memory are."
            ));
        } else if let Some(problem) = check_guest(g.kind, g.cpus, g.memory_mb) {
            self.notes.push(format!(
                "Group {group}: {} ({}); priced as written, but the platform would reject it.",
                problem.message, problem.suggestion
            ));
        }
        g
    }

    fn price_group(
        &mut self,
        group: &str,
        region: Option<&str>,
        machines: u32,
        guest: &Guest,
        hours: f64,
    ) {
        let scale = hours / self.prices.period_hours;
        let (label, base_monthly, base_memory, derived) =
            match self.prices.preset_for(guest.kind, guest.cpus) {
                Some((name, p)) => (name.to_owned(), p.monthly, p.memory_mb, p.derived),
                None => {
                    let (min_per_cpu, _) = guest.kind.memory_per_cpu();
                    (
                        format!("{} {}x (no preset)", guest.kind.as_str(), guest.cpus),
                        f64::from(guest.cpus) * self.prices.derivation.per_cpu(guest.kind),
                        u64::from(guest.cpus).saturating_mul(min_per_cpu),
                        true,
                    )
                }
            };
        let where_ = region.map_or_else(String::new, |r| format!(" in {r}"));
        let cpu_word = if guest.cpus == 1 { "vCPU" } else { "vCPUs" };
        let qty = f64::from(machines);
        self.push(LineItem {
            kind: ItemKind::Machine,
            description: format!(
                "{label} ({} {} {cpu_word}, {}MB){where_}",
                guest.cpus,
                guest.kind.as_str(),
                base_memory
            ),
            group: Some(group.to_owned()),
            region: region.map(str::to_owned),
            quantity: qty,
            unit: "machine".into(),
            unit_price: unit_price(base_monthly * scale),
            monthly: 0.0,
            derived,
        });
        if guest.memory_mb > base_memory {
            let extra_gb = (guest.memory_mb - base_memory) as f64 / 1024.0;
            self.push(LineItem {
                kind: ItemKind::Memory,
                description: format!(
                    "{}MB above {label}'s {base_memory}MB ({}MB per Machine){where_}",
                    guest.memory_mb - base_memory,
                    guest.memory_mb
                ),
                group: Some(group.to_owned()),
                region: region.map(str::to_owned),
                quantity: extra_gb * qty,
                unit: "GB".into(),
                unit_price: unit_price(self.prices.rates.memory_per_gb_month * scale),
                monthly: 0.0,
                derived: false,
            });
        } else if guest.memory_mb < base_memory {
            self.notes.push(format!(
                "Group {group}: {}MB is less than {label}'s {base_memory}MB; priced at the preset.",
                guest.memory_mb
            ));
        }
    }

    /// The group's volume: the first `[[mounts]]` that applies (flyctl attaches only that one).
    fn mount(&mut self, group: &str, default_group: &str) -> Option<&'a Mount> {
        let config: &'a Config = self.config;
        let mut mounts = config
            .mounts
            .iter()
            .filter(|m| applies(&m.processes, group, default_group));
        let first = mounts.next();
        let extra = mounts.count();
        if extra > 0 {
            self.notes.push(format!(
                "Group {group}: {} [[mounts]] apply but a Machine gets only one volume; priced the first.",
                extra + 1
            ));
        }
        first
    }

    /// The volume size in GB: `initial_size`, or flyctl's default.
    fn volume_gb(&mut self, group: &str, mount: &Mount, gpu: bool) -> u64 {
        let default_gb = if gpu { 100 } else { 1 };
        match mount.initial_size.map(|s| s.gb()) {
            None => {
                self.notes.push(format!(
                    "Group {group}: the volume has no initial_size; priced at flyctl's default of {default_gb}GB."
                ));
                default_gb
            }
            Some(0) => {
                self.notes.push(format!(
                    "Group {group}: initial_size is below 1GB, which flyctl rejects; priced as 1GB."
                ));
                1
            }
            Some(gb) => gb,
        }
    }

    fn price_volume(
        &mut self,
        group: &str,
        region: Option<&str>,
        machines: u32,
        mount: &Mount,
        gb: u64,
    ) {
        let name = mount.source.as_deref().unwrap_or("(unnamed)");
        let where_ = region.map_or_else(String::new, |r| format!(" in {r}"));
        let each = if machines == 1 { "Machine" } else { "Machines" };
        self.push(LineItem {
            kind: ItemKind::Volume,
            description: format!("volume '{name}', {gb}GB on each of {machines} {each}{where_}"),
            group: Some(group.to_owned()),
            region: region.map(str::to_owned),
            quantity: gb as f64 * f64::from(machines),
            unit: "GB".into(),
            unit_price: unit_price(self.prices.rates.volume_per_gb_month),
            monthly: 0.0,
            derived: false,
        });
    }

    fn ipv4(&mut self, include: Option<bool>) {
        let need = dedicated_ipv4_reason(self.config);
        let why = match (include, &need) {
            (Some(false), Some(reason)) => {
                self.notes.push(format!(
                    "No dedicated IPv4, as requested, although the services need one ({reason})."
                ));
                return;
            }
            (Some(false), None) | (None, None) => {
                self.notes.push(
                    "No dedicated IPv4: the services need only the free shared IPv4 (ports 80/443 with standard handlers) and IPv6."
                        .into(),
                );
                return;
            }
            (_, Some(reason)) => reason.clone(),
            (Some(true), None) => "requested".into(),
        };
        self.notes
            .push(format!("One dedicated IPv4 for the app: {why}."));
        self.push(LineItem {
            kind: ItemKind::Ipv4,
            description: format!("dedicated IPv4 address ({why})"),
            group: None,
            region: None,
            quantity: 1.0,
            unit: "address".into(),
            unit_price: unit_price(self.prices.rates.ipv4_dedicated_month),
            monthly: 0.0,
            derived: false,
        });
    }

    fn push(&mut self, mut item: LineItem) {
        let monthly = round_cents(item.quantity * item.unit_price);
        item.monthly = if monthly.is_finite() && monthly > 0.0 {
            monthly
        } else {
            0.0
        };
        self.items.push(item);
    }
}
