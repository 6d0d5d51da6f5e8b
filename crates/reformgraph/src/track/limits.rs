//! How much free text an event may carry, and which characters it may not.
//!
//! Every door (record, changeset apply, JSON load) checks these through `validate`, so a
//! 50 MB note or a name carrying terminal escape sequences is refused with the limit named,
//! whoever sends it. The limits are generous for what the fields hold: a person signs with
//! a name, a 进展情况 note is a paragraph or two, a link is a URL.

use super::checks::invalid;
use crate::error::Result;
use crate::model::{Change, Event};

/// Most characters in a person's name, a document number or an attempted change's name.
pub const MAX_NAME_CHARS: usize = 200;
/// Most characters in a link.
pub const MAX_LINK_CHARS: usize = 2_000;
/// Most characters in a title (a sub-task, a project name) or an observation's source.
pub const MAX_TITLE_CHARS: usize = 500;
/// Most characters in a progress note, an evidence note or a refusal's reason (about two
/// printed pages).
pub const MAX_NOTE_CHARS: usize = 4_000;

/// Whether free text may hold line breaks and tabs (notes) or must be one line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
    One,
    Many,
}

/// Refuses text over `max` characters or holding control characters (ESC, BEL, NUL …, and
/// line breaks where one line is expected): printed raw, they would drive the terminal.
fn check_text(what: &str, text: &str, max: usize, lines: Lines) -> Result<()> {
    let count = text.chars().count();
    if count > max {
        return Err(invalid(
            what,
            format!(
                "{count} characters is more than the {max} allowed; shorten it or link to a document"
            ),
        ));
    }
    let allowed = |c: char| lines == Lines::Many && (c == '\n' || c == '\t' || c == '\r');
    if let Some(c) = text.chars().find(|&c| c.is_control() && !allowed(c)) {
        return Err(invalid(
            what,
            format!(
                "it holds the control character U+{:04X}; remove it",
                u32::from(c)
            ),
        ));
    }
    Ok(())
}

/// Checks every free-text field of `e` against the limits above.
pub(super) fn check_event_text(e: &Event) -> Result<()> {
    check_text("actor", &e.actor.person, MAX_NAME_CHARS, Lines::One)?;
    if let Some(ev) = &e.evidence {
        if let Some(n) = &ev.document_number {
            check_text("document number", n, MAX_NAME_CHARS, Lines::One)?;
        }
        if let Some(l) = &ev.link {
            check_text("link", l, MAX_LINK_CHARS, Lines::One)?;
        }
        if let Some(n) = &ev.note {
            check_text("note", n, MAX_NOTE_CHARS, Lines::Many)?;
        }
    }
    match &e.change {
        Change::TaskStatus {
            note: Some(note), ..
        } => check_text("note", note, MAX_NOTE_CHARS, Lines::Many),
        Change::Observation {
            source: Some(source),
            ..
        } => check_text("observation source", source, MAX_TITLE_CHARS, Lines::One),
        Change::SubTaskAdded { title, .. } => {
            check_text("sub-task title", title, MAX_TITLE_CHARS, Lines::One)
        }
        Change::ProjectRegistered(spec) | Change::ProjectAdjusted(spec) => {
            check_text("project name", &spec.name, MAX_TITLE_CHARS, Lines::One)
        }
        Change::AccessRefused { attempted, reason } => {
            check_text("attempted change", attempted, MAX_NAME_CHARS, Lines::One)?;
            check_text("refusal reason", reason, MAX_NOTE_CHARS, Lines::Many)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_at_the_limit_passes_and_one_more_character_is_refused() {
        let at = "改".repeat(MAX_NOTE_CHARS);
        check_text("note", &at, MAX_NOTE_CHARS, Lines::Many).unwrap();
        let over = format!("{at}改");
        let err = check_text("note", &over, MAX_NOTE_CHARS, Lines::Many).unwrap_err();
        assert!(err.to_string().contains("4000"), "{err}");
    }

    #[test]
    fn escape_sequences_are_refused_and_line_breaks_only_in_notes() {
        for bad in [
            "张\u{1b}[31m三",
            "\u{1b}]0;title\u{7}",
            "a\u{0}b",
            "x\u{9b}y",
        ] {
            assert!(
                check_text("actor", bad, MAX_NAME_CHARS, Lines::One).is_err(),
                "{bad:?}"
            );
        }
        assert!(check_text("actor", "张\n三", MAX_NAME_CHARS, Lines::One).is_err());
        check_text("note", "第一段。\n\t第二段。", MAX_NOTE_CHARS, Lines::Many).unwrap();
    }
}
