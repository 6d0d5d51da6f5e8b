//! The importer's first stage: the bytes of a plan file → text, with the encoding detected.
//!
//! Plans published by Chinese governments come as UTF-8 (with or without a byte-order mark),
//! GB18030/GBK (older Windows tools) or UTF-16 (text saved from Word as "Unicode text").
//! [`decode`] recognises each:
//!
//! * a byte-order mark decides: UTF-8 (`EF BB BF`), UTF-16LE (`FF FE`), UTF-16BE (`FE FF`);
//! * without one, NUL bytes mean UTF-16 when they fall on one side of the byte pairs (the
//!   zero high byte of the line breaks, digits and Latin letters of mostly-CJK text) and the
//!   pairs decode to plausible text; otherwise the file is binary and refused;
//! * otherwise valid UTF-8 is UTF-8, and anything else is decoded as GB18030 (a superset
//!   of GBK and GB2312) when that works, with at most a few bad bytes.
//!
//! [`Decoded::confident`] says whether the guess can be wrong (the bytes are valid in two
//! encodings and too short to tell, a UTF-16 guess rests on a few NUL bytes, a GB18030
//! decode needed replacement characters or found unusual characters); the caller then
//! shows [`Decoded::hint`].
//!
//! ```
//! use reformgraph::import::decode::{SourceEncoding, decode};
//! let decoded = decode("一、总体要求\n".as_bytes())?;
//! assert_eq!(decoded.text, "一、总体要求\n");
//! assert_eq!(decoded.encoding, SourceEncoding::Utf8);
//! # Ok::<(), reformgraph::Error>(())
//! ```

use std::fmt;

use encoding_rs::{DecoderResult, GB18030};

use crate::error::{Error, Result};

/// How a plan file was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceEncoding {
    /// UTF-8 without a byte-order mark (or plain ASCII).
    Utf8,
    /// UTF-8 starting with a byte-order mark (stripped from the text).
    Utf8Bom,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
    /// UTF-16, little-endian (with or without a byte-order mark).
    Utf16Le,
    /// UTF-16, big-endian (with or without a byte-order mark).
    Utf16Be,
}

impl SourceEncoding {
    /// The encoding's name as `iconv` spells it (`"UTF-8"`, `"GB18030"`, `"UTF-16LE"` …).
    ///
    /// ```
    /// use reformgraph::import::decode::SourceEncoding;
    /// assert_eq!(SourceEncoding::Gb18030.name(), "GB18030");
    /// assert_eq!(SourceEncoding::Utf8Bom.to_string(), "UTF-8 (with BOM)");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 => "UTF-8",
            SourceEncoding::Utf8Bom => "UTF-8 (with BOM)",
            SourceEncoding::Gb18030 => "GB18030",
            SourceEncoding::Utf16Le => "UTF-16LE",
            SourceEncoding::Utf16Be => "UTF-16BE",
        }
    }

    /// The name to give `iconv -f` to convert such a file.
    const fn iconv_name(self) -> &'static str {
        match self {
            SourceEncoding::Utf8 | SourceEncoding::Utf8Bom => "UTF-8",
            other => other.name(),
        }
    }
}

impl fmt::Display for SourceEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A decoded plan file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The encoding the bytes were read in.
    pub encoding: SourceEncoding,
    /// False when the detection could be wrong; show [`Decoded::hint`] then.
    pub confident: bool,
}

