//! Getting data out: a lossless JSON dump (and back), CSV per kind, the 台账 ledger as
//! XLSX, GraphML and node-link JSON for graph tools, and SVG charts.

mod csv;
mod graphml;
mod json;
mod ledger;
mod svg;
mod xlsx;

pub use csv::{CsvTable, csv_tables, write_csv};
pub use graphml::graphml;
pub use json::{
    DUMP_FORMAT, DUMP_VERSION, Dump, DumpEdge, DumpNode, LoadReport, dump, load_json, node_link,
    to_json,
};
pub use ledger::{Ledger, LedgerOptions, LedgerProject, LedgerRow, ledger};
pub use svg::{Bar, attainment_svg, bar_chart, funnel_svg, workload_svg};
pub use xlsx::{ledger_xlsx, save_ledger_xlsx};
