//! Client-side rate-limit pacing from the `X-RateLimit-*` headers.
//!
//! GTM Studio limits each account per second (strictly: at most N requests in any 1,000 ms),
//! per hour and per day, and reports the limits on every response
//! (`X-RateLimit-{Limit,Remaining}-{Second,Hour,Day}`; `-1` means "unknown, allowed"). A
//! burst of concurrent requests that ignored them would run into 429s it could have avoided,
//! so every request first takes a slot from a [`Pacer`] shared by the client's clones:
//!
//! * **Probe.** Until the first API response shows the limits, one request is in flight at a
//!   time.
//! * **Sliding window.** With a per-second limit `N`, at most `N` requests are in flight or
//!   finished within the last second. A finished request counts from the moment its answer
//!   arrived, which is after the server counted it, so the client's window always closes
//!   after the server's: the server cannot see more than `N` in any second from this client.
//! * **Remaining = 0.** If the server says the second's quota is spent while this client's
//!   own window is not full (another client shares the account), requests wait one second.
//! * **429.** A `Retry-After` on a 429 pauses every request of the client, not only the one
//!   that was refused.
//!
//! Absent headers or `-1` mean no pacing. The hour and day quotas are recorded (see
//! [`RateLimitStatus`]) but not paced: a 429 for them carries `Retry-After`.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use tokio::sync::Notify;
use tokio::time::Instant;

use crate::client::stats::ClientStats;

/// The length of the per-second window.
const WINDOW: Duration = Duration::from_secs(1);
/// Slack added to computed wake-up times (timer granularity).
const SLACK: Duration = Duration::from_millis(5);

/// The rate-limit headers of the last API response that had them (`None`: absent or `-1`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RateLimitStatus {
    /// `X-RateLimit-Limit-Second`.
    pub limit_second: Option<u64>,
    /// `X-RateLimit-Remaining-Second`.
    pub remaining_second: Option<u64>,
    /// `X-RateLimit-Limit-Hour`.
    pub limit_hour: Option<u64>,
    /// `X-RateLimit-Remaining-Hour`.
    pub remaining_hour: Option<u64>,
    /// `X-RateLimit-Limit-Day`.
    pub limit_day: Option<u64>,
    /// `X-RateLimit-Remaining-Day`.
    pub remaining_day: Option<u64>,
}

impl RateLimitStatus {
    /// Reads the headers; `None` when none of them is present.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Option<(Self, bool)> {
        let read = |name: &str| -> Option<i64> {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<i64>().ok())
        };
        let limit_second = read("x-ratelimit-limit-second").or_else(|| read("x-ratelimit-limit"));
        let remaining_second =
            read("x-ratelimit-remaining-second").or_else(|| read("x-ratelimit-remaining"));
        limit_second?;
        let known = |v: Option<i64>| v.and_then(|n| u64::try_from(n).ok());
        let unlimited = limit_second.is_some_and(|n| n <= 0);
        Some((
            Self {
                limit_second: known(limit_second).filter(|n| *n > 0),
                remaining_second: known(remaining_second),
                limit_hour: known(read("x-ratelimit-limit-hour")),
                remaining_hour: known(read("x-ratelimit-remaining-hour")),
                limit_day: known(read("x-ratelimit-limit-day")),
                remaining_day: known(read("x-ratelimit-remaining-day")),
            },
            unlimited,
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    /// No API response seen yet: probe with one request at a time.
    Unprobed,
    /// The server does not say (absent headers or `-1`): no pacing.
    Unlimited,
    /// At most this many requests per second.
    PerSecond(u64),
}

#[derive(Debug)]
struct Slot {
    id: u64,
    /// When its answer (or failure) arrived; `None` while in flight.
    done: Option<Instant>,
}

#[derive(Debug)]
struct State {
    limit: Limit,
    probing: bool,
    slots: VecDeque<Slot>,
    next_id: u64,
    paused_until: Option<Instant>,
    last: RateLimitStatus,
}

impl State {
    /// Takes a slot in the window for a request about to be sent.
    fn push_slot(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.slots.push_back(Slot { id, done: None });
        id
    }

    fn prune(&mut self, now: Instant) {
        self.slots
            .retain(|s| s.done.is_none_or(|t| now.duration_since(t) < WINDOW));
    }
}

enum Wait {
    Until(Instant),
    Notified,
}

/// The shared rate limiter of a client.
#[derive(Debug)]
pub(crate) struct Pacer {
    state: Mutex<State>,
    changed: Notify,
}

/// A request's place in the window; [`Permit::finish`] (or dropping it) marks it answered.
#[derive(Debug)]
pub(crate) struct Permit<'a> {
    pacer: &'a Pacer,
    slot: Option<u64>,
    probe: bool,
    finished: bool,
}

