//! Facts read from parsed instructions: build stages, `KEY=value` pairs,
//! build-argument expansion, the user the image runs as and its exposed ports.

use super::Keyword;
use super::parse::{Dockerfile, Instruction};
use std::collections::HashMap;
use std::ops::Range;

/// A build stage: a FROM instruction and everything up to the next FROM.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    /// 0-based stage number (what `COPY --from=0` refers to).
    pub index: usize,
    /// Indices into [`Dockerfile::instructions`]; the first one is the FROM.
    pub instructions: Range<usize>,
    /// The image reference as written (`node:${NODE_VERSION}-slim`); empty if missing.
    pub image: String,
    /// Byte range of the image reference.
    pub image_range: Range<usize>,
    /// The `AS name`, as written.
    pub name: Option<String>,
    /// Byte range of the name.
    pub name_range: Option<Range<usize>>,
    /// Whether the FROM reads `image` or `image AS name` and nothing else.
    pub well_formed: bool,
}

impl Stage {
    /// Index of the stage's FROM instruction.
    pub fn from(&self) -> usize {
        self.instructions.start
    }
}

/// A `KEY=value` (or `KEY value`, or a bare `KEY`) in ARG, ENV or LABEL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    /// The key.
    pub key: String,
    /// Byte range of the key.
    pub key_range: Range<usize>,
    /// The value with quotes removed; `None` for a bare `ARG NAME`.
    pub value: Option<String>,
    /// Byte range of the raw value (quotes included).
    pub value_range: Option<Range<usize>>,
}

/// A port or port range from EXPOSE.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExposedPort {
    /// First port.
    pub port: u16,
    /// Last port (equal to `port` unless a range such as `8000-8010` was given).
    pub end: u16,
    /// `tcp` (the default) or `udp`.
    pub protocol: String,
    /// Byte range of the word.
    pub range: Range<usize>,
}

/// Who the final image runs as, as far as the Dockerfile says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunAs {
    /// Set by the USER instruction at this index.
    User {
        /// Index into [`Dockerfile::instructions`].
        instruction: usize,
        /// The user as written (`app`, `1000:1000`, `root`…).
        user: String,
    },
    /// No USER in the stage or the stages it builds on: the base image decides.
    BaseImage {
        /// The base image (build arguments expanded where possible).
        image: String,
    },
}

/// Stage names, compared without case, and the stages that carry them.
pub(crate) struct StageNames {
    by_name: HashMap<String, Vec<usize>>,
    in_order: Vec<(usize, String)>,
}

impl StageNames {
    pub(crate) fn new(stages: &[Stage]) -> StageNames {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        let mut in_order = Vec::new();
        for stage in stages {
            if let Some(name) = &stage.name {
                by_name
                    .entry(name.to_ascii_lowercase())
                    .or_default()
                    .push(stage.index);
                in_order.push((stage.index, name.clone()));
            }
        }
        StageNames { by_name, in_order }
    }

    fn indices(&self, name: &str) -> &[usize] {
        self.by_name
            .get(&name.to_ascii_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    /// The last stage called `name` before stage `index`.
    pub(crate) fn before(&self, name: &str, index: usize) -> Option<usize> {
        let v = self.indices(name);
        v.partition_point(|&s| s < index)
            .checked_sub(1)
            .map(|i| v[i])
    }

    /// The first stage called `name`.
    pub(crate) fn first(&self, name: &str) -> Option<usize> {
        self.indices(name).first().copied()
    }

    /// The first stage called `name` after stage `index`.
    pub(crate) fn after(&self, name: &str, index: usize) -> Option<usize> {
        let v = self.indices(name);
        v.get(v.partition_point(|&s| s <= index)).copied()
    }

    /// Whether stage `index` is called `name`.
    pub(crate) fn is(&self, name: &str, index: usize) -> bool {
        self.indices(name).binary_search(&index).is_ok()
    }

    /// Up to `max` names of the stages before `index`, in order.
    pub(crate) fn listed_before(&self, index: usize, max: usize) -> Vec<&str> {
        let end = self.in_order.partition_point(|(i, _)| *i < index);
        self.in_order[..end]
            .iter()
            .take(max)
            .map(|(_, n)| n.as_str())
            .collect()
    }
}

/// The value of the last global ARG called `name`, if it has one.
fn lookup_arg<'a>(globals: &'a [KeyValue], name: &str) -> Option<&'a str> {
    globals
        .iter()
        .rev()
        .find(|kv| kv.key == name)
        .and_then(|kv| kv.value.as_deref())
}

