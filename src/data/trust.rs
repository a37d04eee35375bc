//! Where the atlas may take data from. `?data=` lets a newsroom point the
//! atlas at its own files, but must not let anyone put words in its mouth:
//! data comes from the atlas's own origin, or from an origin the deployed
//! (bundled) manifest lists in `allowed_data_origins`. The browser resolves
//! URLs (`web_sys::Url`); this is the rule, kept pure and tested natively.

/// The deployment's rule: its own origin, plus the bundled allowlist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPolicy {
    /// The page's origin, e.g. `https://newsroom.example`.
    pub own: String,
    /// `allowed_data_origins` of the bundled manifest (lower-case origins).
    pub allowed: Vec<String>,
}

impl DataPolicy {
    /// May a URL with this `protocol` (`"https:"`) and `origin` be fetched?
    /// The error says why not, naming the origin.
    pub fn admits(&self, protocol: &str, origin: &str) -> Result<(), String> {
        if !matches!(protocol, "http:" | "https:") {
            return Err(format!("only http(s) URLs can supply data, not \"{protocol}\""));
        }
        let origin = origin.to_ascii_lowercase();
        if origin == self.own.to_ascii_lowercase() || self.allowed.contains(&origin) {
            Ok(())
        } else {
            Err(format!(
                "{origin} may not supply data to this atlas: only its own site ({}) and the origins in \
                 allowed_data_origins of its bundled region.json may",
                self.own
            ))
        }
    }
}

/// Cut a reader-controlled string (a URL parameter echoed in the page) to
/// at most `max` characters, marking the cut.
pub fn bounded(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> DataPolicy {
        DataPolicy { own: "https://newsroom.example".into(), allowed: vec!["https://data.partner.example".into()] }
    }

    #[test]
    fn the_own_origin_and_the_allowlist_are_admitted() {
        assert_eq!(policy().admits("https:", "https://newsroom.example"), Ok(()));
        assert_eq!(policy().admits("https:", "https://Data.Partner.example"), Ok(()));
    }

    #[test]
    fn another_origin_is_refused_by_name() {
        let e = policy().admits("https:", "https://elsewhere.example").unwrap_err();
        assert!(e.starts_with("https://elsewhere.example may not supply data"), "{e}");
        assert!(e.contains("allowed_data_origins"), "{e}");
        // Same host, other scheme or port: another origin.
        assert!(policy().admits("http:", "http://newsroom.example").is_err());
        assert!(policy().admits("https:", "https://newsroom.example:8443").is_err());
    }

    #[test]
    fn only_http_urls_are_admitted() {
        for p in ["javascript:", "data:", "file:", "blob:", "ftp:"] {
            let e = policy().admits(p, "https://newsroom.example").unwrap_err();
            assert!(e.contains("only http(s)"), "{p}: {e}");
        }
    }

    #[test]
    fn an_echo_is_bounded_on_a_character_boundary() {
        assert_eq!(bounded("short", 10), "short");
        assert_eq!(bounded(&"ж".repeat(500), 80).chars().count(), 81);
        assert!(bounded(&"x".repeat(10_000), 80).ends_with('…'));
    }
}