impl Default for Pacer {
    fn default() -> Self {
        Self {
            state: Mutex::new(State {
                limit: Limit::Unprobed,
                probing: false,
                slots: VecDeque::new(),
                next_id: 0,
                paused_until: None,
                last: RateLimitStatus::default(),
            }),
            changed: Notify::new(),
        }
    }
}

impl Pacer {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The last rate-limit headers seen.
    pub(crate) fn status(&self) -> RateLimitStatus {
        self.lock().last
    }

    /// Waits until a request may be sent.
    pub(crate) async fn acquire(&self, stats: &ClientStats) -> Permit<'_> {
        let mut waited = false;
        loop {
            // Registered before the state is read, so no wake-up is missed.
            let notified = self.changed.notified();
            let wait = {
                let mut s = self.lock();
                let now = Instant::now();
                s.prune(now);
                match (s.paused_until.filter(|t| *t > now), s.limit) {
                    (Some(until), _) => Wait::Until(until),
                    (None, Limit::Unlimited) => {
                        return self.granted(stats, waited, None, false);
                    }
                    (None, Limit::Unprobed) if s.probing => Wait::Notified,
                    (None, Limit::Unprobed) => {
                        s.probing = true;
                        let id = s.push_slot();
                        return self.granted(stats, waited, Some(id), true);
                    }
                    (None, Limit::PerSecond(n)) if (s.slots.len() as u64) < n => {
                        let id = s.push_slot();
                        return self.granted(stats, waited, Some(id), false);
                    }
                    (None, Limit::PerSecond(_)) => s
                        .slots
                        .iter()
                        .filter_map(|slot| slot.done)
                        .min()
                        .map_or(Wait::Notified, |t| Wait::Until(t + WINDOW + SLACK)),
                }
            };
            waited = true;
            match wait {
                Wait::Until(t) => {
                    tokio::select! {
                        () = tokio::time::sleep_until(t) => {}
                        () = notified => {}
                    }
                }
                Wait::Notified => notified.await,
            }
        }
    }

    fn granted(
        &self,
        stats: &ClientStats,
        waited: bool,
        slot: Option<u64>,
        probe: bool,
    ) -> Permit<'_> {
        if waited {
            stats.record_throttle_wait();
        }
        Permit {
            pacer: self,
            slot,
            probe,
            finished: false,
        }
    }

    /// Pauses every request for `wait` (a 429's `Retry-After`).
    pub(crate) fn pause_for(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut s = self.lock();
        s.paused_until = Some(s.paused_until.map_or(until, |t| t.max(until)));
    }

    fn finish(&self, slot: Option<u64>, probe: bool, answer: Option<(StatusCode, &HeaderMap)>) {
        {
            let mut s = self.lock();
            let now = Instant::now();
            if let Some(id) = slot
                && let Some(entry) = s.slots.iter_mut().find(|e| e.id == id)
            {
                entry.done = Some(now);
            }
            if probe {
                s.probing = false;
            }
            if let Some((status, headers)) = answer {
                observe(&mut s, status, headers, now);
            }
        }
        self.changed.notify_waiters();
    }
}

