//! The skill loader: the Fly.io skill package agents load (`skills/flyio/`),
//! embedded at compile time and split into sections, with an index of the
//! generated examples.

use serde::Serialize;

const FLYIO_SKILL: &str = include_str!("../../../skills/flyio/SKILL.md");
const FLYIO_REFERENCE: &str = include_str!("../../../skills/flyio/REFERENCE.md");

/// One section of a skill document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Heading text.
    pub title: String,
    /// Heading level (1 for `#`, 2 for `##`, …).
    pub level: u8,
    /// The Markdown under the heading, up to the next heading of any level.
    pub body: &'static str,
}

/// One example in `skills/flyio/examples/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The template it was generated from.
    pub template: String,
    /// What it is.
    pub title: String,
    /// Paths of its files, relative to the skill directory.
    pub files: Vec<String>,
}

/// A loaded skill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skill {
    /// The skill's name (`flyio`).
    pub name: &'static str,
    /// When to use it (from the front matter).
    pub description: String,
    /// `SKILL.md`, split at headings.
    pub sections: Vec<Section>,
    /// `REFERENCE.md`, split at headings.
    pub reference: Vec<Section>,
    /// The generated examples.
    pub examples: Vec<Example>,
}

/// The names of the embedded skills.
pub fn skills() -> &'static [&'static str] {
    &["flyio"]
}

/// The full text of a skill's `SKILL.md` and `REFERENCE.md`.
pub fn skill_text(name: &str) -> Option<(&'static str, &'static str)> {
    (name == "flyio").then_some((FLYIO_SKILL, FLYIO_REFERENCE))
}

/// Loads the skill called `name`.
pub fn load_skill(name: &str) -> Result<Skill, crate::Error> {
    let (skill, reference) = skill_text(name).ok_or_else(|| crate::Error::UnknownSkill {
        name: name.to_owned(),
        known: skills().join(", "),
    })?;
    let (front, body) = front_matter(skill);
    let description = front
        .lines()
        .find_map(|l| l.strip_prefix("description:"))
        .map(|d| d.trim().trim_matches('"').to_owned())
        .unwrap_or_default();
    let examples = crate::generate::templates()
        .iter()
        .map(|t| Example {
            template: t.name.clone(),
            title: t.title.clone(),
            files: [
                "fly.toml",
                "Dockerfile",
                ".dockerignore",
                "deploy.sh",
                "README.fly.md",
            ]
            .iter()
            .map(|f| format!("examples/{}/{f}", t.name))
            .collect(),
        })
        .collect();
    Ok(Skill {
        name: "flyio",
        description,
        sections: sections(body),
        reference: sections(reference),
        examples,
    })
}

/// Splits off a `---` front matter block.
fn front_matter(text: &'static str) -> (&'static str, &'static str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return ("", text);
    };
    match rest.find("\n---\n") {
        Some(end) => (&rest[..end], &rest[end + 5..]),
        None => ("", text),
    }
}

/// Splits Markdown at ATX headings outside fenced code blocks.
pub fn sections(text: &'static str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut fence = false;
    let mut pos = 0;
    let mut current: Option<(String, u8, usize)> = None;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed = line.trim_end();
        if trimmed.starts_with("```") {
            fence = !fence;
            continue;
        }
        if fence {
            continue;
        }
        let level = trimmed.bytes().take_while(|b| *b == b'#').count();
        if (1..=6).contains(&level) && trimmed.as_bytes().get(level) == Some(&b' ') {
            if let Some((title, lvl, body_start)) = current.take() {
                out.push(Section {
                    title,
                    level: lvl,
                    body: text[body_start..start].trim_matches('\n'),
                });
            }
            let level = u8::try_from(level).unwrap_or(6);
            current = Some((
                trimmed[usize::from(level) + 1..].trim().to_owned(),
                level,
                pos,
            ));
        }
    }
    if let Some((title, level, body_start)) = current {
        out.push(Section {
            title,
            level,
            body: text[body_start..].trim_matches('\n'),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_ignore_headings_in_code() {
        let s = sections("# A\nintro\n```sh\n# not a heading\n```\n## B\nbody\n");
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].title.as_str(), s[0].level), ("A", 1));
        assert!(s[0].body.contains("# not a heading"));
        assert_eq!((s[1].title.as_str(), s[1].body), ("B", "body"));
    }
}
