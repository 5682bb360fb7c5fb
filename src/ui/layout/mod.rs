//! Page chrome: header with role-based navigation, footer.

mod demo_banner;
mod footer;
mod header;
mod notification_bell;
mod sign_in_provider;

pub use demo_banner::{DemoBanner, demo_site};
pub use footer::Footer;
pub use header::Header;
pub use sign_in_provider::sign_in_provider;
