//! The comparison engines of the `query` bench: the same graph in a raw redb file (just the
//! two adjacency tables, reformgraph's block layout and bytes: the floor) and in SQLite (tables, indexes
//! and an FTS5 trigram index).

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::path::Path;

use redb::{ReadableDatabase, ReadableTable, TableDefinition};
use reformgraph_benches::Result;
use reformgraph_benches::dump::Dump;
use rusqlite::{Connection, OpenFlags, params};

/// reformgraph's adjacency key: `(this node, label tag, first other node, first qualifier)`.
pub type AdjKey = (u64, u8, u64, u32);
/// `adj_out` of the raw file: reformgraph's block layout and bytes.
pub const RAW_OUT: TableDefinition<AdjKey, &[u8]> = TableDefinition::new("adj_out");
/// `adj_in` of the raw file.
pub const RAW_IN: TableDefinition<AdjKey, &[u8]> = TableDefinition::new("adj_in");

const LEADS: u8 = 2;
const CONTAINS: u8 = 1;

/// reformgraph's adjacency block (`store/adjacency.rs`), column-wise, ids as gaps.
#[derive(serde::Serialize, serde::Deserialize)]
struct Block {
    gaps: Vec<u64>,
    qualifiers: Vec<u32>,
    attributes: Vec<u32>,
}

/// Neighbours per block, as reformgraph's bulk writes make them.
const BLOCK: usize = 128;

fn encode_block(entries: &[(u64, u32, u32)]) -> Result<Vec<u8>> {
    let mut prev = entries.first().map_or(0, |e| e.0);
    let block = Block {
        gaps: entries
            .iter()
            .map(|e| {
                let gap = e.0 - prev;
                prev = e.0;
                gap
            })
            .collect(),
        qualifiers: entries.iter().map(|e| e.1).collect(),
        attributes: entries.iter().map(|e| e.2).collect(),
    };
    // reformgraph's record format: a format byte, then bincode's standard configuration.
    let mut out = vec![1u8];
    bincode::serde::encode_into_std_write(&block, &mut out, bincode::config::standard())?;
    Ok(out)
}

/// Appends the `(other, attribute)` pairs of a block whose first neighbour is `first`.
fn decode_block(first: u64, bytes: &[u8], into: &mut Vec<(u64, u32)>) -> Result<()> {
    let body = bytes.get(1..).unwrap_or_default();
    let (block, _): (Block, usize) =
        bincode::serde::decode_from_slice(body, bincode::config::standard())?;
    let mut id = first;
    for (gap, attribute) in block.gaps.iter().zip(&block.attributes) {
        id += gap;
        into.push((id, *attribute));
    }
    Ok(())
}

/// Writes the adjacency of `dump` to a new raw redb file in one durable transaction, in
/// blocks of [`BLOCK`] neighbours per `(node, label)`.
pub fn build_raw(path: &Path, dump: &Dump) -> Result<()> {
    let db = redb::Database::builder()
        .set_cache_size(64 << 20)
        .create(path)?;
    let tx = db.begin_write()?;
    for (def, outgoing) in [(RAW_OUT, true), (RAW_IN, false)] {
        let mut rows: Vec<(u64, u8, u64, u32, u32)> = dump
            .edges
            .iter()
            .map(|e| {
                if outgoing {
                    (e.from, e.label, e.to, e.qualifier, e.attr)
                } else {
                    (e.to, e.label, e.from, e.qualifier, e.attr)
                }
            })
            .collect();
        rows.sort_unstable();
        let mut table = tx.open_table(def)?;
        let mut start = 0;
        while start < rows.len() {
            let (node, label) = (rows[start].0, rows[start].1);
            let end = rows[start..]
                .iter()
                .position(|r| (r.0, r.1) != (node, label))
                .map_or(rows.len(), |n| start + n);
            for chunk in rows[start..end].chunks(BLOCK) {
                let entries: Vec<(u64, u32, u32)> = chunk.iter().map(|r| (r.2, r.3, r.4)).collect();
                table.insert(
                    (node, label, chunk[0].2, chunk[0].3),
                    encode_block(&entries)?.as_slice(),
                )?;
            }
            start = end;
        }
    }
    tx.commit()?;
    Ok(())
}

/// An open raw file with a read transaction's tables, like a reformgraph snapshot.
pub struct Raw {
    out: redb::ReadOnlyTable<AdjKey, &'static [u8]>,
    inn: redb::ReadOnlyTable<AdjKey, &'static [u8]>,
    _db: redb::ReadOnlyDatabase,
}

