//! RUN rules: DF407 apt hygiene, DF414 sudo and DF415 cd.

use super::parse::{Dockerfile, Form, Instruction, Word};
use super::shell::{Command, Sep, basename, commands};
use super::{Ctx, Keyword, excerpt};
use crate::diagnostic::registry::{DF407, DF414, DF415};
use std::ops::Range;

/// Where a script's text comes from, for mapping word ranges to the source.
enum Origin {
    /// The instruction's arguments.
    Args,
    /// A heredoc body starting at this byte offset.
    Body(usize),
    /// Somewhere inside this source range (exec form: ranges are not exact).
    Whole(Range<usize>),
}

struct Script {
    text: String,
    origin: Origin,
}

impl Script {
    fn source(&self, inst: &Instruction, word: &Word) -> Range<usize> {
        match &self.origin {
            Origin::Args => inst.source_range(word.range.clone()),
            Origin::Body(offset) => offset + word.range.start..offset + word.range.end,
            Origin::Whole(range) => range.clone(),
        }
    }
}

const SHELLS: &[&str] = &["sh", "bash", "dash", "ash", "zsh"];

/// The shell text a RUN executes: its arguments (or exec-form command) and
/// any heredoc bodies that the shell runs as scripts.
fn scripts(text: &str, inst: &Instruction) -> Vec<Script> {
    if let Form::Exec(argv) = &inst.form {
        let shell_c = argv.len() >= 3 && SHELLS.contains(&basename(&argv[0])) && argv[1] == "-c";
        let text = if shell_c {
            argv[2].clone()
        } else {
            shlex::try_join(argv.iter().map(String::as_str)).unwrap_or_default()
        };
        return vec![Script {
            text,
            origin: Origin::Whole(inst.args_range.clone()),
        }];
    }
    let mut out = vec![Script {
        text: inst.args.clone(),
        origin: Origin::Args,
    }];
    if inst.heredocs.is_empty() {
        return out;
    }
    let first = commands(&inst.args).into_iter().next();
    let shell_runs_body = first.as_ref().is_none_or(|c| {
        c.program().is_some_and(|(i, p)| {
            SHELLS.contains(&p) && c.words[i + 1..].iter().all(|w| w.value.starts_with('-'))
        })
    });
    if shell_runs_body {
        for doc in &inst.heredocs {
            let body = text.get(doc.body.clone()).unwrap_or("");
            let shebang = body.lines().next().filter(|l| l.starts_with("#!"));
            if shebang.is_none_or(|l| {
                SHELLS
                    .iter()
                    .any(|s| l.ends_with(&format!("/{s}")) || l.ends_with(&format!(" {s}")))
            }) {
                out.push(Script {
                    text: body.to_string(),
                    origin: Origin::Body(doc.body.start),
                });
            }
        }
    }
    out
}

pub(super) fn check(cx: &mut Ctx<'_>, df: &Dockerfile) {
    // After `SHELL ["powershell", …]` RUN is not a POSIX shell script.
    let mut posix = true;
    for inst in &df.instructions {
        match (inst.keyword, &inst.form) {
            (Keyword::From, _) => posix = true,
            (Keyword::Shell, Form::Exec(argv)) => {
                posix = argv.first().is_some_and(|s| SHELLS.contains(&basename(s)));
            }
            _ => {}
        }
        if inst.keyword != Keyword::Run || !posix {
            continue;
        }
        let scripts = scripts(cx.text, inst);
        let parsed: Vec<(&Script, Vec<Command>)> =
            scripts.iter().map(|s| (s, commands(&s.text))).collect();
        apt(cx, inst, &parsed);
        sudo(cx, inst, &parsed);
        cd(cx, inst, &parsed);
    }
}

fn sudo(cx: &mut Ctx<'_>, inst: &Instruction, parsed: &[(&Script, Vec<Command>)]) {
    let found = parsed.iter().find_map(|(script, cmds)| {
        cmds.iter().find_map(|c| {
            let word = &c.words[c.head()?];
            (basename(&word.value) == "sudo").then(|| script.source(inst, word))
        })
    });
    let Some(range) = found else { return };
    cx.emit(
        &DF414,
        Some(inst),
        range,
        "RUN uses `sudo`: build steps already run as root unless a USER instruction switched away, and sudo in an image adds a setuid binary and unpredictable TTY and environment behaviour",
        "drop `sudo`; if an earlier USER made this step unprivileged, put `USER root` before it and switch back to the app user afterwards",
        None,
    );
}

fn cd(cx: &mut Ctx<'_>, inst: &Instruction, parsed: &[(&Script, Vec<Command>)]) {
    let Some((script, cmds)) = parsed.first() else {
        return;
    };
    if !matches!(script.origin, Origin::Args) {
        return;
    }
    let found = cmds.iter().find_map(|c| {
        let word = &c.words[c.head()?];
        (word.value == "cd" && matches!(c.sep, Sep::Start | Sep::And))
            .then(|| script.source(inst, word))
    });
    let Some(range) = found else { return };
    cx.emit(
        &DF415,
        Some(inst),
        range,
        "RUN changes directory with `cd`, which only lasts for this RUN; later instructions still run in the previous WORKDIR, which is easy to misread",
        "set the directory with `WORKDIR /path` (it creates it too) and drop the `cd`; for a one-off subdirectory use the tool's own option, e.g. `make -C dir` or `npm --prefix dir`",
        None,
    );
}

/// Options of apt-get that take a separate value.
const APT_VALUE_OPTS: &[&str] = &[
    "-o",
    "-c",
    "-t",
    "--option",
    "--config-file",
    "--target-release",
    "--default-release",
];

