//! YAML and JSON read into a small tree whose every node remembers its byte
//! span in the source, so migration diagnostics can point at lines.
//!
//! YAML comes from `saphyr-parser` events. The loader here resolves aliases
//! (with a node budget against "billion laughs" documents), applies `<<` merge
//! keys (docker-compose files use them with `x-` anchors), limits nesting and
//! keeps every scalar's text as written: `VERSION: 1.10` stays `"1.10"`, which
//! is what a process expects in its environment.

use saphyr_parser::{Event, Parser, ScalarStyle, Span as YamlSpan, SpannedEventReceiver};
use std::collections::HashMap;
use std::ops::Range;

/// Deepest nesting accepted; deeper documents are reported as unreadable.
const MAX_DEPTH: usize = 128;
/// Total nodes that alias expansion may produce in one file.
const ALIAS_BUDGET: usize = 100_000;

/// A YAML/JSON node with its byte span in the source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// What the node holds.
    pub(crate) kind: Kind,
    /// Byte range in the source text.
    pub(crate) span: Range<usize>,
}

/// The shape of a node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// A scalar as written; `plain` is false for quoted and block scalars.
    Scalar {
        /// The scalar's text (after unescaping).
        text: String,
        /// Whether it was written without quotes (so `null`, `true`, `12` are typed).
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<(Node, Node)>),
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// The parser's message.
    pub(crate) message: String,
    /// Byte offset of the problem.
    pub(crate) offset: usize,
}

/// A parsed YAML stream.
#[derive(Debug, Clone, Default)]
pub(crate) struct Documents {
    /// The documents, in order (empty documents are left out).
    pub(crate) docs: Vec<Node>,
    /// Spans of keys that repeat an earlier key of the same mapping (the later value wins).
    pub(crate) duplicate_keys: Vec<Range<usize>>,
}

static EMPTY_NODES: [Node; 0] = [];
static EMPTY_ENTRIES: [(Node, Node); 0] = [];

impl Node {
    /// A scalar node (used for JSON read without spans, and in tests).
    pub(crate) fn scalar(text: impl Into<String>, plain: bool, span: Range<usize>) -> Node {
        Node {
            kind: Kind::Scalar {
                text: text.into(),
                plain,
            },
            span,
        }
    }

    /// The value under `key` when this is a mapping.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        self.entries()
            .iter()
            .find(|(k, _)| k.text() == Some(key))
            .map(|(_, v)| v)
    }

    /// Mapping entries (empty for other nodes).
    pub(crate) fn entries(&self) -> &[(Node, Node)] {
        match &self.kind {
            Kind::Map(entries) => entries,
            _ => &EMPTY_ENTRIES,
        }
    }

    /// Sequence items (empty for other nodes).
    pub(crate) fn items(&self) -> &[Node] {
        match &self.kind {
            Kind::Seq(items) => items,
            _ => &EMPTY_NODES,
        }
    }

    /// Whether this is a mapping.
    pub(crate) fn is_map(&self) -> bool {
        matches!(self.kind, Kind::Map(_))
    }

    /// Whether this is a sequence.
    pub(crate) fn is_seq(&self) -> bool {
        matches!(self.kind, Kind::Seq(_))
    }

    /// Whether this is a null scalar (`~`, `null`, or nothing).
    pub(crate) fn is_null(&self) -> bool {
        match &self.kind {
            Kind::Scalar { text, plain: true } => {
                matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL")
            }
            _ => false,
        }
    }

    /// The text of a scalar, including null scalars.
    pub(crate) fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// The text of a non-null scalar.
    pub(crate) fn str(&self) -> Option<&str> {
        if self.is_null() { None } else { self.text() }
    }

    /// A scalar read as an integer (quoted digits are accepted too).
    pub(crate) fn int(&self) -> Option<i64> {
        let t = self.str()?.trim();
        t.strip_prefix('+').unwrap_or(t).parse().ok()
    }

    /// A scalar read as a number.
    pub(crate) fn float(&self) -> Option<f64> {
        let f: f64 = self.str()?.trim().parse().ok()?;
        f.is_finite().then_some(f)
    }

    /// A plain `true`/`false` scalar (any case, as YAML 1.2's core schema).
    pub(crate) fn bool(&self) -> Option<bool> {
        match self.str()?.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// Number of nodes in this subtree (bounded by [`MAX_DEPTH`] nesting).
    fn count(&self) -> usize {
        match &self.kind {
            Kind::Scalar { .. } => 1,
            Kind::Seq(items) => 1 + items.iter().map(Node::count).sum::<usize>(),
            Kind::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| k.count() + v.count())
                    .sum::<usize>()
            }
        }
    }
}

