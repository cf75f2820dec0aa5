//! Bytes → text for every format: UTF-8 (BOM stripped), UTF-16 with a BOM (or plainly UTF-16
//! ASCII text without one), and Windows-1252 as the fallback for invalid UTF-8.
//!
//! The text is kept exactly as decoded (no newline normalisation): offsets into it are what the
//! rest of the pipeline reports.

use std::borrow::Cow;

/// How far into a file we look for NUL bytes and UTF-16 patterns.
const SNIFF_LEN: usize = 8 * 1024;

#[derive(Debug)]
pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// A note for the file report when the decoding was not plain UTF-8.
    pub warning: Option<String>,
}

/// Decode a whole file. `Err` carries the reason ("binary file", "empty file").
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, String> {
    let decoded = decode_inner(bytes)?;
    if decoded.text.trim().is_empty() {
        return Err("empty file".to_string());
    }
    // A NUL in decoded text (e.g. UTF-16 of binary data) is no article.
    let head_end = decoded
        .text
        .char_indices()
        .nth(SNIFF_LEN)
        .map_or(decoded.text.len(), |(i, _)| i);
    if decoded.text[..head_end].contains('\0') {
        return Err("binary file".to_string());
    }
    Ok(decoded)
}

fn decode_inner(bytes: &[u8]) -> Result<Decoded<'_>, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Ok(utf8_or_1252(rest));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Ok(utf16(rest, encoding_rs::UTF_16LE, None));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Ok(utf16(rest, encoding_rs::UTF_16BE, None));
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if head.contains(&0) {
        return match sniff_utf16(head) {
            Some(enc) => Ok(utf16(
                bytes,
                enc,
                Some(format!("decoded as {} (no byte order mark)", enc.name())),
            )),
            None => Err("binary file".to_string()),
        };
    }
    Ok(utf8_or_1252(bytes))
}

fn utf8_or_1252(bytes: &[u8]) -> Decoded<'_> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: Cow::Borrowed(s),
            warning: None,
        },
        Err(_) => {
            let (valid, invalid) = utf8_census(bytes);
            if valid > invalid {
                // UTF-8 with a few bad bytes: re-reading it all as Windows-1252 would turn
                // every `ü` and curly quote into two or three wrong characters.
                return Decoded {
                    text: String::from_utf8_lossy(bytes),
                    warning: Some(format!(
                        "invalid UTF-8 replaced with U+FFFD in {invalid} place{}",
                        if invalid == 1 { "" } else { "s" }
                    )),
                };
            }
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text,
                warning: Some("decoded as Windows-1252 (invalid UTF-8)".to_string()),
            }
        }
    }
}

/// How many well-formed multi-byte UTF-8 characters and how many invalid sequences `bytes`
/// hold: text that is mostly UTF-8 has many of the first, Windows-1252 text none.
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid += s.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid);
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                valid += std::str::from_utf8(good)
                    .map_or(0, |s| s.chars().filter(|c| !c.is_ascii()).count());
                invalid += 1;
                let skip = e.error_len().unwrap_or(rest.len()).max(1);
                bytes = &rest[skip.min(rest.len())..];
            }
        }
    }
}

/// Decode a JSON Lines file: like [`decode`], except that invalid UTF-8 costs only the lines
/// it is on (each decoded on its own, see [`utf8_or_1252`]), never the whole file.
pub(crate) fn decode_lines(bytes: &[u8]) -> Result<Decoded<'_>, String> {
    let plain = !bytes.starts_with(b"\xFF\xFE")
        && !bytes.starts_with(b"\xFE\xFF")
        && !bytes[..bytes.len().min(SNIFF_LEN)].contains(&0);
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if !plain || std::str::from_utf8(body).is_ok() {
        return decode(bytes);
    }
    let mut text = String::with_capacity(body.len() + body.len() / 8);
    let mut replaced = Vec::new();
    let mut latin = Vec::new();
    for (i, line) in body.split_inclusive(|&b| b == b'\n').enumerate() {
        let d = utf8_or_1252(line);
        match &d.warning {
            Some(w) if w.starts_with("decoded as") => latin.push(i + 1),
            Some(_) => replaced.push(i + 1),
            None => {}
        }
        text.push_str(&d.text);
    }
    let lines = |l: &[usize]| {
        let shown: Vec<String> = l.iter().take(10).map(usize::to_string).collect();
        let more = if l.len() > 10 { ", …" } else { "" };
        format!(
            "line{} {}{more}",
            if l.len() == 1 { "" } else { "s" },
            shown.join(", ")
        )
    };
    let mut notes = Vec::new();
    if !replaced.is_empty() {
        notes.push(format!(
            "invalid UTF-8 replaced with U+FFFD on {}",
            lines(&replaced)
        ));
    }
    if !latin.is_empty() {
        notes.push(format!(
            "{} decoded as Windows-1252 (invalid UTF-8)",
            lines(&latin)
        ));
    }
    let decoded = Decoded {
        text: Cow::Owned(text),
        warning: Some(notes.join("; ")),
    };
    if decoded.text.trim().is_empty() {
        return Err("empty file".to_string());
    }
    Ok(decoded)
}

