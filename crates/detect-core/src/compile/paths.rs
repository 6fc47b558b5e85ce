//! Path matching: every glob and exact path of every signal compiled into
//! one anchored, multi-pattern regex (a lazy DFA), searched once per entry
//! for the set of patterns that match.

use regex_automata::{
    Anchored, Input, MatchKind, PatternSet,
    meta::{self, Regex},
    util::syntax,
};

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

/// One compiled path pattern.
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
                // fast-glob with `onlyFiles` and no link following: regular
                // files only, and no dot-files unless the glob says so.
                Target::File => entry.kind == EntryKind::File && !entry.symlink && self.dots_ok(entry.path),
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

/// A path pattern before compilation.
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

/// Turns a path spec into an anchored regex over `/`-separated relative
/// paths. `Err` carries the glob compiler's message.
pub(crate) fn to_regex(spec: &PathSpec, case_insensitive: bool) -> Result<String, String> {
    let text = spec.text.trim_start_matches("./");
    if spec.glob {
        let glob = globset::GlobBuilder::new(text)
            .literal_separator(true)
            .backslash_escape(true)
            .case_insensitive(case_insensitive)
            .empty_alternates(true)
            .build()
            .map_err(|e| e.kind().to_string())?;
        Ok(glob.regex().to_owned())
    } else {
        let flags = if case_insensitive { "(?i-u)" } else { "(?-u)" };
        Ok(format!("{flags}^{}$", regex_syntax::escape(text.trim_end_matches('/'))))
    }
}

/// The dot-file flags of a glob, for fortium mode.
pub(crate) fn dot_flags(text: &str) -> (bool, bool) {
    let segs: Vec<&str> = text.split('/').collect();
    let (base, dirs) = segs.split_last().map_or(("", &[][..]), |(b, d)| (*b, d));
    (dirs.iter().any(|s| s.starts_with('.') && *s != "." && *s != ".."), base.starts_with('.'))
}

/// All path patterns of a detector.
#[derive(Debug)]
pub(crate) struct PathMatcher {
    pub(crate) regex: Option<Regex>,
    pub(crate) metas: Vec<PathMeta>,
}

impl PathMatcher {
    pub(crate) fn new(regexes: &[String], metas: Vec<PathMeta>) -> Result<PathMatcher, String> {
        if regexes.is_empty() {
            return Ok(PathMatcher { regex: None, metas });
        }
        let regex = Regex::builder()
            .syntax(syntax::Config::new().utf8(false))
            .configure(meta::Config::new().match_kind(MatchKind::All).utf8_empty(false))
            .build_many(regexes)
            .map_err(|e| e.to_string())?;
        Ok(PathMatcher { regex: Some(regex), metas })
    }

    pub(crate) fn new_cache(&self) -> Option<meta::Cache> {
        self.regex.as_ref().map(Regex::create_cache)
    }

    /// Fills `set` with the patterns matching `path`.
    pub(crate) fn matches(&self, cache: Option<&mut meta::Cache>, path: &str, set: &mut PatternSet) {
        set.clear();
        if let (Some(re), Some(cache)) = (&self.regex, cache) {
            let input = Input::new(path.as_bytes()).anchored(Anchored::Yes);
            re.which_overlapping_matches_with(cache, &input, set);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(specs: &[(&str, bool)]) -> PathMatcher {
        let metas: Vec<PathMeta> = specs
            .iter()
            .enumerate()
            .map(|(i, (t, _))| {
                let (dot_dirs, dot_base) = dot_flags(t);
                PathMeta { selector: i as u32, target: Target::File, glob: is_glob(t), exclude: false, dot_dirs, dot_base }
            })
            .collect();
        let regexes: Vec<String> = specs
            .iter()
            .map(|(t, ci)| to_regex(&PathSpec { text: (*t).into(), target: Target::File, glob: is_glob(t) }, *ci).expect("compiles"))
            .collect();
        PathMatcher::new(&regexes, metas).expect("builds")
    }

    fn hits(m: &PathMatcher, path: &str) -> Vec<usize> {
        let mut cache = m.new_cache();
        let mut set = PatternSet::new(m.metas.len());
        m.matches(cache.as_mut(), path, &mut set);
        set.iter().map(|p| p.as_usize()).collect()
    }

    #[test]
    fn globs_and_exact_paths_share_one_search() {
        let m = matcher(&[("fly.toml", false), ("**/fly.toml", false), ("*.sh", false), ("**/fly.*.toml", false), ("dockerfile", true)]);
        assert_eq!(hits(&m, "fly.toml"), [0, 1]);
        assert_eq!(hits(&m, "a/b/fly.toml"), [1]);
        assert_eq!(hits(&m, "deploy.sh"), [2]);
        assert_eq!(hits(&m, "scripts/deploy.sh"), Vec::<usize>::new(), "`*` stays in one segment");
        assert_eq!(hits(&m, "apps/api/fly.production.toml"), [3]);
        assert_eq!(hits(&m, "Dockerfile"), [4]);
        assert_eq!(hits(&m, "afly.toml"), Vec::<usize>::new());
    }

    #[test]
    fn fortium_dot_rules_follow_fast_glob() {
        let m = |t: &str| {
            let (dot_dirs, dot_base) = dot_flags(t);
            PathMeta { selector: 0, target: Target::File, glob: true, exclude: false, dot_dirs, dot_base }
        };
        assert!(m("**/.env*").dots_ok("config/.env.production"));
        assert!(!m("**/.env*").dots_ok(".hidden/.env"));
        assert!(!m("*.yaml").dots_ok(".foo.yaml"));
        assert!(!m("**/fly.toml").dots_ok(".fly/fly.toml"));
        assert!(m(".github/workflows/*.yml").dots_ok(".github/workflows/x.yml"));
    }
}
