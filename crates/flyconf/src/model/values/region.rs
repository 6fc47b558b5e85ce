//! Fly.io region codes: the current list and the deprecated codes flyctl
//! maps to a replacement (`plan_builder.go deprecatedRegionReplacements`).

/// A current region.
#[derive(Debug, PartialEq, Eq)]
pub struct RegionInfo {
    /// Three-letter code.
    pub code: &'static str,
    /// City name.
    pub name: &'static str,
}

/// The current regions (superfly/docs `reference/regions`, 2026-08).
pub static REGIONS: &[RegionInfo] = &[
    RegionInfo {
        code: "ams",
        name: "Amsterdam, Netherlands",
    },
    RegionInfo {
        code: "arn",
        name: "Stockholm, Sweden",
    },
    RegionInfo {
        code: "bom",
        name: "Mumbai, India",
    },
    RegionInfo {
        code: "cdg",
        name: "Paris, France",
    },
    RegionInfo {
        code: "dfw",
        name: "Dallas, Texas (US)",
    },
    RegionInfo {
        code: "ewr",
        name: "Secaucus, NJ (US)",
    },
    RegionInfo {
        code: "fra",
        name: "Frankfurt, Germany",
    },
    RegionInfo {
        code: "gru",
        name: "Sao Paulo, Brazil",
    },
    RegionInfo {
        code: "iad",
        name: "Ashburn, Virginia (US)",
    },
    RegionInfo {
        code: "jnb",
        name: "Johannesburg, South Africa",
    },
    RegionInfo {
        code: "lax",
        name: "Los Angeles, California (US)",
    },
    RegionInfo {
        code: "lhr",
        name: "London, United Kingdom",
    },
    RegionInfo {
        code: "nrt",
        name: "Tokyo, Japan",
    },
    RegionInfo {
        code: "ord",
        name: "Chicago, Illinois (US)",
    },
    RegionInfo {
        code: "sin",
        name: "Singapore, Singapore",
    },
    RegionInfo {
        code: "sjc",
        name: "San Jose, California (US)",
    },
    RegionInfo {
        code: "syd",
        name: "Sydney, Australia",
    },
    RegionInfo {
        code: "yyz",
        name: "Toronto, Canada",
    },
];

/// Deprecated region → the region `fly launch` replaces it with.
pub static DEPRECATED: &[(&str, &str)] = &[
    ("atl", "dfw"),
    ("bog", "gru"),
    ("bos", "ewr"),
    ("den", "dfw"),
    ("eze", "gru"),
    ("gdl", "dfw"),
    ("gig", "gru"),
    ("hkg", "sin"),
    ("mad", "cdg"),
    ("mia", "dfw"),
    ("otp", "fra"),
    ("phx", "lax"),
    ("qro", "dfw"),
    ("scl", "gru"),
    ("sea", "sjc"),
    ("waw", "ams"),
    ("yul", "yyz"),
];

/// What a region code is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionStatus {
    /// A current region.
    Current(&'static RegionInfo),
    /// A retired region and its replacement.
    Deprecated {
        /// The replacement code.
        replacement: &'static str,
    },
    /// Not a region flyconf knows.
    Unknown,
}

/// Classifies a region code.
pub fn region_status(code: &str) -> RegionStatus {
    if let Some(info) = REGIONS.iter().find(|r| r.code == code) {
        return RegionStatus::Current(info);
    }
    match DEPRECATED.iter().find(|(old, _)| *old == code) {
        Some((_, new)) => RegionStatus::Deprecated { replacement: new },
        None => RegionStatus::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_codes() {
        assert!(
            matches!(region_status("iad"), RegionStatus::Current(r) if r.name.starts_with("Ashburn"))
        );
        assert_eq!(
            region_status("sea"),
            RegionStatus::Deprecated { replacement: "sjc" }
        );
        assert_eq!(region_status("xyz"), RegionStatus::Unknown);
        for (_, new) in DEPRECATED {
            assert!(matches!(region_status(new), RegionStatus::Current(_)));
        }
    }
}
