//! GTM Studio audiences in DataFusion: the `gtm` catalog, audience tables, their scan node,
//! and the translation of SQL predicates into server-side searches.

pub mod catalog;
pub mod decode;
pub mod filter;
pub mod naming;
pub mod options;
pub mod page;
pub mod scan;
pub mod schema;
pub mod table;

pub use catalog::{CATALOG, GtmCatalog, LOCAL_SCHEMA};
pub use options::{GtmOptions, SharedOptions};
pub use scan::AudienceScanExec;
pub use table::AudienceTable;
