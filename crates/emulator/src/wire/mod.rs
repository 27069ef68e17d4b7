//! The emulator's own wire types: request readers and response documents.
//!
//! They are deliberately not shared with gtmsql's client, so that a misspelt field cannot
//! pass both sides' tests.

pub(crate) mod read;
pub(crate) mod response;
