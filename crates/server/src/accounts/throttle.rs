//! Sign-in throttling without lock-outs. Each key (an account, a client address, a known
//! device) gets a few free failures; after that every further attempt must wait twice as long
//! as the one before (1 s, 2 s, 4 s, ... up to a cap), and the answer says how long. Nothing is
//! ever locked: the account holder on a known device is judged by that device's key alone, so
//! an outsider guessing at their account does not keep them out.
//!
//! An admitted attempt counts as a failure at once (and is forgiven when it succeeds), so a
//! burst of parallel guesses cannot slip through together. The state is this node's memory:
//! with several nodes an attacker gets one sequence of delays per node, still exponential.
//! It is bounded: past `MAX_KEYS` the longest-quiet keys are forgotten first.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The most keys remembered at once (about 100 bytes each).
const MAX_KEYS: usize = 100_000;

/// How delays grow and when failures are forgotten.
#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    /// The wait after the first failure past the free ones; it doubles with each further one.
    pub first_delay: Duration,
    /// The longest wait between two attempts.
    pub max_delay: Duration,
    /// A key with no failure for this long starts afresh.
    pub forget_after: Duration,
}

/// One key to check, with the number of failures it may have before attempts are spaced.
#[derive(Debug, Clone)]
pub struct ThrottleKey {
    pub key: String,
    pub free_failures: u32,
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last_failure: Instant,
    next_allowed: Instant,
}

/// A refused attempt: how long to wait, and the key that is holding it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub wait: Duration,
    pub key: String,
}

/// An admitted attempt: what to undo if it turns out to be right.
#[derive(Debug)]
pub struct Admitted {
    previous: Vec<(String, Instant)>,
}

pub struct SignInThrottle {
    policy: ThrottlePolicy,
    entries: Mutex<HashMap<String, Entry>>,
}

impl SignInThrottle {
    pub fn new(policy: ThrottlePolicy) -> Self {
        Self {
            policy,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn delay_after(&self, failures: u32, free: u32) -> Duration {
        let over = failures.saturating_sub(free).min(30);
        self.policy
            .first_delay
            .saturating_mul(1u32 << over)
            .min(self.policy.max_delay)
    }

    /// Admits an attempt on every key, or says how long until the slowest key allows one.
    pub fn admit(&self, keys: &[ThrottleKey], now: Instant) -> Result<Admitted, Refused> {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let forget_after = self.policy.forget_after;
        let refused = keys
            .iter()
            .filter_map(|k| entries.get(&k.key).map(|e| (k, e)))
            .filter(|(_, e)| now.duration_since(e.last_failure) < forget_after)
            .filter_map(|(k, e)| Some((e.next_allowed.checked_duration_since(now)?, k)))
            .filter(|(wait, _)| !wait.is_zero())
            .max_by_key(|(wait, _)| *wait);
        if let Some((wait, key)) = refused {
            return Err(Refused {
                wait,
                key: key.key.clone(),
            });
        }
        if entries.len() + keys.len() > MAX_KEYS {
            forget_oldest(&mut entries, now, forget_after);
        }
        let mut previous = Vec::with_capacity(keys.len());
        for key in keys {
            let entry = entries.entry(key.key.clone()).or_insert(Entry {
                failures: 0,
                last_failure: now,
                next_allowed: now,
            });
            if now.duration_since(entry.last_failure) >= forget_after {
                entry.failures = 0;
            }
            previous.push((key.key.clone(), entry.next_allowed));
            entry.failures += 1;
            entry.last_failure = now;
            entry.next_allowed = if entry.failures >= key.free_failures {
                now + self.delay_after(entry.failures, key.free_failures)
            } else {
                now
            };
        }
        Ok(Admitted { previous })
    }

    /// The attempt was right: it no longer counts against its keys, and `clear` start afresh.
    pub fn succeeded(&self, admitted: Admitted, clear: &[&str]) {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (key, next_allowed) in admitted.previous {
            if clear.contains(&key.as_str()) {
                entries.remove(&key);
            } else if let Some(entry) = entries.get_mut(&key) {
                entry.failures = entry.failures.saturating_sub(1);
                entry.next_allowed = entry.next_allowed.min(next_allowed);
            }
        }
    }
}

/// Drops keys quiet for `forget_after`, then the quietest tenth if that was not enough.
fn forget_oldest(entries: &mut HashMap<String, Entry>, now: Instant, forget_after: Duration) {
    entries.retain(|_, e| now.duration_since(e.last_failure) < forget_after);
    if entries.len() < MAX_KEYS * 9 / 10 {
        return;
    }
    let mut by_age: Vec<(Instant, String)> = entries
        .iter()
        .map(|(key, e)| (e.last_failure, key.clone()))
        .collect();
    by_age.sort();
    for (_, key) in by_age.into_iter().take(MAX_KEYS / 10) {
        entries.remove(&key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle() -> SignInThrottle {
        SignInThrottle::new(ThrottlePolicy {
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(8),
            forget_after: Duration::from_secs(60),
        })
    }

    fn key(name: &str, free: u32) -> Vec<ThrottleKey> {
        vec![ThrottleKey {
            key: name.into(),
            free_failures: free,
        }]
    }

    #[test]
    fn delays_double_after_the_free_failures_up_to_the_cap() {
        let throttle = throttle();
        let mut now = Instant::now();
        let keys = key("account:a", 3);
        let mut waits = Vec::new();
        for _ in 0..8 {
            match throttle.admit(&keys, now) {
                Ok(_) => waits.push(0),
                Err(refused) => {
                    assert_eq!(refused.key, "account:a");
                    waits.push(refused.wait.as_secs());
                    now += refused.wait;
                    throttle.admit(&keys, now).map(|_| ()).unwrap();
                }
            }
        }
        assert_eq!(waits, vec![0, 0, 0, 1, 2, 4, 8, 8]);
    }

    #[test]
    fn a_success_is_forgiven_and_clears_the_named_keys() {
        let throttle = throttle();
        let now = Instant::now();
        let keys = vec![
            ThrottleKey {
                key: "account:a".into(),
                free_failures: 1,
            },
            ThrottleKey {
                key: "ip:x".into(),
                free_failures: 2,
            },
        ];
        let admitted = throttle.admit(&keys, now).unwrap();
        throttle.succeeded(admitted, &["account:a"]);
        // Neither key holds the right attempt against the next one.
        let admitted = throttle.admit(&keys, now).unwrap();
        throttle.succeeded(admitted, &[]);
        assert!(throttle.admit(&keys, now).is_ok());
        assert!(throttle.admit(&keys, now).is_err());
    }

    #[test]
    fn failures_are_forgotten_after_a_quiet_while() {
        let throttle = throttle();
        let now = Instant::now();
        let keys = key("ip:x", 1);
        throttle.admit(&keys, now).unwrap();
        assert!(throttle.admit(&keys, now).is_err());
        assert!(throttle.admit(&keys, now + Duration::from_secs(61)).is_ok());
    }
}
