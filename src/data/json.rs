//! A small JSON reader (RFC 8259) for the layer files: text → [`Value`],
//! with line and column in every syntax error. It replaces `serde_json`'s
//! `Value` and the `geojson` crate in the app, whose generic deserialisers
//! were about 40 KB of the wasm; the parser ([`super::parse`]) turns a
//! `Value` into typed records with a named error per bad field.

use std::borrow::Cow;

/// A JSON value, borrowing from the text it was read from: a string or
/// key without escapes is a slice of the text, not a copy (a 100,000-feature
/// layer has millions of them). Objects keep their keys in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Value<'a>>),
    Object(Map<'a>),
}

/// A JSON number: its value, and whether it was written as a whole number
/// (no fraction or exponent) that fits an `i64`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    value: f64,
    int: Option<i64>,
}

impl Number {
    pub fn as_f64(self) -> f64 {
        self.value
    }

    pub fn as_i64(self) -> Option<i64> {
        self.int
    }
}

/// A JSON object: key/value pairs in file order. With a repeated key the
/// last one counts, as in most JSON readers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map<'a>(Vec<(Cow<'a, str>, Value<'a>)>);

impl<'a> Map<'a> {
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Take the value of `key` out of the object.
    pub fn take(&mut self, key: &str) -> Option<Value<'a>> {
        let i = self.0.iter().rposition(|(k, _)| k == key)?;
        Some(self.0.swap_remove(i).1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The pairs in file order (a repeated key appears each time).
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Value<'a>)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }

    pub fn first(&self) -> Option<&Value<'a>> {
        self.0.first().map(|(_, v)| v)
    }

    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Value<'a>)> {
        self.0.iter_mut().map(|(k, v)| (&**k, v))
    }
}

impl From<f64> for Value<'_> {
    fn from(value: f64) -> Self {
        Value::Number(Number { value, int: None })
    }
}

impl<'a> From<Vec<(Cow<'a, str>, Value<'a>)>> for Map<'a> {
    fn from(pairs: Vec<(Cow<'a, str>, Value<'a>)>) -> Self {
        Map(pairs)
    }
}

impl<'a> Value<'a> {
    pub fn get(&self, key: &str) -> Option<&Value<'a>> {
        match self {
            Value::Object(m) => m.get(key),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(n.value),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&Vec<Value<'a>>> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
}

/// Nesting deeper than this is refused (a crafted `[[[[…` must not
/// exhaust the stack).
const MAX_DEPTH: usize = 128;

/// Read one JSON value that fills the whole text (surrounding whitespace allowed).
pub fn from_str(text: &str) -> Result<Value<'_>, String> {
    let mut r = Reader::new(text);
    let v = r.value()?;
    r.ws();
    if r.i < r.s.len() {
        return Err(r.fail("trailing characters"));
    }
    Ok(v)
}

/// Read a JSON text like [`from_str`], but hand each element of the
/// top-level object's array `key` to `each` (with its index) as soon as it
/// is read, instead of keeping it: the peak memory is one element, not the
/// whole array (a 100,000-feature layer is otherwise held twice, as a
/// tree of values and as records). Returns the rest of the value, and
/// whether the array was streamed: with a repeated `key` the last one
/// counts, as in [`from_str`]; a streamed array that a later one replaces
/// starts again at index 0, so `each` must start over there.
pub fn from_str_streaming<'a>(
    text: &'a str,
    key: &str,
    each: &mut dyn FnMut(usize, Value<'a>),
) -> Result<(Value<'a>, bool), String> {
    let mut r = Reader::new(text);
    let mut streamed = false;
    let v = if r.peek() == Some(b'{') {
        r.depth = 1;
        r.i += 1;
        let v = r.object_with(Some((key, each, &mut streamed)))?;
        r.depth = 0;
        v
    } else {
        r.value()?
    };
    r.ws();
    if r.i < r.s.len() {
        return Err(r.fail("trailing characters"));
    }
    Ok((v, streamed))
}

struct Reader<'a> {
    t: &'a str,
    s: &'a [u8],
    i: usize,
    depth: usize,
    /// The pairs of the objects and the elements of the arrays being read,
    /// innermost last: a finished one is moved out into a list of its exact
    /// length, one allocation, instead of growing its own list by doubling.
    pairs: Vec<(Cow<'a, str>, Value<'a>)>,
    items: Vec<Value<'a>>,
}

