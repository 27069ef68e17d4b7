//! Exponential backoff with decorrelated jitter.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

/// How long to wait between retries.
///
/// Delays use *decorrelated jitter*: each delay is drawn uniformly from
/// `[init_backoff, previous delay × base]` and capped at `max_backoff`, so concurrent clients
/// that fail together spread out instead of retrying in lockstep. When the server sends
/// `Retry-After`, that wait is used instead, plus a jitter of up to `init_backoff`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BackoffConfig {
    /// The first (and smallest) delay. Default 100 ms.
    pub init_backoff: Duration,
    /// The largest delay. Default 15 s.
    pub max_backoff: Duration,
    /// How fast delays grow. Default 2.0.
    pub base: f64,
}

impl Default for BackoffConfig {
    fn default() -> Self {
        Self {
            init_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(15),
            base: 2.0,
        }
    }
}

/// The delays of one request's retries.
#[derive(Debug)]
pub(crate) struct Backoff {
    config: BackoffConfig,
    previous: f64,
    rng: Rng,
}

impl Backoff {
    /// Starts a sequence.
    pub(crate) fn new(config: &BackoffConfig) -> Self {
        Self {
            config: *config,
            previous: config.init_backoff.as_secs_f64(),
            rng: Rng::new(),
        }
    }

    /// The next delay.
    pub(crate) fn next_delay(&mut self) -> Duration {
        let low = self.config.init_backoff.as_secs_f64();
        let cap = self.config.max_backoff.as_secs_f64().max(low);
        let high = (self.previous * self.config.base.max(1.0)).clamp(low, cap);
        let delay = low + (high - low) * self.rng.unit();
        self.previous = delay.max(low);
        Duration::from_secs_f64(delay.min(cap))
    }

    /// A jitter of up to `init_backoff`, added to a server-imposed wait.
    pub(crate) fn jitter(&mut self) -> Duration {
        self.config.init_backoff.mul_f64(self.rng.unit())
    }
}

/// A small xorshift generator seeded from the standard library's per-process random keys;
/// jitter needs spread, not cryptographic quality.
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn new() -> Self {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(0x9E37_79B9_7F4A_7C15);
        Self(h.finish() | 1)
    }

    /// A number in [0, 1).
    fn unit(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        // The top 53 bits fit an f64 mantissa exactly.
        #[allow(clippy::cast_precision_loss)]
        let unit = (x >> 11) as f64 / (1u64 << 53) as f64;
        unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_stay_within_bounds_and_grow() {
        let config = BackoffConfig {
            init_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            base: 2.0,
        };
        let mut b = Backoff::new(&config);
        let delays: Vec<Duration> = (0..50).map(|_| b.next_delay()).collect();
        assert!(
            delays
                .iter()
                .all(|d| *d >= config.init_backoff && *d <= config.max_backoff),
            "{delays:?}"
        );
        // With base 2 the sequence reaches well past the first delay.
        assert!(delays.iter().any(|d| *d > Duration::from_millis(400)));
        let j = b.jitter();
        assert!(j <= config.init_backoff);
    }

    #[test]
    fn base_one_keeps_the_initial_delay() {
        let config = BackoffConfig {
            init_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_secs(1),
            base: 1.0,
        };
        let mut b = Backoff::new(&config);
        for _ in 0..10 {
            assert_eq!(b.next_delay(), Duration::from_millis(10));
        }
    }
}