impl Decoded {
    /// What to tell the user when the detection was unsure; `None` when it was sure.
    ///
    /// ```
    /// use reformgraph::import::decode::decode;
    /// // 山西 in GBK: valid GB18030, but two characters are too few to be sure.
    /// let decoded = decode(&[0xC9, 0xBD, 0xCE, 0xF7])?;
    /// assert_eq!(decoded.text, "山西");
    /// assert!(decoded.hint().is_some_and(|h| h.contains("GB18030")));
    /// # Ok::<(), reformgraph::Error>(())
    /// ```
    pub fn hint(&self) -> Option<String> {
        if self.confident {
            return None;
        }
        let replaced = if self.text.contains(char::REPLACEMENT_CHARACTER) {
            " and some bytes could not be decoded (they show as \u{FFFD})"
        } else {
            ""
        };
        Some(format!(
            "the file was read as {}, but its encoding could not be told for sure{replaced}; if the imported text looks wrong, convert the file to UTF-8 from its real encoding (for example `iconv -f {} -t UTF-8 plan.txt > plan.utf8.txt`) and import it again",
            self.encoding.name(),
            self.encoding.iconv_name()
        ))
    }
}

/// Below this many non-ASCII characters, bytes valid in two encodings are not told apart
/// with confidence.
const SURE_NON_ASCII: usize = 8;
/// Below this many characters, a UTF-16 guess without a byte-order mark is unsure.
const SURE_UTF16_CHARS: usize = 16;

/// Decodes the bytes of a plan file, detecting the encoding (see the [module](self)).
///
/// # Errors
/// [`Error::Import`] when the input is empty or only white space; when it is binary (NUL
/// bytes that are not UTF-16 text, or NUL characters); and when it cannot be decoded in
/// any encoding — invalid UTF-8 after a UTF-8 byte-order mark, invalid UTF-16 after a
/// UTF-16 one, or bytes that are neither UTF-8 nor GB18030. The error gives the byte
/// offset and line of the first bad byte and says how to convert or repair the file.
///
/// ```
/// use reformgraph::import::decode::{SourceEncoding, decode};
/// let mut utf16 = vec![0xFF, 0xFE];
/// utf16.extend("山西\n".encode_utf16().flat_map(u16::to_le_bytes));
/// let decoded = decode(&utf16)?;
/// assert_eq!((decoded.text.as_str(), decoded.encoding), ("山西\n", SourceEncoding::Utf16Le));
/// assert!(decode(b" \n").is_err());
/// assert!(decode(b"PK\x03\x04\x00\x00\x08\x00").is_err());
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    let decoded = if let Some(body) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        match std::str::from_utf8(body) {
            Ok(text) => Decoded {
                text: text.to_owned(),
                encoding: SourceEncoding::Utf8Bom,
                confident: true,
            },
            Err(e) => {
                let at = 3 + e.valid_up_to();
                return Err(import_error(
                    Some(line_at(bytes, at)),
                    format!(
                        "the file starts with a UTF-8 byte-order mark but is not valid UTF-8 (first bad byte at offset {at}); repair or re-save it as UTF-8 (`iconv -c -f UTF-8 -t UTF-8 plan.txt > plan.fixed.txt` drops the bad bytes)"
                    ),
                ));
            }
        }
    } else if let Some(body) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16_with_bom(body, SourceEncoding::Utf16Le)?
    } else if let Some(body) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16_with_bom(body, SourceEncoding::Utf16Be)?
    } else if let Some(nul) = bytes.iter().position(|b| *b == 0) {
        utf16_without_bom(bytes).ok_or_else(|| binary_error(bytes, nul))?
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                let non_ascii = non_ascii(text);
                Decoded {
                    text: text.to_owned(),
                    encoding: SourceEncoding::Utf8,
                    // Few non-ASCII characters that are valid GB18030 too could be either.
                    confident: non_ascii == 0
                        || non_ascii >= SURE_NON_ASCII
                        || gb18030(bytes).malformed > 0,
                }
            }
            Err(e) => not_utf8(bytes, e.valid_up_to())?,
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(import_error(
            None,
            "the file is empty (or only white space): nothing to import".into(),
        ));
    }
    if let Some(at) = decoded.text.find('\0') {
        let line = line_in_text(&decoded.text, at);
        return Err(import_error(
            Some(line),
            format!(
                "the file read as {} contains NUL characters: it is binary (or UTF-32), not a text plan; save it as UTF-8 text first",
                decoded.encoding.name()
            ),
        ));
    }
    Ok(decoded)
}

