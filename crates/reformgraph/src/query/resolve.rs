//! One name resolver for every front-end: a node by natural key, or an organisation, area or
//! indicator by name or alias; a miss says what was looked for and suggests names close to
//! the one given (环保厅 → 省环保厅).

use crate::error::{Error, Result};
use crate::model::{Area, Indicator, Node, NodeKind, Organization, Record, Section};
use crate::store::GraphRead;

/// The kinds [`resolve_any`] looks a name up in, in this order.
pub const RESOLVED_KINDS: [NodeKind; 3] =
    [NodeKind::Organization, NodeKind::Area, NodeKind::Indicator];

/// At most this many suggestions in a miss.
const SUGGESTIONS: usize = 5;

/// Finds a node of `kind` by natural key, or by name or alias. When a name is shared by
/// several nodes of the kind, the error says which to choose between.
///
/// # Errors
/// [`Error::NameNotFound`] (with suggestions) if nothing matches; [`Error::Invalid`] if the
/// name is ambiguous.
///
/// ```
/// use reformgraph::{query, Error, NodeKind, Store};
/// let store = Store::in_memory()?;
/// let snap = store.read()?;
/// let err = query::resolve(&snap, NodeKind::Organization, "省发改委").unwrap_err();
/// assert!(matches!(err, Error::NameNotFound { .. }));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn resolve<R: GraphRead + ?Sized>(r: &R, kind: NodeKind, name: &str) -> Result<Node> {
    resolve_in(r, &[kind], name)
}

/// Finds a node by natural key (any kind), else an organisation, area or indicator (see
/// [`RESOLVED_KINDS`]) by name or alias. The CLI's `path`, `grant` and Python's and
/// Kotlin's name arguments all go through here, so they agree on what a name means.
///
/// # Errors
/// [`Error::NameNotFound`] (with suggestions) if nothing matches; [`Error::Invalid`] if the
/// name is shared by several nodes (the message lists their keys).
///
/// ```
/// use reformgraph::{query, Error, Store, import::bundled};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let snap = store.read()?;
/// assert_eq!(query::resolve_any(&snap, "山西省环境保护厅")?.key.as_str(), "org/省环保厅");
/// assert_eq!(query::resolve_any(&snap, "孝义")?.key.as_str(), "area/孝义市");
/// let Err(Error::NameNotFound { suggestions, .. }) = query::resolve_any(&snap, "环保厅") else {
///     panic!("环保厅 is no name")
/// };
/// assert_eq!(suggestions, ["省环保厅"]);
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn resolve_any<R: GraphRead + ?Sized>(r: &R, name: &str) -> Result<Node> {
    if let Some(node) = r.node_by_key(name)? {
        return Ok(node);
    }
    match named(r, &RESOLVED_KINDS, name)? {
        Some(node) => Ok(node),
        None => Err(miss(r, &RESOLVED_KINDS, name)?),
    }
}

/// The one node of `kinds` whose key (with its kind's prefix), name or alias is `name`.
fn named<R: GraphRead + ?Sized>(r: &R, kinds: &[NodeKind], name: &str) -> Result<Option<Node>> {
    let mut matches: Vec<Node> = Vec::new();
    for kind in kinds {
        let prefixed = match kind {
            NodeKind::Organization => Some(format!("org/{name}")),
            NodeKind::Area => Some(format!("area/{name}")),
            NodeKind::Indicator => Some(format!("indicator/{name}")),
            _ => None,
        };
        if let Some(key) = prefixed
            && let Some(node) = r.node_by_key(&key)?
            && node.kind() == *kind
        {
            return Ok(Some(node));
        }
    }
    for id in r.ids_named(name)? {
        if let Some(node) = r.node(id)?
            && kinds.contains(&node.kind())
            && !matches.iter().any(|m| m.id == node.id)
        {
            matches.push(node);
        }
    }
    match matches.len() {
        0 => Ok(None),
        1 => Ok(matches.pop()),
        _ => Err(Error::invalid(
            format!("name {name:?}"),
            format!(
                "ambiguous: it names {}; use one of these keys",
                matches
                    .iter()
                    .map(|n| n.key.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// The error for a name nothing has: the kinds looked in and the names that contain it or
/// that it contains (shortest difference first). A section's name is its title.
pub(super) fn miss<R: GraphRead + ?Sized>(r: &R, kinds: &[NodeKind], name: &str) -> Result<Error> {
    let mut names: Vec<(Vec<String>, String)> = Vec::new();
    for kind in kinds {
        match kind {
            NodeKind::Organization => names.extend(spellings(r.all::<Organization>()?, |o| {
                (o.name.clone(), o.aliases.clone())
            })),
            NodeKind::Area => names.extend(spellings(r.all::<Area>()?, |a| {
                (a.name.clone(), a.aliases.clone())
            })),
            NodeKind::Indicator => names.extend(spellings(r.all::<Indicator>()?, |i| {
                (i.name.clone(), Vec::new())
            })),
            NodeKind::Section => names.extend(spellings(r.all::<Section>()?, |s| {
                (s.title.clone(), Vec::new())
            })),
            _ => {}
        }
    }
    let len = |s: &str| s.chars().count();
    let mut close: Vec<(usize, String)> = Vec::new();
    if len(name) >= 2 {
        for (spellings, official) in names {
            let near = spellings
                .iter()
                .filter(|s| len(s) >= 2 && (s.contains(name) || name.contains(s.as_str())))
                .map(|s| len(s).abs_diff(len(name)))
                .min();
            if let Some(d) = near
                && !close.iter().any(|(_, o)| *o == official)
            {
                close.push((d, official));
            }
        }
    }
    close.sort();
    Ok(Error::NameNotFound {
        name: name.to_owned(),
        kinds: kinds.iter().map(|k| k.name()).collect(),
        suggestions: close
            .into_iter()
            .take(SUGGESTIONS)
            .map(|(_, n)| n)
            .collect(),
    })
}

/// Every spelling of each record (name first, then aliases), with its official name.
fn spellings<T: crate::model::NodeType>(
    records: Vec<Record<T>>,
    parts: impl Fn(&T) -> (String, Vec<String>),
) -> impl Iterator<Item = (Vec<String>, String)> {
    records.into_iter().map(move |rec| {
        let (name, aliases) = parts(&rec.value);
        let mut all = vec![name.clone()];
        all.extend(aliases);
        (all, name)
    })
}

/// [`resolve`] over several kinds (a miss names them all and suggests from all of them).
pub(crate) fn resolve_in<R: GraphRead + ?Sized>(
    r: &R,
    kinds: &[NodeKind],
    name: &str,
) -> Result<Node> {
    if let Some(node) = r.node_by_key(name)?
        && kinds.contains(&node.kind())
    {
        return Ok(node);
    }
    match named(r, kinds, name)? {
        Some(node) => Ok(node),
        None => Err(miss(r, kinds, name)?),
    }
}
