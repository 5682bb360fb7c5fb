//! Why a transport did not hand a message over, and whether retrying can help.

/// Why a message was not handed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    /// It was refused for good (an SMTP 5xx answer, an unusable address): retrying cannot help.
    pub permanent: bool,
    pub reason: String,
}

impl SendError {
    /// A failure worth retrying later.
    pub fn transient(reason: impl std::fmt::Display) -> SendError {
        SendError { permanent: false, reason: reason.to_string() }
    }
}
