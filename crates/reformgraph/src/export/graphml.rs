//! GraphML for Gephi, yEd and networkx, with node and edge attributes.

use super::json::dump;
use crate::error::{Error, Result};
use crate::store::GraphRead;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters; none belong in plan text.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

/// The graph as GraphML: nodes with `kind`, `label`, `line` and the data as JSON; edges
/// with `label` and the payload as JSON. Deterministic order (as the JSON dump).
///
/// # Errors
/// Storage or decoding errors; [`Error::Invalid`] if a node's data or an edge's payload
/// cannot be written as JSON.
///
/// ```
/// use reformgraph::{Store, export};
/// let xml = export::graphml(&Store::in_memory()?.read()?)?;
/// assert!(xml.starts_with("<?xml"));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn graphml<R: GraphRead + ?Sized>(r: &R) -> Result<String> {
    let d = dump(r)?;
    let mut out = String::from(concat!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n",
        "  <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n",
        "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n",
        "  <key id=\"line\" for=\"node\" attr.name=\"line\" attr.type=\"int\"/>\n",
        "  <key id=\"data\" for=\"node\" attr.name=\"data\" attr.type=\"string\"/>\n",
        "  <key id=\"elabel\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n",
        "  <key id=\"payload\" for=\"edge\" attr.name=\"payload\" attr.type=\"string\"/>\n",
        "  <graph id=\"reformgraph\" edgedefault=\"directed\">\n",
    ));
    for n in &d.nodes {
        let data = serde_json::to_string(&n.data).map_err(|e| {
            Error::invalid(
                format!("node {}", n.key),
                format!("cannot be written as JSON: {e}"),
            )
        })?;
        out.push_str(&format!(
            "    <node id=\"{}\">\n      <data key=\"kind\">{}</data>\n      <data key=\"label\">{}</data>\n",
            esc(n.key.as_str()),
            esc(&n.kind),
            esc(n.data.label())
        ));
        if let Some(s) = n.source {
            out.push_str(&format!("      <data key=\"line\">{}</data>\n", s.line));
        }
        out.push_str(&format!(
            "      <data key=\"data\">{}</data>\n    </node>\n",
            esc(&data)
        ));
    }
    for (i, e) in d.edges.iter().enumerate() {
        let payload = serde_json::to_string(&e.kind).map_err(|err| {
            Error::invalid(
                format!("edge {} → {}", e.from, e.to),
                format!("cannot be written as JSON: {err}"),
            )
        })?;
        out.push_str(&format!(
            "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">\n      <data key=\"elabel\">{}</data>\n      <data key=\"payload\">{}</data>\n    </edge>\n",
            esc(&e.from),
            esc(&e.to),
            esc(&e.label),
            esc(&payload)
        ));
    }
    out.push_str("  </graph>\n</graphml>\n");
    Ok(out)
}