/// Updates the pacing state from a response's headers.
fn observe(s: &mut State, status: StatusCode, headers: &HeaderMap, now: Instant) {
    match RateLimitStatus::from_headers(headers) {
        None => {
            // A success without rate-limit headers: unknown, so no pacing. (Gateway
            // refusals and injected errors carry none either; they prove nothing. A known
            // limit is kept.)
            if s.limit == Limit::Unprobed && status.is_success() {
                s.limit = Limit::Unlimited;
            }
        }
        Some((status, unlimited)) => {
            s.last = status;
            s.limit = match status.limit_second {
                Some(n) if !unlimited => Limit::PerSecond(n),
                _ => Limit::Unlimited,
            };
            if let (Limit::PerSecond(n), Some(0)) = (s.limit, status.remaining_second)
                && (s.slots.len() as u64) < n
            {
                // Someone else spent this second's quota: wait for the server's window.
                let until = now + WINDOW;
                s.paused_until = Some(s.paused_until.map_or(until, |t| t.max(until)));
            }
        }
    }
}

impl Permit<'_> {
    /// Marks the request answered, with the response's status and headers if there was a
    /// response.
    pub(crate) fn finish(mut self, answer: Option<(StatusCode, &HeaderMap)>) {
        self.finished = true;
        self.pacer.finish(self.slot, self.probe, answer);
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        if !self.finished {
            self.pacer.finish(self.slot, self.probe, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn headers(limit: i64, remaining: i64) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-ratelimit-limit-second", HeaderValue::from(limit));
        h.insert("x-ratelimit-remaining-second", HeaderValue::from(remaining));
        h
    }

    #[tokio::test]
    async fn minus_one_means_no_pacing() {
        let pacer = Pacer::default();
        let stats = ClientStats::default();
        pacer
            .acquire(&stats)
            .await
            .finish(Some((StatusCode::OK, &headers(-1, -1))));
        let permits: Vec<_> =
            futures::future::join_all((0..50).map(|_| pacer.acquire(&stats))).await;
        assert_eq!(permits.len(), 50);
        assert_eq!(stats.snapshot().throttle_waits, 0);
        assert_eq!(pacer.status().limit_second, None);
    }

    #[tokio::test]
    async fn absent_headers_mean_no_pacing() {
        let pacer = Pacer::default();
        let stats = ClientStats::default();
        // An error without headers proves nothing; a success without them means no limit.
        pacer
            .acquire(&stats)
            .await
            .finish(Some((StatusCode::UNAUTHORIZED, &HeaderMap::new())));
        let probing = pacer.lock().limit;
        assert_eq!(probing, Limit::Unprobed);
        pacer
            .acquire(&stats)
            .await
            .finish(Some((StatusCode::OK, &HeaderMap::new())));
        let permits: Vec<_> =
            futures::future::join_all((0..20).map(|_| pacer.acquire(&stats))).await;
        assert_eq!(permits.len(), 20);
        assert_eq!(stats.snapshot().throttle_waits, 0);
    }

    #[tokio::test]
    async fn a_full_window_waits_a_second_after_the_oldest_answer() {
        let pacer = Pacer::default();
        let stats = ClientStats::default();
        let start = Instant::now();
        pacer
            .acquire(&stats)
            .await
            .finish(Some((StatusCode::OK, &headers(3, 2))));
        // The probe counts; two more fill the window.
        for _ in 0..2 {
            pacer
                .acquire(&stats)
                .await
                .finish(Some((StatusCode::OK, &headers(3, 1))));
        }
        assert!(start.elapsed() < Duration::from_millis(500));
        let _fourth = pacer.acquire(&stats).await;
        assert!(start.elapsed() >= WINDOW, "{:?}", start.elapsed());
        assert_eq!(stats.snapshot().throttle_waits, 1);
    }

    #[tokio::test]
    async fn remaining_zero_from_another_client_pauses() {
        let pacer = Pacer::default();
        let stats = ClientStats::default();
        let start = Instant::now();
        pacer
            .acquire(&stats)
            .await
            .finish(Some((StatusCode::OK, &headers(5, 0))));
        let _next = pacer.acquire(&stats).await;
        assert!(start.elapsed() >= WINDOW);
    }
}
