//! Getting data out: a lossless JSON dump (and back), CSV per kind, the 台账 ledger as
//! XLSX, GraphML and node-link JSON for graph tools, and SVG charts.

mod assessment;
mod csv;
mod files;
mod graphml;
mod json;
mod ledger;
mod svg;
mod xlsx;

pub use assessment::{assessment_csv, assessment_xlsx};
pub use csv::{CsvTable, csv_tables, write_csv};
pub use files::{save_graphml, save_ledger_xlsx, save_report_svg};
pub use graphml::graphml;
pub use json::{
    DUMP_FORMAT, DUMP_VERSION, Dump, DumpEdge, DumpNode, LoadReport, dump, load_json, node_link,
    to_json,
};
pub use ledger::{Ledger, LedgerOptions, LedgerProject, LedgerRow, ledger};
pub use svg::{
    Bar, CHARTS, attainment_svg, bar_chart, departments_svg, funnel_svg, report_svg, workload_svg,
};
pub use xlsx::ledger_xlsx;