/// Char index → byte offset, for the parser's character-based markers.
struct CharMap {
    /// Byte offset of each char, plus the text length; empty when the text is ASCII.
    offsets: Vec<usize>,
    len: usize,
}

impl CharMap {
    fn new(text: &str) -> CharMap {
        let offsets = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(text.len()))
                .collect()
        };
        CharMap {
            offsets,
            len: text.len(),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.offsets.is_empty() {
            char_index.min(self.len)
        } else {
            self.offsets.get(char_index).copied().unwrap_or(self.len)
        }
    }

    fn range(&self, span: YamlSpan) -> Range<usize> {
        let start = self.byte(span.start.index());
        let end = self.byte(span.end.index()).max(start);
        start..end
    }
}

enum Frame {
    Seq {
        items: Vec<Node>,
        start: usize,
        anchor: usize,
    },
    Map {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        start: usize,
        anchor: usize,
    },
}

struct Loader<'m> {
    text: &'m str,
    map: &'m CharMap,
    stack: Vec<Frame>,
    out: Documents,
    anchors: HashMap<usize, Node>,
    budget: usize,
    error: Option<SyntaxError>,
}

impl Loader<'_> {
    /// `range` without trailing whitespace (flow scalars' spans include it).
    fn trim_end(&self, range: Range<usize>) -> Range<usize> {
        let bytes = self.text.as_bytes();
        let mut end = range.end;
        while end > range.start && bytes.get(end - 1).is_some_and(u8::is_ascii_whitespace) {
            end -= 1;
        }
        range.start..end
    }

    /// Where a collection that starts at `start` ends: after its closing
    /// bracket for flow collections, after its last child for block ones (the
    /// end event of a block collection sits at the next token).
    fn end_of(&self, start: usize, last_child: Option<usize>, end_event: usize) -> usize {
        let flow = matches!(self.text.as_bytes().get(start), Some(b'[' | b'{'));
        let end = match (flow, last_child) {
            (true, Some(c)) => end_event.max(c),
            (true, None) | (false, None) => end_event,
            (false, Some(c)) => c,
        };
        self.trim_end(start..end.max(start)).end
    }

    fn fail(&mut self, message: &str, offset: usize) {
        if self.error.is_none() {
            self.error = Some(SyntaxError {
                message: message.to_owned(),
                offset,
            });
        }
    }

    fn remember(&mut self, anchor: usize, node: &Node) {
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
    }

    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.out.docs.push(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => {
                    if let Some(text) = k.text()
                        && entries.iter().any(|(e, _)| e.text() == Some(text))
                    {
                        self.out.duplicate_keys.push(k.span.clone());
                        entries.retain(|(e, _)| e.text() != Some(text));
                    }
                    entries.push((k, node));
                }
            },
        }
    }

    fn open(&mut self, frame: Frame, offset: usize) {
        if self.stack.len() >= MAX_DEPTH {
            self.fail("the document is nested too deeply", offset);
            return;
        }
        self.stack.push(frame);
    }

    fn event(&mut self, ev: Event<'_>, span: YamlSpan) {
        let range = self.map.range(span);
        match ev {
            Event::Scalar(text, style, anchor, _tag) => {
                let node = Node::scalar(
                    text.into_owned(),
                    style == ScalarStyle::Plain,
                    self.trim_end(range),
                );
                self.remember(anchor, &node);
                self.push(node);
            }
            Event::SequenceStart(anchor, _) => self.open(
                Frame::Seq {
                    items: Vec::new(),
                    start: range.start,
                    anchor,
                },
                range.start,
            ),
            Event::MappingStart(anchor, _) => self.open(
                Frame::Map {
                    entries: Vec::new(),
                    key: None,
                    start: range.start,
                    anchor,
                },
                range.start,
            ),
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return;
                };
                let (node, anchor) = match frame {
                    Frame::Seq {
                        items,
                        start,
                        anchor,
                    } => {
                        let end = self.end_of(start, items.last().map(|n| n.span.end), range.end);
                        (
                            Node {
                                kind: Kind::Seq(items),
                                span: start..end,
                            },
                            anchor,
                        )
                    }
                    Frame::Map {
                        entries,
                        start,
                        anchor,
                        ..
                    } => {
                        let end =
                            self.end_of(start, entries.last().map(|(_, v)| v.span.end), range.end);
                        (
                            Node {
                                kind: Kind::Map(merge_keys(entries)),
                                span: start..end,
                            },
                            anchor,
                        )
                    }
                };
                self.remember(anchor, &node);
                self.push(node);
            }
            Event::Alias(id) => {
                let Some(node) = self.anchors.get(&id) else {
                    self.fail("unknown alias", range.start);
                    return;
                };
                let n = node.count();
                if n > self.budget {
                    self.fail("aliases expand to too many nodes", range.start);
                    return;
                }
                self.budget -= n;
                let node = node.clone();
                self.push(node);
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(_)
            | Event::DocumentEnd => {}
        }
    }
}

