//! Natural keys: the stable, human-readable identity of a node.
//!
//! A key is a `/`-separated path such as `shanxi-2013/reform/20`, `org/省环保厅` or
//! `area/孝义市`. Keys are what re-imports, bindings and other devices agree on; the numeric
//! [`NodeId`](super::NodeId) is local to one file.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest key accepted, in bytes. Long enough for any name in this genre, short enough to
/// keep index pages dense.
pub const MAX_KEY_LEN: usize = 512;

/// A validated natural key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NodeKey(String);

/// Why a string is not a valid [`NodeKey`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// The key is empty.
    #[error("a key cannot be empty")]
    Empty,
    /// The key is longer than [`MAX_KEY_LEN`] bytes.
    #[error("a key is at most {MAX_KEY_LEN} bytes, this one has {0}")]
    TooLong(usize),
    /// A segment between two `/` is empty, or the key starts or ends with `/`.
    #[error("invalid key {0:?}: no empty segments allowed (no leading, trailing or doubled '/')")]
    EmptySegment(String),
    /// The key contains a control character or white space.
    #[error("invalid key {key:?}: no white space or control characters allowed (found {found:?})")]
    BadChar {
        /// The key.
        key: String,
        /// The offending character.
        found: char,
    },
}

impl NodeKey {
    /// Parses and validates a key.
    ///
    /// # Errors
    /// [`KeyError`] if the key is empty, too long, has an empty segment, or contains white
    /// space or a control character.
    ///
    /// ```
    /// use reformgraph::NodeKey;
    /// let key = NodeKey::new("shanxi-2013/reform/20")?;
    /// assert_eq!(key.segments().collect::<Vec<_>>(), ["shanxi-2013", "reform", "20"]);
    /// assert!(NodeKey::new("org//x").is_err());
    /// # Ok::<(), reformgraph::KeyError>(())
    /// ```
    pub fn new(key: impl Into<String>) -> Result<Self, KeyError> {
        let key = key.into();
        if key.is_empty() {
            return Err(KeyError::Empty);
        }
        if key.len() > MAX_KEY_LEN {
            return Err(KeyError::TooLong(key.len()));
        }
        if let Some(found) = key.chars().find(|c| c.is_whitespace() || c.is_control()) {
            return Err(KeyError::BadChar { key, found });
        }
        if key.split('/').any(str::is_empty) {
            return Err(KeyError::EmptySegment(key));
        }
        Ok(Self(key))
    }

    /// Builds a key from segments, each validated.
    ///
    /// # Errors
    /// [`KeyError`] as for [`NodeKey::new`]; a segment containing `/` makes extra segments,
    /// which is allowed.
    ///
    /// ```
    /// use reformgraph::NodeKey;
    /// assert_eq!(NodeKey::from_segments(["org", "省环保厅"])?.as_str(), "org/省环保厅");
    /// # Ok::<(), reformgraph::KeyError>(())
    /// ```
    pub fn from_segments<I, S>(segments: I) -> Result<Self, KeyError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut out = String::new();
        for (i, s) in segments.into_iter().enumerate() {
            if i > 0 {
                out.push('/');
            }
            out.push_str(s.as_ref());
        }
        Self::new(out)
    }

    /// The key for an organisation known by `name`: `org/<name>`.
    ///
    /// # Errors
    /// [`KeyError`] if `name` is empty or contains white space.
    pub fn organization(name: &str) -> Result<Self, KeyError> {
        Self::from_segments(["org", name])
    }

    /// The key for an area: `area/<name>`.
    ///
    /// # Errors
    /// [`KeyError`] if `name` is empty or contains white space.
    pub fn area(name: &str) -> Result<Self, KeyError> {
        Self::from_segments(["area", name])
    }

    /// The key as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The `/`-separated segments.
    pub fn segments(&self) -> std::str::Split<'_, char> {
        self.0.split('/')
    }

    /// The key with one more segment appended.
    ///
    /// # Errors
    /// [`KeyError`] if the result is not a valid key.
    pub fn child(&self, segment: impl fmt::Display) -> Result<Self, KeyError> {
        Self::new(format!("{}/{}", self.0, segment))
    }
}

impl fmt::Display for NodeKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for NodeKey {
    type Error = KeyError;
    fn try_from(s: String) -> Result<Self, KeyError> {
        Self::new(s)
    }
}

impl TryFrom<&str> for NodeKey {
    type Error = KeyError;
    fn try_from(s: &str) -> Result<Self, KeyError> {
        Self::new(s)
    }
}

impl From<NodeKey> for String {
    fn from(k: NodeKey) -> String {
        k.0
    }
}

impl AsRef<str> for NodeKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
