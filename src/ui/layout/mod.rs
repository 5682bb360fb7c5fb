//! Page chrome: header with role-based navigation, footer.

mod footer;
mod header;

pub use footer::Footer;
pub use header::Header;
