//! Commands: what a Heroku Procfile line means when flyctl runs it without a
//! shell, which port a command listens on, and compose/Kubernetes
//! variable references.

/// A Procfile command made runnable as a Fly.io `[processes]` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Prepared {
    /// The command to write.
    pub(crate) command: String,
    /// `$PORT` was replaced by the port number.
    pub(crate) port_substituted: bool,
    /// The command was wrapped in `/bin/sh -c` because it needs a shell.
    pub(crate) wrapped: bool,
}

/// Why a command could not be converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CommandError {
    /// Unbalanced quotes or a trailing backslash: it cannot be shell-split.
    Unsplittable,
    /// It contains a NUL byte.
    Nul,
}

/// Heroku runs Procfile commands with `bash -c`; flyctl splits `[processes]`
/// commands like a shell but runs them directly. `$PORT` (outside single
/// quotes) is replaced by `port` when given; anything else that needs a shell
/// (variables, pipes, `&&`, redirections, `VAR=x cmd`, `cd`) is wrapped in
/// `/bin/sh -c '…'`. A leading `exec` is dropped (the process is already PID 1's child).
pub(crate) fn prepare(command: &str, port: Option<i64>) -> Result<Prepared, CommandError> {
    if command.contains('\0') {
        return Err(CommandError::Nul);
    }
    let mut cmd = command.trim().to_owned();
    let mut port_substituted = false;
    if let Some(p) = port {
        let replaced = substitute_port(&cmd, p);
        port_substituted = replaced != cmd;
        cmd = replaced;
    }
    if let Some(rest) = cmd.strip_prefix("exec ") {
        cmd = rest.trim_start().to_owned();
    }
    let words = shlex::split(&cmd).ok_or(CommandError::Unsplittable)?;
    if words.is_empty() {
        return Err(CommandError::Unsplittable);
    }
    if !needs_shell(&cmd, &words) {
        return Ok(Prepared {
            command: cmd,
            port_substituted,
            wrapped: false,
        });
    }
    let wrapped = format!("/bin/sh -c {}", sh_quote(&cmd));
    Ok(Prepared {
        command: wrapped,
        port_substituted,
        wrapped: true,
    })
}

