//! A service's `volumes` → `[[mounts]]` (one named volume per machine);
//! bind mounts and scratch volumes are reported.

use super::{Project, bad_value, kp};
use crate::Severity;
use crate::migrate::draft::{Draft, volume_name};
use crate::migrate::rules;
use crate::migrate::shell::interpolate;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;
use crate::model::{Mount, VolumeSize};

/// A volume entry of a service.
pub(super) enum VolumeRef {
    Named(String, String),
    Bind(String, String),
    Anonymous(String),
    Tmpfs(String),
    Unresolved(Vec<String>),
    Other(String),
}

pub(super) fn volume_ref(item: &Node) -> Option<VolumeRef> {
    if item.is_map() {
        let kind = item.get("type").and_then(Node::str).unwrap_or("volume");
        let source = item.get("source").and_then(Node::str).map(str::to_owned);
        let target = item
            .get("target")
            .and_then(Node::str)
            .unwrap_or_default()
            .to_owned();
        return Some(match (kind, source) {
            ("volume", Some(s)) => VolumeRef::Named(s, target),
            ("volume", None) => VolumeRef::Anonymous(target),
            ("bind", Some(s)) => VolumeRef::Bind(s, target),
            ("tmpfs", _) => VolumeRef::Tmpfs(target),
            (other, _) => VolumeRef::Other(other.to_owned()),
        });
    }
    let raw = item.str()?;
    let i = interpolate(raw);
    if !i.unresolved.is_empty() {
        return Some(VolumeRef::Unresolved(i.unresolved));
    }
    let s = i.value;
    let mut parts = s.splitn(3, ':');
    let first = parts.next().unwrap_or_default().to_owned();
    let Some(second) = parts.next() else {
        return Some(VolumeRef::Anonymous(first));
    };
    let windows_drive = first.len() == 1 && second.starts_with('\\');
    let bind = windows_drive
        || first.starts_with('.')
        || first.starts_with('/')
        || first.starts_with('~')
        || first.contains('/');
    Some(if bind {
        VolumeRef::Bind(first, second.to_owned())
    } else {
        VolumeRef::Named(first, second.to_owned())
    })
}

pub(super) fn volumes(src: &mut Src<'_>, project: &Project, svc: &str, d: &mut Draft, node: &Node) {
    let mut mounted: Option<String> = None;
    for (i, item) in node.items().iter().enumerate() {
        let key = kp(svc, &format!("volumes[{i}]"));
        let Some(r) = volume_ref(item) else { continue };
        match r {
            VolumeRef::Named(name, target) => {
                if !target.starts_with('/') || target == "/" {
                    bad_value(
                        src,
                        item,
                        &key,
                        "mount destination (it must be an absolute path other than /)",
                    );
                    continue;
                }
                if let Some(first) = &mounted {
                    src.report(
                        &rules::MULTIPLE_VOLUMES,
                        item.span.clone(),
                        &key,
                        format!("volume `{name}` is not mounted: a Fly.io machine mounts one volume, and `{first}` is already mounted"),
                        "use subdirectories of one volume, or split the service",
                    );
                    continue;
                }
                let fly_name = volume_name(&name);
                d.config.mounts.push(Mount {
                    source: Some(fly_name.clone()),
                    destination: Some(target.clone()),
                    initial_size: Some(VolumeSize(1)),
                    ..Mount::default()
                });
                d.note(format!(
                    "volume `{name}` → `[[mounts]]` `{fly_name}` at {target}: fly deploy creates a 1GB volume per machine (grow it with `fly volumes extend`); copy existing data with `fly ssh sftp`"
                ));
                if project.volume_users.get(&name).copied().unwrap_or(0) > 1 {
                    src.report(
                        &rules::VOLUME_NOT_SHARED,
                        item.span.clone(),
                        &key,
                        format!("volume `{name}` is used by several services, but a Fly.io volume belongs to one machine of one app: each app gets its own, empty copy"),
                        "share files through object storage (`fly storage create`) or through one app's API",
                    );
                }
                mounted = Some(name);
            }
            VolumeRef::Bind(host, target) => {
                src.report(
                    &rules::HOST_MOUNT,
                    item.span.clone(),
                    &key,
                    format!("bind mount `{host}` → `{target}` is not converted: machines have no host directory"),
                    "copy the files into the image (`COPY`), or ship single files with `[[files]]` `local_path`",
                );
            }
            VolumeRef::Anonymous(target) | VolumeRef::Tmpfs(target) => {
                src.report(
                    &rules::HOST_MOUNT,
                    item.span.clone(),
                    &key,
                    format!("the scratch volume at `{target}` is not converted: the machine's root filesystem is already ephemeral"),
                    "",
                )
                .severity = Severity::Info;
            }
            VolumeRef::Unresolved(vars) => {
                src.report(
                    &rules::UNRESOLVED_VARIABLE,
                    item.span.clone(),
                    &key,
                    format!("the volume depends on `{}` from the shell running compose; it is not converted", vars.join("`, `")),
                    "add `[[mounts]]` by hand",
                );
            }
            VolumeRef::Other(kind) => {
                src.report(
                    &rules::HOST_MOUNT,
                    item.span.clone(),
                    &key,
                    format!("a `{kind}` volume is not converted"),
                    "",
                );
            }
        }
    }
}