/// Decodes a plan file into text: [`decode`]'s text, without the detection details.
///
/// # Errors
/// As [`decode`]: [`Error::Import`] for empty or binary input and for bytes that no
/// supported encoding (UTF-8, UTF-16, GB18030) decodes.
///
/// ```
/// use reformgraph::import::decode_text;
/// assert_eq!(decode_text("\u{feff}一、总体要求".as_bytes())?, "一、总体要求");
/// assert!(decode_text(b"   \n").is_err());
/// // 山西 in GBK:
/// assert_eq!(decode_text(&[0xC9, 0xBD, 0xCE, 0xF7])?, "山西");
/// # Ok::<(), reformgraph::Error>(())
/// ```
pub fn decode_text(bytes: &[u8]) -> Result<String> {
    decode(bytes).map(|d| d.text)
}

fn import_error(line: Option<u32>, reason: String) -> Error {
    Error::Import { line, reason }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The 1-based line of byte `at` in ASCII-compatible bytes (UTF-8, GB18030).
fn line_at(bytes: &[u8], at: usize) -> u32 {
    let before = bytes.get(..at).unwrap_or(bytes);
    to_u32(before.iter().filter(|b| **b == b'\n').count() + 1)
}

/// The 1-based line of byte `at` of `text`.
fn line_in_text(text: &str, at: usize) -> u32 {
    line_at(text.as_bytes(), at)
}

fn non_ascii(text: &str) -> usize {
    text.chars().filter(|c| !c.is_ascii()).count()
}

fn binary_error(bytes: &[u8], nul: usize) -> Error {
    import_error(
        Some(line_at(bytes, nul)),
        format!(
            "the file contains NUL bytes (first at byte offset {nul}) and is not UTF-16 text: it is binary (a Word, PDF or image file?), not a text plan; save it as UTF-8 text first (or, if it is UTF-16, add a byte-order mark: `iconv -f UTF-16LE -t UTF-8 plan.txt > plan.utf8.txt`)"
        ),
    )
}

// ---------------------------------------------------------------- UTF-16

/// Strict UTF-16 decoding: the text, or the byte offset (in `body`) and the line of the
/// first bad code unit (an unpaired surrogate, or an odd last byte).
fn utf16(body: &[u8], encoding: SourceEncoding) -> std::result::Result<String, (usize, u32)> {
    let big_endian = encoding == SourceEncoding::Utf16Be;
    let units = body.chunks_exact(2).map(|pair| match *pair {
        [a, b] if big_endian => u16::from_be_bytes([a, b]),
        [a, b] => u16::from_le_bytes([a, b]),
        _ => 0xFFFF,
    });
    let mut text = String::with_capacity(body.len() + body.len() / 2);
    let mut unit = 0usize;
    let mut lines = 1u32;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                if c == '\n' {
                    lines = lines.saturating_add(1);
                }
                unit += c.len_utf16();
                text.push(c);
            }
            Err(_) => return Err((unit * 2, lines)),
        }
    }
    if body.len() % 2 == 1 {
        return Err((body.len() - 1, lines));
    }
    Ok(text)
}

fn utf16_with_bom(body: &[u8], encoding: SourceEncoding) -> Result<Decoded> {
    match utf16(body, encoding) {
        Ok(text) => Ok(Decoded {
            text,
            encoding,
            confident: true,
        }),
        Err((at, line)) => {
            let at = at + 2;
            Err(import_error(
                Some(line),
                format!(
                    "the file starts with a {0} byte-order mark but is not valid {0} (first bad byte at offset {at}: an unpaired surrogate, or a truncated last character); repair it, or convert what can be read with `iconv -c -f {0} -t UTF-8 plan.txt > plan.utf8.txt`",
                    encoding.name()
                ),
            ))
        }
    }
}

