//! Reading settings: the file's table with `MEDIBOOK_*` environment overrides, remembering which
//! keys were read so that unknown ones (typos) can be refused.

use super::{ConfigError, env_name};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};
use std::fmt::Display;
use std::path::Path;
use std::str::FromStr;

/// The file's table plus environment overrides, remembering which keys were read.
pub(super) struct Settings<'a> {
    table: toml::Table,
    pub(super) env: &'a HashMap<String, String>,
    read: RefCell<BTreeSet<String>>,
}

impl<'a> Settings<'a> {
    /// Settings from `table`, overridden by `env`.
    pub(super) fn new(table: toml::Table, env: &'a HashMap<String, String>) -> Settings<'a> {
        Settings { table, env, read: RefCell::default() }
    }

    /// The raw text of a setting and where it came from.
    pub(super) fn raw(&self, key: &str) -> Option<(String, String)> {
        self.read.borrow_mut().insert(key.to_owned());
        let env = env_name(key);
        if let Some(value) = self.env.get(&env) {
            return Some((value.clone(), env));
        }
        let (section, name) = key.split_once('.')?;
        let value = self.table.get(section)?.get(name)?;
        let text = match value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Array(items) => items
                .iter()
                .map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()))
                .collect::<Vec<_>>()
                .join(","),
            other => other.to_string(),
        };
        Some((text, "Leptos.toml".into()))
    }

    pub(super) fn required<T: FromStr>(&self, key: &str) -> Result<T, ConfigError>
    where
        T::Err: Display,
    {
        let (value, source) = self
            .raw(key)
            .ok_or_else(|| ConfigError::Missing { key: key.into(), env: env_name(key) })?;
        value.trim().parse().map_err(|e: T::Err| ConfigError::Invalid {
            key: key.into(),
            value: value.clone(),
            origin: source,
            reason: e.to_string(),
        })
    }

    pub(super) fn in_range<T>(
        &self,
        key: &str,
        range: std::ops::RangeInclusive<T>,
    ) -> Result<T, ConfigError>
    where
        T: FromStr + PartialOrd + Display + Copy,
        T::Err: Display,
    {
        let value: T = self.required(key)?;
        if range.contains(&value) {
            Ok(value)
        } else {
            Err(self
                .invalid(key, &format!("must be between {} and {}", range.start(), range.end())))
        }
    }

    pub(super) fn list(&self, key: &str) -> Result<Vec<String>, ConfigError> {
        Ok(self
            .raw(key)
            .map(|(v, _)| {
                v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
            })
            .unwrap_or_default())
    }

    /// Counts `key` as known without reading it (settings that only apply in another mode).
    pub(super) fn mark_read(&self, key: &str) {
        self.read.borrow_mut().insert(key.to_owned());
    }

    pub(super) fn invalid(&self, key: &str, reason: &str) -> ConfigError {
        let (value, source) = self.raw(key).unwrap_or_default();
        ConfigError::Invalid { key: key.into(), value, origin: source, reason: reason.into() }
    }

    /// Fails on a key in the file that no setting reads (usually a typo).
    pub(super) fn reject_unknown(&self, path: &Path) -> Result<(), ConfigError> {
        let read = self.read.borrow();
        for (section, value) in &self.table {
            let names: Vec<String> = match value.as_table() {
                Some(table) => table.keys().map(|k| format!("{section}.{k}")).collect(),
                None => vec![section.clone()],
            };
            if let Some(key) = names.into_iter().find(|k| !read.contains(k)) {
                return Err(ConfigError::Unknown { key, path: path.display().to_string() });
            }
        }
        Ok(())
    }
}
