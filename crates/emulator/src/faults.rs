//! Fault injection: latency, 5xx, 429s and storms, post-commit connection drops, token expiry.
//!
//! A `FaultSpec` is a comma-separated list of rules `KIND=VALUE[@OPS]`:
//!
//! | rule | effect |
//! |---|---|
//! | `latency=40ms`, `latency=20ms..80ms` | delay each request (fixed, or uniform in the range) |
//! | `5xx=5%` | answer that share of requests with 500, 502, 503 or 504 *before* handling them |
//! | `429=5%` | answer that share with 429 `ZI0004` and `Retry-After` |
//! | `storm=1%:2s` | that share of requests starts a 429 storm: every request is refused for 2 s |
//! | `drop=5%` | handle and commit the request, then close the connection without answering |
//! | `expire=1%` | expire the caller's token before handling (401 `ZI0001`; a new token is needed) |
//! | `retry-after=2` | the `Retry-After` seconds of injected 429s (default 1) |
//!
//! Rates are fractions (`0.05`) or percentages (`5%`). `@OPS` limits a rule to operations:
//! operationIds joined by `|` (`@Rows_bulkUpsertRows|Rows_upsertRows`), or `reads`, `writes`
//! or `all`. Without it a rule applies to every API operation (not to the OAuth endpoints,
//! which `@Token` or `@all` reach), except `drop`, which applies to writes (a dropped read is
//! just a lost response). Decisions come from a PRNG seeded with
//! `--seed`, drawn per rule in request order, so a run with the same seed and the same request
//! sequence injects the same faults.

use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use axum::http::StatusCode;

/// Parsed `--faults` rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FaultSpec {
    rules: Vec<Rule>,
    retry_after: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
struct Rule {
    kind: Kind,
    scope: Scope,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Latency(Duration, Duration),
    ServerError(f64),
    TooMany(f64),
    Storm(f64, Duration),
    Drop(f64),
    Expire(f64),
}

#[derive(Debug, Clone, PartialEq)]
enum Scope {
    Default,
    All,
    Reads,
    Writes,
    Ops(Vec<String>),
}

impl FaultSpec {
    /// No faults.
    pub fn none() -> Self {
        Self::default()
    }

    /// Whether no rule is set.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}

impl FromStr for FaultSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut spec = Self::default();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (rule, ops) = match part.split_once('@') {
                Some((r, o)) => (r.trim(), Some(o.trim())),
                None => (part, None),
            };
            let (key, value) = rule
                .split_once('=')
                .ok_or_else(|| format!("fault rule '{part}' is not KIND=VALUE"))?;
            let (key, value) = (key.trim().to_ascii_lowercase(), value.trim());
            let scope = match ops {
                None => Scope::Default,
                Some("all") => Scope::All,
                Some("reads") => Scope::Reads,
                Some("writes") => Scope::Writes,
                Some(list) => Scope::Ops(list.split('|').map(|o| o.trim().to_owned()).collect()),
            };
            let kind = match key.as_str() {
                "latency" => {
                    let (lo, hi) = match value.split_once("..") {
                        Some((a, b)) => (duration(a)?, duration(b)?),
                        None => (duration(value)?, duration(value)?),
                    };
                    if hi < lo {
                        return Err(format!("latency range '{value}' runs backwards"));
                    }
                    Kind::Latency(lo, hi)
                }
                "5xx" => Kind::ServerError(rate(value)?),
                "429" => Kind::TooMany(rate(value)?),
                "storm" => {
                    let (r, d) = value
                        .split_once(':')
                        .ok_or_else(|| format!("storm takes RATE:DURATION, not '{value}'"))?;
                    Kind::Storm(rate(r)?, duration(d)?)
                }
                "drop" => Kind::Drop(rate(value)?),
                "expire" => Kind::Expire(rate(value)?),
                "retry-after" => {
                    spec.retry_after =
                        Some(value.parse().map_err(|_| {
                            format!("retry-after takes whole seconds, not '{value}'")
                        })?);
                    continue;
                }
                other => {
                    return Err(format!(
                        "unknown fault '{other}': expected latency, 5xx, 429, storm, drop, expire or retry-after"
                    ));
                }
            };
            spec.rules.push(Rule { kind, scope });
        }
        Ok(spec)
    }
}

