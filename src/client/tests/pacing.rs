//! Client-side pacing against the emulator's Builder plan (5 requests per second).

use std::time::{Duration, Instant};

use futures::{StreamExt, TryStreamExt};
use gtmsql_emulator::{EmulatorConfig, RateLimitPlan};

use super::{bounded, client_for, served, start};
use crate::client::*;

/// A burst of 25 searches, 8 in flight, against 5/s: paced so that the server refuses none
/// (60 requests would take ≈ 12 s; 25 take ≈ 5 s).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_concurrent_burst_gets_no_429s() {
    bounded(Duration::from_secs(30), async {
        const REQUESTS: usize = 25;
        let emulator = start(EmulatorConfig::new().with_rate_limit(RateLimitPlan::Builder)).await;
        let client = client_for(&emulator);
        let audience = client
            .create_audience(&NewAudience::new("paced", AudienceType::Company), false)
            .await
            .unwrap();
        assert_eq!(client.rate_limit().limit_second, Some(5));
        let before = client.stats().snapshot();
        let started = Instant::now();
        let request = SearchRequest::default();
        let pages: Vec<RowPage> = futures::stream::iter(0..REQUESTS)
            .map(|_| client.search_rows(&audience.id, &request))
            .buffer_unordered(8)
            .try_collect()
            .await
            .unwrap();
        let elapsed = started.elapsed();
        let delta = client.stats().snapshot().since(&before);
        assert_eq!(pages.len(), REQUESTS);
        // A refused request would have been counted by the server and retried.
        assert_eq!(served(&emulator, "Rows_listRows"), REQUESTS as u64);
        assert_eq!(delta.retries, 0);
        assert!(delta.throttle_waits > 0);
        // At most five per second: the last five cannot start before 4 s.
        assert!(elapsed >= Duration::from_millis(3900), "{elapsed:?}");
        assert!(elapsed < Duration::from_secs(12), "{elapsed:?}");
        let status = client.rate_limit();
        assert_eq!(status.limit_hour, Some(10_800));
        assert!(status.remaining_hour.is_some());
    })
    .await;
}
