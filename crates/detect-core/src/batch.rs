//! Many projects at once, in parallel (rayon), one scratch space per
//! worker thread.

use std::path::Path;

use rayon::prelude::*;

use crate::{DetectOptions, DetectionReport, Detector, Error, FsProject, Stopwatch, ToolFilter};

/// Scans every root in parallel and returns one result per root, in the
/// order given. `on_done` is called (from worker threads) as each finishes,
/// e.g. to advance a progress bar.
pub fn detect_batch<P>(
    detector: &Detector,
    roots: &[P],
    options: &DetectOptions,
    filter: Option<&ToolFilter>,
    on_done: &(dyn Fn() + Sync),
) -> Vec<Result<DetectionReport, Error>>
where
    P: AsRef<Path> + Sync,
{
    roots
        .par_iter()
        .map_init(
            || detector.scratch(),
            |scratch, root| {
                let result = FsProject::open(root.as_ref()).and_then(|project| {
                    let clock = Stopwatch::start();
                    let report = detector.detect(&project, scratch, options)?;
                    Ok(report.to_detection(filter, clock.elapsed_ms()))
                });
                on_done();
                result
            },
        )
        .collect()
}
