//! Schema 1's edge payload (format byte 1): the value of `edges_out` / `edges_in`, one entry
//! per edge. Schema 2 replaced those tables by adjacency blocks, which hold the label in the
//! key and the payload as a qualifier and an attribute; only the upgrade still reads this.
//! Frozen, including how it splits into tag, qualifier and attribute.

use serde::{Deserialize, Serialize};

use crate::model::EdgeKind;

/// `EdgeKind`: the variant index, then the payload of the three kinds that have one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum EdgeKindV1 {
    Contains { order: u32 },
    Leads { rank: u16 },
    Cooperates,
    Mentions,
    HasTarget,
    MeasuredBy,
    InArea,
    SameAs,
    DesignatedPilot,
    Selected { year: u16 },
    InPortfolio,
    AppliesTo,
    MayRecord,
    Responsible,
    Guides,
}

impl EdgeKindV1 {
    /// The label's tag in adjacency keys: the variant index plus one.
    pub(crate) fn tag(self) -> u8 {
        match self {
            EdgeKindV1::Contains { .. } => 1,
            EdgeKindV1::Leads { .. } => 2,
            EdgeKindV1::Cooperates => 3,
            EdgeKindV1::Mentions => 4,
            EdgeKindV1::HasTarget => 5,
            EdgeKindV1::MeasuredBy => 6,
            EdgeKindV1::InArea => 7,
            EdgeKindV1::SameAs => 8,
            EdgeKindV1::DesignatedPilot => 9,
            EdgeKindV1::Selected { .. } => 10,
            EdgeKindV1::InPortfolio => 11,
            EdgeKindV1::AppliesTo => 12,
            EdgeKindV1::MayRecord => 13,
            EdgeKindV1::Responsible => 14,
            EdgeKindV1::Guides => 15,
        }
    }

    /// The identity part of the payload (a selection's year), 0 otherwise.
    pub(crate) fn qualifier(self) -> u32 {
        match self {
            EdgeKindV1::Selected { year } => u32::from(year),
            _ => 0,
        }
    }

    /// The attribute part of the payload (a child's order, a lead's rank), 0 otherwise.
    pub(crate) fn attribute(self) -> u32 {
        match self {
            EdgeKindV1::Contains { order } => order,
            EdgeKindV1::Leads { rank } => u32::from(rank),
            _ => 0,
        }
    }
}

impl From<EdgeKind> for EdgeKindV1 {
    fn from(k: EdgeKind) -> Self {
        match k {
            EdgeKind::Contains { order } => EdgeKindV1::Contains { order },
            EdgeKind::Leads { rank } => EdgeKindV1::Leads { rank },
            EdgeKind::Cooperates => EdgeKindV1::Cooperates,
            EdgeKind::Mentions => EdgeKindV1::Mentions,
            EdgeKind::HasTarget => EdgeKindV1::HasTarget,
            EdgeKind::MeasuredBy => EdgeKindV1::MeasuredBy,
            EdgeKind::InArea => EdgeKindV1::InArea,
            EdgeKind::SameAs => EdgeKindV1::SameAs,
            EdgeKind::DesignatedPilot => EdgeKindV1::DesignatedPilot,
            EdgeKind::Selected { year } => EdgeKindV1::Selected { year },
            EdgeKind::InPortfolio => EdgeKindV1::InPortfolio,
            EdgeKind::AppliesTo => EdgeKindV1::AppliesTo,
            EdgeKind::MayRecord => EdgeKindV1::MayRecord,
            EdgeKind::Responsible => EdgeKindV1::Responsible,
            EdgeKind::Guides => EdgeKindV1::Guides,
        }
    }
}

impl From<EdgeKindV1> for EdgeKind {
    fn from(k: EdgeKindV1) -> Self {
        match k {
            EdgeKindV1::Contains { order } => EdgeKind::Contains { order },
            EdgeKindV1::Leads { rank } => EdgeKind::Leads { rank },
            EdgeKindV1::Cooperates => EdgeKind::Cooperates,
            EdgeKindV1::Mentions => EdgeKind::Mentions,
            EdgeKindV1::HasTarget => EdgeKind::HasTarget,
            EdgeKindV1::MeasuredBy => EdgeKind::MeasuredBy,
            EdgeKindV1::InArea => EdgeKind::InArea,
            EdgeKindV1::SameAs => EdgeKind::SameAs,
            EdgeKindV1::DesignatedPilot => EdgeKind::DesignatedPilot,
            EdgeKindV1::Selected { year } => EdgeKind::Selected { year },
            EdgeKindV1::InPortfolio => EdgeKind::InPortfolio,
            EdgeKindV1::AppliesTo => EdgeKind::AppliesTo,
            EdgeKindV1::MayRecord => EdgeKind::MayRecord,
            EdgeKindV1::Responsible => EdgeKind::Responsible,
            EdgeKindV1::Guides => EdgeKind::Guides,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The frozen split agrees with today's `EdgeKind` (whose tags adjacency keys use).
    #[test]
    fn tag_qualifier_and_attribute_are_the_public_ones() {
        for kind in [
            EdgeKind::Contains { order: 3 },
            EdgeKind::Leads { rank: 2 },
            EdgeKind::Mentions,
            EdgeKind::Selected { year: 2014 },
            EdgeKind::Guides,
        ] {
            let v1 = EdgeKindV1::from(kind);
            assert_eq!(
                (v1.tag(), v1.qualifier(), v1.attribute()),
                (kind.label().tag(), kind.qualifier(), kind.attribute())
            );
            assert_eq!(EdgeKind::from(v1), kind);
        }
    }
}
