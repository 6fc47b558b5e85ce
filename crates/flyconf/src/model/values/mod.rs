//! Typed values: durations, sizes, VM presets, regions and `auto_stop_machines`.

mod duration;
mod region;
mod size;
mod vm;

pub use duration::{BareUnit, Duration, DurationError};
pub use region::{
    DEPRECATED as DEPRECATED_REGIONS, REGIONS, RegionInfo, RegionStatus, region_status,
};
pub use size::{MemorySize, SizeError, VolumeSize};
pub use vm::{CpuKind, GuestProblem, PRESETS, Preset, VmSize, VmSizeError, check_guest};

use serde::Serialize;

/// `auto_stop_machines`: what the proxy does with idle machines.
/// `false`/`"off"`, `true`/`"stop"`, or `"suspend"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AutoStop {
    /// Never stop idle machines (`false`, `"off"`).
    Off,
    /// Stop idle machines (`true`, `"stop"`).
    Stop,
    /// Suspend idle machines (`"suspend"`).
    Suspend,
}

impl AutoStop {
    /// From a TOML boolean.
    pub fn from_bool(b: bool) -> AutoStop {
        if b { AutoStop::Stop } else { AutoStop::Off }
    }

    /// From a string, as fly-go does; `Err` carries fly-go's message.
    pub fn parse(s: &str) -> Result<AutoStop, String> {
        match s {
            "off" => Ok(AutoStop::Off),
            "stop" => Ok(AutoStop::Stop),
            "suspend" => Ok(AutoStop::Suspend),
            _ => Err(format!("invalid autostop string value {s:?}")),
        }
    }

    /// The string form.
    pub fn as_str(self) -> &'static str {
        match self {
            AutoStop::Off => "off",
            AutoStop::Stop => "stop",
            AutoStop::Suspend => "suspend",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autostop_accepts_bools_and_names() {
        assert_eq!(AutoStop::from_bool(true), AutoStop::Stop);
        assert_eq!(AutoStop::parse("suspend"), Ok(AutoStop::Suspend));
        assert_eq!(
            AutoStop::parse("on"),
            Err("invalid autostop string value \"on\"".into())
        );
    }
}
