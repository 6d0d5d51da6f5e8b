//! Printing results as text or JSON.

use reformgraph::{Problem, StoreInfo};
use serde_json::json;

fn print_json(value: &serde_json::Value) {
    // Serialising a Value cannot fail; fall back to Display rather than panic.
    match serde_json::to_string_pretty(value) {
        Ok(s) => println!("{s}"),
        Err(_) => println!("{value}"),
    }
}

pub fn info(info: &StoreInfo, as_json: bool) {
    if as_json {
        let nodes: serde_json::Map<String, serde_json::Value> = info
            .nodes
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        print_json(&json!({
            "path": info.path,
            "schema_version": info.schema_version,
            "read_only": info.read_only,
            "nodes": nodes,
            "edges": info.edges,
            "file_bytes": info.file_bytes,
        }));
        return;
    }
    let path = info
        .path
        .as_ref()
        .map_or_else(|| ":memory:".to_owned(), |p| p.display().to_string());
    println!("database  {path}");
    println!("schema    v{}", info.schema_version);
    println!("size      {} bytes", info.file_bytes);
    println!("nodes");
    for (kind, n) in &info.nodes {
        println!("  {kind:<16}{n:>8}");
    }
    println!("edges     {}", info.edges);
}

pub fn verify(problems: &[Problem], as_json: bool) {
    if as_json {
        print_json(&json!({ "ok": problems.is_empty(), "problems": problems }));
        return;
    }
    if problems.is_empty() {
        println!("ok: every invariant holds");
    } else {
        println!("{} problem(s):", problems.len());
        for p in problems {
            println!("  {p}");
        }
    }
}
