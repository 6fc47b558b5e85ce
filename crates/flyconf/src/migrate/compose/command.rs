//! A service's `command` → `[processes]` and `entrypoint` →
//! `[experimental]`.

use super::kp;
use crate::migrate::draft::Draft;
use crate::migrate::rules;
use crate::migrate::shell::interpolate;
use crate::migrate::source::Src;
use crate::migrate::yaml::Node;
use crate::model::Experimental;

pub(super) fn command(src: &mut Src<'_>, svc: &str, d: &mut Draft, c: &Node) {
    let key = kp(svc, "command");
    let words: Vec<String> = if c.is_seq() {
        c.items()
            .iter()
            .map(|w| interpolate(w.text().unwrap_or_default()))
            .map(|i| {
                if !i.unresolved.is_empty() {
                    String::from('\0')
                } else {
                    i.value
                }
            })
            .collect()
    } else if let Some(s) = c.str() {
        let i = interpolate(s);
        if !i.unresolved.is_empty() {
            src.report(
                &rules::UNRESOLVED_VARIABLE,
                c.span.clone(),
                &key,
                format!("the command depends on `{}` from the shell running compose; it is not converted", i.unresolved.join("`, `")),
                "write `[processes] app` by hand",
            );
            return;
        }
        match shlex::split(&i.value) {
            Some(w) if !w.is_empty() => {
                // flyctl splits `[processes]` the same way compose splits the string.
                d.config
                    .processes
                    .insert("app".to_owned(), i.value.trim().to_owned());
                return;
            }
            Some(w) => w,
            None => {
                src.report(
                    &rules::INVALID_COMMAND,
                    c.span.clone(),
                    &key,
                    "the command has unbalanced quotes; it is not converted",
                    "fix the quoting",
                );
                return;
            }
        }
    } else {
        return;
    };
    if words.is_empty() {
        return;
    }
    if words.iter().any(|w| w.contains('\0')) {
        src.report(
            &rules::UNRESOLVED_VARIABLE,
            c.span.clone(),
            &key,
            "the command depends on variables from the shell running compose; it is not converted",
            "write `[processes] app` by hand",
        );
        return;
    }
    match shlex::try_join(words.iter().map(String::as_str)) {
        Ok(joined) => {
            d.config.processes.insert("app".to_owned(), joined);
        }
        Err(_) => {
            d.config
                .experimental
                .get_or_insert_with(Experimental::default)
                .cmd = words;
        }
    }
}

pub(super) fn entrypoint(src: &mut Src<'_>, svc: &str, d: &mut Draft, e: &Node) {
    let words: Option<Vec<String>> = if e.is_seq() {
        Some(
            e.items()
                .iter()
                .filter_map(|w| w.text().map(|t| interpolate(t).value))
                .collect(),
        )
    } else {
        e.str().and_then(|s| shlex::split(&interpolate(s).value))
    };
    match words {
        Some(w) if !w.is_empty() && w.iter().all(|x| !x.contains('\0')) => {
            d.config
                .experimental
                .get_or_insert_with(Experimental::default)
                .entrypoint = w;
        }
        Some(_) => {}
        None => {
            src.report(
                &rules::INVALID_COMMAND,
                e.span.clone(),
                &kp(svc, "entrypoint"),
                "the entrypoint has unbalanced quotes; it is not converted",
                "fix the quoting",
            );
        }
    }
}
