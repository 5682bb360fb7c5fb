//! Whether this server is a demonstration (`site.mode = "demo"`): its pages say so.

/// True on a demo server: seeded accounts, simulated card payments, mail kept in an outbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoSite(pub bool);

impl DemoSite {
    /// The `<meta>` tag's name carrying the mode to the client.
    pub const META_NAME: &'static str = "medibook-demo";
}
