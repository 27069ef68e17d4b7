//! Writing rows to audiences: value conversion, chunked and keyed bulk upserts, and the
//! `UPDATE` / `DELETE` hooks.

pub mod convert;
pub(crate) mod dml;
pub mod load;