impl fmt::Display for FaultSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        for r in &self.rules {
            let body = match &r.kind {
                Kind::Latency(a, b) if a == b => format!("latency={}ms", a.as_millis()),
                Kind::Latency(a, b) => format!("latency={}ms..{}ms", a.as_millis(), b.as_millis()),
                Kind::ServerError(p) => format!("5xx={p}"),
                Kind::TooMany(p) => format!("429={p}"),
                Kind::Storm(p, d) => format!("storm={p}:{}ms", d.as_millis()),
                Kind::Drop(p) => format!("drop={p}"),
                Kind::Expire(p) => format!("expire={p}"),
            };
            let scope = match &r.scope {
                Scope::Default => String::new(),
                Scope::All => "@all".to_owned(),
                Scope::Reads => "@reads".to_owned(),
                Scope::Writes => "@writes".to_owned(),
                Scope::Ops(ops) => format!("@{}", ops.join("|")),
            };
            parts.push(format!("{body}{scope}"));
        }
        if let Some(s) = self.retry_after {
            parts.push(format!("retry-after={s}"));
        }
        f.write_str(&parts.join(","))
    }
}

fn rate(s: &str) -> Result<f64, String> {
    let s = s.trim();
    let (num, scale) = match s.strip_suffix('%') {
        Some(n) => (n, 100.0),
        None => (s, 1.0),
    };
    let r: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a rate (0.05 or 5%)"))?;
    let r = r / scale;
    if (0.0..=1.0).contains(&r) {
        Ok(r)
    } else {
        Err(format!("rate '{s}' is outside 0..1"))
    }
}

/// Parses `40ms`, `2s`, `1.5s`, `250us`, or a bare number of milliseconds.
pub(crate) fn duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = s
        .find(|c: char| c.is_ascii_alphabetic())
        .map_or((s, "ms"), |i| (&s[..i], &s[i..]));
    let n: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a duration (e.g. 40ms, 2s)"))?;
    let secs = match unit {
        "us" => n / 1e6,
        "ms" => n / 1e3,
        "s" => n,
        "m" => n * 60.0,
        _ => return Err(format!("'{s}': unknown unit '{unit}' (us, ms, s, m)")),
    };
    if secs.is_finite() && secs >= 0.0 {
        Ok(Duration::from_secs_f64(secs))
    } else {
        Err(format!("'{s}' is not a valid duration"))
    }
}

/// What to do to one request.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Decision {
    pub(crate) latency: Duration,
    /// Answer with this instead of handling the request.
    pub(crate) reject: Option<Injected>,
    /// Expire the caller's token first.
    pub(crate) expire: bool,
    /// Drop the connection after handling.
    pub(crate) drop_after: bool,
}

/// An injected answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Injected {
    ServerError(StatusCode),
    TooMany { retry_after: u64 },
}

/// The faults of a running emulator.
#[derive(Debug)]
pub(crate) struct Faults {
    spec: FaultSpec,
    seed: u64,
    counters: Vec<AtomicU64>,
    storm_until: Mutex<Option<Instant>>,
}

impl Faults {
    pub(crate) fn new(spec: FaultSpec, seed: u64) -> Self {
        let counters = spec.rules.iter().map(|_| AtomicU64::new(0)).collect();
        Self {
            spec,
            seed,
            counters,
            storm_until: Mutex::new(None),
        }
    }