impl<'a> Reader<'a> {
    fn new(t: &'a str) -> Self {
        Reader { t, s: t.as_bytes(), i: 0, depth: 0, pairs: Vec::new(), items: Vec::new() }
    }

    /// A message with the line and column of the current position.
    fn fail(&self, what: &str) -> String {
        let done = &self.s[..self.i.min(self.s.len())];
        let line = 1 + done.iter().filter(|&&b| b == b'\n').count();
        let start = done.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = 1 + String::from_utf8_lossy(&done[start..]).chars().count();
        format!("{what} at line {line} column {column}")
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.s.get(self.i).copied()
    }

    fn literal(&mut self, word: &str, v: Value<'a>) -> Result<Value<'a>, String> {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            Ok(v)
        } else {
            Err(self.fail("expected value"))
        }
    }

    fn value(&mut self) -> Result<Value<'a>, String> {
        match self.peek() {
            None => Err(self.fail("EOF while parsing a value")),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(open @ (b'[' | b'{')) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(self.fail("recursion limit exceeded"));
                }
                self.i += 1;
                let v = if open == b'[' { self.array() } else { self.object() };
                self.depth -= 1;
                v
            }
            Some(_) => Err(self.fail("expected value")),
        }
    }

    fn array(&mut self) -> Result<Value<'a>, String> {
        let mark = self.items.len();
        self.array_each(&mut |r: &mut Self, _, v| r.items.push(v))?;
        Ok(Value::Array(self.items.drain(mark..).collect()))
    }

    fn object(&mut self) -> Result<Value<'a>, String> {
        self.object_with(None)
    }

    /// An object (after its `{`). With `stream` (the top level of
    /// [`from_str_streaming`]), the elements of the array under its key are
    /// handed to its callback instead of kept, and its flag says whether
    /// the last such key held an array.
    #[allow(clippy::type_complexity)]
    fn object_with(
        &mut self,
        mut stream: Option<(&str, &mut dyn FnMut(usize, Value<'a>), &mut bool)>,
    ) -> Result<Value<'a>, String> {
        let mark = self.pairs.len();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Ok(Value::Object(Map::default()));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.fail("key must be a string"));
            }
            let key = self.string()?;
            if self.peek() != Some(b':') {
                return Err(self.fail("expected `:`"));
            }
            self.i += 1;
            match stream.as_mut() {
                Some((name, each, streamed)) if key == *name => {
                    **streamed = self.peek() == Some(b'[');
                    if **streamed {
                        let mut k = mark;
                        while k < self.pairs.len() {
                            if self.pairs[k].0 == *name {
                                self.pairs.remove(k);
                            } else {
                                k += 1;
                            }
                        }
                        self.depth += 1;
                        if self.depth > MAX_DEPTH {
                            return Err(self.fail("recursion limit exceeded"));
                        }
                        self.i += 1;
                        self.array_each(&mut |_: &mut Self, n, v| each(n, v))?;
                        self.depth -= 1;
                    } else {
                        let v = self.value()?;
                        self.pairs.push((key, v));
                    }
                }
                _ => {
                    let v = self.value()?;
                    self.pairs.push((key, v));
                }
            }
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Value::Object(Map(self.pairs.drain(mark..).collect())));
                }
                None => return Err(self.fail("EOF while parsing an object")),
                Some(_) => return Err(self.fail("expected `,` or `}`")),
            }
        }
    }

    /// The elements of an array (after its `[`), each handed to `each`
    /// with the reader and its index.
    fn array_each(&mut self, each: &mut dyn FnMut(&mut Self, usize, Value<'a>)) -> Result<(), String> {
        if self.peek() == Some(b']') {
            self.i += 1;
            return Ok(());
        }
        let mut n = 0;
        loop {
            let v = self.value()?;
            each(self, n, v);
            n += 1;
            match self.peek() {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(());
                }
                None => return Err(self.fail("EOF while parsing a list")),
                Some(_) => return Err(self.fail("expected `,` or `]`")),
            }
        }
    }

    fn number(&mut self) -> Result<Value<'a>, String> {
        let start = self.i;
        let digits = |r: &mut Self| {
            let from = r.i;
            while r.s.get(r.i).is_some_and(u8::is_ascii_digit) {
                r.i += 1;
            }
            r.i - from
        };
        if self.s[self.i] == b'-' {
            self.i += 1;
        }
        let int_start = self.i;
        let n = digits(self);
        if n == 0 || (n > 1 && self.s[int_start] == b'0') {
            return Err(self.fail("invalid number"));
        }
        let mut whole = true;
        if self.s.get(self.i) == Some(&b'.') {
            self.i += 1;
            whole = false;
            if digits(self) == 0 {
                return Err(self.fail("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            self.i += 1;
            whole = false;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if digits(self) == 0 {
                return Err(self.fail("invalid number"));
            }
        }
        // The bytes are ASCII digits and signs: a slice of the text on char boundaries.
        let text = &self.t[start..self.i];
        let value = crate::decimal::parse(text).ok_or_else(|| self.fail("invalid number"))?;
        if !value.is_finite() {
            return Err(self.fail("number out of range"));
        }
        let int = if whole { text.parse().ok() } else { None };
        Ok(Value::Number(Number { value, int }))
    }

    fn hex4(&mut self) -> Result<u32, String> {
        let h = self.s.get(self.i..self.i + 4).ok_or_else(|| self.fail("EOF while parsing a string"))?;
        let h = std::str::from_utf8(h).ok().and_then(|h| u32::from_str_radix(h, 16).ok());
        let h = h.ok_or_else(|| self.fail("invalid escape"))?;
        self.i += 4;
        Ok(h)
    }

    fn string(&mut self) -> Result<Cow<'a, str>, String> {
        self.i += 1; // the opening quote
        // The common case, a string with no escape: a slice of the text
        // (between two ASCII quotes, so on char boundaries), no copy.
        let start = self.i;
        let plain = self.s[start..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
        if let Some(len) = plain.filter(|&len| self.s[start + len] == b'"') {
            self.i = start + len + 1;
            return Ok(Cow::Borrowed(&self.t[start..start + len]));
        }
        let mut out = Vec::new();
        loop {
            let Some(&b) = self.s.get(self.i) else {
                return Err(self.fail("EOF while parsing a string"));
            };
            self.i += 1;
            match b {
                b'"' => break,
                0..0x20 => {
                    self.i -= 1;
                    return Err(self.fail("control character (\\u0000-\\u001F) found while parsing a string"));
                }
                b'\\' => {
                    let e = self.s.get(self.i).copied();
                    self.i += 1;
                    let c = match e {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.s[self.i..].starts_with(b"\\u") {
                                    return Err(self.fail("lone leading surrogate in hex escape"));
                                }
                                self.i += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(self.fail("lone leading surrogate in hex escape"));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            char::from_u32(code).ok_or_else(|| self.fail("lone trailing surrogate in hex escape"))?
                        }
                        _ => return Err(self.fail("invalid escape")),
                    };
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                _ => out.push(b),
            }
        }
        // The input is a &str and escapes were encoded as UTF-8, so this holds.
        String::from_utf8(out).map(Cow::Owned).map_err(|_| self.fail("invalid UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: &Value) -> (f64, Option<i64>) {
        match v {
            Value::Number(n) => (n.as_f64(), n.as_i64()),
            _ => panic!("{v:?}"),
        }
    }

    #[test]
    fn reads_every_kind_of_value() {
        let v = from_str(r#" {"a": [1, -2.5e3, true, false, null], "b": {"c": "d"}, "a2": 0} "#).unwrap();
        let a = v.get("a").and_then(Value::as_array).unwrap();
        assert_eq!(n(&a[0]), (1.0, Some(1)));
        assert_eq!(n(&a[1]), (-2500.0, None));
        assert_eq!(&a[2..], &[Value::Bool(true), Value::Bool(false), Value::Null]);
        assert_eq!(v.get("b").and_then(|b| b.get("c")).and_then(Value::as_str), Some("d"));
        assert_eq!(n(v.get("a2").unwrap()), (0.0, Some(0)));
    }

    #[test]
    fn whole_numbers_are_told_from_fractions() {
        assert_eq!(n(&from_str("2015").unwrap()), (2015.0, Some(2015)));
        assert_eq!(n(&from_str("2015.0").unwrap()).1, None);
        assert_eq!(n(&from_str("2e3").unwrap()), (2000.0, None));
        assert_eq!(n(&from_str("1e308").unwrap()).0, 1e308);
    }

    #[test]
    fn escapes_and_unicode_are_decoded() {
        let v = from_str(r#""Ver\u000btical \"q\" \\ \/ \n Алматы \ud83d\ude00 \u00e9""#).unwrap();
        assert_eq!(v.as_str(), Some("Ver\u{b}tical \"q\" \\ / \n Алматы 😀 é"));
    }

    #[test]
    fn plain_strings_borrow_the_text_and_escaped_ones_are_decoded_copies() {
        let v = from_str(r#"["plain Алматы", "esc\"aped"]"#).unwrap();
        let a = v.as_array().unwrap();
        assert!(matches!(&a[0], Value::String(Cow::Borrowed("plain Алматы"))), "{:?}", a[0]);
        assert!(matches!(&a[1], Value::String(Cow::Owned(s)) if s == "esc\"aped"), "{:?}", a[1]);
    }

    #[test]
    fn the_last_of_a_repeated_key_counts() {
        assert_eq!(from_str(r#"{"a":1,"a":2}"#).unwrap().get("a").and_then(Value::as_f64), Some(2.0));
    }

    #[test]
    fn syntax_errors_say_what_and_where() {
        for (text, what) in [
            ("{ not json", "key must be a string at line 1 column 3"),
            ("[1,\n 2,\n x]", "expected value at line 3 column 2"),
            ("[1 2]", "expected `,` or `]` at line 1 column 4"),
            (r#"{"a" 1}"#, "expected `:` at line 1 column 6"),
            ("[1,", "EOF while parsing a value"),
            ("\"abc", "EOF while parsing a string"),
            ("01", "invalid number"),
            ("1.", "invalid number"),
            ("-", "invalid number"),
            ("1e999", "number out of range"),
            ("[1] x", "trailing characters"),
            ("\"a\u{1}\"", "control character"),
            (r#""\q""#, "invalid escape"),
            (r#""\ud800x""#, "lone leading surrogate"),
            (r#""\udc00""#, "lone trailing surrogate"),
            ("tru", "expected value"),
            ("", "EOF while parsing a value"),
        ] {
            let e = from_str(text).unwrap_err();
            assert!(e.contains(what), "{text:?}: {e}");
        }
    }

    #[test]
    fn a_streamed_array_hands_over_each_element_and_the_rest_is_kept() {
        let mut got = Vec::new();
        let text = r#"{"type":"T","features":[{"a":1},[2],"3"],"n":{"m":null}}"#;
        let (rest, streamed) = from_str_streaming(text, "features", &mut |i, v| got.push((i, v))).unwrap();
        assert!(streamed);
        assert_eq!(
            got,
            [(0, from_str(r#"{"a":1}"#).unwrap()), (1, from_str("[2]").unwrap()), (2, from_str(r#""3""#).unwrap())]
        );
        let mut without = from_str(text).unwrap();
        if let Value::Object(m) = &mut without {
            m.take("features");
        }
        assert_eq!(rest, without);
        // The last of a repeated key counts; a non-array one is kept, not streamed.
        let (rest, streamed) =
            from_str_streaming(r#"{"features":[1],"features":5}"#, "features", &mut |_, _| {}).unwrap();
        assert!(!streamed);
        assert_eq!(rest.get("features").and_then(Value::as_f64), Some(5.0));
        // Syntax errors say where, as from_str does.
        let e = from_str_streaming("{\"features\":[1,\n x]}", "features", &mut |_, _| {}).unwrap_err();
        assert_eq!(e, "expected value at line 2 column 2");
        assert!(from_str_streaming("[1] x", "features", &mut |_, _| {}).unwrap_err().contains("trailing"));
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let deep = "[".repeat(100_000);
        assert!(from_str(&deep).unwrap_err().contains("recursion limit"));
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(from_str(&ok).is_ok());
    }
}
