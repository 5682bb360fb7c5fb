//! The doctor directory: search, and the availability cache its "soonest" sort reads.

pub mod availability_cache;
pub mod search;
