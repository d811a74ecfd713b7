//! What a listener records, and how records become figures: deliveries counted per listener,
//! order checked by seq, send→receive latency from the send time carried in each body.

use std::sync::OnceLock;
use std::time::Instant;

use hdrhistogram::Histogram;
use serde::Serialize;

/// The generator's clock: microseconds since it first asked. Senders write it into bodies and
/// listeners read it back, in the same process, so the two ends share one clock.
pub fn now_micros() -> u64 {
    static START: OnceLock<Instant> = OnceLock::new();
    u64::try_from(START.get_or_init(Instant::now).elapsed().as_micros()).unwrap_or(u64::MAX)
}

/// A latency histogram in microseconds, 1 µs to 10 minutes at 3 significant figures.
pub fn histogram() -> Histogram<u64> {
    match Histogram::new_with_bounds(1, 600_000_000, 3) {
        Ok(histogram) => histogram,
        Err(error) => unreachable!("constant bounds are valid: {error}"),
    }
}

/// One listener's deliveries since the last snapshot.
#[derive(Clone)]
pub struct Recorder {
    /// The newest seq seen on this socket (kept across snapshots for the order check).
    pub last_seq: Option<i64>,
    pub received: u64,
    /// Events whose seq was not larger than the one before (duplicates or reordering).
    pub out_of_order: u64,
    /// Events skipped over: seq jumped by more than one.
    pub skipped: u64,
    pub latency: Histogram<u64>,
    /// When the latest event arrived ([`now_micros`]).
    pub last_at: u64,
    /// Why the server closed the socket, if it did (`bye` reason or "closed").
    pub closed: Option<String>,
}

impl Default for Recorder {
    fn default() -> Self {
        Self {
            last_seq: None,
            received: 0,
            out_of_order: 0,
            skipped: 0,
            latency: histogram(),
            last_at: 0,
            closed: None,
        }
    }
}

impl Recorder {
    /// Starts counting from `seq` (the `caught_up` answer to the join).
    pub fn from_seq(seq: i64) -> Self {
        Self {
            last_seq: Some(seq),
            ..Self::default()
        }
    }

    pub fn record(&mut self, seq: i64, sent_at: u64, now: u64) {
        self.received += 1;
        match self.last_seq {
            Some(last) if seq <= last => self.out_of_order += 1,
            Some(last) => {
                self.skipped += u64::try_from(seq - last - 1).unwrap_or(0);
                self.last_seq = Some(seq);
            }
            None => self.last_seq = Some(seq),
        }
        let _ = self.latency.record(now.saturating_sub(sent_at).max(1));
        self.last_at = now;
    }

    /// Hands over what was recorded and starts again, keeping the order check's position.
    pub fn take(&mut self) -> Recorder {
        let fresh = Recorder {
            last_seq: self.last_seq,
            closed: self.closed.clone(),
            ..Recorder::default()
        };
        std::mem::replace(self, fresh)
    }
}

/// A latency summary in milliseconds.
#[derive(Debug, Clone, Copy, Serialize, Default)]
pub struct Latency {
    pub count: u64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl Latency {
    pub fn of(h: &Histogram<u64>) -> Latency {
        let ms = |micros: u64| micros as f64 / 1000.0;
        Latency {
            count: h.len(),
            p50_ms: ms(h.value_at_quantile(0.50)),
            p99_ms: ms(h.value_at_quantile(0.99)),
            max_ms: ms(h.max()),
        }
    }
}

/// `"seq":N` and the send time from a body starting `lg <micros> `, if `text` is an event frame.
pub fn parse_event(text: &str) -> Option<(i64, u64)> {
    if !text.starts_with(r#"{"type":"event""#) {
        return None;
    }
    let seq = number_after(text, r#""seq":"#)?;
    let sent = number_after(text, r#""body":"lg "#)?;
    Some((i64::try_from(seq).ok()?, sent))
}

/// The unsigned integer right after the first `key` in `text`.
pub fn number_after(text: &str, key: &str) -> Option<u64> {
    let start = text.find(key)? + key.len();
    let digits = text[start..].bytes().take_while(u8::is_ascii_digit).count();
    text[start..start + digits].parse().ok()
}

/// A body of about `bytes` bytes that carries its send time.
pub fn body(sent_at: u64, bytes: usize) -> String {
    let mut body = format!("lg {sent_at} ");
    while body.len() < bytes {
        body.push_str("hello hallway ");
    }
    body.truncate(bytes.max(body.find(' ').map_or(0, |i| i + 1)));
    body.trim_end().to_owned()
}

/// User + system CPU seconds from a `/proc/<pid>/stat` file.
pub fn cpu_secs(stat_path: &str) -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string(stat_path)?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or_default();
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name and state.
    Ok((ticks(11) + ticks(12)) / 100.0)
}

/// The 1-, 5- and 15-minute load averages.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_frames_give_their_seq_and_send_time() {
        let frame = format!(
            r#"{{"type":"event","room":3,"seq":42,"at":"x","kind":{{"type":"posted","message":9,"author":1,"client_id":"c","body":"{}","reply_to":null}}}}"#,
            body(1234, 100)
        );
        assert_eq!(parse_event(&frame), Some((42, 1234)));
        assert_eq!(parse_event(r#"{"type":"ack","seq":1}"#), None);
        assert!(body(1234, 100).len() <= 100);
    }

    #[test]
    fn the_recorder_counts_gaps_and_reordering() {
        let mut r = Recorder::from_seq(10);
        r.record(11, 0, 5);
        r.record(13, 0, 5);
        r.record(12, 0, 5);
        assert_eq!((r.received, r.skipped, r.out_of_order), (3, 1, 1));
        let taken = r.take();
        assert_eq!(taken.received, 3);
        assert_eq!((r.received, r.last_seq), (0, Some(13)));
    }
}
