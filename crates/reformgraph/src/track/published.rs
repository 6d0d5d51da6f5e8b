//! Published figures: the official statistics of a plan's indicators, bundled with the crate
//! so that the main job can show which of the bundled plan's targets were met by 2015.
//!
//! Each figure carries where it was read (publication, section, link, the sentence as
//! printed) and is recorded as an ordinary observation, through [`record_all`] (the one
//! door), with that source and that evidence: nothing here is estimated, and an indicator
//! without a published figure simply has none.

use crate::error::{Error, Result};
use crate::model::{Change, Date, Event, Evidence, Unit};
use crate::store::{GraphRead, Store};

use super::{EventInput, RecordedBy, record_all};

/// The official 2013–2015 figures of the bundled Shanxi plan's 主要目标 indicators, as read
/// (`track/data/shanxi-2013-2015-published.tsv`; sources in `docs/published-figures.md`).
const SHANXI_2013_2015: &str = include_str!("data/shanxi-2013-2015-published.tsv");

/// Who records the bundled figures.
const RECORDER: &str = "reformgraph (published statistics)";

/// One published figure of an indicator for an area and year, with its source.
#[derive(Debug, Clone, PartialEq)]
pub struct PublishedFigure {
    /// The indicator's name or key (城镇化率).
    pub indicator: String,
    /// The area's name or key (山西省).
    pub area: String,
    /// The year the figure describes.
    pub year: u16,
    /// The figure.
    pub value: f64,
    /// Its unit as printed.
    pub unit: Unit,
    /// The publication it was read in, with its publisher and date where printed.
    pub publication: String,
    /// The section or table of the publication.
    pub section: String,
    /// Where the text read is found.
    pub link: String,
    /// The sentence (or table row) as printed.
    pub quote: String,
    /// What the reader should know about the figure (what it measures, how old it is).
    pub note: String,
}

impl PublishedFigure {
    /// The figure as an observation event: dated the last day of its year, the source its
    /// publication and section, the evidence its link and the sentence read.
    pub fn input(&self) -> EventInput {
        let change = Change::Observation {
            area: self.area.clone(),
            year: self.year,
            value: self.value,
            unit: self.unit.clone(),
            source: Some(format!("{}，{}", self.publication, self.section)),
            reference: false,
        };
        let by = RecordedBy {
            effective: Date::new(self.year, 12, 31).ok(),
            evidence: Some(Evidence {
                document_number: None,
                link: Some(self.link.clone()),
                note: Some(format!("「{}」 {}", self.quote, self.note)),
            }),
            ..RecordedBy::person(RECORDER, None)
        };
        EventInput::recorded_by(self.indicator.clone(), change, by)
    }
}

/// Reads figures from a tab-separated text: a header row `indicator area year value unit
/// publication section link quote note`, then a row per figure; `#` lines are comments.
///
/// # Errors
/// [`Error::Import`] with the line of a row that lacks a column or whose year or value is
/// not a number.
///
/// ```
/// let figures = reformgraph::track::published_figures(
///     "indicator\tarea\tyear\tvalue\tunit\tpublication\tsection\tlink\tquote\tnote\n\
///      城镇化率\t山西省\t2015\t55.03\t%\t中国统计年鉴2016\t表2-8\thttp://example.org\t55.03\t\n",
/// )?;
/// assert_eq!((figures[0].year, figures[0].value), (2015, 55.03));
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn published_figures(tsv: &str) -> Result<Vec<PublishedFigure>> {
    let mut out = Vec::new();
    let rows = tsv
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    for (n, line) in rows.skip(1) {
        let line_no = u32::try_from(n + 1).ok();
        let bad = |reason: String| Error::Import {
            line: line_no,
            reason,
        };
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [
            indicator,
            area,
            year,
            value,
            unit,
            publication,
            section,
            link,
            quote,
            note,
        ] = cells[..]
        else {
            return Err(bad(format!(
                "a published figure has 10 tab-separated columns, this row {}",
                cells.len()
            )));
        };
        out.push(PublishedFigure {
            indicator: indicator.to_owned(),
            area: area.to_owned(),
            year: year
                .parse()
                .map_err(|_| bad(format!("year {year:?} is not a year")))?,
            value: value
                .parse()
                .map_err(|_| bad(format!("value {value:?} is not a number")))?,
            unit: Unit::parse(unit),
            publication: publication.to_owned(),
            section: section.to_owned(),
            link: link.to_owned(),
            quote: quote.to_owned(),
            note: note.to_owned(),
        });
    }
    Ok(out)
}

/// The published figures bundled for the Shanxi plan (`shanxi-2013`).
///
/// # Errors
/// Never for the bundled file (a test reads it); [`Error::Import`] otherwise.
pub fn shanxi_2013_2015_figures() -> Result<Vec<PublishedFigure>> {
    published_figures(SHANXI_2013_2015)
}

/// Records each figure as an observation, in one transaction, unless the store already
/// holds that value for its indicator, area and year (so recording twice records nothing
/// new). Returns the events recorded.
///
/// # Errors
/// What [`record_all`] returns: an indicator or area the store does not have, a unit other
/// than the indicator's.
///
/// ```
/// use reformgraph::{Store, import::bundled, track};
/// let store = Store::in_memory()?;
/// bundled::import_shanxi_2013(&store)?;
/// let figures = track::shanxi_2013_2015_figures()?;
/// assert_eq!(track::record_published(&store, &figures)?.len(), figures.len());
/// assert!(track::record_published(&store, &figures)?.is_empty(), "nothing new the second time");
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn record_published(store: &Store, figures: &[PublishedFigure]) -> Result<Vec<Event>> {
    let snap = store.read()?;
    let mut inputs = Vec::new();
    for f in figures {
        let indicator = crate::query::resolve_any(&snap, &f.indicator)?;
        let area = crate::query::resolve_any(&snap, &f.area)?;
        let held = snap
            .observations(indicator.key.as_str(), Some(area.key.as_str()))?
            .into_iter()
            .any(|o| o.year == f.year && !o.reference && o.value == f.value);
        if !held {
            inputs.push(f.input());
        }
    }
    drop(snap);
    if inputs.is_empty() {
        return Ok(Vec::new());
    }
    record_all(store, inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_figures_read_and_each_names_its_source() {
        let figures = shanxi_2013_2015_figures().unwrap();
        assert_eq!(figures.len(), 3);
        for f in &figures {
            assert!((2013..=2015).contains(&f.year), "{f:?}");
            assert!(f.link.starts_with("http"), "{f:?}");
            assert!(
                f.quote.contains(&f.value.to_string()),
                "the quote shows the value: {f:?}"
            );
            assert!(!f.publication.is_empty() && !f.section.is_empty());
        }
    }

    #[test]
    fn a_row_without_every_column_is_refused_with_its_line() {
        let e = published_figures("# c\nindicator\n城镇化率\t山西省\t2015\n").unwrap_err();
        assert!(matches!(e, Error::Import { line: Some(3), .. }), "{e}");
    }
}
