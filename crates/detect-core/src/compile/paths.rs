//! Path matching without a compile step: every glob and exact path of every
//! signal (braces expanded) is filed in a hash-map bucket by what its last
//! segment pins down: the whole path, the basename, the extension, or a
//! literal basename prefix or suffix. An entry looks up its own path,
//! basename and extension, and only the few candidates that a key cannot
//! prove are checked with `fast_glob`'s allocation-free matcher.
//!
//! Building the matcher for the embedded patterns (≈800 globs) takes well
//! under a millisecond, which is what keeps `flyconf detect` a fast process.

use std::collections::HashMap;

use crate::Mode;
use crate::source::{Entry, EntryKind};

/// What kind of entry a path pattern accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Target {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// Anything that exists, links followed (upstream `fs.existsSync`).
    Exists,
}

/// One path pattern.
#[derive(Debug, Clone)]
pub(crate) struct PathMeta {
    pub(crate) selector: u32,
    pub(crate) target: Target,
    /// A glob rather than an exact path (fortium mode treats them apart).
    pub(crate) glob: bool,
    /// An `exclude` entry: a match vetoes the selector for this entry.
    pub(crate) exclude: bool,
    /// fortium: the glob names a dot-directory segment explicitly.
    pub(crate) dot_dirs: bool,
    /// fortium: the glob's last segment starts with a dot.
    pub(crate) dot_base: bool,
}

impl PathMeta {
    /// Whether this pattern's match on `entry` counts, given the mode's
    /// rules about entry kinds, links and dot-files.
    pub(crate) fn accepts(&self, entry: &Entry<'_>, mode: Mode) -> bool {
        match mode {
            Mode::Default => {
                entry.within_root
                    && match self.target {
                        Target::File => entry.kind == EntryKind::File,
                        Target::Dir => entry.kind == EntryKind::Dir && !entry.symlink,
                        Target::Exists => entry.kind != EntryKind::Other,
                    }
            }
            Mode::Fortium => match self.target {
                // fast-glob (JS) with `onlyFiles` and no link following:
                // regular files only, and no dot-files unless the glob says so.
                Target::File => {
                    entry.kind == EntryKind::File && !entry.symlink && self.dots_ok(entry.path)
                }
                Target::Dir => entry.kind == EntryKind::Dir,
                Target::Exists => entry.kind != EntryKind::Other,
            },
        }
    }

    fn dots_ok(&self, path: &str) -> bool {
        if !self.glob {
            return true;
        }
        let (dirs, base) = match path.rfind('/') {
            Some(i) => (&path[..i], &path[i + 1..]),
            None => ("", path),
        };
        (self.dot_base || !base.starts_with('.'))
            && (self.dot_dirs || !dirs.split('/').any(|seg| seg.starts_with('.')))
    }
}

/// A path pattern as written in a signal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PathSpec {
    pub(crate) text: String,
    pub(crate) target: Target,
    pub(crate) glob: bool,
}

/// Upstream's test for "is this a glob": it contains `*`, `?` or `[`.
pub(crate) fn is_glob(text: &str) -> bool {
    text.contains(['*', '?', '['])
}

/// The dot-file flags of a glob, for fortium mode.
pub(crate) fn dot_flags(text: &str) -> (bool, bool) {
    let segs: Vec<&str> = text.split('/').collect();
    let (base, dirs) = segs.split_last().map_or(("", &[][..]), |(b, d)| (*b, d));
    (
        dirs.iter()
            .any(|s| s.starts_with('.') && *s != "." && *s != ".."),
        base.starts_with('.'),
    )
}

/// Most alternatives a glob may expand to.
const MAX_EXPANSION: usize = 256;

/// Expands `{a,b}` alternatives (nested too) into plain globs.
pub(crate) fn expand_braces(glob: &str) -> Result<Vec<String>, String> {
    let bytes = glob.as_bytes();
    let mut depth = 0usize;
    let mut open = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'{' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            b'}' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    let start = open.unwrap_or(0);
                    let (head, body, tail) = (&glob[..start], &glob[start + 1..i], &glob[i + 1..]);
                    let mut out = Vec::new();
                    for alt in split_top_level(body) {
                        for rest in expand_braces(&format!("{head}{alt}{tail}"))? {
                            out.push(rest);
                            if out.len() > MAX_EXPANSION {
                                return Err(format!(
                                    "expands to more than {MAX_EXPANSION} alternatives"
                                ));
                            }
                        }
                    }
                    return Ok(out);
                }
            }
            _ => {}
        }
        i += 1;
    }
    if depth > 0 {
        return Err("unclosed `{`".into());
    }
    Ok(vec![glob.to_owned()])
}

fn split_top_level(body: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start, mut escaped) = (0usize, 0usize, false);
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&body[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&body[start..]);
    parts
}