fn utf16<'a>(
    bytes: &'a [u8],
    enc: &'static encoding_rs::Encoding,
    warning: Option<String>,
) -> Decoded<'a> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let warning = match (warning, had_errors) {
        (w, false) => w,
        (Some(w), true) => Some(format!("{w}; invalid sequences replaced")),
        (None, true) => Some(format!(
            "invalid {} sequences replaced with U+FFFD",
            enc.name()
        )),
    };
    Decoded { text, warning }
}

/// UTF-16 without a BOM: mostly-ASCII text has NUL in every other byte and nowhere else.
fn sniff_utf16(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let (mut even_nul, mut odd_nul) = (0usize, 0usize);
    for (i, b) in head[..pairs * 2].iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even_nul += 1;
            } else {
                odd_nul += 1;
            }
        }
    }
    if even_nul == 0 && odd_nul * 10 >= pairs * 7 {
        Some(encoding_rs::UTF_16LE)
    } else if odd_nul == 0 && even_nul * 10 >= pairs * 7 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le_bom(s: &str) -> Vec<u8> {
        let mut v = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            v.extend_from_slice(&u.to_le_bytes());
        }
        v
    }

    #[test]
    fn utf8_plain_is_borrowed() {
        let d = decode("héllo “x”\r\n".as_bytes()).unwrap();
        assert_eq!(d.text, "héllo “x”\r\n");
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert_eq!(d.warning, None);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let d = decode(b"\xEF\xBB\xBFTitle\n").unwrap();
        assert_eq!(d.text, "Title\n");
        assert_eq!(d.warning, None);
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let bytes = utf16le_bom("Grüße “q”\r\n");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Grüße “q”\r\n");
        assert_eq!(d.warning, None);

        let mut be = vec![0xFE, 0xFF];
        for u in "Zoë said".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be).unwrap().text, "Zoë said");
    }

    #[test]
    fn utf16_le_without_bom_is_sniffed() {
        let bytes: Vec<u8> = "plain ascii text\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "plain ascii text\n");
        assert!(d.warning.unwrap().contains("UTF-16LE"));
    }

    #[test]
    fn windows_1252_curly_quotes() {
        let d = decode(b"He said \x93yes\x94 \x96 it\x92s done.").unwrap();
        assert_eq!(
            d.text,
            "He said \u{201c}yes\u{201d} \u{2013} it\u{2019}s done."
        );
        assert_eq!(
            d.warning.as_deref(),
            Some("decoded as Windows-1252 (invalid UTF-8)")
        );
    }

    #[test]
    fn mostly_utf8_stays_utf8() {
        let mut bytes = "Zürich “quoted” ".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xe9 end");
        let d = decode(&bytes).unwrap_err_or_text();
        assert_eq!(d.0, "Zürich “quoted” \u{fffd} end");
        assert!(d.1.unwrap().contains("U+FFFD in 1 place"));
    }

    #[test]
    fn json_lines_are_decoded_line_by_line() {
        let bytes =
            b"{\"text\":\"Z\xc3\xbcrich \xe2\x80\x9cq\xe2\x80\x9d\"}\n{\"text\":\"caf\xe9\"}\n";
        let d = decode_lines(bytes).unwrap();
        assert_eq!(d.text, "{\"text\":\"Zürich “q”\"}\n{\"text\":\"café\"}\n");
        assert_eq!(
            d.warning.as_deref(),
            Some("line 2 decoded as Windows-1252 (invalid UTF-8)")
        );
        let d = decode_lines(b"{\"text\":\"\xc3\xbc \xc3\xbc \xff\"}\n").unwrap();
        assert_eq!(d.text, "{\"text\":\"ü ü \u{fffd}\"}\n");
        assert_eq!(
            d.warning.as_deref(),
            Some("invalid UTF-8 replaced with U+FFFD on line 1")
        );
    }

    trait TextAndWarning {
        fn unwrap_err_or_text(self) -> (String, Option<String>);
    }

    impl TextAndWarning for Result<Decoded<'_>, String> {
        fn unwrap_err_or_text(self) -> (String, Option<String>) {
            let d = self.unwrap();
            (d.text.into_owned(), d.warning)
        }
    }

    #[test]
    fn binary_is_rejected() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").unwrap_err(),
            "binary file"
        );
        assert_eq!(decode(&utf16le_bom("a\0b")).unwrap_err(), "binary file");
    }

    #[test]
    fn empty_is_rejected() {
        assert_eq!(decode(b"").unwrap_err(), "empty file");
        assert_eq!(decode(b" \r\n\t\n").unwrap_err(), "empty file");
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap_err(), "empty file");
        assert_eq!(decode(&utf16le_bom("  \n")).unwrap_err(), "empty file");
    }
}
