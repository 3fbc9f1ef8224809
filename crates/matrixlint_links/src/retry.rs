//! Retries: exponential backoff with jitter, and `Retry-After`.
//!
//! Waiting goes through [`Sleeper`], so tests replace the clock instead of
//! waiting on it; the audit itself uses tokio's timer.

use std::future::Future;
use std::hash::{BuildHasher, RandomState};
use std::pin::Pin;
use std::sync::Mutex;
use std::time::Duration;

/// The future a [`Sleeper`] returns.
pub type SleepFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// Something that waits: tokio's timer in the audit, a recorder in tests.
pub trait Sleeper: Send + Sync + 'static {
    /// Completes after `d` (or at once, for a test clock).
    fn sleep(&self, d: Duration) -> SleepFuture;
}

/// tokio's timer (virtual under `start_paused`).
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, d: Duration) -> SleepFuture {
        Box::pin(tokio::time::sleep(d))
    }
}

/// Records every requested wait and returns at once (for tests).
#[derive(Debug, Default)]
pub struct RecordingSleeper {
    waits: Mutex<Vec<Duration>>,
}

impl RecordingSleeper {
    /// Every wait asked for so far, in order.
    #[must_use]
    pub fn waits(&self) -> Vec<Duration> {
        self.waits.lock().map(|w| w.clone()).unwrap_or_default()
    }
}

impl Sleeper for RecordingSleeper {
    fn sleep(&self, d: Duration) -> SleepFuture {
        if let Ok(mut w) = self.waits.lock() {
            w.push(d);
        }
        Box::pin(std::future::ready(()))
    }
}

/// What happens after a failed attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Wait this long, then try again.
    Retry(Duration),
    /// Stop: the answer stands.
    Stop,
    /// Stop: the server asked for a longer wait than the cap.
    TooLong(Duration),
}

/// How often and how long to retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub retries: u32,
    /// The first backoff; it doubles with each retry.
    pub base: Duration,
    /// The longest `Retry-After` honoured.
    pub retry_after_cap: Duration,
}

impl RetryPolicy {
    /// The longest computed backoff, however many retries.
    const MAX_BACKOFF: Duration = Duration::from_secs(60);

    /// After failed attempt number `attempt` (from 1): retry or stop.
    /// `retry_after` is the server's wish, when it sent one; `unit` is a
    /// random number in `[0, 1)` for the jitter.
    #[must_use]
    pub fn next(&self, attempt: u32, retry_after: Option<Duration>, unit: f64) -> Next {
        if attempt > self.retries {
            return Next::Stop;
        }
        match retry_after {
            Some(d) if d > self.retry_after_cap => Next::TooLong(d),
            Some(d) => Next::Retry(d),
            None => Next::Retry(self.backoff(attempt, unit)),
        }
    }

    /// "Equal jitter": half the exponential delay, plus up to the other half
    /// at random, so that many failed requests to one host do not come back
    /// all together.
    #[must_use]
    pub fn backoff(&self, attempt: u32, unit: f64) -> Duration {
        let exp = self.base.saturating_mul(1 << attempt.saturating_sub(1).min(16)).min(Self::MAX_BACKOFF);
        let half = exp / 2;
        half + half.mul_f64(unit.clamp(0.0, 1.0))
    }
}

/// A random number in `[0, 1)`: the standard library's per-process random
/// hash keys are random enough for jitter.
#[must_use]
pub fn jitter_unit() -> f64 {
    let bits = RandomState::new().hash_one(std::time::Instant::now()) >> 11;
    #[allow(clippy::cast_precision_loss)]
    let unit = bits as f64 / (1u64 << 53) as f64;
    unit
}

/// `Retry-After`: delay seconds, or an HTTP date (relative to `now`).
#[must_use]
pub fn parse_retry_after(value: &str, now: jiff::Timestamp) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    let span = at.duration_since(now);
    Some(Duration::try_from(span).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: RetryPolicy =
        RetryPolicy { retries: 3, base: Duration::from_secs(1), retry_after_cap: Duration::from_secs(60) };

    #[test]
    fn backoff_doubles_with_equal_jitter() {
        assert_eq!(POLICY.backoff(1, 0.0), Duration::from_millis(500));
        assert_eq!(POLICY.backoff(1, 0.999_999), Duration::from_micros(999_999) + Duration::from_nanos(500));
        assert_eq!(POLICY.backoff(2, 0.0), Duration::from_secs(1));
        assert_eq!(POLICY.backoff(3, 0.5), Duration::from_secs(3));
        assert_eq!(POLICY.backoff(40, 0.0), Duration::from_secs(30));
    }

    #[test]
    fn retries_stop_after_the_budget() {
        assert_eq!(POLICY.next(1, None, 0.0), Next::Retry(Duration::from_millis(500)));
        assert_eq!(POLICY.next(3, None, 0.0), Next::Retry(Duration::from_secs(2)));
        assert_eq!(POLICY.next(4, None, 0.0), Next::Stop);
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        assert_eq!(POLICY.next(1, Some(Duration::from_secs(7)), 0.3), Next::Retry(Duration::from_secs(7)));
        assert_eq!(POLICY.next(1, Some(Duration::from_secs(3600)), 0.3), Next::TooLong(Duration::from_secs(3600)));
    }

    #[test]
    fn retry_after_forms() {
        let now: jiff::Timestamp = "2026-11-26T10:00:00Z".parse().unwrap();
        assert_eq!(parse_retry_after(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("Thu, 26 Nov 2026 10:01:30 GMT", now), Some(Duration::from_secs(90)));
        assert_eq!(parse_retry_after("Thu, 26 Nov 2026 09:00:00 GMT", now), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn jitter_is_a_unit_fraction() {
        for _ in 0..100 {
            let u = jitter_unit();
            assert!((0.0..1.0).contains(&u));
        }
    }
}
