//! Rate limiting per account, with ZoomInfo's packages and `X-RateLimit-*` headers.
//!
//! Three windows are checked at once: per second (strict: at most N requests in any
//! 1,000 ms), per hour and per day (sliding-window counters, which weight the previous fixed
//! window by how much of it still overlaps). A rejected request does not consume quota. Every
//! authenticated response carries `X-RateLimit-{Limit,Remaining}-{Second,Hour,Day}` and the
//! deprecated per-second `X-RateLimit-Limit` / `X-RateLimit-Remaining`; a 429 adds
//! `Retry-After` (whole seconds), `X-RateLimit-Rejected-Bucket` and `X-RateLimit-Reset`
//! (Unix seconds). With no limit, the headers say `-1` ("quota service unavailable, request
//! allowed" in ZoomInfo's words), which clients must treat as "unknown".

use std::collections::{HashMap, VecDeque};
use std::fmt;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::http::{HeaderMap, HeaderName, HeaderValue};

/// A ZoomInfo API package, or no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RateLimitPlan {
    /// No limit (the default).
    #[default]
    None,
    /// Builder: 5/s, 10,800/h, 129,600/day.
    Builder,
    /// Standard: 25/s, 54,000/h, 648,000/day.
    Standard,
    /// Scaling: 35/s, 75,600/h, 907,200/day.
    Scaling,
}

impl RateLimitPlan {
    /// (per second, per hour, per day), or `None` when unlimited.
    pub fn limits(self) -> Option<(u64, u64, u64)> {
        match self {
            Self::None => None,
            Self::Builder => Some((5, 10_800, 129_600)),
            Self::Standard => Some((25, 54_000, 648_000)),
            Self::Scaling => Some((35, 75_600, 907_200)),
        }
    }
}

impl FromStr for RateLimitPlan {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "none" | "off" | "unlimited" => Ok(Self::None),
            "builder" => Ok(Self::Builder),
            "standard" => Ok(Self::Standard),
            "scaling" => Ok(Self::Scaling),
            other => Err(format!(
                "unknown rate limit '{other}': expected none, builder, standard or scaling"
            )),
        }
    }
}

impl fmt::Display for RateLimitPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::None => "none",
            Self::Builder => "builder",
            Self::Standard => "standard",
            Self::Scaling => "scaling",
        })
    }
}

/// The verdict on one request.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    /// Headers to add to the response.
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    /// `Some(seconds)` when the request is refused.
    pub(crate) retry_after: Option<u64>,
}

#[derive(Debug)]
struct Sliding {
    length: Duration,
    start: Instant,
    current: u64,
    previous: u64,
}

impl Sliding {
    fn new(length: Duration, now: Instant) -> Self {
        Self {
            length,
            start: now,
            current: 0,
            previous: 0,
        }
    }

    fn roll(&mut self, now: Instant) {
        let elapsed = now.duration_since(self.start);
        if elapsed >= self.length * 2 {
            self.previous = 0;
            self.current = 0;
            self.start = now;
        } else if elapsed >= self.length {
            self.previous = self.current;
            self.current = 0;
            self.start += self.length;
        }
    }

    fn estimate(&self, now: Instant) -> f64 {
        let into = now.duration_since(self.start).as_secs_f64() / self.length.as_secs_f64();
        self.previous as f64 * (1.0 - into).max(0.0) + self.current as f64
    }

    fn reset_in(&self, now: Instant) -> Duration {
        (self.start + self.length).saturating_duration_since(now)
    }
}

#[derive(Debug)]
struct Account {
    second: VecDeque<Instant>,
    hour: Sliding,
    day: Sliding,
}

/// Per-account windows.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    plan: RateLimitPlan,
    accounts: Mutex<HashMap<String, Account>>,
}

impl RateLimiter {
    pub(crate) fn new(plan: RateLimitPlan) -> Self {
        Self {
            plan,
            accounts: Mutex::default(),
        }
    }

    /// The headers for `account` without counting a request (for answers the gateway gives
    /// before the quota check, such as injected faults).
    pub(crate) fn peek(&self, account: &str) -> Verdict {
        let Some((per_second, per_hour, per_day)) = self.plan.limits() else {
            return Verdict {
                headers: headers(-1, -1, -1, -1, -1, -1),
                retry_after: None,
            };
        };
        let now = Instant::now();
        let accounts = self
            .accounts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (used_s, used_h, used_d) = accounts.get(account).map_or((0, 0.0, 0.0), |acc| {
            let recent = acc
                .second
                .iter()
                .filter(|t| now.duration_since(**t) < Duration::from_secs(1))
                .count() as u64;
            (recent, acc.hour.estimate(now), acc.day.estimate(now))
        });
        Verdict {
            headers: headers(
                per_second as i64,
                per_second.saturating_sub(used_s) as i64,
                per_hour as i64,
                (per_hour as f64 - used_h).max(0.0) as i64,
                per_day as i64,
                (per_day as f64 - used_d).max(0.0) as i64,
            ),
            retry_after: None,
        }
    }