struct Install {
    range: Range<usize>,
    program: String,
    recommends: bool,
    prompts: bool,
}

fn apt(cx: &mut Ctx<'_>, inst: &Instruction, parsed: &[(&Script, Vec<Command>)]) {
    let cache_mount = inst.flags.iter().any(|f| {
        let v = f.value.as_deref().unwrap_or("");
        f.name.eq_ignore_ascii_case("mount")
            && v.split(',').any(|kv| kv == "type=cache")
            && v.split(',').any(|kv| {
                let path = kv
                    .split_once('=')
                    .filter(|(k, _)| matches!(*k, "target" | "dst" | "destination"));
                path.is_some_and(|(_, p)| {
                    p.starts_with("/var/lib/apt") || p.starts_with("/var/cache/apt")
                })
            })
    });
    let mut installs = Vec::new();
    let mut apt_words = Vec::new();
    let mut cleans = false;
    for (script, cmds) in parsed {
        let mut previous: Option<&str> = None;
        for c in cmds {
            let Some((i, program)) = c.program() else {
                continue;
            };
            let args = &c.words[i + 1..];
            let piped_yes = c.sep == Sep::Pipe && previous == Some("yes");
            previous = Some(program);
            if program == "rm"
                && args
                    .iter()
                    .any(|w| w.value.starts_with("/var/lib/apt/lists"))
            {
                cleans = true;
            }
            if program != "apt-get" && program != "apt" {
                continue;
            }
            let range = script.source(inst, &c.words[i]);
            if program == "apt" {
                apt_words.push(range.clone());
            }
            if subcommand(args) != Some("install") {
                continue;
            }
            let values: Vec<&str> = args.iter().map(|w| w.value.as_str()).collect();
            installs.push(Install {
                range,
                program: program.to_string(),
                recommends: !skips_recommends(&values),
                prompts: !piped_yes && !assumes_yes(&values),
            });
        }
    }
    let dirty = !cleans && !cache_mount && !installs.is_empty();
    let Some(at) = installs
        .iter()
        .find(|i| i.recommends || i.prompts)
        .map(|i| i.range.clone())
        .or_else(|| apt_words.first().cloned())
        .or_else(|| {
            dirty
                .then(|| installs.first().map(|i| i.range.clone()))
                .flatten()
        })
    else {
        return;
    };
    let mut problems = Vec::new();
    if !apt_words.is_empty() {
        problems.push("it calls `apt`, whose command line is meant for people and warns that it is not stable in scripts".to_string());
    }
    if let Some(i) = installs.iter().find(|i| i.prompts) {
        problems.push(format!(
            "`{} install` has no `-y`, so it stops at the confirmation prompt and the build fails",
            i.program
        ));
    }
    if let Some(i) = installs.iter().find(|i| i.recommends) {
        problems.push(format!("`{} install` also installs recommended packages (no `--no-install-recommends`), often tens of MB the app never uses", i.program));
    }
    if dirty {
        problems.push("the package lists downloaded by `apt-get update` stay in the layer (no `rm -rf /var/lib/apt/lists/*` in the same RUN)".into());
    }
    let mut suggestion = String::from(
        "install in a single RUN as `apt-get update && apt-get install -y --no-install-recommends <packages> && rm -rf /var/lib/apt/lists/*`",
    );
    if !apt_words.is_empty() {
        suggestion.push_str("; use `apt-get` rather than `apt`");
    }
    cx.emit(
        &DF407,
        Some(inst),
        at,
        format!(
            "this RUN (`{}`) has apt problems: {}",
            excerpt(&inst.args, 40),
            problems.join("; ")
        ),
        suggestion,
        None,
    );
}

/// The apt-get subcommand: the first word that is neither an option nor an option's value.
fn subcommand(args: &[Word]) -> Option<&str> {
    let mut skip = false;
    for w in args {
        let v = w.value.as_str();
        if skip {
            skip = false;
        } else if APT_VALUE_OPTS.contains(&v) {
            skip = true;
        } else if !v.starts_with('-') {
            return Some(v);
        }
    }
    None
}

fn skips_recommends(args: &[&str]) -> bool {
    args.iter().enumerate().any(|(i, a)| {
        let option = a.strip_prefix("-o").map(|o| o.trim_start_matches('='));
        let option = match option {
            Some("") => args.get(i + 1).copied(),
            other => other,
        };
        a.starts_with("--no-install-recommends")
            || option.is_some_and(|o| {
                let lower = o.to_ascii_lowercase();
                lower.starts_with("apt::install-recommends=")
                    && matches!(&lower[24..], "false" | "0" | "no" | "off")
            })
    })
}

fn assumes_yes(args: &[&str]) -> bool {
    // Clusters of short flags such as `-y`, `-qy`, `-qq` (`-qq` implies `-y`).
    let short = |a: &&&str| {
        a.strip_prefix('-').is_some_and(|f| {
            !f.is_empty()
                && !f.starts_with(['-', 'o'])
                && f.bytes().all(|b| b.is_ascii_alphabetic())
        })
    };
    let quiet: usize = args
        .iter()
        .filter(short)
        .map(|a| a.matches('q').count())
        .sum();
    quiet >= 2
        || args.iter().filter(short).any(|a| a.contains('y'))
        || args.iter().any(|a| {
            matches!(*a, "--yes" | "--assume-yes" | "--force-yes" | "--quiet=2")
                || a.starts_with("--assume-yes=")
                || a.starts_with("--yes=")
                || a.to_ascii_lowercase().contains("apt::get::assume-yes=true")
        })
}
