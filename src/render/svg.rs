//! Escaping text for SVG and XML, and keys for CSS selectors. Path data is
//! written by `scene::path`.

/// Escape text for SVG/XML content and attributes.
pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// `s` for the inside of a double-quoted CSS string, as in an attribute
/// selector (`[data-flow="…"]`): quotes and backslashes escaped, control
/// characters as hex escapes.
///
/// ```
/// assert_eq!(atlas::render::svg::css_string("a\"b\\c\nd"), "a\\\"b\\\\c\\a d");
/// ```
pub fn css_string(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                o.push('\\');
                o.push(c);
            }
            c if c.is_control() => {
                use std::fmt::Write;
                let _ = write!(o, "\\{:x} ", u32::from(c));
            }
            c => o.push(c),
        }
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_with_quotes_and_control_characters_stays_inside_its_css_string() {
        assert_eq!(css_string("china-KAZ"), "china-KAZ");
        assert_eq!(css_string("x\"] *, [y=\""), "x\\\"] *, [y=\\\"");
        assert_eq!(css_string("a\u{0}b\rc"), "a\\0 b\\d c");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(escape("A&B <\"x\">"), "A&amp;B &lt;&quot;x&quot;&gt;");
    }
}
