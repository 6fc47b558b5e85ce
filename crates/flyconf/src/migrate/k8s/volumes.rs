//! Volumes: PersistentVolumeClaims and `volumeMounts` → `[[mounts]]`, and
//! ConfigMap and Secret volumes → `[[files]]`.

use super::{Obj, WorkloadCtx};
use crate::Severity;
use crate::migrate::draft::{Draft, secret_name, volume_name};
use crate::migrate::rules;
use crate::migrate::source::Src;
use crate::migrate::units;
use crate::migrate::yaml::Node;
use crate::model::{File, Mount, VolumeSize};
use std::ops::Range;

pub(super) fn storage_request(spec: Option<&Node>) -> Option<f64> {
    spec?
        .get("resources")?
        .get("requests")?
        .get("storage")?
        .str()
        .and_then(units::k8s_quantity)
}

pub(super) fn volumes(
    src: &mut Src<'_>,
    o: &Obj,
    pod: Option<&Node>,
    c: &Node,
    d: &mut Draft,
    ctx: &WorkloadCtx<'_>,
) {
    let ns = &o.namespace;
    let pod_volumes = pod
        .and_then(|p| p.get("volumes"))
        .map(Node::items)
        .unwrap_or_default();
    let templates = o
        .node
        .get("spec")
        .and_then(|s| s.get("volumeClaimTemplates"))
        .map(Node::items)
        .unwrap_or_default();
    let mut mounted: Option<String> = None;
    for (i, m) in c
        .get("volumeMounts")
        .map(Node::items)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let key = o.key(&format!(
            "spec.template.spec.containers[0].volumeMounts[{i}]"
        ));
        let Some(vname) = m.get("name").and_then(Node::str) else {
            continue;
        };
        let Some(target) = m.get("mountPath").and_then(Node::str) else {
            continue;
        };
        let template = templates.iter().find(|t| {
            t.get("metadata")
                .and_then(|x| x.get("name"))
                .and_then(Node::str)
                == Some(vname)
        });
        let vol = pod_volumes
            .iter()
            .find(|v| v.get("name").and_then(Node::str) == Some(vname));
        let claim: Option<(String, Option<f64>, bool)> = if let Some(t) = template {
            Some((vname.to_owned(), storage_request(t.get("spec")), true))
        } else {
            vol.and_then(|v| v.get("persistentVolumeClaim"))
                .and_then(|p| p.get("claimName"))
                .and_then(Node::str)
                .map(|cn| {
                    (
                        cn.to_owned(),
                        ctx.cluster
                            .claims
                            .get(&(ns.clone(), cn.to_owned()))
                            .copied()
                            .flatten(),
                        false,
                    )
                })
        };
        if let Some((claim_name, size, from_template)) = claim {
            if !target.starts_with('/') || target == "/" {
                src.report(&rules::UNSUPPORTED_VALUE, m.span.clone(), &key, format!("mount path `{target}` must be an absolute path other than /; the volume is not converted"), "");
                continue;
            }
            if let Some(first) = &mounted {
                src.report(
                    &rules::MULTIPLE_VOLUMES,
                    m.span.clone(),
                    &key,
                    format!("volume `{claim_name}` is not mounted: a Fly.io machine mounts one volume, and `{first}` is already mounted"),
                    "use subdirectories of one volume, or split the workload",
                );
                continue;
            }
            let (gb, adjusted) = size.map_or((VolumeSize(1), false), units::volume_gb);
            if adjusted {
                src.report(
                    &rules::VALUE_ADJUSTED,
                    m.span.clone(),
                    &key,
                    format!("the volume size is set to {gb} (Fly.io volumes are 1–500GB)"),
                    "",
                );
            }
            let fly_name = volume_name(&claim_name);
            d.config.mounts.push(Mount {
                source: Some(fly_name.clone()),
                destination: Some(target.to_owned()),
                initial_size: Some(gb),
                ..Mount::default()
            });
            src.report(
                &rules::VOLUME_NOT_SHARED,
                m.span.clone(),
                &key,
                if from_template {
                    format!("volume claim template `{claim_name}` → `[[mounts]]` `{fly_name}`: each machine gets its own {gb} volume; data is not replicated between machines, and there are no stable per-replica identities")
                } else {
                    format!("PersistentVolumeClaim `{claim_name}` → `[[mounts]]` `{fly_name}`: each machine gets its own {gb} volume, so replicas do not share data")
                },
                "keep one machine per volume, or replicate in the application; copy existing data with `fly ssh sftp`",
            );
            mounted = Some(claim_name);
            continue;
        }
        let Some(vol) = vol else {
            src.report(
                &rules::UNSUPPORTED_VALUE,
                m.span.clone(),
                &key,
                format!("volume `{vname}` is not defined in the pod"),
                "",
            );
            continue;
        };
        if let Some(cm) = vol.get("configMap") {
            config_map_files(src, d, ctx, ns, cm, target, &key, m.span.clone());
        } else if let Some(sec) = vol.get("secret") {
            secret_files(src, d, ctx, ns, sec, target, &key, m.span.clone());
        } else if vol.get("emptyDir").is_some() {
            src.report(&rules::HOST_MOUNT, m.span.clone(), &key, format!("emptyDir `{vname}` at `{target}` is not converted: the machine's root filesystem is already ephemeral"), "").severity = Severity::Info;
        } else {
            let kind = vol
                .entries()
                .iter()
                .filter_map(|(k, _)| k.text())
                .find(|k| *k != "name")
                .unwrap_or("unknown");
            src.report(
                &rules::HOST_MOUNT,
                m.span.clone(),
                &key,
                format!("`{kind}` volume `{vname}` at `{target}` is not converted"),
                "copy the files into the image, or ship them with `[[files]]`",
            );
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn config_map_files(
    src: &mut Src<'_>,
    d: &mut Draft,
    ctx: &WorkloadCtx<'_>,
    ns: &str,
    cm: &Node,
    target: &str,
    key: &str,
    span: Range<usize>,
) {
    let name = cm.get("name").and_then(Node::str).unwrap_or_default();
    let Some(&ci) = ctx
        .cluster
        .config_maps
        .get(&(ns.to_owned(), name.to_owned()))
    else {
        src.report(
            &rules::UNRESOLVED_VARIABLE,
            span,
            key,
            format!("ConfigMap `{name}` is not among the manifests; its files are not converted"),
            "ship the files with `[[files]]` by hand",
        );
        return;
    };
    let data = ctx.cluster.objs[ci].node.get("data");
    let items: Vec<(String, String)> = match cm.get("items") {
        Some(items) => items
            .items()
            .iter()
            .filter_map(|i| {
                Some((
                    i.get("key").and_then(Node::str)?.to_owned(),
                    i.get("path").and_then(Node::str)?.to_owned(),
                ))
            })
            .collect(),
        None => data
            .map(Node::entries)
            .unwrap_or_default()
            .iter()
            .filter_map(|(k, _)| k.text().map(|k| (k.to_owned(), k.to_owned())))
            .collect(),
    };
    for (k, rel) in items {
        let Some(content) = data.and_then(|dt| dt.get(&k)).and_then(Node::text) else {
            continue;
        };
        let guest = format!("{}/{}", target.trim_end_matches('/'), rel);
        // flyconf scans `raw_value` under the guest path's name.
        if crate::secrets::scan(&k, content).is_some()
            || crate::secrets::scan(&guest, content).is_some()
        {
            let sname = secret_name(&format!("{name}_{k}"));
            d.secret(&sname);
            d.config.files.push(File {
                guest_path: Some(guest.clone()),
                secret_name: Some(sname.clone()),
                ..File::default()
            });
            src.report(
                &rules::SECRET_NOT_MIGRATED,
                span.clone(),
                key,
                format!("ConfigMap `{name}` key `{k}` holds a credential; `{guest}` comes from secret `{sname}` instead"),
                format!("`fly secrets set {sname}=\"$(base64 < FILE | tr -d '\\n')\" --app {}` ([[files]] secrets hold base64)", d.name),
            );
            continue;
        }
        d.config.files.push(File {
            guest_path: Some(guest),
            raw_value: Some(content.to_owned()),
            ..File::default()
        });
    }
}

#[allow(clippy::too_many_arguments)]
fn secret_files(
    src: &mut Src<'_>,
    d: &mut Draft,
    ctx: &WorkloadCtx<'_>,
    ns: &str,
    sec: &Node,
    target: &str,
    key: &str,
    span: Range<usize>,
) {
    let name = sec
        .get("secretName")
        .and_then(Node::str)
        .unwrap_or_default();
    let items: Vec<(String, String)> = match sec.get("items") {
        Some(items) => items
            .items()
            .iter()
            .filter_map(|i| {
                Some((
                    i.get("key").and_then(Node::str)?.to_owned(),
                    i.get("path").and_then(Node::str)?.to_owned(),
                ))
            })
            .collect(),
        None => match ctx.cluster.secrets.get(&(ns.to_owned(), name.to_owned())) {
            Some(keys) => keys.iter().map(|k| (k.clone(), k.clone())).collect(),
            None => {
                src.report(&rules::UNRESOLVED_VARIABLE, span, key, format!("Secret `{name}` is not among the manifests, so the files it provides are unknown"), "add `[[files]]` with `secret_name` by hand");
                return;
            }
        },
    };
    for (k, rel) in items {
        let sname = secret_name(&format!("{name}_{k}"));
        let guest = format!("{}/{}", target.trim_end_matches('/'), rel);
        d.secret(&sname);
        d.config.files.push(File {
            guest_path: Some(guest.clone()),
            secret_name: Some(sname.clone()),
            ..File::default()
        });
        d.note(format!(
            "Secret `{name}` key `{k}` → file {guest} from secret `{sname}`, which holds base64: `kubectl get secret {name} -o jsonpath='{{.data.{k}}}' | fly secrets set {sname}=- --app {}`",
            d.name
        ));
    }
}
