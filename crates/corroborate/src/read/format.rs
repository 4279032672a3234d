//! Which reader an input needs: by its name first, else by its first bytes.

/// The formats corroborate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text, one article per file.
    Text,
    /// An HTML page.
    Html,
    /// One JSON object per line.
    Jsonl,
    /// A Web ARChive.
    Warc,
}

/// The format of an input, from its file name (ignoring `.gz`) or, when the name says nothing,
/// from its first bytes.
pub fn detect(name: Option<&str>, bytes: &[u8]) -> Format {
    if let Some(name) = name {
        let lower = name.to_ascii_lowercase();
        let base = lower.strip_suffix(".gz").unwrap_or(&lower);
        let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext {
            "txt" | "text" | "md" => return Format::Text,
            "html" | "htm" | "xhtml" => return Format::Html,
            "jsonl" | "ndjson" => return Format::Jsonl,
            "warc" => return Format::Warc,
            _ => {}
        }
    }
    sniff(bytes)
}

fn sniff(bytes: &[u8]) -> Format {
    let head = bytes.get(..1024).unwrap_or(bytes);
    let head = String::from_utf8_lossy(head);
    let t = head.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("WARC/") {
        return Format::Warc;
    }
    if t.starts_with('{') {
        return Format::Jsonl;
    }
    let lower = t.get(..t.len().min(200)).unwrap_or(t).to_ascii_lowercase();
    if lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<body")
    {
        return Format::Html;
    }
    Format::Text
}

/// The article id a file gives: its name without its extensions
/// (`000_45fb9e679fb9e8fa.txt` → `000_45fb9e679fb9e8fa`, `abc.html.gz` → `abc`).
pub fn stem(name: &str) -> String {
    const KNOWN: [&str; 11] = [
        "gz", "txt", "text", "md", "html", "htm", "xhtml", "jsonl", "ndjson", "json", "warc",
    ];
    let mut s = name;
    let mut stripped = false;
    while let Some((head, ext)) = s.rsplit_once('.') {
        if head.is_empty() || !KNOWN.contains(&ext.to_ascii_lowercase().as_str()) {
            break;
        }
        s = head;
        stripped = true;
    }
    if !stripped {
        // An unknown extension (".xml", ".article") is still an extension.
        if let Some((head, ext)) = s.rsplit_once('.') {
            if !head.is_empty() && !ext.is_empty() && ext.chars().all(|c| c.is_ascii_alphabetic()) {
                s = head;
            }
        }
    }
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_drop_every_extension() {
        assert_eq!(stem("000_45fb9e679fb9e8fa.txt"), "000_45fb9e679fb9e8fa");
        assert_eq!(stem("abc.html.gz"), "abc");
        assert_eq!(stem("report.v2.warc.gz"), "report.v2");
        assert_eq!(stem(".hidden"), ".hidden");
        assert_eq!(stem("noext"), "noext");
    }

    #[test]
    fn name_wins_then_content_decides() {
        assert_eq!(detect(Some("a.HTML.gz"), b""), Format::Html);
        assert_eq!(detect(Some("a.ndjson"), b""), Format::Jsonl);
        assert_eq!(detect(None, b"WARC/1.0\r\n"), Format::Warc);
        assert_eq!(detect(Some("x"), b"  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(detect(None, b"{\"text\": \"a\"}\n"), Format::Jsonl);
        assert_eq!(detect(None, b"Just words."), Format::Text);
    }
}