/// Single-quotes `s` for a POSIX shell (and for flyctl's shell-style splitting).
pub(crate) fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// Replaces `$PORT`, `${PORT}`, `${PORT:-x}` and `${PORT-x}` outside single quotes.
fn substitute_port(cmd: &str, port: i64) -> String {
    let mut out = String::with_capacity(cmd.len());
    let mut in_single = false;
    let mut in_double = false;
    let mut rest = cmd;
    while let Some(c) = rest.chars().next() {
        if c == '\'' && !in_double {
            in_single = !in_single;
        } else if c == '"' && !in_single {
            in_double = !in_double;
        } else if c == '\\' && !in_single {
            // Keep the escaped character as it is.
            let mut it = rest.chars();
            it.next();
            out.push('\\');
            if let Some(n) = it.next() {
                out.push(n);
            }
            rest = it.as_str();
            continue;
        } else if c == '$'
            && !in_single
            && let Some(len) = port_reference(rest)
        {
            out.push_str(&port.to_string());
            rest = &rest[len..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Length of a `$PORT` reference at the start of `s`.
fn port_reference(s: &str) -> Option<usize> {
    if let Some(after) = s.strip_prefix("$PORT") {
        let next = after.chars().next();
        return (!next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')).then_some(5);
    }
    let inner = s.strip_prefix("${PORT")?;
    if inner.starts_with('}') {
        return Some(7);
    }
    if inner.starts_with(":-") || inner.starts_with('-') {
        let close = inner.find('}')?;
        return Some(6 + close + 1);
    }
    None
}

/// Whether the command uses shell syntax that a direct exec would not honour.
fn needs_shell(cmd: &str, words: &[String]) -> bool {
    const BUILTINS: &[&str] = &[
        "cd", "export", "source", ".", "set", "ulimit", "eval", "if", "for", "while", "trap",
        "umask", "[",
    ];
    if let Some(first) = words.first() {
        if BUILTINS.contains(&first.as_str()) {
            return true;
        }
        if let Some((name, _)) = first.split_once('=')
            && !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return true;
        }
    }
    let mut in_single = false;
    let mut in_double = false;
    let mut escaped = false;
    for c in cmd.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if !in_single => escaped = true,
            '\'' if !in_double => in_single = !in_single,
            '"' if !in_single => in_double = !in_double,
            '$' | '`' if !in_single => return true,
            '|' | '&' | ';' | '<' | '>' | '(' | ')' if !in_single && !in_double => return true,
            _ => {}
        }
    }
    false
}

/// What a command says about the port it listens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PortHint {
    /// A literal port (`-p 3000`, `--bind 0.0.0.0:5000`, `runserver 0.0.0.0:8000`).
    Literal(i64),
    /// It reads `$PORT`.
    Env,
    /// Nothing either way.
    None,
}

/// Looks for the port a web command listens on.
pub(crate) fn port_hint(cmd: &str) -> PortHint {
    const FLAGS: &[&str] = &[
        "-p",
        "--port",
        "-b",
        "--bind",
        "--listen",
        "--http-port",
        "--server.port",
        "-Dserver.port",
    ];
    let words: Vec<String> =
        shlex::split(cmd).unwrap_or_else(|| cmd.split_whitespace().map(str::to_owned).collect());
    let mut uses_env = false;
    let mut i = 0;
    while i < words.len() {
        let w = &words[i];
        if w.contains("$PORT") || w.contains("${PORT") {
            uses_env = true;
        }
        let value = FLAGS.iter().find_map(|f| {
            if w == f {
                words.get(i + 1).map(String::as_str)
            } else {
                w.strip_prefix(f).and_then(|r| r.strip_prefix('='))
            }
        });
        if let Some(v) = value {
            if let Some(p) = port_of(v) {
                return PortHint::Literal(p);
            }
        } else if (w.contains(':') && !w.contains("://") || w.starts_with("tcp://"))
            && let Some(p) = address_port(w)
        {
            return PortHint::Literal(p);
        }
        i += 1;
    }
    if uses_env {
        PortHint::Env
    } else {
        PortHint::None
    }
}

/// The port in a flag value: `3000`, `0.0.0.0:3000`, `tcp://0.0.0.0:3000`, `:3000`.
fn port_of(v: &str) -> Option<i64> {
    let tail = v.rsplit(':').next().unwrap_or(v);
    let tail = tail.trim_end_matches('/');
    if tail.is_empty() || !tail.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    tail.parse().ok().filter(|p| (1..=65535).contains(p))
}

/// A bare listen address such as `0.0.0.0:8000` or `[::]:8000`.
fn address_port(w: &str) -> Option<i64> {
    let w = w.strip_prefix("tcp://").unwrap_or(w);
    let (host, port) = w.rsplit_once(':')?;
    let host_ok = host.is_empty()
        || host == "0.0.0.0"
        || host == "[::]"
        || host == "::"
        || host == "localhost"
        || host == "127.0.0.1";
    if host_ok { port_of(port) } else { None }
}

/// A compose-style value with `${VAR}` references resolved where it can be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Interpolated {
    /// The value with `$$` unescaped and `${VAR:-default}` replaced by the default.
    pub(crate) value: String,
    /// Variables with no default: the value depends on the environment that ran compose.
    pub(crate) unresolved: Vec<String>,
    /// Variables replaced by their default.
    pub(crate) defaulted: Vec<String>,
}

/// Resolves compose interpolation as far as possible without the host environment.
pub(crate) fn interpolate(s: &str) -> Interpolated {
    let mut out = Interpolated {
        value: String::with_capacity(s.len()),
        unresolved: Vec::new(),
        defaulted: Vec::new(),
    };
    let mut rest = s;
    while let Some(at) = rest.find('$') {
        out.value.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        if let Some(after) = tail.strip_prefix('$') {
            out.value.push('$');
            rest = after;
        } else if let Some(body) = tail.strip_prefix('{') {
            let Some(close) = body.find('}') else {
                out.value.push_str(&rest[at..]);
                return out;
            };
            let inner = &body[..close];
            let name_len = inner
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(inner.len());
            let (name, op) = inner.split_at(name_len);
            let default = op.strip_prefix(":-").or_else(|| op.strip_prefix('-'));
            match default {
                Some(d) => {
                    out.value.push_str(d);
                    out.defaulted.push(name.to_owned());
                }
                None => {
                    out.unresolved.push(name.to_owned());
                    out.value.push_str(&rest[at..at + 2 + close + 1]);
                }
            }
            rest = &body[close + 1..];
        } else {
            let name_len = tail
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(tail.len());
            if name_len == 0 {
                out.value.push('$');
            } else {
                out.unresolved.push(tail[..name_len].to_owned());
                out.value.push_str(&rest[at..at + 1 + name_len]);
            }
            rest = &tail[name_len..];
        }
    }
    out.value.push_str(rest);
    out
}

