//! The line after each statement: rows, time, and the API traffic it caused, e.g.
//! `3 rows · 0.21 s · 2 requests · 0 retries · 14.2 KiB`.

use std::time::Duration;

use crate::client::StatsSnapshot;

/// How a statement ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    /// It returned this many rows.
    Rows(usize),
    /// It returned no result set (DDL, `SET`).
    Done,
    /// Ctrl-C cancelled it.
    Cancelled,
}

/// The report line (`elapsed` is left out when `\timing` is off).
pub(crate) fn line(status: Status, elapsed: Option<Duration>, traffic: &StatsSnapshot) -> String {
    let mut parts = vec![match status {
        Status::Rows(n) => plural(n as u64, "row", "rows"),
        Status::Done => "OK".to_owned(),
        Status::Cancelled => "Cancelled".to_owned(),
    }];
    if let Some(elapsed) = elapsed {
        parts.push(duration(elapsed));
    }
    parts.push(plural(traffic.requests, "request", "requests"));
    parts.push(plural(traffic.retries, "retry", "retries"));
    parts.push(bytes(traffic.bytes_received));
    parts.join(" · ")
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `0.21 s`, `12.3 s`, `2 min 05 s`.
pub(crate) fn duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 10.0 {
        format!("{secs:.2} s")
    } else if secs < 60.0 {
        format!("{secs:.1} s")
    } else {
        let whole = d.as_secs();
        format!("{} min {:02} s", whole / 60, whole % 60)
    }
}

/// `512 B`, `14.2 KiB`, `3.0 MiB`.
pub(crate) fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} B");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traffic(requests: u64, retries: u64, bytes_received: u64) -> StatsSnapshot {
        StatsSnapshot {
            requests,
            retries,
            bytes_received,
            ..StatsSnapshot::default()
        }
    }

    #[test]
    fn report_lines() {
        assert_eq!(
            line(
                Status::Rows(3),
                Some(Duration::from_millis(210)),
                &traffic(2, 0, 14_540)
            ),
            "3 rows · 0.21 s · 2 requests · 0 retries · 14.2 KiB"
        );
        assert_eq!(
            line(Status::Rows(1), None, &traffic(1, 1, 0)),
            "1 row · 1 request · 1 retry · 0 B"
        );
        assert_eq!(
            line(
                Status::Done,
                Some(Duration::from_secs(75)),
                &traffic(0, 0, 100)
            ),
            "OK · 1 min 15 s · 0 requests · 0 retries · 100 B"
        );
        assert_eq!(
            line(
                Status::Cancelled,
                Some(Duration::from_millis(12_340)),
                &traffic(3, 2, 3 << 20)
            ),
            "Cancelled · 12.3 s · 3 requests · 2 retries · 3.0 MiB"
        );
    }

    #[test]
    fn sizes_and_durations() {
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1024), "1.0 KiB");
        assert_eq!(bytes(5 << 30), "5.0 GiB");
        assert_eq!(duration(Duration::from_millis(5)), "0.01 s");
        assert_eq!(duration(Duration::from_secs(3600)), "60 min 00 s");
    }
}