    /// Decides the faults of one request to `operation` (`write` for state-changing ones).
    pub(crate) fn decide(&self, operation: &str, write: bool) -> Decision {
        let mut d = Decision::default();
        if self.spec.rules.is_empty() {
            return d;
        }
        let retry_after = self.spec.retry_after.unwrap_or(1);
        let oauth = matches!(operation, "Token" | "Authorize");
        {
            let storm = self
                .storm_until
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(until) = *storm {
                let now = Instant::now();
                if until > now {
                    d.reject = Some(Injected::TooMany {
                        retry_after: until.duration_since(now).as_secs_f64().ceil().max(1.0) as u64,
                    });
                }
            }
        }
        for (i, rule) in self.spec.rules.iter().enumerate() {
            let applies = match &rule.scope {
                Scope::Default if oauth => false,
                Scope::Default => !matches!(rule.kind, Kind::Drop(_)) || write,
                Scope::All => true,
                Scope::Reads => !write,
                Scope::Writes => write,
                Scope::Ops(ops) => ops.iter().any(|o| o == operation),
            };
            if !applies {
                continue;
            }
            let n = self.counters[i].fetch_add(1, Ordering::Relaxed);
            let draw = unit(self.seed, i as u64, n);
            match rule.kind {
                Kind::Latency(lo, hi) => {
                    d.latency += lo + (hi - lo).mul_f64(draw);
                }
                Kind::ServerError(p) if draw < p && d.reject.is_none() => {
                    let codes = [
                        StatusCode::INTERNAL_SERVER_ERROR,
                        StatusCode::BAD_GATEWAY,
                        StatusCode::SERVICE_UNAVAILABLE,
                        StatusCode::GATEWAY_TIMEOUT,
                    ];
                    d.reject = Some(Injected::ServerError(codes[(n % 4) as usize]));
                }
                Kind::TooMany(p) if draw < p && d.reject.is_none() => {
                    d.reject = Some(Injected::TooMany { retry_after });
                }
                Kind::Storm(p, length) if draw < p && d.reject.is_none() => {
                    *self
                        .storm_until
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner) =
                        Some(Instant::now() + length);
                    d.reject = Some(Injected::TooMany {
                        retry_after: length.as_secs_f64().ceil().max(1.0) as u64,
                    });
                }
                Kind::Drop(p) if draw < p => d.drop_after = true,
                Kind::Expire(p) if draw < p => d.expire = true,
                _ => {}
            }
        }
        d
    }
}

/// A deterministic draw in [0, 1) for (seed, rule, n): SplitMix64 over the mixed inputs.
fn unit(seed: u64, rule: u64, n: u64) -> f64 {
    let mut z =
        seed ^ rule.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ n.wrapping_mul(0xD1B5_4A32_D192_ED03);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_rule() {
        let spec: FaultSpec =
            "latency=20ms..80ms, 5xx=5%, 429=0.05@Rows_listRows, storm=1%:2s, drop=5%@writes, expire=1%, retry-after=3"
                .parse()
                .unwrap();
        assert_eq!(spec.rules.len(), 6);
        assert_eq!(spec.retry_after, Some(3));
        let again: FaultSpec = spec.to_string().parse().unwrap();
        assert_eq!(again, spec);
    }

    #[test]
    fn rejects_nonsense_with_a_reason() {
        assert!(
            "5xx=150%"
                .parse::<FaultSpec>()
                .unwrap_err()
                .contains("outside")
        );
        assert!(
            "bogus=1"
                .parse::<FaultSpec>()
                .unwrap_err()
                .contains("unknown fault")
        );
        assert!(
            "latency=fast"
                .parse::<FaultSpec>()
                .unwrap_err()
                .contains("duration")
        );
    }

    #[test]
    fn same_seed_same_faults() {
        let spec: FaultSpec = "5xx=30%,drop=20%".parse().unwrap();
        let run = |seed| {
            let f = Faults::new(spec.clone(), seed);
            (0..200)
                .map(|_| f.decide("Rows_bulkUpsertRows", true))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let hits = run(7).iter().filter(|d| d.reject.is_some()).count();
        assert!((30..90).contains(&hits), "{hits} of 200 at 30%");
    }

    #[test]
    fn drop_defaults_to_writes() {
        let f = Faults::new("drop=100%".parse().unwrap(), 1);
        assert!(!f.decide("Rows_listRows", false).drop_after);
        assert!(f.decide("Rows_bulkUpsertRows", true).drop_after);
    }
}
