//! The pattern sets flyconf ships, embedded at compile time from
//! `skills/tooling-detector/` so that every front-end (CLI, Python, Node,
//! WASM) has them without file access.

use crate::{Detector, DetectorBuilder, Error, PatternFile};

/// `skills/tooling-detector/tooling-patterns.json`: deployment tooling.
pub const TOOLING_PATTERNS: &str =
    include_str!("../../../skills/tooling-detector/tooling-patterns.json");

/// `skills/tooling-detector/framework-patterns.json`: app frameworks.
pub const FRAMEWORK_PATTERNS: &str =
    include_str!("../../../skills/tooling-detector/framework-patterns.json");

/// The embedded tooling patterns, parsed.
///
/// # Errors
/// Never for a released build (a test parses them); the `Result` keeps the
/// no-panic promise.
pub fn tooling() -> Result<PatternFile, Error> {
    Ok(PatternFile::from_json(
        TOOLING_PATTERNS,
        "builtin:tooling-patterns.json",
    )?)
}

/// The embedded framework patterns, parsed.
///
/// # Errors
/// As [`tooling`].
pub fn frameworks() -> Result<PatternFile, Error> {
    Ok(PatternFile::from_json(
        FRAMEWORK_PATTERNS,
        "builtin:framework-patterns.json",
    )?)
}

impl Detector {
    /// A default-mode detector over both embedded pattern sets.
    ///
    /// # Errors
    /// As [`tooling`].
    pub fn builtin() -> Result<Detector, Error> {
        DetectorBuilder::new()
            .patterns(tooling()?)
            .patterns(frameworks()?)
            .build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SetKind;

    #[test]
    fn embedded_sets_compile_and_cover_the_required_ids() {
        let det = Detector::builtin().expect("builtin patterns compile");
        let ids: Vec<(&str, SetKind)> = det.ids().collect();
        for tool in [
            "flyio",
            "kubernetes",
            "helm",
            "kustomize",
            "argocd",
            "docker",
            "compose",
            "terraform",
            "pulumi",
            "aws-cdk",
            "aws-sam",
            "serverless",
            "gcp",
            "heroku",
            "vercel",
            "netlify",
            "render",
            "railway",
        ] {
            assert!(ids.contains(&(tool, SetKind::Tools)), "missing tool {tool}");
        }
        for fw in [
            "express",
            "nextjs",
            "nestjs",
            "django",
            "fastapi",
            "flask",
            "go",
            "rails",
            "phoenix",
            "static",
            "remix",
            "nuxt",
            "sveltekit",
            "astro",
            "laravel",
            "spring",
            "rust",
            "deno",
            "bun",
            "dotnet",
        ] {
            assert!(
                ids.contains(&(fw, SetKind::Frameworks)),
                "missing framework {fw}"
            );
        }
    }
}