impl Raw {
    /// Opens the file read-only with reformgraph's cache size (64 MiB).
    pub fn open(path: &Path) -> Result<Raw> {
        let db = redb::Database::builder()
            .set_cache_size(64 << 20)
            .open_read_only(path)?;
        let tx = db.begin_read()?;
        Ok(Raw {
            out: tx.open_table(RAW_OUT)?,
            inn: tx.open_table(RAW_IN)?,
            _db: db,
        })
    }

    /// Other ends of the edges of `node` with `labels`, with their attributes: one range
    /// scan over the blocks, each decoded.
    fn scan(&self, node: u64, labels: (u8, u8), outgoing: bool) -> Result<Vec<(u64, u32)>> {
        let table = if outgoing { &self.out } else { &self.inn };
        let mut v = Vec::new();
        for entry in table.range((node, labels.0, 0, 0)..=(node, labels.1, u64::MAX, u32::MAX))? {
            let (k, bytes) = entry?;
            decode_block(k.value().2, bytes.value(), &mut v)?;
        }
        Ok(v)
    }

    /// Other ends of the edges of `node` with `label`, with their attributes.
    pub fn edges(&self, node: u64, label: u8, outgoing: bool) -> Result<Vec<(u64, u32)>> {
        self.scan(node, (label, label), outgoing)
    }

    /// Organisations that lead a task `org` leads.
    pub fn co_leads(&self, org: u64) -> Result<BTreeSet<u64>> {
        let mut out = BTreeSet::new();
        for (task, _) in self.edges(org, LEADS, true)? {
            for (other, _) in self.edges(task, LEADS, false)? {
                if other != org {
                    out.insert(other);
                }
            }
        }
        Ok(out)
    }

    fn all_neighbours(&self, node: u64, into: &mut Vec<u64>) -> Result<()> {
        into.clear();
        for outgoing in [true, false] {
            into.extend(
                self.scan(node, (0, u8::MAX), outgoing)?
                    .into_iter()
                    .map(|e| e.0),
            );
        }
        Ok(())
    }

    /// Length of a shortest path over every edge in either direction (reformgraph's
    /// breadth-first search, same order of expansion), or `None`.
    pub fn path_len(&self, from: u64, to: u64, max_depth: u32) -> Result<Option<u32>> {
        bfs(from, to, max_depth, |id, buf| self.all_neighbours(id, buf))
    }

    /// Organisation × parent section → number of tasks led (the workload matrix by id).
    pub fn workload(&self) -> Result<HashMap<(u64, u64), u32>> {
        let mut cells = HashMap::new();
        let mut tasks = Vec::new();
        for entry in self.out.iter()? {
            let (k, bytes) = entry?;
            let (org, label, first, _) = k.value();
            if label != LEADS {
                continue;
            }
            tasks.clear();
            decode_block(first, bytes.value(), &mut tasks)?;
            for (task, _) in &tasks {
                if let Some((parent, _)) = self.edges(*task, CONTAINS, false)?.first() {
                    *cells.entry((org, *parent)).or_default() += 1;
                }
            }
        }
        Ok(cells)
    }
}

/// Breadth-first search from `from` until `to` is dequeued, as `query::shortest_path` does.
pub fn bfs(
    from: u64,
    to: u64,
    max_depth: u32,
    mut neighbours: impl FnMut(u64, &mut Vec<u64>) -> Result<()>,
) -> Result<Option<u32>> {
    let mut depth_of: HashMap<u64, u32> = HashMap::from([(from, 0)]);
    let mut queue = VecDeque::from([from]);
    let mut buf = Vec::new();
    while let Some(id) = queue.pop_front() {
        if id == to {
            break;
        }
        let depth = depth_of.get(&id).copied().unwrap_or(0);
        if depth >= max_depth {
            continue;
        }
        neighbours(id, &mut buf)?;
        for &other in &buf {
            depth_of.entry(other).or_insert_with(|| {
                queue.push_back(other);
                depth + 1
            });
        }
    }
    Ok(depth_of.get(&to).copied())
}