/// Pattern ids under one key, each with the glob still to check (none when
/// the key proves the match).
type Candidates = Vec<(u32, Option<Box<str>>)>;

/// Pattern ids filed by what their last segment pins down.
#[derive(Debug, Default)]
struct Buckets {
    /// Key: the whole path.
    exact: HashMap<String, Candidates>,
    /// Key: the basename.
    basename: HashMap<String, Candidates>,
    /// Key: the text after the basename's last dot.
    extension: HashMap<String, Candidates>,
    /// A literal basename prefix, then the glob to check.
    prefix: Vec<(String, u32, Box<str>)>,
    /// A literal basename suffix, then the glob to check.
    suffix: Vec<(String, u32, Box<str>)>,
    /// Globs checked against every path.
    rest: Vec<(u32, Box<str>)>,
}

impl Buckets {
    /// Files one expanded glob (or exact path) under pattern id `id`.
    fn add(&mut self, id: u32, glob: &str, exact: bool) {
        let glob = glob.trim_start_matches("./");
        if exact || !is_glob(glob) {
            self.exact
                .entry(glob.trim_end_matches('/').to_owned())
                .or_default()
                .push((id, None));
            return;
        }
        let (dirs, last) = glob.rsplit_once('/').map_or(("", glob), |(d, l)| (d, l));
        // `**/x` (any depth, root included) needs no check beyond its key.
        let anywhere = dirs == "**";
        let check = |g: &str| {
            if anywhere {
                None
            } else {
                Some(Box::<str>::from(g))
            }
        };
        if !is_glob(last) {
            self.basename
                .entry(last.to_owned())
                .or_default()
                .push((id, check(glob)));
        } else if let Some(ext) = last
            .strip_prefix("*.")
            .filter(|e| !is_glob(e) && !e.contains('.') && !e.is_empty())
        {
            self.extension
                .entry(ext.to_owned())
                .or_default()
                .push((id, check(glob)));
        } else if let Some(i) = last.find(['*', '?', '[']).filter(|i| *i > 0) {
            self.prefix.push((last[..i].to_owned(), id, glob.into()));
        } else if let Some(i) = last.rfind(['*', '?', ']']).filter(|i| *i + 1 < last.len()) {
            self.suffix
                .push((last[i + 1..].to_owned(), id, glob.into()));
        } else {
            self.rest.push((id, glob.into()));
        }
    }

