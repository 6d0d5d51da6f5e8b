//! [`Cross`]: the conversion of a core value into a binding's value, one impl per pair of
//! types, composed through `Option`, `Vec` and maps.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hash;
use std::path::PathBuf;

/// A core value the binding has no representation for: a variant of a `#[non_exhaustive]`
/// enum added to the core after the binding was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// What it is (`task status`, `project stage`, `change`).
    pub what: &'static str,
    /// The core's name for it.
    pub name: String,
}

/// Converts a core value into the binding's type `T`.
pub trait Cross<T> {
    /// The value as a `T`.
    ///
    /// # Errors
    ///
    /// [`Unmapped`] when the value is a core enum variant `T` has no counterpart for.
    fn cross(self) -> Result<T, Unmapped>;
}

/// Values that cross unchanged.
macro_rules! same {
    ($($t:ty),*) => {
        $(impl Cross<$t> for $t {
            fn cross(self) -> Result<$t, Unmapped> {
                Ok(self)
            }
        })*
    };
}

same!((), String, bool, u16, u32, u64, i64, f64);

/// Core enums that cross as their snake-case names (`reform`, `provincial_department` …).
macro_rules! by_name {
    ($($t:ty),*) => {
        $(impl Cross<String> for $t {
            fn cross(self) -> Result<String, Unmapped> {
                Ok(self.name().to_owned())
            }
        })*
    };
}

by_name!(
    reformgraph::TaskStatus,
    reformgraph::ProjectStage,
    reformgraph::TaskRole,
    reformgraph::NodeKind,
    reformgraph::OrganizationKind,
    reformgraph::EdgeLabel,
    reformgraph::Direction,
    reformgraph::Comparator,
    reformgraph::SectionLevel,
    reformgraph::AreaLevel,
    reformgraph::SelectionSubject,
    reformgraph::query::LeadRole,
    reformgraph::track::LagClass,
    reformgraph::track::AttainmentClass
);

impl Cross<String> for reformgraph::Unit {
    fn cross(self) -> Result<String, Unmapped> {
        Ok(self.symbol().to_owned())
    }
}

impl Cross<String> for reformgraph::track::AttainmentNote {
    fn cross(self) -> Result<String, Unmapped> {
        Ok(self.to_string())
    }
}

impl Cross<String> for reformgraph::EventId {
    fn cross(self) -> Result<String, Unmapped> {
        Ok(self.to_string())
    }
}

impl Cross<String> for reformgraph::PublicKey {
    fn cross(self) -> Result<String, Unmapped> {
        Ok(self.to_string())
    }
}

impl Cross<String> for &'static str {
    fn cross(self) -> Result<String, Unmapped> {
        Ok(self.to_owned())
    }
}

impl Cross<String> for PathBuf {
    fn cross(self) -> Result<String, Unmapped> {
        Ok(self.display().to_string())
    }
}

impl Cross<u64> for usize {
    fn cross(self) -> Result<u64, Unmapped> {
        // usize is at most 64 bits on every target the bindings build for.
        Ok(u64::try_from(self).unwrap_or(u64::MAX))
    }
}

impl<A: Cross<B>, B> Cross<Option<B>> for Option<A> {
    fn cross(self) -> Result<Option<B>, Unmapped> {
        self.map(Cross::cross).transpose()
    }
}

impl<A: Cross<B>, B> Cross<Vec<B>> for Vec<A> {
    fn cross(self) -> Result<Vec<B>, Unmapped> {
        self.into_iter().map(Cross::cross).collect()
    }
}

impl<K: Cross<L>, A: Cross<B>, L: Ord, B> Cross<BTreeMap<L, B>> for BTreeMap<K, A> {
    fn cross(self) -> Result<BTreeMap<L, B>, Unmapped> {
        self.into_iter()
            .map(|(k, v)| Ok((k.cross()?, v.cross()?)))
            .collect()
    }
}

impl<K: Cross<L>, A: Cross<B>, L: Eq + Hash, B> Cross<HashMap<L, B>> for BTreeMap<K, A> {
    fn cross(self) -> Result<HashMap<L, B>, Unmapped> {
        self.into_iter()
            .map(|(k, v)| Ok((k.cross()?, v.cross()?)))
            .collect()
    }
}
