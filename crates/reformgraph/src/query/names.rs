//! Typed fields of query results written as their names in JSON (`reform`,
//! `provincial_department`), the form the CLI and the dumps have always printed.

use serde::Serializer;

use crate::model::{OrganizationKind, TaskRole};

pub(super) fn task_role<S: Serializer>(role: &TaskRole, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(role.name())
}

pub(super) fn organization_kind<S: Serializer>(
    kind: &OrganizationKind,
    s: S,
) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.name())
}
