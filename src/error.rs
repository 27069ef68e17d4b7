//! The crate's error type, and its bridge to DataFusion's.

use datafusion::error::DataFusionError;

use crate::client;

/// A gtmsql error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A call to GTM Studio failed; `what` says what gtmsql was doing.
    #[error("{what}: {source}")]
    Remote {
        /// What gtmsql was doing (e.g. "searching events.booth_scans").
        what: String,
        /// The client's error, with the server's code and detail.
        #[source]
        source: Box<client::Error>,
    },
    /// A statement gtmsql does not accept.
    #[error("{0}")]
    Invalid(String),
    /// A session option could not be set.
    #[error("invalid option {key}: {message}")]
    Option {
        /// The option's key.
        key: String,
        /// Why.
        message: String,
    },
    /// An error from DataFusion (planning or execution).
    #[error(transparent)]
    DataFusion(#[from] DataFusionError),
    /// A client error outside any statement (connecting, loading the catalog).
    #[error(transparent)]
    Client(Box<client::Error>),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A remote failure while doing `what`.
    pub fn remote(what: impl Into<String>, source: client::Error) -> Self {
        Self::Remote {
            what: what.into(),
            source: Box::new(source),
        }
    }

    /// The one line to show a user: the innermost gtmsql or client error if there is one
    /// (DataFusion's wrappers such as "External error:" removed), else DataFusion's message.
    pub fn user_message(&self) -> String {
        match self {
            Self::DataFusion(e) => datafusion_message(e),
            other => other.to_string(),
        }
    }
}

/// The user-facing message of a DataFusion error: a gtmsql error inside it when there is
/// one, else DataFusion's own message without its internal prefixes.
pub fn datafusion_message(e: &DataFusionError) -> String {
    let root = e.find_root();
    if let DataFusionError::External(inner) = root {
        if let Some(ours) = inner.downcast_ref::<Error>() {
            return ours.user_message();
        }
        return inner.to_string();
    }
    let text = root.to_string();
    for prefix in [
        "Error during planning: ",
        "Execution error: ",
        "External error: ",
    ] {
        if let Some(rest) = text.strip_prefix(prefix) {
            return rest.to_owned();
        }
    }
    text
}

impl From<client::Error> for Error {
    fn from(e: client::Error) -> Self {
        Self::Client(Box::new(e))
    }
}

impl From<datafusion::arrow::error::ArrowError> for Error {
    fn from(e: datafusion::arrow::error::ArrowError) -> Self {
        Self::DataFusion(e.into())
    }
}

impl From<Error> for DataFusionError {
    fn from(e: Error) -> Self {
        match e {
            Error::DataFusion(inner) => inner,
            other => Self::External(Box::new(other)),
        }
    }
}
