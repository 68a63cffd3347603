//! Talking to the server: one module per resource.

pub mod health;

use std::fmt;

/// What can go wrong with a request, as the user needs to hear it.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// No answer at all: offline or the server is unreachable.
    Network,
    /// The server answered with an error status.
    Api { status: u16 },
    /// The server answered 2xx with a body we could not read.
    Decode,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Network => f.write_str("Tidak terhubung ke server"),
            Error::Api { status } => write!(f, "Server menjawab dengan galat {status}"),
            Error::Decode => f.write_str("Jawaban server tidak dapat dibaca"),
        }
    }
}
