//! Page chrome: header with role-based navigation, footer.

mod demo_banner;
mod sign_in_provider;
mod footer;
mod header;
mod notification_bell;

pub use demo_banner::{DemoBanner, demo_site};
pub use sign_in_provider::sign_in_provider;
pub use footer::Footer;
pub use header::Header;
