//! Reading a `Procfile` (`name: command` lines) and naming process groups.

use crate::migrate::rules;
use crate::migrate::source::Src;
use std::ops::Range;

/// One `name: command` line.
pub(super) struct Process {
    pub(super) name: String,
    pub(super) command: String,
    pub(super) name_range: Range<usize>,
    pub(super) command_range: Range<usize>,
}

/// Reads a Procfile, reporting lines that are not `name: command`.
pub(super) fn parse_procfile(src: &mut Src<'_>) -> Vec<Process> {
    let mut out: Vec<Process> = Vec::new();
    let text = src.text;
    let mut offset = 0;
    for (n, raw) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let parsed = line.split_once(':').and_then(|(name, cmd)| {
            let name_t = name.trim();
            let valid = !name_t.is_empty()
                && name_t
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            let cmd_t = cmd.trim();
            (valid && !cmd_t.is_empty()).then(|| {
                let cmd_start = start + name.len() + 1 + (cmd.len() - cmd.trim_start().len());
                (name_t, cmd_t, cmd_start)
            })
        });
        let Some((name, command, cmd_start)) = parsed else {
            let range = src.line_range(n + 1);
            src.report(
                &rules::UNPARSEABLE_SOURCE,
                range,
                &format!("line {}", n + 1),
                format!("Procfile line {} is not `name: command`; it is skipped", n + 1),
                "write one process per line as `web: <command>` (names use letters, digits, `_` and `-`)",
            );
            continue;
        };
        let name_range = start + lead..start + lead + name.len();
        if let Some(prev) = out.iter().position(|p| p.name == name) {
            src.report(
                &rules::UNSUPPORTED_VALUE,
                name_range.clone(),
                name,
                format!("process type `{name}` is defined twice; the later line is used"),
                "keep one line per process type",
            );
            out.remove(prev);
        }
        out.push(Process {
            name: name.to_owned(),
            command: command.to_owned(),
            name_range,
            command_range: cmd_start..cmd_start + command.len(),
        });
    }
    out
}

/// A Fly.io process group name for a Procfile process type.
pub(super) fn group_name(name: &str) -> String {
    let mut g: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if g.starts_with("fly_app_") {
        g = format!("{g}-proc");
    }
    g
}
