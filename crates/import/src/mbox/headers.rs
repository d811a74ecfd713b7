//! RFC 5322 headers: unfolding, RFC 2047 encoded words, addresses and dates.

use chrono::{DateTime, NaiveDateTime, Utc};

use super::body::decode_charset;

/// Headers in order, names kept as written; look-ups ignore case.
#[derive(Debug, Default)]
pub(crate) struct Headers(Vec<(String, String)>);

impl Headers {
    /// Parses unfolded header lines. A line that is neither `Name: value` nor a
    /// continuation is an error naming its offset within the header block.
    pub(crate) fn parse(lines: &[&[u8]]) -> Result<Self, (usize, String)> {
        let mut headers: Vec<(String, String)> = Vec::new();
        for (i, raw) in lines.iter().enumerate() {
            let line = header_text(raw);
            if line.starts_with([' ', '\t']) {
                match headers.last_mut() {
                    Some((_, value)) => {
                        value.push(' ');
                        value.push_str(line.trim());
                    }
                    None => return Err((i, "continuation line before any header".into())),
                }
                continue;
            }
            match line.split_once(':') {
                Some((name, value)) if valid_name(name) => {
                    headers.push((name.to_string(), value.trim().to_string()));
                }
                _ => return Err((i, format!("broken header line {:?}", clip(&line)))),
            }
        }
        Ok(Self(headers))
    }

    /// The first value of a header, raw (not decoded).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_graphic() && b != b':')
}

fn clip(s: &str) -> String {
    s.chars().take(60).collect()
}

/// Header bytes as text: UTF-8 when valid, otherwise Windows-1252.
fn header_text(raw: &[u8]) -> String {
    match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(raw).0.into_owned(),
    }
}

/// Decodes RFC 2047 encoded words (`=?utf-8?B?…?=`, `=?iso-8859-1?Q?…?=`).
/// Whitespace between two adjacent encoded words is dropped, as the RFC says.
pub(crate) fn decode_words(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    let mut pending_space = String::new();
    let mut last_was_word = false;
    while !rest.is_empty() {
        if let Some((decoded, used)) = rest.strip_prefix("=?").and_then(encoded_word) {
            if !last_was_word {
                out.push_str(&pending_space);
            }
            pending_space.clear();
            out.push_str(&decoded);
            rest = &rest[used + 2..];
            last_was_word = true;
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        rest = &rest[c.len_utf8()..];
        if c.is_whitespace() {
            pending_space.push(c);
            continue;
        }
        out.push_str(&pending_space);
        pending_space.clear();
        out.push(c);
        last_was_word = false;
    }
    out.push_str(&pending_space);
    out
}

/// Decodes `charset?E?text?=` (after `=?`); returns the text and bytes consumed.
fn encoded_word(s: &str) -> Option<(String, usize)> {
    let (charset_full, rest) = s.split_once('?')?;
    let (encoding, rest) = rest.split_once('?')?;
    let end = rest.find("?=")?;
    let text = &rest[..end];
    if text.contains(' ') || charset_full.is_empty() {
        return None;
    }
    let bytes = match encoding {
        "B" | "b" => super::body::base64(text.as_bytes()),
        "Q" | "q" => super::body::quoted_printable(text.replace('_', " ").as_bytes()),
        _ => return None,
    };
    let charset = charset_full.split('*').next().unwrap_or(charset_full);
    let (decoded, _) = decode_charset(&bytes, Some(charset));
    let used = charset_full.len() + 1 + encoding.len() + 1 + end + 2;
    Some((decoded, used))
}

/// `"Ann Example" <ann@example.org>`, `ann@example.org (Ann)`, pipermail's
/// `ann at example.org` → (lower-cased address, display name).
pub(crate) fn parse_address(value: &str) -> Option<(String, String)> {
    let value = decode_words(value);
    let (addr, name) = if let (Some(lt), Some(gt)) = (value.rfind('<'), value.rfind('>')) {
        let name = value[..lt].trim().trim_matches('"').trim();
        (value.get(lt + 1..gt)?.trim().to_string(), name.to_string())
    } else if let Some(open) = value.find('(') {
        let name = value[open + 1..].trim_end_matches(')').trim();
        (value[..open].trim().to_string(), name.to_string())
    } else {
        (value.trim().to_string(), String::new())
    };
    let addr = addr.replace(" at ", "@").to_lowercase();
    if !addr.contains('@') || addr.contains(' ') {
        return None;
    }
    let name = if name.is_empty() { addr.clone() } else { name };
    Some((addr, name))
}

/// RFC 2822 dates, tolerating a trailing `(UTC)` comment and missing weekday.
pub(crate) fn parse_date(value: &str) -> Option<DateTime<Utc>> {
    let clean = match value.find('(') {
        Some(i) => value[..i].trim(),
        None => value.trim(),
    };
    if let Ok(d) = DateTime::parse_from_rfc2822(clean) {
        return Some(d.with_timezone(&Utc));
    }
    for format in [
        "%a, %d %b %Y %H:%M:%S %Z",
        "%d %b %Y %H:%M:%S %Z",
        "%a, %d %b %Y %H:%M %z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(clean, format) {
            return Some(d.with_timezone(&Utc));
        }
        if let Ok(d) = NaiveDateTime::parse_from_str(clean, format) {
            return Some(d.and_utc());
        }
    }
    None
}

/// The asctime date on an mbox `From sender Mon Jan  1 00:00:00 2024` line.
pub(crate) fn parse_from_line_date(line: &str) -> Option<DateTime<Utc>> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let tail = words.get(words.len().checked_sub(5)?..)?.join(" ");
    NaiveDateTime::parse_from_str(&tail, "%a %b %d %H:%M:%S %Y")
        .ok()
        .map(|d| d.and_utc())
}

/// Message ids inside angle brackets, in order.
pub(crate) fn message_ids(value: &str) -> Vec<String> {
    value
        .split('<')
        .skip(1)
        .filter_map(|s| s.split_once('>').map(|(id, _)| id.trim().to_string()))
        .filter(|id| !id.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_words_decode() {
        assert_eq!(
            decode_words("=?UTF-8?B?SsO8cmdlbg==?= Smith"),
            "Jürgen Smith"
        );
        assert_eq!(
            decode_words("=?iso-8859-1?Q?J=FCrgen_S?= =?utf-8?q?mith?="),
            "Jürgen Smith"
        );
        assert_eq!(decode_words("Re: plain  text"), "Re: plain  text");
    }

    #[test]
    fn addresses_parse() {
        let a = parse_address("\"Ann E\" <Ann@Example.org>").unwrap();
        assert_eq!(a, ("ann@example.org".into(), "Ann E".into()));
        let b = parse_address("bob at example.org (Bob B)").unwrap();
        assert_eq!(b, ("bob@example.org".into(), "Bob B".into()));
        assert!(parse_address("nobody").is_none());
    }

    #[test]
    fn dates_parse() {
        let d = parse_date("Tue, 1 Jul 2003 10:52:37 +0200 (CEST)").unwrap();
        assert_eq!(d.to_rfc3339(), "2003-07-01T08:52:37+00:00");
        let f = parse_from_line_date("From ann@example.org Mon Jan  1 00:00:00 2024").unwrap();
        assert_eq!(f.to_rfc3339(), "2024-01-01T00:00:00+00:00");
    }
}