/// UTF-16 without a byte-order mark, recognised by its NUL bytes; `None` if the bytes are
/// not such text.
///
/// Both byte orders are tried; the one giving more common plan characters wins. In the
/// other order, the line breaks and digits of a plan turn into unassigned or unusual code
/// points, while in the right one the NUL high bytes of ASCII characters and the rare
/// NUL low bytes of characters like 一 (U+4E00) all belong to ordinary text.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if bytes.len() % 2 == 1 {
        return None;
    }
    let nuls = bytes.iter().filter(|b| **b == 0).count();
    let (encoding, text, common) = [SourceEncoding::Utf16Le, SourceEncoding::Utf16Be]
        .into_iter()
        .filter_map(|encoding| {
            let text = utf16(bytes, encoding).ok()?;
            let common = text.chars().filter(|c| is_common_char(*c)).count();
            Some((encoding, text, common))
        })
        .max_by_key(|(encoding, _, common)| (*common, *encoding == SourceEncoding::Utf16Le))?;
    let chars = text.chars().count();
    let plausible = text.chars().filter(|c| is_text_char(*c)).count();
    if plausible * 10 < chars * 9 {
        return None;
    }
    // A line break, or mostly ASCII: otherwise a stray NUL in 8-bit text could pass.
    if !text.contains('\n') && nuls * 4 < bytes.len() {
        return None;
    }
    let confident =
        chars >= SURE_UTF16_CHARS && plausible * 50 >= chars * 49 && common * 10 >= chars * 9;
    Some(Decoded {
        text,
        encoding,
        confident,
    })
}

/// The characters most plan text is made of: ASCII text, general punctuation, CJK
/// punctuation, unified ideographs and full-width forms.
fn is_common_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{2000}'..='\u{206F}'
        | '\u{3000}'..='\u{303F}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{FF00}'..='\u{FFEF}')
}

/// Characters expected in a plan: ASCII text, Latin, Greek and Cyrillic letters, general
/// punctuation and symbols, CJK characters, punctuation and full-width forms.
fn is_text_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~'
        | '\u{A0}'..='\u{24F}'
        | '\u{370}'..='\u{4FF}'
        | '\u{2000}'..='\u{2BFF}'
        | '\u{3000}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE6F}'
        | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3134F}')
}

// ---------------------------------------------------------------- GB18030

/// A GB18030 decode, replacing malformed sequences with U+FFFD.
struct Gb {
    text: String,
    /// How many malformed sequences were replaced.
    malformed: usize,
    /// The byte offset of the first.
    first_malformed: Option<usize>,
}