/// Whether a Kubernetes value uses `$(VAR)` dependent-variable expansion.
pub(crate) fn has_k8s_reference(s: &str) -> bool {
    let mut rest = s;
    while let Some(at) = rest.find("$(") {
        if at > 0 && rest.as_bytes()[at - 1] == b'$' {
            rest = &rest[at + 2..];
            continue;
        }
        let body = &rest[at + 2..];
        if let Some(close) = body.find(')')
            && close > 0
            && body[..close]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return true;
        }
        rest = body;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn port_is_substituted_and_shell_wrapped_only_when_needed() {
        let p = prepare("node server.js --port $PORT", Some(8080)).expect("ok");
        assert_eq!(p.command, "node server.js --port 8080");
        assert!(p.port_substituted && !p.wrapped);
        let p = prepare("gunicorn app:app -b 0.0.0.0:${PORT:-5000}", Some(8080)).expect("ok");
        assert_eq!(p.command, "gunicorn app:app -b 0.0.0.0:8080");
        let p = prepare("bin/migrate && bin/seed", None).expect("ok");
        assert_eq!(p.command, "/bin/sh -c 'bin/migrate && bin/seed'");
        assert!(p.wrapped);
        let p = prepare("echo '$PORT' $HOME", Some(1)).expect("ok");
        assert_eq!(p.command, "/bin/sh -c 'echo '\\''$PORT'\\'' $HOME'");
        assert_eq!(
            shlex::split(&p.command).expect("splits"),
            vec!["/bin/sh", "-c", "echo '$PORT' $HOME"]
        );
        assert_eq!(
            prepare("exec npm start", None).map(|p| p.command),
            Ok("npm start".into())
        );
        assert_eq!(
            prepare("RACK_ENV=x puma", None).map(|p| p.wrapped),
            Ok(true)
        );
        assert_eq!(
            prepare("echo \"unbalanced", None),
            Err(CommandError::Unsplittable)
        );
        assert_eq!(prepare("   ", None), Err(CommandError::Unsplittable));
    }

    #[test]
    fn port_hints() {
        assert_eq!(
            port_hint("bundle exec puma -p 3000"),
            PortHint::Literal(3000)
        );
        assert_eq!(
            port_hint("gunicorn x --bind=0.0.0.0:5000"),
            PortHint::Literal(5000)
        );
        assert_eq!(
            port_hint("puma -b tcp://0.0.0.0:4000"),
            PortHint::Literal(4000)
        );
        assert_eq!(
            port_hint("python manage.py runserver 0.0.0.0:8000"),
            PortHint::Literal(8000)
        );
        assert_eq!(port_hint("node index.js --port $PORT"), PortHint::Env);
        assert_eq!(port_hint("npm start"), PortHint::None);
        assert_eq!(port_hint("celery -A app:main worker"), PortHint::None);
    }

    #[test]
    fn interpolation() {
        let i = interpolate("postgres://u:${DB_PASS}@db:5432/${DB:-app}?x=$$1&y=$HOME");
        assert_eq!(i.value, "postgres://u:${DB_PASS}@db:5432/app?x=$1&y=$HOME");
        assert_eq!(i.unresolved, vec!["DB_PASS", "HOME"]);
        assert_eq!(i.defaulted, vec!["DB"]);
        assert_eq!(interpolate("a${").value, "a${");
        assert!(has_k8s_reference("http://$(HOST):80"));
        assert!(!has_k8s_reference("$$(HOST) $(not valid)"));
    }
}