/// Writes `dump` to a new SQLite file: `nodes`, `edges` with covering indexes on
/// `(src, label, dst)` and `(dst, label, src)`, and an FTS5 trigram index of every node's
/// search text. WAL journal, `synchronous = FULL` (durable commits, like reformgraph's).
pub fn build_sqlite(path: &Path, dump: &Dump) -> Result<()> {
    let mut conn = Connection::open(path)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         CREATE TABLE nodes (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL,
                             key TEXT NOT NULL UNIQUE, label TEXT NOT NULL);
         CREATE TABLE edges (src INTEGER NOT NULL, label INTEGER NOT NULL, dst INTEGER NOT NULL,
                             qualifier INTEGER NOT NULL, attr INTEGER NOT NULL);
         CREATE VIRTUAL TABLE fts USING fts5(text, tokenize = 'trigram');",
    )?;
    let tx = conn.transaction()?;
    {
        let mut node = tx.prepare("INSERT INTO nodes VALUES (?1, ?2, ?3, ?4)")?;
        let mut fts = tx.prepare("INSERT INTO fts (rowid, text) VALUES (?1, ?2)")?;
        for n in &dump.nodes {
            node.execute(params![n.id as i64, n.kind, n.key, n.label])?;
            if !n.text.is_empty() {
                fts.execute(params![n.id as i64, n.text])?;
            }
        }
        let mut edge = tx.prepare("INSERT INTO edges VALUES (?1, ?2, ?3, ?4, ?5)")?;
        for e in &dump.edges {
            edge.execute(params![
                e.from as i64,
                e.label,
                e.to as i64,
                e.qualifier,
                e.attr
            ])?;
        }
    }
    tx.commit()?;
    conn.execute_batch(
        "CREATE INDEX edges_out ON edges (src, label, dst);
         CREATE INDEX edges_in ON edges (dst, label, src);
         ANALYZE;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )?;
    Ok(())
}

/// Opens an SQLite file read-only (default page cache: 2 MB; the OS caches the rest).
pub fn open_sqlite(path: &Path) -> Result<Connection> {
    Ok(Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?)
}

