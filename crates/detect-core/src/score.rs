//! The confidence formula, exactly as the upstream detector ships it.
//!
//! ```text
//! weighted = Σ weight(s) for fired s       (in key order, f64)
//! total    = Σ weight(s) for all s         (in key order, f64)
//! conf     = total > 0 ? weighted / total : 0
//! if fired_count >= minimum_signals_for_boost:
//!     conf = min(1.0, conf + confidence_boost)
//! detected = conf >= minimum_confidence
//! ```
//!
//! Summation order matters: it is what makes `fly.toml` plus a `.env`
//! score `0.7999999999999999` rather than `0.8`, and compatibility means
//! reproducing that bit for bit.

/// Scores one tool. `signals` yields `(weight, fired)` in key order.
#[must_use]
pub fn confidence<I>(signals: I, boost: f64, minimum_signals_for_boost: u32) -> (f64, u32)
where
    I: IntoIterator<Item = (f64, bool)>,
{
    let mut weighted = 0.0_f64;
    let mut total = 0.0_f64;
    let mut count = 0_u32;
    for (weight, fired) in signals {
        if fired {
            weighted += weight;
            count += 1;
        }
        total += weight;
    }
    let mut conf = if total > 0.0 { weighted / total } else { 0.0 };
    if count >= minimum_signals_for_boost {
        conf = f64::min(1.0, conf + boost);
    }
    (conf, count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FLYIO: [f64; 4] = [0.7, 0.15, 0.1, 0.05];

    fn fly(fired: [bool; 4]) -> f64 {
        confidence(FLYIO.into_iter().zip(fired), 0.1, 3).0
    }

    #[test]
    fn reproduces_upstream_numbers() {
        assert_eq!(fly([true, false, false, false]), 0.7);
        assert_eq!(
            fly([true, false, true, false]).to_string(),
            "0.7999999999999999"
        );
        assert_eq!(fly([true, false, false, true]), 0.75);
        assert_eq!(fly([true, true, true, true]), 1.0);
        assert_eq!(fly([false, true, true, true]).to_string(), "0.4");
        let helm = [0.6, 0.3, 0.2, 0.2, 0.1];
        let c = confidence(
            helm.into_iter().zip([true, true, true, false, false]),
            0.1,
            3,
        )
        .0;
        assert_eq!(c.to_string(), "0.8857142857142857");
        let k8s = [0.5, 0.4, 0.3, 0.2, 0.2, 0.1];
        let c = confidence(
            k8s.into_iter()
                .zip([false, false, false, false, true, true]),
            0.1,
            3,
        )
        .0;
        assert_eq!(c.to_string(), "0.17647058823529416");
        let c = confidence(
            k8s.into_iter()
                .zip([false, false, true, false, false, false]),
            0.1,
            3,
        )
        .0;
        assert_eq!(c.to_string(), "0.17647058823529413");
    }

    proptest! {
        #[test]
        fn confidence_is_a_probability_and_monotone(
            weights in proptest::collection::vec(0.0f64..=1.0, 1..12),
            fired in proptest::collection::vec(any::<bool>(), 12),
            boost in 0.0f64..=1.0,
            min_boost in 0u32..6,
            extra in 0usize..12,
        ) {
            let fired = &fired[..weights.len()];
            let (c, n) = confidence(weights.iter().copied().zip(fired.iter().copied()), boost, min_boost);
            prop_assert!((0.0..=1.0).contains(&c), "{c}");
            prop_assert_eq!(n as usize, fired.iter().filter(|f| **f).count());
            // Firing one more signal never lowers the score.
            let mut more = fired.to_vec();
            more[extra % weights.len()] = true;
            let (c2, _) = confidence(weights.iter().copied().zip(more.iter().copied()), boost, min_boost);
            prop_assert!(c2 >= c, "{c2} < {c}");
        }
    }
}
