//! Session options under `gtm.*` (`SET gtm.pushdown = false`), shared by a session's tables.

use std::sync::{Arc, RwLock};

use crate::error::{Error, Result};

/// Options of one gtmsql session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GtmOptions {
    /// Push filters, sorts and projections to the server (`gtm.pushdown`). Default true. With
    /// false every scan reads whole audiences and DataFusion does all the work (the
    /// differential tests compare the two).
    pub pushdown: bool,
    /// Turn hash-join build-side keys into searches (`gtm.join_pushdown`). Default true.
    pub join_pushdown: bool,
    /// Push single-key `ORDER BY … LIMIT` to the server (`gtm.sort_pushdown`). Default true.
    pub sort_pushdown: bool,
    /// Rows per page, 1..=500 (`gtm.page_size`). Default 500.
    pub page_size: u32,
    /// Requests in flight per scan partition (`gtm.concurrency`). Default 4.
    pub concurrency: usize,
    /// Partitions of a full scan (`gtm.partitions`; 0 = DataFusion's target partitions).
    /// Default 0.
    pub partitions: usize,
}

impl Default for GtmOptions {
    fn default() -> Self {
        Self {
            pushdown: true,
            join_pushdown: true,
            sort_pushdown: true,
            page_size: 500,
            concurrency: 4,
            partitions: 0,
        }
    }
}

impl GtmOptions {
    /// Every option as (key, value, description).
    pub fn entries(&self) -> Vec<(&'static str, String, &'static str)> {
        vec![
            (
                "gtm.pushdown",
                self.pushdown.to_string(),
                "push filters, sorts and projections to the server",
            ),
            (
                "gtm.join_pushdown",
                self.join_pushdown.to_string(),
                "turn join keys into searches",
            ),
            (
                "gtm.sort_pushdown",
                self.sort_pushdown.to_string(),
                "push ORDER BY … LIMIT to the server",
            ),
            (
                "gtm.page_size",
                self.page_size.to_string(),
                "rows per page (1-500)",
            ),
            (
                "gtm.concurrency",
                self.concurrency.to_string(),
                "requests in flight per scan partition",
            ),
            (
                "gtm.partitions",
                self.partitions.to_string(),
                "partitions of a full scan (0 = target partitions)",
            ),
        ]
    }

    /// Sets an option by key (`gtm.` prefix optional).
    pub fn set(&mut self, key: &str, value: &str) -> Result<()> {
        let name = key.trim().to_ascii_lowercase();
        let name = name.strip_prefix("gtm.").unwrap_or(&name);
        let bad = |message: String| Error::Option {
            key: key.to_owned(),
            message,
        };
        let value = value.trim().trim_matches('\'').trim_matches('"');
        let boolean = || match value.to_ascii_lowercase().as_str() {
            "true" | "on" | "1" | "yes" => Ok(true),
            "false" | "off" | "0" | "no" => Ok(false),
            _ => Err(bad(format!("expected true or false, not '{value}'"))),
        };
        let number = || {
            value
                .parse::<usize>()
                .map_err(|_| bad(format!("expected a whole number, not '{value}'")))
        };
        match name {
            "pushdown" => self.pushdown = boolean()?,
            "join_pushdown" => self.join_pushdown = boolean()?,
            "sort_pushdown" => self.sort_pushdown = boolean()?,
            "page_size" => {
                let n = number()?;
                if !(1..=500).contains(&n) {
                    return Err(bad(format!("must be between 1 and 500, not {n}")));
                }
                self.page_size = n as u32;
            }
            "concurrency" => {
                let n = number()?;
                if !(1..=64).contains(&n) {
                    return Err(bad(format!("must be between 1 and 64, not {n}")));
                }
                self.concurrency = n;
            }
            "partitions" => self.partitions = number()?.min(64),
            _ => {
                let known: Vec<&str> = self.entries().iter().map(|e| e.0).collect();
                return Err(bad(format!("unknown option; known: {}", known.join(", "))));
            }
        }
        Ok(())
    }
}

/// Options shared between a session and its tables.
#[derive(Debug, Clone, Default)]
pub struct SharedOptions(Arc<RwLock<GtmOptions>>);

impl SharedOptions {
    /// Shares `options`.
    pub fn new(options: GtmOptions) -> Self {
        Self(Arc::new(RwLock::new(options)))
    }

    /// A copy of the current options.
    pub fn get(&self) -> GtmOptions {
        self.0
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Sets one option.
    pub fn set(&self, key: &str, value: &str) -> Result<()> {
        self.0
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .set(key, value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_parse_and_refuse_nonsense() {
        let mut o = GtmOptions::default();
        o.set("gtm.pushdown", "false").unwrap();
        o.set("PAGE_SIZE", "100").unwrap();
        assert!(!o.pushdown);
        assert_eq!(o.page_size, 100);
        assert!(
            o.set("gtm.page_size", "501")
                .unwrap_err()
                .to_string()
                .contains("between 1 and 500")
        );
        assert!(
            o.set("gtm.nope", "1")
                .unwrap_err()
                .to_string()
                .contains("unknown option")
        );
        assert!(o.set("gtm.pushdown", "maybe").is_err());
    }
}