    /// Appends the ids matching `path` (whose basename and extension are
    /// given) to `out`.
    fn matches(&self, path: &str, base: &str, ext: Option<&str>, out: &mut Vec<u32>) {
        let check = |glob: &Option<Box<str>>| {
            glob.as_deref()
                .is_none_or(|g| fast_glob::glob_match(g, path))
        };
        if let Some(ids) = self.exact.get(path) {
            out.extend(ids.iter().map(|(id, _)| *id));
        }
        if let Some(ids) = self.basename.get(base) {
            out.extend(ids.iter().filter(|(_, g)| check(g)).map(|(id, _)| *id));
        }
        if let Some(ids) = ext.and_then(|e| self.extension.get(e)) {
            out.extend(ids.iter().filter(|(_, g)| check(g)).map(|(id, _)| *id));
        }
        for (prefix, id, glob) in &self.prefix {
            if base.starts_with(prefix.as_str()) && fast_glob::glob_match(&**glob, path) {
                out.push(*id);
            }
        }
        for (suffix, id, glob) in &self.suffix {
            if base.ends_with(suffix.as_str()) && fast_glob::glob_match(&**glob, path) {
                out.push(*id);
            }
        }
        for (id, glob) in &self.rest {
            if fast_glob::glob_match(&**glob, path) {
                out.push(*id);
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.exact.is_empty()
            && self.basename.is_empty()
            && self.extension.is_empty()
            && self.prefix.is_empty()
            && self.suffix.is_empty()
            && self.rest.is_empty()
    }
}

/// All path patterns of a detector.
#[derive(Debug, Default)]
pub(crate) struct PathMatcher {
    pub(crate) metas: Vec<PathMeta>,
    exact_case: Buckets,
    any_case: Buckets,
}

impl PathMatcher {
    /// Adds a pattern; `Err` carries the reason a glob is malformed.
    pub(crate) fn add(
        &mut self,
        spec: &PathSpec,
        case_insensitive: bool,
        meta: PathMeta,
    ) -> Result<(), String> {
        let id =
            u32::try_from(self.metas.len()).map_err(|_| "too many path patterns".to_owned())?;
        let text = spec.text.trim_start_matches("./");
        let alternatives = if spec.glob {
            expand_braces(text)?
        } else {
            vec![text.to_owned()]
        };
        for alt in &alternatives {
            if spec.glob {
                fast_glob::validate(alt)
                    .map_err(|e| format!("{:?} at byte {}", e.kind, e.index))?;
            }
            let (bucket, alt) = if case_insensitive {
                (&mut self.any_case, alt.to_ascii_lowercase())
            } else {
                (&mut self.exact_case, alt.clone())
            };
            bucket.add(id, &alt, !spec.glob);
        }
        self.metas.push(meta);
        Ok(())
    }

    /// Replaces `out` with the ids of the patterns matching `path`.
    /// `lower` is a reusable buffer for the lower-cased path.
    pub(crate) fn matches(&self, path: &str, lower: &mut String, out: &mut Vec<u32>) {
        out.clear();
        let (base, ext) = base_and_extension(path);
        self.exact_case.matches(path, base, ext, out);
        if !self.any_case.is_empty() {
            lower.clear();
            lower.push_str(path);
            lower.make_ascii_lowercase();
            let (base, ext) = base_and_extension(lower);
            self.any_case.matches(lower, base, ext, out);
        }
    }
}

fn base_and_extension(path: &str) -> (&str, Option<&str>) {
    let base = path.rsplit('/').next().unwrap_or(path);
    (base, base.rfind('.').map(|i| &base[i + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(specs: &[(&str, bool)]) -> PathMatcher {
        let mut m = PathMatcher::default();
        for (i, (t, ci)) in specs.iter().enumerate() {
            let (dot_dirs, dot_base) = dot_flags(t);
            let spec = PathSpec {
                text: (*t).into(),
                target: Target::File,
                glob: is_glob(t) || t.contains('{'),
            };
            let meta = PathMeta {
                selector: i as u32,
                target: Target::File,
                glob: spec.glob,
                exclude: false,
                dot_dirs,
                dot_base,
            };
            m.add(&spec, *ci, meta).expect("valid");
        }
        m
    }

    fn hits(m: &PathMatcher, path: &str) -> Vec<u32> {
        let mut out = Vec::new();
        m.matches(path, &mut String::new(), &mut out);
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn every_bucket_matches_what_the_glob_says() {
        let m = matcher(&[
            ("fly.toml", false),
            ("**/fly.toml", false),
            ("*.sh", false),
            ("**/fly.*.toml", false),
            ("dockerfile", true),
            ("**/*.{yml,yaml}", false),
            (".github/workflows/*.yml", false),
            ("**/*Application.java", false),
            ("**/k8s/*.yaml", false),
            ("**/.env*", false),
        ]);
        assert_eq!(hits(&m, "fly.toml"), [0, 1]);
        assert_eq!(hits(&m, "a/b/fly.toml"), [1]);
        assert_eq!(hits(&m, "deploy.sh"), [2]);
        assert_eq!(
            hits(&m, "scripts/deploy.sh"),
            Vec::<u32>::new(),
            "`*` stays in one segment"
        );
        assert_eq!(hits(&m, "apps/api/fly.production.toml"), [3]);
        assert_eq!(hits(&m, "Dockerfile"), [4]);
        assert_eq!(hits(&m, "DOCKERFILE"), [4]);
        assert_eq!(hits(&m, "k8s/app.yaml"), [5, 8]);
        assert_eq!(hits(&m, ".github/workflows/ci.yml"), [5, 6]);
        assert_eq!(hits(&m, "src/main/java/DemoApplication.java"), [7]);
        assert_eq!(hits(&m, "config/.env.production"), [9]);
        assert_eq!(hits(&m, "afly.toml"), Vec::<u32>::new());
    }

    #[test]
    fn braces_expand_and_bad_globs_are_refused() {
        assert_eq!(
            expand_braces("*.{sh,y{a,}ml}").expect("valid"),
            ["*.sh", "*.yaml", "*.yml"]
        );
        assert!(expand_braces("*.{sh").is_err());
        let mut m = PathMatcher::default();
        let spec = PathSpec {
            text: "src/[a-".into(),
            target: Target::File,
            glob: true,
        };
        let meta = PathMeta {
            selector: 0,
            target: Target::File,
            glob: true,
            exclude: false,
            dot_dirs: false,
            dot_base: false,
        };
        assert!(m.add(&spec, false, meta).is_err());
    }

    #[test]
    fn fortium_dot_rules_follow_fast_glob() {
        let m = |t: &str| {
            let (dot_dirs, dot_base) = dot_flags(t);
            PathMeta {
                selector: 0,
                target: Target::File,
                glob: true,
                exclude: false,
                dot_dirs,
                dot_base,
            }
        };
        assert!(m("**/.env*").dots_ok("config/.env.production"));
        assert!(!m("**/.env*").dots_ok(".hidden/.env"));
        assert!(!m("*.yaml").dots_ok(".foo.yaml"));
        assert!(!m("**/fly.toml").dots_ok(".fly/fly.toml"));
        assert!(m(".github/workflows/*.yml").dots_ok(".github/workflows/x.yml"));
    }
}
