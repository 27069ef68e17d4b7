//! Creates that are never re-sent blindly: when a create's outcome is unknown (its answer
//! was lost, or a 500/502/504 may have come after the commit) the server is asked whether
//! the thing exists before the create is sent again.

use std::future::Future;

use crate::client::error::Result;
use crate::client::{AudienceClient, MAX_CREATE_RESOLUTIONS};

/// What a look-up after a create of unknown outcome found.
#[derive(Debug)]
pub(super) enum Resolution<T> {
    /// The create was applied; this is what it made.
    Created(T),
    /// Nothing of it is there: sending it again is safe.
    NotCreated,
    /// The look-up failed or found something else: the create's error stands.
    Unknown,
}

impl AudienceClient {
    /// Sends a create with `send`. When its error says it may have been applied, `look_up`
    /// decides: the created thing, a re-send (at most [`MAX_CREATE_RESOLUTIONS`] times), or
    /// the error.
    pub(super) async fn create_resolving<T, S, SF, L, LF>(
        &self,
        what: &str,
        send: S,
        look_up: L,
    ) -> Result<T>
    where
        S: Fn() -> SF,
        SF: Future<Output = Result<T>>,
        L: Fn() -> LF,
        LF: Future<Output = Resolution<T>>,
    {
        let mut resolutions = 0;
        loop {
            let error = match send().await {
                Ok(created) => return Ok(created),
                Err(e) if e.is_maybe_committed() && resolutions < MAX_CREATE_RESOLUTIONS => e,
                Err(e) => return Err(e),
            };
            resolutions += 1;
            self.inner.stats.record_retry();
            tracing::debug!("{what}: {error}; looking it up");
            match look_up().await {
                Resolution::Created(created) => return Ok(created),
                Resolution::NotCreated => {}
                Resolution::Unknown => return Err(error),
            }
        }
    }
}
