//! Typed fields of query results written as their names in JSON (`reform`,
//! `provincial_department`), the form the CLI and the dumps have always printed.

use serde::Serializer;

use crate::model::{Direction, EdgeLabel, NodeKind, OrganizationKind, TaskRole};

pub(super) fn task_role<S: Serializer>(role: &TaskRole, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(role.name())
}

pub(super) fn organization_kind<S: Serializer>(
    kind: &OrganizationKind,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.name())
}

pub(super) fn node_kind<S: Serializer>(kind: &NodeKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.name())
}

pub(super) fn edge_label<S: Serializer>(
    label: &Option<EdgeLabel>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match label {
        Some(l) => s.serialize_str(l.name()),
        None => s.serialize_none(),
    }
}

pub(super) fn direction<S: Serializer>(d: &Option<Direction>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(d.name()),
        None => s.serialize_none(),
    }
}