    /// Counts a request of `account` (unless refused) and says what to answer.
    pub(crate) fn check(&self, account: &str) -> Verdict {
        let Some((per_second, per_hour, per_day)) = self.plan.limits() else {
            return Verdict {
                headers: headers(-1, -1, -1, -1, -1, -1),
                retry_after: None,
            };
        };
        let now = Instant::now();
        let mut accounts = self
            .accounts
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let acc = accounts
            .entry(account.to_owned())
            .or_insert_with(|| Account {
                second: VecDeque::new(),
                hour: Sliding::new(Duration::from_secs(3600), now),
                day: Sliding::new(Duration::from_secs(86_400), now),
            });
        while acc
            .second
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(1))
        {
            acc.second.pop_front();
        }
        acc.hour.roll(now);
        acc.day.roll(now);
        let used_s = acc.second.len() as u64;
        let used_h = acc.hour.estimate(now);
        let used_d = acc.day.estimate(now);
        let rejected = if used_s >= per_second {
            let oldest = acc.second.front().copied().unwrap_or(now);
            Some((
                "second",
                (oldest + Duration::from_secs(1)).saturating_duration_since(now),
            ))
        } else if used_h + 1.0 > per_hour as f64 {
            Some(("hour", acc.hour.reset_in(now)))
        } else if used_d + 1.0 > per_day as f64 {
            Some(("day", acc.day.reset_in(now)))
        } else {
            None
        };
        let (rem_s, rem_h, rem_d) = if rejected.is_some() {
            (
                per_second.saturating_sub(used_s),
                (per_hour as f64 - used_h).max(0.0) as u64,
                (per_day as f64 - used_d).max(0.0) as u64,
            )
        } else {
            acc.second.push_back(now);
            acc.hour.current += 1;
            acc.day.current += 1;
            (
                per_second - used_s - 1,
                (per_hour as f64 - used_h - 1.0).max(0.0) as u64,
                (per_day as f64 - used_d - 1.0).max(0.0) as u64,
            )
        };
        let mut out = headers(
            per_second as i64,
            rem_s as i64,
            per_hour as i64,
            rem_h as i64,
            per_day as i64,
            rem_d as i64,
        );
        let retry_after = rejected.map(|(bucket, wait)| {
            let secs = wait.as_secs_f64().ceil().max(1.0) as u64;
            let reset = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default()
                .as_secs()
                + secs;
            out.push((
                HeaderName::from_static("x-ratelimit-rejected-bucket"),
                HeaderValue::from_static(bucket),
            ));
            out.push((
                HeaderName::from_static("x-ratelimit-reset"),
                num(reset as i64),
            ));
            secs
        });
        Verdict {
            headers: out,
            retry_after,
        }
    }
}

fn num(n: i64) -> HeaderValue {
    HeaderValue::from_str(&n.to_string()).unwrap_or(HeaderValue::from_static("0"))
}

fn headers(ls: i64, rs: i64, lh: i64, rh: i64, ld: i64, rd: i64) -> Vec<(HeaderName, HeaderValue)> {
    vec![
        (HeaderName::from_static("x-ratelimit-limit-second"), num(ls)),
        (
            HeaderName::from_static("x-ratelimit-remaining-second"),
            num(rs),
        ),
        (HeaderName::from_static("x-ratelimit-limit-hour"), num(lh)),
        (
            HeaderName::from_static("x-ratelimit-remaining-hour"),
            num(rh),
        ),
        (HeaderName::from_static("x-ratelimit-limit-day"), num(ld)),
        (
            HeaderName::from_static("x-ratelimit-remaining-day"),
            num(rd),
        ),
        (HeaderName::from_static("x-ratelimit-limit"), num(ls)),
        (HeaderName::from_static("x-ratelimit-remaining"), num(rs)),
    ]
}

/// Adds a verdict's headers to a response.
pub(crate) fn apply(headers_out: &mut HeaderMap, verdict: &Verdict) {
    for (k, v) in &verdict.headers {
        headers_out.insert(k.clone(), v.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn remaining(v: &Verdict, name: &str) -> String {
        v.headers
            .iter()
            .find(|(k, _)| k.as_str() == name)
            .map(|(_, v)| v.to_str().unwrap().to_owned())
            .unwrap()
    }

    #[test]
    fn builder_allows_five_per_second_then_refuses() {
        let rl = RateLimiter::new(RateLimitPlan::Builder);
        for i in 0..5 {
            let v = rl.check("acct");
            assert!(v.retry_after.is_none(), "request {i} refused");
            assert_eq!(
                remaining(&v, "x-ratelimit-remaining-second"),
                (4 - i).to_string()
            );
        }
        let v = rl.check("acct");
        assert_eq!(v.retry_after, Some(1));
        assert_eq!(remaining(&v, "x-ratelimit-rejected-bucket"), "second");
        // Another account has its own quota.
        assert!(rl.check("other").retry_after.is_none());
    }

    #[test]
    fn unlimited_says_minus_one() {
        let v = RateLimiter::new(RateLimitPlan::None).check("a");
        assert!(v.retry_after.is_none());
        assert_eq!(remaining(&v, "x-ratelimit-remaining-second"), "-1");
    }
}