/// Other ends of `node`'s outgoing edges with `label`.
pub fn sqlite_out(conn: &Connection, node: u64, label: u8) -> Result<Vec<(u64, u32)>> {
    let mut st =
        conn.prepare_cached("SELECT dst, attr FROM edges WHERE src = ?1 AND label = ?2")?;
    let rows = st.query_map(params![node as i64, label], |r| {
        Ok((r.get::<_, i64>(0)? as u64, r.get::<_, u32>(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Organisations that lead a task `org` leads, in one SQL statement.
pub fn sqlite_co_leads(conn: &Connection, org: u64) -> Result<BTreeSet<u64>> {
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT b.src FROM edges a JOIN edges b ON b.dst = a.dst AND b.label = 2
         WHERE a.src = ?1 AND a.label = 2 AND b.src <> ?1",
    )?;
    let rows = st.query_map(params![org as i64], |r| Ok(r.get::<_, i64>(0)? as u64))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Length of a shortest path, the same breadth-first search with one indexed select per
/// direction and node.
pub fn sqlite_path_len(
    conn: &Connection,
    from: u64,
    to: u64,
    max_depth: u32,
) -> Result<Option<u32>> {
    let mut out = conn.prepare_cached("SELECT dst FROM edges WHERE src = ?1")?;
    let mut inn = conn.prepare_cached("SELECT src FROM edges WHERE dst = ?1")?;
    bfs(from, to, max_depth, |id, buf| {
        buf.clear();
        for st in [&mut out, &mut inn] {
            let rows = st.query_map(params![id as i64], |r| Ok(r.get::<_, i64>(0)? as u64))?;
            for r in rows {
                buf.push(r?);
            }
        }
        Ok(())
    })
}

/// The workload matrix: (organisation name, parent section id, tasks led), one GROUP BY.
pub fn sqlite_workload(conn: &Connection) -> Result<Vec<(String, u64, u32)>> {
    let mut st = conn.prepare_cached(
        "SELECT n.label, c.src, COUNT(*) FROM edges l
         JOIN edges c ON c.dst = l.dst AND c.label = 1
         JOIN nodes n ON n.id = l.src
         WHERE l.label = 2 GROUP BY n.label, c.src",
    )?;
    let rows = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)? as u64,
            r.get::<_, u32>(2)?,
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// FTS5 MATCH for a query of three or more characters: the first 20 rows, unranked.
pub fn sqlite_match_first(conn: &Connection, q: &str) -> Result<Vec<u64>> {
    let mut st = conn.prepare_cached("SELECT rowid FROM fts WHERE fts MATCH ?1 LIMIT 20")?;
    let rows = st.query_map(params![format!("\"{q}\"")], |r| {
        Ok(r.get::<_, i64>(0)? as u64)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// FTS5 MATCH ranked by bm25 with snippets, the top 20 — what reformgraph's search returns.
pub fn sqlite_match_ranked(conn: &Connection, q: &str) -> Result<Vec<(u64, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT rowid, snippet(fts, 0, '【', '】', '…', 24) FROM fts WHERE fts MATCH ?1
         ORDER BY rank LIMIT 20",
    )?;
    let rows = st.query_map(params![format!("\"{q}\"")], |r| {
        Ok((r.get::<_, i64>(0)? as u64, r.get::<_, String>(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every document id containing `q` (MATCH for 3+ characters, LIKE otherwise).
pub fn sqlite_all_matches(conn: &Connection, q: &str) -> Result<BTreeSet<u64>> {
    let (sql, arg) = if q.chars().count() >= 3 {
        (
            "SELECT rowid FROM fts WHERE fts MATCH ?1",
            format!("\"{q}\""),
        )
    } else {
        ("SELECT rowid FROM fts WHERE text LIKE ?1", format!("%{q}%"))
    };
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map(params![arg], |r| Ok(r.get::<_, i64>(0)? as u64))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A two-character query: the trigram index cannot serve fewer than three characters, so
/// this is `LIKE '%q%'` over the FTS table; the first 20 rows, unranked.
pub fn sqlite_like_first(conn: &Connection, q: &str) -> Result<Vec<u64>> {
    let mut st = conn.prepare_cached("SELECT rowid FROM fts WHERE text LIKE ?1 LIMIT 20")?;
    let rows = st.query_map(
        params![format!("%{q}%")],
        |r| Ok(r.get::<_, i64>(0)? as u64),
    )?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A two-character query counted in full (every match found, as reformgraph's `total`).
pub fn sqlite_like_count(conn: &Connection, q: &str) -> Result<u64> {
    let mut st = conn.prepare_cached("SELECT count(*) FROM fts WHERE text LIKE ?1")?;
    Ok(st.query_row(params![format!("%{q}%")], |r| r.get::<_, i64>(0))? as u64)
}

/// reformgraph's posting block value type, by its literal redb type name, so the
/// `fts_blocks` table of a reformgraph file can be read directly (the floor of a search).
#[derive(Debug)]
pub struct Positions;

impl redb::Value for Positions {
    type SelfType<'a>
        = &'a [u8]
    where
        Self: 'a;
    type AsBytes<'a>
        = &'a [u8]
    where
        Self: 'a;

    fn fixed_width() -> Option<usize> {
        None
    }

    fn from_bytes<'a>(data: &'a [u8]) -> &'a [u8]
    where
        Self: 'a,
    {
        data
    }

    fn as_bytes<'a, 'b: 'a>(value: &'a &'b [u8]) -> &'a [u8]
    where
        Self: 'b,
    {
        value
    }

    fn type_name() -> redb::TypeName {
        redb::TypeName::new("reformgraph::PostingBlock")
    }
}

const FTS_BLOCKS: TableDefinition<(&str, u64), Positions> = TableDefinition::new("fts_blocks");

/// The size of one table of a redb file.
pub struct TableSize {
    /// Table name.
    pub name: String,
    /// Entries.
    pub entries: u64,
    /// Key and value bytes stored.
    pub stored: u64,
    /// Leaf and branch pages × 4 KiB.
    pub pages: u64,
    /// Bytes lost to fragmentation.
    pub fragmented: u64,
}

/// reformgraph's own file opened with redb directly (the store must be closed).
pub struct RawFts {
    postings: redb::ReadOnlyTable<(&'static str, u64), Positions>,
    tx: redb::ReadTransaction,
    _db: redb::ReadOnlyDatabase,
}

impl RawFts {
    /// Opens a reformgraph file read-only with its cache size.
    pub fn open(path: &Path) -> Result<RawFts> {
        let db = redb::Database::builder()
            .set_cache_size(64 << 20)
            .open_read_only(path)?;
        let tx = db.begin_read()?;
        Ok(RawFts {
            postings: tx.open_table(FTS_BLOCKS)?,
            tx,
            _db: db,
        })
    }

    /// Scans the posting list of one term, reading every block without decoding it: (blocks, bytes). The floor of a single-term search that reads every
    /// match once.
    pub fn scan(&self, term: &str) -> Result<(u64, u64)> {
        let (mut blocks, mut bytes) = (0, 0u64);
        for entry in self.postings.range((term, 0)..=(term, u64::MAX))? {
            let (_, v) = entry?;
            blocks += 1;
            bytes += std::hint::black_box(v.value()).len() as u64;
        }
        Ok((blocks, bytes))
    }

    /// Size of every table of the file.
    pub fn table_stats(&self) -> Result<Vec<TableSize>> {
        use redb::{ReadableTableMetadata, TableHandle};
        let mut out = Vec::new();
        for handle in self.tx.list_tables()? {
            let name = handle.name().to_owned();
            let t = self.tx.open_untyped_table(handle)?;
            let s = t.stats()?;
            out.push(TableSize {
                name,
                entries: t.len()?,
                stored: s.stored_bytes(),
                pages: (s.leaf_pages() + s.branch_pages()) * 4096,
                fragmented: s.fragmented_bytes(),
            });
        }
        Ok(out)
    }
}
