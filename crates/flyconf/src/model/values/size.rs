//! Sizes: VM memory (binary units, MiB) and volume sizes (decimal units, GB),
//! parsed the way flyctl does with `docker/go-units`.

use serde::{Serialize, Serializer};
use std::fmt;

/// Why a size string was rejected; `Display` matches go-units' messages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SizeError {
    /// No number, a negative number, or not a number.
    #[error("invalid size: '{0}'")]
    Invalid(String),
    /// A suffix go-units does not know.
    #[error("invalid suffix: '{0}'")]
    Suffix(String),
}

/// Parses a go-units size string into bytes. `binary` selects 1024-based
/// multipliers (`RAMInBytes`) instead of 1000-based (`FromHumanSize`).
fn parse_bytes(input: &str, binary: bool) -> Result<f64, SizeError> {
    let invalid = || SizeError::Invalid(input.to_owned());
    let sep = input
        .rfind(|c: char| c.is_ascii_digit() || c == '.' || c == ' ')
        .ok_or_else(invalid)?;
    let (num, suffix) = if input.as_bytes()[sep] == b' ' {
        (&input[..sep], &input[sep + 1..])
    } else {
        (&input[..=sep], &input[sep + 1..])
    };
    let size: f64 = num.parse().map_err(|_| invalid())?;
    if size < 0.0 || size.is_nan() {
        return Err(invalid());
    }
    if suffix.is_empty() {
        return Ok(size);
    }
    let bad = || SizeError::Suffix(suffix.to_ascii_lowercase());
    if suffix.chars().count() > 3 {
        return Err(SizeError::Suffix(suffix.to_owned()));
    }
    let lower = suffix.to_ascii_lowercase();
    let mut chars = lower.chars();
    let first = chars.next().ok_or_else(bad)?;
    if first == 'b' {
        return if lower.len() == 1 {
            Ok(size)
        } else {
            Err(bad())
        };
    }
    let power = match first {
        'k' => 1,
        'm' => 2,
        'g' => 3,
        't' => 4,
        'p' => 5,
        _ => return Err(bad()),
    };
    let rest: &str = chars.as_str();
    if !(rest.is_empty() || rest == "b" || rest == "ib") {
        return Err(bad());
    }
    let base: f64 = if binary { 1024.0 } else { 1000.0 };
    Ok(size * base.powi(power))
}

/// flyctl's `ParseSize`: a plain integer is already in the target unit;
/// anything else is parsed to bytes and integer-divided by the unit.
fn parse_in_unit(input: &str, binary: bool, unit: f64) -> Result<u64, SizeError> {
    if let Ok(n) = input.parse::<i64>() {
        return u64::try_from(n).map_err(|_| SizeError::Invalid(input.to_owned()));
    }
    let bytes = parse_bytes(input, binary)?;
    // go-units truncates to int64 bytes, then flyctl divides.
    Ok(((bytes as i64) as f64 / unit).trunc().max(0.0) as u64)
}

/// VM memory in MiB (`[[vm]] memory`): binary units, so `"1gb"` = `"1024mb"` =
/// 1024 and a bare integer is MiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MemorySize(pub u64);

impl MemorySize {
    /// Parses like flyctl (`helpers.ParseSize(s, units.RAMInBytes, units.MiB)`).
    pub fn parse(input: &str) -> Result<MemorySize, SizeError> {
        parse_in_unit(input, true, 1024.0 * 1024.0).map(MemorySize)
    }

    /// Mebibytes.
    pub fn mib(self) -> u64 {
        self.0
    }
}

impl fmt::Display for MemorySize {
    /// `"2gb"` when a whole number of GiB, else `"512mb"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 != 0 && self.0.is_multiple_of(1024) {
            write!(f, "{}gb", self.0 / 1024)
        } else {
            write!(f, "{}mb", self.0)
        }
    }
}

/// A volume size in GB (`initial_size`, `auto_extend_size_*`): decimal units,
/// so `"1500mb"` is 1 (truncated) and `"1GiB"` is still 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VolumeSize(pub u64);

impl VolumeSize {
    /// Parses like flyctl (`helpers.ParseSize(s, units.FromHumanSize, units.GB)`).
    pub fn parse(input: &str) -> Result<VolumeSize, SizeError> {
        parse_in_unit(input, false, 1e9).map(VolumeSize)
    }

    /// Gigabytes.
    pub fn gb(self) -> u64 {
        self.0
    }
}

impl fmt::Display for VolumeSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}gb", self.0)
    }
}

macro_rules! serialize_display {
    ($($t:ty),*) => {$(
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
    )*};
}
serialize_display!(MemorySize, VolumeSize);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn memory_is_binary() {
        for (s, mib) in [
            ("1gb", 1024),
            ("1g", 1024),
            ("1GiB", 1024),
            ("1024mb", 1024),
            ("512m", 512),
            ("1.5gb", 1536),
            ("512", 512),
            ("2 GB", 2048),
        ] {
            assert_eq!(MemorySize::parse(s), Ok(MemorySize(mib)), "{s}");
        }
        assert_eq!(
            MemorySize::parse("lots").map_err(|e| e.to_string()),
            Err("invalid size: 'lots'".into())
        );
        assert_eq!(
            MemorySize::parse("1gbs").map_err(|e| e.to_string()),
            Err("invalid suffix: 'gbs'".into())
        );
        assert_eq!(
            MemorySize::parse("1x").map_err(|e| e.to_string()),
            Err("invalid suffix: 'x'".into())
        );
    }

    #[test]
    fn volumes_are_decimal_and_truncate() {
        for (s, gb) in [
            ("1GB", 1),
            ("1gb", 1),
            ("1g", 1),
            ("1GiB", 1),
            ("1500mb", 1),
            ("500mb", 0),
            ("10", 10),
            ("2tb", 2000),
        ] {
            assert_eq!(VolumeSize::parse(s), Ok(VolumeSize(gb)), "{s}");
        }
        assert!(VolumeSize::parse("-1gb").is_err());
    }

    proptest! {
        #[test]
        fn display_round_trips(mib in 0u64..1 << 30, gb in 0u64..1 << 20) {
            prop_assert_eq!(MemorySize::parse(&MemorySize(mib).to_string()), Ok(MemorySize(mib)));
            prop_assert_eq!(VolumeSize::parse(&VolumeSize(gb).to_string()), Ok(VolumeSize(gb)));
        }

        #[test]
        fn parse_never_panics(s in ".{0,16}") {
            let _ = MemorySize::parse(&s);
            let _ = VolumeSize::parse(&s);
        }
    }
}
