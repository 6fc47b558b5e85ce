//! Reading manifest files into objects: Helm/Go templates are detected and
//! skipped, YAML documents parsed, and `List` kinds flattened.

use super::Obj;
use crate::migrate::rules;
use crate::migrate::source::Src;
use crate::migrate::yaml::{self, Node};

/// Where a Helm/Go template action appears in `text`, if anywhere.
fn template_action(text: &str) -> Option<usize> {
    const ACTIONS: &[&str] = &[
        "{{ .",
        "{{.",
        "{{- ",
        "{{-",
        "{{ include",
        "{{ template",
        "{{ if",
        "{{ else",
        "{{ range",
        "{{ with",
        "{{ end",
        "{{ toYaml",
        "{{ tpl",
        "{{ default",
        "{{ quote",
    ];
    ACTIONS.iter().filter_map(|a| text.find(a)).min()
}

pub(super) fn parse_all(srcs: &mut [&mut Src<'_>]) -> Vec<Obj> {
    let mut objs = Vec::new();
    for (file, src) in srcs.iter_mut().enumerate() {
        if let Some(at) = template_action(src.text) {
            let end = src.text[at..].find("}}").map_or(at, |e| at + e + 2);
            src.report(
                &rules::UNPARSEABLE_SOURCE,
                at..end,
                "",
                format!("{} is a Helm/Go template, not a manifest; it is skipped", src.path),
                "render it first (`helm template . > rendered.yaml`, or `kustomize build`) and migrate the result",
            );
            continue;
        }
        let parsed = match yaml::parse(src.text) {
            Ok(p) => p,
            Err(e) => {
                let helm = src.text.contains("{{");
                src.report(
                    &rules::UNPARSEABLE_SOURCE,
                    e.offset..e.offset,
                    "",
                    format!("{} is not valid YAML: {}", src.path, e.message),
                    if helm {
                        "this looks like a Helm template: render it first (`helm template . > rendered.yaml`) and migrate the result"
                    } else {
                        "fix the syntax (`kubectl apply --dry-run=client -f FILE` shows the same error); the file is skipped"
                    },
                );
                continue;
            }
        };
        for dup in &parsed.duplicate_keys {
            let key = src.text.get(dup.clone()).unwrap_or_default().to_owned();
            src.report(
                &rules::UNPARSEABLE_SOURCE,
                dup.clone(),
                &key,
                format!("key `{key}` appears twice in one mapping; the later value is used"),
                "remove one of them",
            );
        }
        let mut stack: Vec<Node> = parsed.docs;
        stack.reverse();
        while let Some(node) = stack.pop() {
            let kind = node
                .get("kind")
                .and_then(Node::str)
                .unwrap_or_default()
                .to_owned();
            if kind == "List" || kind.ends_with("List") && node.get("items").is_some() {
                let mut items: Vec<Node> = node
                    .get("items")
                    .map(|i| i.items().to_vec())
                    .unwrap_or_default();
                items.reverse();
                stack.extend(items);
                continue;
            }
            if kind.is_empty() {
                continue;
            }
            let meta = node.get("metadata");
            let name = meta
                .and_then(|m| m.get("name"))
                .and_then(Node::str)
                .unwrap_or_default()
                .to_owned();
            let namespace = meta
                .and_then(|m| m.get("namespace"))
                .and_then(Node::str)
                .unwrap_or("default")
                .to_owned();
            objs.push(Obj {
                file,
                node,
                kind,
                name,
                namespace,
            });
        }
    }
    objs
}