fn gb18030(bytes: &[u8]) -> Gb {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let mut text = String::new();
    let mut malformed = 0usize;
    let mut first_malformed = None;
    let mut done = 0usize;
    let mut rest = bytes;
    loop {
        let room = decoder
            .max_utf8_buffer_length_without_replacement(rest.len())
            .unwrap_or(rest.len().saturating_mul(4))
            .saturating_add(4);
        text.reserve(room);
        let (result, read) = decoder.decode_to_string_without_replacement(rest, &mut text, true);
        match result {
            DecoderResult::InputEmpty => break,
            // Not expected after the reservation above; grow and go on.
            DecoderResult::OutputFull => text.reserve(text.capacity().max(64)),
            DecoderResult::Malformed(bad, after) => {
                let start = (done + read)
                    .saturating_sub(usize::from(after))
                    .saturating_sub(usize::from(bad));
                first_malformed.get_or_insert(start);
                malformed += 1;
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
        done += read;
        rest = rest.get(read..).unwrap_or_default();
    }
    if let Some(stripped) = text.strip_prefix('\u{FEFF}') {
        // GB18030's byte-order mark (84 31 95 33).
        text = stripped.to_owned();
    }
    Gb {
        text,
        malformed,
        first_malformed,
    }
}

/// Of the two-byte GB18030 sequences in `bytes`, how many there are and how many lie in
/// the GB2312 area (lead and trail byte A1–FE) — nearly all of them in real Simplified
/// Chinese text, far fewer in mis-decoded UTF-8 or Big5.
fn gb2312_share(bytes: &[u8]) -> (usize, usize) {
    let (mut pairs, mut gb2312) = (0usize, 0usize);
    let mut i = 0usize;
    while let Some(&lead) = bytes.get(i) {
        if lead < 0x80 {
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(&t) if (0x30..=0x39).contains(&t) => i += 4,
            Some(&trail) => {
                pairs += 1;
                if (0xA1..=0xF7).contains(&lead) && (0xA1..=0xFE).contains(&trail) {
                    gb2312 += 1;
                }
                i += 2;
            }
            None => i += 1,
        }
    }
    (pairs, gb2312)
}

/// Bytes that are not UTF-8 (the first bad byte at `utf8_bad`): GB18030, or an error.
fn not_utf8(bytes: &[u8], utf8_bad: usize) -> Result<Decoded> {
    let gb = gb18030(bytes);
    let (pairs, gb2312) = gb2312_share(bytes);
    let typical = gb2312 * 5 >= pairs * 4;
    let decoded = gb
        .text
        .chars()
        .filter(|c| !c.is_ascii() && *c != char::REPLACEMENT_CHARACTER)
        .count();
    if gb.malformed == 0 {
        return Ok(Decoded {
            confident: typical && decoded >= SURE_NON_ASCII,
            text: gb.text,
            encoding: SourceEncoding::Gb18030,
        });
    }
    // A few bad bytes in otherwise typical GB18030 text: decode them as U+FFFD, unsure.
    if typical && gb.malformed * 100 <= decoded {
        return Ok(Decoded {
            confident: false,
            text: gb.text,
            encoding: SourceEncoding::Gb18030,
        });
    }
    let line = Some(line_at(bytes, utf8_bad));
    let utf8_bad_runs = bytes
        .utf8_chunks()
        .filter(|c| !c.invalid().is_empty())
        .count();
    let utf8_good = bytes
        .utf8_chunks()
        .map(|c| non_ascii(c.valid()))
        .sum::<usize>();
    if utf8_bad_runs * 100 <= utf8_good {
        return Err(import_error(
            line,
            format!(
                "the file is UTF-8 with {utf8_bad_runs} damaged byte sequence(s), the first at byte offset {utf8_bad}; repair them (`iconv -c -f UTF-8 -t UTF-8 plan.txt > plan.fixed.txt` drops them) and import again"
            ),
        ));
    }
    let gb_bad = gb.first_malformed.unwrap_or(utf8_bad);
    Err(import_error(
        line,
        format!(
            "the file is neither UTF-8 (first bad byte at offset {utf8_bad}) nor GB18030/GBK (first bad byte at offset {gb_bad}, line {}); if it is text in another encoding, convert it to UTF-8 first, for example `iconv -f BIG5 -t UTF-8 plan.txt > plan.utf8.txt` (with the file's real encoding instead of BIG5)",
            line_at(bytes, gb_bad)
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gbk(text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
        assert!(!unmappable);
        bytes.into_owned()
    }

    fn utf16le(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_le_bytes).collect()
    }

    fn utf16be(text: &str) -> Vec<u8> {
        text.encode_utf16().flat_map(u16::to_be_bytes).collect()
    }

    fn reason(bytes: &[u8]) -> String {
        match decode(bytes) {
            Err(e) => e.to_string(),
            Ok(d) => panic!("decoded as {:?}: {:?}", d.encoding, d.text),
        }
    }

    const PLAN: &str = "一、重大改革\n（一）产业。\n1.推进煤电体制改革。统筹煤炭和电力两个市场建设。（牵头部门：省经信委）\n";

    #[test]
    fn utf8_decodes_confidently() {
        let d = decode(PLAN.as_bytes()).unwrap();
        assert_eq!(d.text, PLAN);
        assert_eq!(d.encoding, SourceEncoding::Utf8);
        assert!(d.confident);
        assert_eq!(d.hint(), None);
    }

    #[test]
    fn ascii_is_utf8_and_sure() {
        let d = decode(b"1. a plan\n").unwrap();
        assert_eq!((d.encoding, d.confident), (SourceEncoding::Utf8, true));
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(PLAN.as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, PLAN);
        assert_eq!((d.encoding, d.confident), (SourceEncoding::Utf8Bom, true));
    }

    #[test]
    fn gb18030_decodes() {
        let d = decode(&gbk(PLAN)).unwrap();
        assert_eq!(d.text, PLAN);
        assert_eq!((d.encoding, d.confident), (SourceEncoding::Gb18030, true));
    }

    #[test]
    fn gb18030_four_byte_sequences_and_bom_decode() {
        // 𠀀 (U+20000) and € take four-byte sequences; 84 31 95 33 is GB18030's BOM.
        let text = "一、总体要求𠀀€\n二、主要任务\n";
        let mut bytes = vec![0x84, 0x31, 0x95, 0x33];
        bytes.extend(gbk(text));
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, SourceEncoding::Gb18030);
    }

    #[test]
    fn utf16_with_bom_decodes_both_byte_orders() {
        for (bom, body, encoding) in [
            ([0xFF, 0xFE], utf16le(PLAN), SourceEncoding::Utf16Le),
            ([0xFE, 0xFF], utf16be(PLAN), SourceEncoding::Utf16Be),
        ] {
            let mut bytes = bom.to_vec();
            bytes.extend(body);
            let d = decode(&bytes).unwrap();
            assert_eq!(d.text, PLAN);
            assert_eq!((d.encoding, d.confident), (encoding, true));
        }
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_bytes() {
        let d = decode(&utf16le(PLAN)).unwrap();
        assert_eq!(d.text, PLAN);
        assert_eq!((d.encoding, d.confident), (SourceEncoding::Utf16Le, true));
        let d = decode(&utf16be(PLAN)).unwrap();
        assert_eq!(d.text, PLAN);
        assert_eq!((d.encoding, d.confident), (SourceEncoding::Utf16Be, true));
        // 一 (U+4E00) puts NULs on the other side of the pairs, here more than the ASCII
        // characters do: still recognised.
        let text = "一、一一一\n二、二\n三、三\n".repeat(3);
        for bytes in [utf16le(&text), utf16be(&text)] {
            assert_eq!(decode(&bytes).unwrap().text, text);
        }
    }

    #[test]
    fn short_utf16_without_bom_is_unsure() {
        let d = decode(&utf16le("ab")).unwrap();
        assert_eq!(d.text, "ab");
        assert_eq!((d.encoding, d.confident), (SourceEncoding::Utf16Le, false));
        assert!(d.hint().unwrap().contains("iconv -f UTF-16LE"));
    }

    #[test]
    fn bytes_valid_as_utf8_and_gb18030_are_unsure_when_short() {
        // 山西 in UTF-8 is also valid GB18030 (as 灞辫タ).
        let d = decode("山西".as_bytes()).unwrap();
        assert_eq!(d.text, "山西");
        assert_eq!((d.encoding, d.confident), (SourceEncoding::Utf8, false));
        // 山西 in GBK is not UTF-8, but two characters are too few to be sure.
        let d = decode(&gbk("山西")).unwrap();
        assert_eq!(d.text, "山西");
        assert_eq!((d.encoding, d.confident), (SourceEncoding::Gb18030, false));
        // Long enough, the same kind of text is sure.
        assert!(
            decode("山西省人民政府关于印发方案的通知".as_bytes())
                .unwrap()
                .confident
        );
    }

    #[test]
    fn traditional_text_in_gbk_decodes_but_is_unsure() {
        // Outside the GB2312 area: might as well be Big5 mis-read.
        let text = "牽頭單位：省發展改革委；配合單位：省財政廳\n";
        let d = decode(&gbk(text)).unwrap();
        assert_eq!(d.text, text);
        assert_eq!((d.encoding, d.confident), (SourceEncoding::Gb18030, false));
    }

    #[test]
    fn big5_text_is_never_taken_for_sure() {
        let text = "（牽頭單位：省發展改革委；配合單位：省財政廳、省國土資源廳）\n".repeat(5);
        let (big5, _, unmappable) = encoding_rs::BIG5.encode(&text);
        assert!(!unmappable);
        match decode(&big5) {
            Ok(d) => assert!(!d.confident, "{:?}", d.encoding),
            Err(e) => assert!(e.to_string().contains("iconv -f BIG5"), "{e}"),
        }
    }

    #[test]
    fn a_few_bad_bytes_in_gb18030_become_replacement_characters_and_unsure() {
        let text = PLAN.repeat(4);
        let mut bytes = gbk(&text);
        bytes.push(0xFF);
        bytes.extend(gbk(&text));
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, SourceEncoding::Gb18030);
        assert!(!d.confident);
        assert_eq!(d.text, format!("{text}\u{FFFD}{text}"));
        assert!(d.hint().unwrap().contains('\u{FFFD}'));
    }

    #[test]
    fn empty_and_white_space_input_is_refused() {
        for bytes in [
            &b""[..],
            b" \n\t",
            " \u{3000}\n".as_bytes(),
            &[0xEF, 0xBB, 0xBF],
            &[0xFF, 0xFE],
        ] {
            assert!(reason(bytes).contains("empty"), "{bytes:?}");
        }
        assert!(reason(&utf16le(" \u{3000}\n\n")).contains("empty"));
    }

    #[test]
    fn binary_input_is_refused() {
        let err = reason(b"abc\n\0def");
        assert!(err.contains("NUL") && err.contains("line 2"), "{err}");
        // A zip (docx) header, a PNG header.
        assert!(reason(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00").contains("NUL"));
        assert!(reason(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").contains("NUL"));
        // UTF-32 after a UTF-16LE-looking BOM: NUL characters.
        let utf32: Vec<u8> = [0xFEFFu32, 0x5C71, 0x897F]
            .iter()
            .flat_map(|c| c.to_le_bytes())
            .collect();
        assert!(reason(&utf32).contains("NUL characters"));
    }

    #[test]
    fn undecodable_bytes_are_refused_with_offset_line_and_advice() {
        let err = reason(b"ab\ncd\n\xFF\xFF\xFF\xFF");
        assert!(err.contains("(line 3)"), "{err}");
        assert!(err.contains("offset 6"), "{err}");
        assert!(err.contains("iconv -f"), "{err}");
    }

    #[test]
    fn damaged_utf8_is_refused_not_read_as_gb18030() {
        let text = PLAN.repeat(10);
        let mut bytes = text.as_bytes().to_vec();
        bytes.insert(PLAN.len() + 3, 0xFF);
        let err = reason(&bytes);
        assert!(err.contains("UTF-8 with 1 damaged"), "{err}");
        assert!(err.contains(&format!("offset {}", PLAN.len() + 3)), "{err}");
        assert!(err.contains("(line 4)"), "{err}");
    }

    #[test]
    fn broken_utf8_after_a_bom_and_broken_utf16_are_refused() {
        let err = reason(b"\xEF\xBB\xBFab\n\xC3");
        assert!(
            err.contains("offset 6") && err.contains("(line 2)"),
            "{err}"
        );
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(utf16le("ab\n"));
        bytes.extend([0x00, 0xD8, b'a', 0]); // an unpaired high surrogate
        let err = reason(&bytes);
        assert!(
            err.contains("offset 8") && err.contains("(line 2)"),
            "{err}"
        );
        let mut odd = vec![0xFE, 0xFF];
        odd.extend(utf16be("山西"));
        odd.push(0x5C);
        assert!(reason(&odd).contains("offset 6"));
    }

    #[test]
    fn decode_text_returns_the_text() {
        assert_eq!(decode_text(&gbk(PLAN)).unwrap(), PLAN);
    }
}
