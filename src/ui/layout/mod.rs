//! Page chrome: header with role-based navigation, footer.

mod footer;
mod header;
mod notification_bell;

pub use footer::Footer;
pub use header::Header;
