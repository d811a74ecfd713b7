//! Text helpers shared by importers: length capping and HTML to plain text.

/// Cuts `text` to at most `max` bytes at a char boundary. Returns the original length
/// when it cut.
pub fn cap(mut text: String, max: usize) -> (String, Option<usize>) {
    if text.len() <= max {
        return (text, None);
    }
    let original = text.len();
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    (text, Some(original))
}

/// Turns an HTML fragment into plain text: tags dropped (block tags become line
/// breaks), entities decoded, runs of blank lines collapsed.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        decode_entities_into(&rest[..lt], &mut out);
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            decode_entities_into(after, &mut out);
            rest = "";
            break;
        };
        let tag = after[1..gt].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        if matches!(
            name.as_str(),
            "p" | "br" | "div" | "li" | "pre" | "blockquote" | "h1" | "h2" | "h3" | "h4" | "hr"
        ) && !out.ends_with('\n')
        {
            out.push('\n');
        }
        rest = &after[gt + 1..];
    }
    decode_entities_into(rest, &mut out);
    tidy(&out)
}

fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            blank += 1;
            if blank > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// Decodes HTML character references (`&amp;`, `&#39;`, `&#x2014;`, common named ones).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    decode_entities_into(text, &mut out);
    out
}

fn decode_entities_into(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        match end.and_then(|e| entity(&after[..e]).map(|c| (e, c))) {
            Some((e, c)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "rsquo" => '’',
        "lsquo" => '‘',
        "rdquo" => '”',
        "ldquo" => '“',
        "deg" => '°',
        "eacute" => 'é',
        "copy" => '©',
        "times" => '×',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        let html = "<p>Hops &amp; malt &#x2014; <b>citra</b></p>\n<p>2 &lt; 3&#39;s</p>";
        assert_eq!(html_to_text(html), "Hops & malt — citra\n\n2 < 3's");
    }

    #[test]
    fn cap_respects_char_boundaries() {
        let (text, cut) = cap("héllo".to_string(), 2);
        assert_eq!(text, "h");
        assert_eq!(cut, Some(6));
        assert_eq!(cap("ok".into(), 5), ("ok".to_string(), None));
    }
}
