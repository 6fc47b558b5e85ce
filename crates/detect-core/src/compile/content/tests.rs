//! The content engines' tests; `engines_agree` holds the native and the
//! wasm32 engine to the same results.

use super::*;

fn hirs(ps: &[&str]) -> Vec<Pattern> {
    ps.iter().map(|p| parse_regex(p).expect("valid")).collect()
}

#[test]
fn members_fire_on_positive_and_not_on_reject() {
    let class = ContentClass::new(vec![
        (
            0,
            hirs(&[r"\bfly\s+deploy\b", r"flyctl\s+deploy"]),
            hirs(&[r"\bfly\s+-t\b"]),
        ),
        (1, hirs(&[r"(?i)^FROM\s", "caf\u{e9}"]), vec![]),
    ]);
    assert!(class.force());
    let mut st = None;
    assert!(class.search(&mut st, b"run: flyctl deploy --remote-only\n"));
    assert!(class.members[0].fires(st.as_ref()));
    assert!(!class.members[1].fires(st.as_ref()));
    assert_eq!(
        class.members[0].locate(st.as_ref()),
        17,
        "last byte of `flyctl deploy`"
    );

    assert!(class.search(&mut st, b"fly -t ci login\nfly deploy\n"));
    assert!(
        !class.members[0].fires(st.as_ref()),
        "reject pattern vetoes the file"
    );

    assert!(class.search(&mut st, b"# x\r\nfrom node:20\r\n"));
    assert!(
        class.members[1].fires(st.as_ref()),
        "multi-line anchors with CRLF"
    );

    assert!(
        class.search(&mut st, "un caf\u{e9} \u{ff}".as_bytes()),
        "non-ASCII literals match their UTF-8 bytes"
    );
    assert!(!class.search(&mut st, b"nothing here"));
    assert!(!class.members[1].fires(st.as_ref()));
}

#[test]
fn literal_prefilters_only_when_every_pattern_has_one() {
    let with = ContentClass::new(vec![(
        0,
        hirs(&["superfly/flyctl-actions", r"(?m)^google-github-actions/"]),
        vec![],
    )]);
    assert!(with.force());
    assert_eq!(with.compiled().map(|c| c.needle_count()), Some(2));
    let without = ContentClass::new(vec![(0, hirs(&["superfly", r"\s+x"]), vec![])]);
    assert!(without.force());
    assert_eq!(without.compiled().map(|c| c.needle_count()), Some(0));
    let mut st = None;
    assert!(!with.search(&mut st, b"uses: actions/checkout@v4"));
    assert!(with.search(
        &mut st,
        b"uses: superfly/flyctl-actions/setup-flyctl@master"
    ));
}

#[test]
fn regex_errors_are_one_line() {
    let e = parse_regex("a(?=b)").expect_err("look-ahead is unsupported");
    assert!(!e.contains('\n'), "{e}");
    assert!(e.contains("look-around"), "{e}");
}

/// Both engines over every embedded content pattern, compiled once.
static ENGINES: std::sync::LazyLock<(lazy_dfa::Compiled, lite::Compiled)> =
    std::sync::LazyLock::new(|| {
        let patterns = embedded_patterns();
        let hirs: Vec<_> = patterns
            .iter()
            .map(|p| lazy_dfa::parse(p).expect("native parses"))
            .collect();
        let lites: Vec<_> = patterns
            .iter()
            .map(|p| lite::parse(p).expect("lite parses"))
            .collect();
        (
            lazy_dfa::Compiled::new(&hirs, &[]).expect("compiles"),
            lite::Compiled::new(&lites, &[]).expect("compiles"),
        )
    });

/// Every embedded pattern's earliest match end in `hay`, by each engine.
fn both_engines(hay: &[u8]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let (native, small) = &*ENGINES;
    let n = embedded_patterns().len();
    let mut a = vec![None; n];
    native.search(&mut native.create_cache(), hay, |p, end| {
        a[p].get_or_insert(end);
        true
    });
    let mut b = vec![None; n];
    small.search(&mut small.create_cache(), hay, |p, end| {
        b[p].get_or_insert(end);
        true
    });
    (a, b)
}

/// Every content pattern of the embedded pattern files.
fn embedded_patterns() -> Vec<String> {
    let mut out = Vec::new();
    for file in [crate::builtin::tooling(), crate::builtin::frameworks()] {
        for tool in file.expect("embedded file parses").tools {
            for sig in tool.signals {
                out.extend(sig.patterns);
                out.extend(sig.reject_patterns);
            }
        }
    }
    out
}

fn files_under(dir: &std::path::Path, out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else if let Ok(bytes) = std::fs::read(&p) {
            out.push(bytes);
        }
    }
}

#[test]
fn embedded_patterns_are_ascii_and_build_in_both_engines() {
    let patterns = embedded_patterns();
    assert!(patterns.len() > 100, "{}", patterns.len());
    for p in &patterns {
        assert!(p.is_ascii(), "{p}");
        assert!(lazy_dfa::parse(p).is_ok(), "{p}");
        assert!(lite::parse(p).is_ok(), "{p}");
    }
}

#[test]
fn engines_agree_on_the_fixture_projects() {
    let patterns = embedded_patterns();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
    let mut hays = Vec::new();
    files_under(&root.join("projects"), &mut hays);
    files_under(&root.join("migrate"), &mut hays);
    assert!(hays.len() > 100, "{}", hays.len());
    hays.push("FROM node:20\r\nRUN npm i express # caf\u{e9} \u{1F680}\r\n".into());
    hays.push(b"\"express\": \"4\"\n\xff\xfe fly deploy\n".to_vec());
    let mut matched = 0;
    for hay in &hays {
        let (native, small) = both_engines(hay);
        for (i, (a, b)) in native.iter().zip(&small).enumerate() {
            assert_eq!(
                a,
                b,
                "pattern {:?} on {:?}",
                patterns[i],
                String::from_utf8_lossy(hay)
            );
        }
        matched += native.iter().flatten().count();
    }
    assert!(
        matched > 100,
        "the fixtures exercise the patterns: {matched}"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(256))]
    /// Random text built from fragments the embedded patterns look for,
    /// with CRLF, non-ASCII and invalid UTF-8 mixed in.
    #[test]
    fn engines_agree_on_generated_text(parts in proptest::collection::vec(
        proptest::sample::select(vec![
            "fly", "deploy", "flyctl", " ", "  ", "\n", "\r\n", "\t", "\"", ":", "=",
            "express", "django", "rails", "FROM ", "app", "kind: Deployment", "{", "}",
            "apiVersion", "terraform", "resource", "helm", "é", "\u{2028}", "\u{ff}",
            "[http_service]", "primary_region", "require", "import", "(", ")", ".", "/",
            "next", "@nestjs/core", "gem", "phoenix", "0", "9", "_", "-", "#",
        ]),
        0..40,
    ), bad in proptest::option::of(0usize..40)) {
        let mut hay: Vec<u8> = parts.concat().into_bytes();
        if let Some(at) = bad { hay.insert(at.min(hay.len()), 0xC3); }
        let (native, small) = both_engines(&hay);
        proptest::prop_assert_eq!(native, small);
    }
}