/// The pairs of an ARG, ENV or LABEL instruction.
pub fn key_values(inst: &Instruction) -> Vec<KeyValue> {
    let words = inst.words();
    let legacy_env =
        inst.keyword == Keyword::Env && words.first().is_some_and(|w| !w.value.contains('='));
    if legacy_env {
        let (Some(first), Some(second), Some(last)) = (words.first(), words.get(1), words.last())
        else {
            return words
                .first()
                .map(|w| KeyValue {
                    key: w.value.clone(),
                    key_range: inst.source_range(w.range.clone()),
                    value: None,
                    value_range: None,
                })
                .into_iter()
                .collect();
        };
        let value: Vec<&str> = words[1..].iter().map(|w| w.value.as_str()).collect();
        return vec![KeyValue {
            key: first.value.clone(),
            key_range: inst.source_range(first.range.clone()),
            value: Some(value.join(" ")),
            value_range: Some(inst.source_range(second.range.start..last.range.end)),
        }];
    }
    words
        .into_iter()
        .map(|w| {
            let raw = &inst.args[w.range.clone()];
            match (raw.find('='), w.value.split_once('=')) {
                (Some(eq), Some((key, value))) => KeyValue {
                    key: key.to_string(),
                    key_range: inst.source_range(w.range.start..w.range.start + eq),
                    value: Some(value.to_string()),
                    value_range: Some(inst.source_range(w.range.start + eq + 1..w.range.end)),
                },
                _ => KeyValue {
                    key: w.value.clone(),
                    key_range: inst.source_range(w.range.clone()),
                    value: None,
                    value_range: None,
                },
            }
        })
        .collect()
}

/// Expands `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`,
/// `${NAME:+alt}` and `${NAME+alt}` in `s`. `lookup` gives a variable's value,
/// or `None` if it has none. Returns `None` when the result depends on a value
/// that is not known (a variable without a value and no default).
pub fn expand<'v>(s: &str, lookup: &dyn Fn(&str) -> Option<&'v str>) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(['$', '\\']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("\\$") {
            out.push('$');
            rest = after;
            continue;
        }
        if let Some(after) = tail.strip_prefix('\\') {
            out.push('\\');
            rest = after;
            continue;
        }
        let body = &tail[1..];
        if let Some(inner) = body.strip_prefix('{') {
            let close = inner.find('}')?;
            let expr = &inner[..close];
            rest = &inner[close + 1..];
            let name_len = expr
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            let (name, op) = expr.split_at(name_len);
            if name.is_empty() {
                return None;
            }
            let value = lookup(name);
            let expanded = if op.is_empty() {
                value?.to_string()
            } else if let Some(default) = op.strip_prefix(":-").or_else(|| op.strip_prefix('-')) {
                value
                    .filter(|v| !v.is_empty())
                    .unwrap_or(default)
                    .to_string()
            } else if let Some(alt) = op.strip_prefix(":+").or_else(|| op.strip_prefix('+')) {
                if value?.is_empty() {
                    String::new()
                } else {
                    alt.to_string()
                }
            } else {
                return None;
            };
            out.push_str(&expanded);
        } else {
            let name_len = body
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            if name_len == 0 {
                out.push('$');
                rest = body;
                continue;
            }
            out.push_str(lookup(&body[..name_len])?);
            rest = &body[name_len..];
        }
    }
    out.push_str(rest);
    Some(out)
}

impl Dockerfile {
    /// The build stages, in order.
    pub fn stages(&self) -> Vec<Stage> {
        let froms: Vec<usize> = (0..self.instructions.len())
            .filter(|&i| self.instructions[i].keyword == Keyword::From)
            .collect();
        froms
            .iter()
            .enumerate()
            .map(|(index, &from)| {
                let inst = &self.instructions[from];
                let end = froms
                    .get(index + 1)
                    .copied()
                    .unwrap_or(self.instructions.len());
                let words = inst.words();
                let image = words.first();
                let named = words.len() == 3 && words[1].value.eq_ignore_ascii_case("as");
                Stage {
                    index,
                    instructions: from..end,
                    image: image.map(|w| w.value.clone()).unwrap_or_default(),
                    image_range: image.map_or(inst.keyword_range.clone(), |w| {
                        inst.source_range(w.range.clone())
                    }),
                    name: named.then(|| words[2].value.clone()),
                    name_range: named.then(|| inst.source_range(words[2].range.clone())),
                    well_formed: words.len() == 1 || named,
                }
            })
            .collect()
    }

