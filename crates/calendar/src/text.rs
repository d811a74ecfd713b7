//! Value encoding: TEXT escaping, parameter quoting and line folding (RFC 5545 §3.1, §3.3.11).

/// Longest content line in octets, not counting the CRLF (RFC 5545 §3.1).
const MAX_LINE_OCTETS: usize = 75;

/// Escapes a TEXT value: backslash, semicolon, comma and newlines; other control characters
/// (which TEXT may not hold) are dropped, and CRLF becomes one newline.
pub fn escape_text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let normalised = value.replace("\r\n", "\n").replace('\r', "\n");
    for c in normalised.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (such as `CN`), double-quoted so `:`, `;` and `,` are safe. A parameter
/// value cannot hold a double quote or control characters, so those are replaced by `'` and
/// a space.
pub fn quote_param(value: &str) -> String {
    let cleaned: String = value
        .chars()
        .map(|c| match c {
            '"' => '\'',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    format!("\"{cleaned}\"")
}

/// Folds one content line so no physical line exceeds 75 octets: each continuation starts
/// with a space (which counts), and a multi-octet UTF-8 character is never split.
pub fn fold_line(line: &str) -> String {
    if line.len() <= MAX_LINE_OCTETS {
        return line.to_string();
    }
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out
}