impl<'input> SpannedEventReceiver<'input> for Loader<'_> {
    fn on_event(&mut self, ev: Event<'input>, span: YamlSpan) {
        if self.error.is_none() {
            self.event(ev, span);
        }
    }
}

/// Applies `<<` merge keys: entries of the merged mapping(s) that the mapping
/// does not define itself are appended; earlier merge sources win.
fn merge_keys(entries: Vec<(Node, Node)>) -> Vec<(Node, Node)> {
    let is_merge = |k: &Node| matches!(&k.kind, Kind::Scalar { text, plain: true } if text == "<<");
    if !entries.iter().any(|(k, _)| is_merge(k)) {
        return entries;
    }
    let (merges, mut out): (Vec<_>, Vec<_>) = entries.into_iter().partition(|(k, v)| {
        is_merge(k) && (v.is_map() || (v.is_seq() && v.items().iter().all(Node::is_map)))
    });
    for (_, source) in merges {
        let maps: Vec<Node> = match source.kind {
            Kind::Map(_) => vec![source],
            Kind::Seq(items) => items,
            Kind::Scalar { .. } => Vec::new(),
        };
        for map in maps {
            if let Kind::Map(inner) = map.kind {
                for (k, v) in inner {
                    if !out
                        .iter()
                        .any(|(e, _)| e.text().is_some() && e.text() == k.text())
                    {
                        out.push((k, v));
                    }
                }
            }
        }
    }
    out
}

/// Parses a YAML stream (one or more documents).
pub(crate) fn parse(text: &str) -> Result<Documents, SyntaxError> {
    let map = CharMap::new(text);
    let mut loader = Loader {
        text,
        map: &map,
        stack: Vec::new(),
        out: Documents::default(),
        anchors: HashMap::new(),
        budget: ALIAS_BUDGET,
        error: None,
    };
    let mut parser = Parser::new_from_str(text);
    let result = parser.load(&mut loader, true);
    if let Some(e) = loader.error {
        return Err(e);
    }
    if let Err(e) = result {
        return Err(SyntaxError {
            message: e.info().to_owned(),
            offset: map.byte(e.marker().index()),
        });
    }
    let mut out = loader.out;
    out.docs.retain(|d| !d.is_null());
    Ok(out)
}