    /// ARG instructions before the first FROM: the only ones FROM can use.
    /// Defaults that refer to earlier arguments are expanded, as Docker does.
    pub fn global_args(&self) -> Vec<KeyValue> {
        let mut globals: Vec<KeyValue> = Vec::new();
        let args = self
            .instructions
            .iter()
            .take_while(|i| i.keyword != Keyword::From)
            .filter(|i| i.keyword == Keyword::Arg);
        for mut kv in args.flat_map(key_values) {
            if let Some(value) = &kv.value {
                let lookup = |name: &str| lookup_arg(&globals, name);
                kv.value = Some(expand(value, &lookup).unwrap_or_else(|| value.clone()));
            }
            globals.push(kv);
        }
        globals
    }

    /// A stage's image with global build arguments expanded; `None` if it
    /// depends on an argument that has no default.
    pub fn resolved_image(&self, stage: &Stage, globals: &[KeyValue]) -> Option<String> {
        expand(&stage.image, &|name| lookup_arg(globals, name))
    }

    /// The earlier stage that `stage` builds on (`FROM build AS runtime`), if any.
    pub fn parent_stage(
        &self,
        stages: &[Stage],
        stage: &Stage,
        globals: &[KeyValue],
    ) -> Option<usize> {
        self.parent_in(&StageNames::new(stages), stage, globals)
    }

    fn parent_in(&self, names: &StageNames, stage: &Stage, globals: &[KeyValue]) -> Option<usize> {
        names.before(&self.resolved_image(stage, globals)?, stage.index)
    }

    /// Who stage `index` runs as: its last USER, else that of the stage it
    /// builds on, else the base image's default.
    pub fn run_as(&self, stages: &[Stage], index: usize) -> Option<RunAs> {
        let globals = self.global_args();
        let names = StageNames::new(stages);
        let mut current = stages.get(index)?;
        // Each step goes to an earlier stage, so this terminates.
        loop {
            let user = current
                .instructions
                .clone()
                .rev()
                .find(|&i| self.instructions[i].keyword == Keyword::User);
            if let Some(instruction) = user {
                let user = self.instructions[instruction]
                    .words()
                    .into_iter()
                    .next()
                    .map(|w| w.value);
                return Some(RunAs::User {
                    instruction,
                    user: user.unwrap_or_default(),
                });
            }
            match self.parent_in(&names, current, &globals) {
                Some(parent) => current = &stages[parent],
                None => {
                    let image = self
                        .resolved_image(current, &globals)
                        .unwrap_or_else(|| current.image.clone());
                    return Some(RunAs::BaseImage { image });
                }
            }
        }
    }

    /// Who the final stage runs as; `None` if there is no FROM.
    pub fn final_user(&self) -> Option<RunAs> {
        let stages = self.stages();
        self.run_as(&stages, stages.len().checked_sub(1)?)
    }

    /// Ports the final image exposes (its own EXPOSE and those of the stages it
    /// builds on). Ports given through variables are skipped.
    pub fn exposed_ports(&self) -> Vec<ExposedPort> {
        let stages = self.stages();
        let globals = self.global_args();
        let names = StageNames::new(&stages);
        let mut chain = Vec::new();
        let mut next = stages.last();
        while let Some(stage) = next {
            chain.push(stage.instructions.clone());
            next = self.parent_in(&names, stage, &globals).map(|p| &stages[p]);
        }
        let mut ports = Vec::new();
        for range in chain.into_iter().rev() {
            for inst in &self.instructions[range] {
                if inst.keyword != Keyword::Expose {
                    continue;
                }
                for word in inst.words() {
                    let (spec, protocol) =
                        word.value.split_once('/').unwrap_or((&word.value, "tcp"));
                    let (first, last) = spec.split_once('-').unwrap_or((spec, spec));
                    if let (Ok(port), Ok(end)) = (first.parse::<u16>(), last.parse::<u16>()) {
                        ports.push(ExposedPort {
                            port,
                            end,
                            protocol: protocol.to_ascii_lowercase(),
                            range: inst.source_range(word.range),
                        });
                    }
                }
            }
        }
        ports
    }
}
