//! Small SVG building blocks: escaping, a document frame, text, rectangles and polylines.
//! Every piece of text goes through [`escape`].

use std::fmt::Write as _;

/// Escapes text for SVG/XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// An SVG document being drawn.
pub(crate) struct Svg {
    body: String,
    width: f64,
    height: f64,
    /// The chart's accessible name (its first child `<title>`).
    title: String,
}

impl Svg {
    pub fn new(width: f64, height: f64, title: &str) -> Self {
        let mut svg = Self {
            body: String::new(),
            width,
            height,
            title: escape(title),
        };
        svg.text(width / 2.0, 22.0, title, "middle", 15.0, "#222");
        svg
    }

    pub fn text(&mut self, x: f64, y: f64, text: &str, anchor: &str, size: f64, fill: &str) {
        let _ = write!(
            self.body,
            r#"<text x="{x:.1}" y="{y:.1}" text-anchor="{anchor}" font-size="{size}" fill="{fill}">{}</text>"#,
            escape(text)
        );
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, tooltip: &str) {
        let _ = write!(
            self.body,
            r##"<rect x="{x:.1}" y="{y:.1}" width="{w:.1}" height="{h:.1}" fill="{fill}" stroke="#fff"><title>{}</title></rect>"##,
            escape(tooltip)
        );
    }

    pub fn line(&mut self, from: (f64, f64), to: (f64, f64), stroke: &str) {
        let _ = write!(
            self.body,
            r#"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{stroke}"/>"#,
            from.0, from.1, to.0, to.1
        );
    }

    pub fn polyline(&mut self, points: &[(f64, f64)], stroke: &str) {
        if points.is_empty() {
            return;
        }
        let coords: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let _ = write!(
            self.body,
            r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="2"/>"#,
            coords.join(" ")
        );
        for (x, y) in points {
            let _ = write!(
                self.body,
                r#"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="{stroke}"/>"#
            );
        }
    }

    pub fn finish(self) -> String {
        format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" role="img"><title>{}</title>{}</svg>"#,
            self.title,
            self.body,
            w = self.width,
            h = self.height
        )
    }
}

/// Colour on a white-to-blue scale for a value in 0..=1.
pub(crate) fn blue_scale(value: f64) -> String {
    let v = value.clamp(0.0, 1.0);
    let channel = |light: f64, dark: f64| (light + (dark - light) * v).round() as u8;
    format!(
        "#{:02x}{:02x}{:02x}",
        channel(240.0, 8.0),
        channel(244.0, 69.0),
        channel(250.0, 148.0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(
            escape(r#"<script>"R&D's"</script>"#),
            "&lt;script&gt;&quot;R&amp;D&#39;s&quot;&lt;/script&gt;"
        );
    }
}
