//! Slack's message markup to plain text: `<@U1>` → `@Ann`, `<#C1|general>` →
//! `#general`, `<https://x|label>` → `label (https://x)`, `&amp;` → `&`.

/// Rewrites Slack's angle-bracket tokens and its three escaped characters.
pub(super) fn to_text(text: &str, names: &dyn Fn(&str) -> Option<String>) -> String {
    if !text.contains(['<', '&']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(lt) = rest.find('<') {
        out.push_str(&unescape(&rest[..lt]));
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            out.push_str(&unescape(&rest[lt..]));
            return out;
        };
        out.push_str(&token(&after[..gt], names));
        rest = &after[gt + 1..];
    }
    out.push_str(&unescape(rest));
    out
}

fn token(inner: &str, names: &dyn Fn(&str) -> Option<String>) -> String {
    let (target, label) = match inner.split_once('|') {
        Some((t, l)) => (t, Some(unescape(l))),
        None => (inner, None),
    };
    if let Some(id) = target.strip_prefix('@') {
        let name = label
            .or_else(|| names(id))
            .unwrap_or_else(|| id.to_string());
        return format!("@{name}");
    }
    if let Some(id) = target.strip_prefix('#') {
        return format!("#{}", label.unwrap_or_else(|| id.to_string()));
    }
    if let Some(special) = target.strip_prefix('!') {
        let word = special.split('^').next().unwrap_or(special);
        return label.unwrap_or_else(|| format!("@{word}"));
    }
    let target = unescape(target.strip_prefix("mailto:").unwrap_or(target));
    match label {
        Some(label) if label != target => format!("{label} ({target})"),
        _ => target,
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::to_text;

    #[test]
    fn tokens_become_text() {
        let names = |id: &str| (id == "U1").then(|| "Ann".to_string());
        let text = "<@U1> see <#C2|ops> &amp; <https://x.org|docs>, <!here> <@U9> a &lt; b";
        assert_eq!(
            to_text(text, &names),
            "@Ann see #ops & docs (https://x.org), @here @U9 a < b"
        );
    }
}
