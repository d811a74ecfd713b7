//! MIME bodies: the first `text/plain` part, transfer encodings and charsets.

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

use super::headers::Headers;
use crate::text::html_to_text;

/// The readable text of a message (or part) and notes about anything lossy.
pub(crate) struct Text {
    pub text: String,
    pub notes: Vec<String>,
}

/// Extracts plain text from a body under `headers`, descending into multiparts.
pub(crate) fn extract(headers: &Headers, body: &[u8]) -> Text {
    let mut notes = Vec::new();
    let text = part_text(headers, body, &mut notes, 0).unwrap_or_else(|| {
        notes.push("no text/plain or text/html part; text left empty".into());
        String::new()
    });
    Text { text, notes }
}

fn part_text(headers: &Headers, body: &[u8], notes: &mut Vec<String>, depth: u8) -> Option<String> {
    let content_type = headers.get("Content-Type").unwrap_or("text/plain");
    let (mime, params) = parse_content_type(content_type);
    if mime.starts_with("multipart/") && depth < 8 {
        let Some(boundary) = param(&params, "boundary") else {
            notes.push("multipart without boundary; body kept as text".into());
            return Some(decode_charset(body, None).0);
        };
        let parts = split_parts(body, &boundary);
        let mut html = None;
        for part in &parts {
            let (part_headers, part_body) = split_head(part);
            let part_headers = Headers::parse(&part_headers).unwrap_or_default();
            let part_type = part_headers.get("Content-Type").unwrap_or("text/plain");
            let (part_mime, _) = parse_content_type(part_type);
            if part_mime == "text/plain" || part_mime.starts_with("multipart/") {
                if let Some(text) = part_text(&part_headers, part_body, notes, depth + 1) {
                    return Some(text);
                }
            } else if part_mime == "text/html" && html.is_none() {
                html = Some((part_headers, part_body));
            }
        }
        return html.and_then(|(h, b)| part_text(&h, b, notes, depth + 1));
    }
    if mime != "text/plain" && mime != "text/html" {
        return None;
    }
    let encoding = headers
        .get("Content-Transfer-Encoding")
        .unwrap_or("7bit")
        .trim()
        .to_ascii_lowercase();
    let raw = match encoding.as_str() {
        "base64" => {
            let decoded = base64(body);
            if decoded.is_empty() && !body.trim_ascii().is_empty() {
                notes.push("base64 body could not be decoded; text left empty".into());
            }
            decoded
        }
        "quoted-printable" => quoted_printable(body),
        _ => body.to_vec(),
    };
    let charset = param(&params, "charset");
    let (text, known) = decode_charset(&raw, charset.as_deref());
    if !known {
        let label = charset.unwrap_or_default();
        notes.push(format!(
            "unknown charset {label:?}; decoded as UTF-8 with replacement characters"
        ));
    }
    Some(if mime == "text/html" {
        html_to_text(&text)
    } else {
        text
    })
}

/// `text/plain; charset="utf-8"` → (`text/plain`, [(charset, utf-8)]).
fn parse_content_type(value: &str) -> (String, Vec<(String, String)>) {
    let mut pieces = value.split(';');
    let mime = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
    let params = pieces
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| {
            (
                k.trim().to_ascii_lowercase(),
                v.trim().trim_matches('"').to_string(),
            )
        })
        .collect();
    (mime, params)
}

fn param(params: &[(String, String)], name: &str) -> Option<String> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
}

/// The parts between `--boundary` lines, up to `--boundary--`.
fn split_parts<'a>(body: &'a [u8], boundary: &str) -> Vec<&'a [u8]> {
    let open = format!("--{boundary}");
    let mut parts = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in body.split_inclusive(|&b| b == b'\n') {
        let trimmed = line.trim_ascii_end();
        if trimmed.starts_with(open.as_bytes()) {
            if let Some(s) = start {
                parts.push(&body[s..pos]);
            }
            if trimmed.ends_with(b"--") && trimmed.len() == open.len() + 2 {
                return parts;
            }
            start = Some(pos + line.len());
        }
        pos += line.len();
    }
    if let Some(s) = start {
        parts.push(&body[s..]);
    }
    parts
}

/// Splits a part into header lines and body at the first blank line.
pub(crate) fn split_head(part: &[u8]) -> (Vec<&[u8]>, &[u8]) {
    let mut lines = Vec::new();
    let mut pos = 0;
    for line in part.split_inclusive(|&b| b == b'\n') {
        pos += line.len();
        let trimmed = line.trim_ascii_end();
        if trimmed.is_empty() {
            return (lines, &part[pos..]);
        }
        lines.push(trimmed);
    }
    (lines, &[])
}

/// Lenient base64: ignores whitespace and junk, accepts missing padding.
pub(crate) fn base64(input: &[u8]) -> Vec<u8> {
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let clean: Vec<u8> = input
        .iter()
        .copied()
        .filter(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
        .collect();
    // A lone trailing sextet cannot encode a byte.
    let usable = if clean.len() % 4 == 1 {
        clean.len() - 1
    } else {
        clean.len()
    };
    LENIENT.decode(&clean[..usable]).unwrap_or_default()
}

/// Quoted-printable: `=XX` escapes and `=` soft line breaks; bad escapes kept as is.
pub(crate) fn quoted_printable(input: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        if b != b'=' {
            out.push(b);
            i += 1;
            continue;
        }
        let rest = &input[i + 1..];
        if rest.starts_with(b"\r\n") {
            i += 3;
        } else if rest.starts_with(b"\n") {
            i += 2;
        } else if let Some(byte) = rest.get(..2).and_then(hex_byte) {
            out.push(byte);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    out
}

fn hex_byte(pair: &[u8]) -> Option<u8> {
    let text = std::str::from_utf8(pair).ok()?;
    u8::from_str_radix(text, 16).ok()
}

/// Decodes bytes in `charset` (a WHATWG label). With no charset: UTF-8 when valid,
/// otherwise Windows-1252. Returns `false` when the label is unknown (then lossy UTF-8).
pub(crate) fn decode_charset(bytes: &[u8], charset: Option<&str>) -> (String, bool) {
    match charset.map(str::trim).filter(|c| !c.is_empty()) {
        Some(label) => match encoding_rs::Encoding::for_label(label.as_bytes()) {
            Some(encoding) => (
                encoding.decode_without_bom_handling(bytes).0.into_owned(),
                true,
            ),
            None => (String::from_utf8_lossy(bytes).into_owned(), false),
        },
        None => match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), true),
            Err(_) => (encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(), true),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transfer_encodings_decode() {
        assert_eq!(
            quoted_printable(b"caf=C3=A9 =\nlong"),
            "café long".as_bytes()
        );
        assert_eq!(base64(b"aGVs\nbG8"), b"hello");
        assert_eq!(decode_charset(b"caf\xe9", Some("iso-8859-1")).0, "café");
        assert!(!decode_charset(b"x", Some("x-klingon")).1);
    }
}