/// Parses JSON. serde_json decides validity and gives the error position;
/// the YAML loader (JSON is YAML 1.2) then supplies spans. When it cannot, the
/// tree is built from serde_json's value with empty spans at the file start.
pub(crate) fn parse_json(text: &str) -> Result<Node, SyntaxError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| SyntaxError {
        message: e.to_string(),
        offset: line_col_offset(text, e.line(), e.column()),
    })?;
    if let Ok(mut parsed) = parse(text)
        && parsed.docs.len() == 1
        && parsed.duplicate_keys.is_empty()
        && let Some(node) = parsed.docs.pop()
    {
        return Ok(node);
    }
    Ok(from_json(value))
}

/// The byte offset of a 1-based line and column (serde_json's columns count bytes).
fn line_col_offset(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line.max(1) {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => break,
        }
    }
    let mut at = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn from_json(value: serde_json::Value) -> Node {
    use serde_json::Value;
    let kind = match value {
        Value::Null => Kind::Scalar {
            text: "null".into(),
            plain: true,
        },
        Value::Bool(b) => Kind::Scalar {
            text: b.to_string(),
            plain: true,
        },
        Value::Number(n) => Kind::Scalar {
            text: n.to_string(),
            plain: true,
        },
        Value::String(s) => Kind::Scalar {
            text: s,
            plain: false,
        },
        Value::Array(items) => Kind::Seq(items.into_iter().map(from_json).collect()),
        Value::Object(map) => Kind::Map(
            map.into_iter()
                .map(|(k, v)| (Node::scalar(k, false, 0..0), from_json(v)))
                .collect(),
        ),
    };
    Node { kind, span: 0..0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        let mut d = parse(text).expect("parses");
        assert_eq!(d.docs.len(), 1);
        d.docs.remove(0)
    }

    #[test]
    fn spans_are_bytes_and_scalars_keep_their_text() {
        let text = "é: 1\nversion: 1.10\nlist: [a, \"b\"]\n";
        let n = one(text);
        let v = n.get("version").expect("version");
        assert_eq!(v.str(), Some("1.10"));
        assert_eq!(&text[v.span.clone()], "1.10");
        let list = n.get("list").expect("list");
        assert_eq!(list.items().len(), 2);
        assert_eq!(&text[list.items()[1].span.clone()], "\"b\"");
        assert_eq!(n.get("é").and_then(Node::int), Some(1));
    }

    #[test]
    fn merge_keys_and_aliases() {
        let n = one("x: &d\n  a: 1\n  b: 2\ny:\n  <<: *d\n  b: 3\n");
        let y = n.get("y").expect("y");
        assert_eq!(y.get("a").and_then(Node::int), Some(1));
        assert_eq!(y.get("b").and_then(Node::int), Some(3));
        assert!(y.get("<<").is_none());
    }

    #[test]
    fn alias_bombs_and_deep_nesting_are_errors() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_owned()
            } else {
                format!("l{}", i - 1)
            };
            bomb.push_str(&format!(
                "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        assert!(parse(&bomb).is_err());
        let deep = "[".repeat(5000);
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn duplicates_are_recorded_and_last_wins() {
        let d = parse("a: 1\na: 2\n").expect("parses");
        assert_eq!(d.duplicate_keys, vec![5..6]);
        assert_eq!(d.docs[0].get("a").and_then(Node::int), Some(2));
    }

    #[test]
    fn json_errors_have_offsets_and_values_have_spans() {
        let e = parse_json("{\n  \"a\": 1,\n}").expect_err("trailing comma");
        assert_eq!(e.offset, 12);
        let text = "{\"env\": {\"A\": {\"value\": \"x\"}}}";
        let n = parse_json(text).expect("valid");
        let v = n
            .get("env")
            .and_then(|e| e.get("A"))
            .and_then(|a| a.get("value"));
        assert_eq!(v.map(|v| &text[v.span.clone()]), Some("\"x\""));
    }
}
