//! The account's enrichment credits (402 `PFAPI0011` when they run out).
//!
//! Unlimited by default. With a budget, each row an enrichment job targets costs one credit,
//! charged when the job is accepted; an enrichment that needs more credits than are left is
//! refused, and once the balance is zero row upserts are refused too.

use std::sync::Mutex;

use crate::error::{ApiError, ApiResult};

/// Remaining credits (`None`: unlimited).
#[derive(Debug, Default)]
pub(crate) struct Credits {
    remaining: Mutex<Option<u64>>,
}

impl Credits {
    pub(crate) fn new(budget: Option<u64>) -> Self {
        Self {
            remaining: Mutex::new(budget),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<u64>> {
        self.remaining
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Takes `n` credits for an enrichment, or refuses without taking any.
    pub(crate) fn charge(&self, n: u64) -> ApiResult<()> {
        let mut remaining = self.lock();
        match *remaining {
            None => Ok(()),
            Some(left) if left >= n => {
                *remaining = Some(left - n);
                Ok(())
            }
            Some(left) => Err(ApiError::credit_limit(format!(
                "Credit Limit Reached: this enrichment needs {n} credits and the account has {left}"
            ))),
        }
    }

    /// Refuses writes once the balance is zero.
    pub(crate) fn check_not_exhausted(&self) -> ApiResult<()> {
        match *self.lock() {
            Some(0) => Err(ApiError::credit_limit(
                "Credit Limit Reached: the account has no credits left",
            )),
            _ => Ok(()),
        }
    }
}
