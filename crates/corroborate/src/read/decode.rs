//! From bytes to text: gzip, binary detection, character encodings.

use super::SkipReason;
use std::borrow::Cow;
use std::io::Read;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Decompresses gzip input (by its magic bytes, whatever the name), within `limit` bytes.
/// Returns the bytes and, for a stream that broke off, the error: what came before is kept.
pub(super) fn gunzip_if_needed(
    bytes: &[u8],
    limit: u64,
) -> Result<(Cow<'_, [u8]>, Option<String>), SkipReason> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok((Cow::Borrowed(bytes), None));
    }
    let mut out = Vec::new();
    let mut dec = flate2::read::MultiGzDecoder::new(bytes).take(limit.saturating_add(1));
    let broken = match dec.read_to_end(&mut out) {
        Ok(_) => None,
        Err(e) if out.is_empty() => return Err(SkipReason::TruncatedGzip(e.to_string())),
        Err(e) => Some(e.to_string()),
    };
    if out.len() as u64 > limit {
        return Err(SkipReason::TooLarge {
            bytes: out.len() as u64,
            limit,
        });
    }
    Ok((Cow::Owned(out), broken))
}

/// True when the bytes are not text: a NUL byte in the first 8 KiB (as git and ripgrep decide),
/// unless a UTF-16 byte order mark says the NULs are part of the encoding.
pub(super) fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    memchr_nul(head)
}

fn memchr_nul(b: &[u8]) -> bool {
    b.contains(&0)
}

/// Decodes text: a byte order mark wins; then UTF-8; for HTML, the charset the page declares;
/// else Windows-1252 for text that is not UTF-8. Returns the text and a note when the input was
/// not valid UTF-8.
pub fn decode_text(bytes: &[u8], is_html: bool) -> (String, Option<String>) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        let note = had_errors.then(|| format!("invalid {} replaced", enc.name()));
        return (text.into_owned(), note);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), None);
    }
    if is_html {
        if let Some(enc) = html_charset(bytes) {
            if enc != encoding_rs::UTF_8 {
                let (text, _, had_errors) = enc.decode(bytes);
                let note = if had_errors {
                    format!("decoded as {} (declared), with replacements", enc.name())
                } else {
                    format!("decoded as {} (declared by the page)", enc.name())
                };
                return (text.into_owned(), Some(note));
            }
        }
    }
    let lossy = String::from_utf8_lossy(bytes).into_owned();
    (
        lossy,
        Some("invalid UTF-8: decoded lossily (bad bytes replaced)".to_string()),
    )
}

/// The charset an HTML page declares in its first 2 KiB (`<meta charset>` or
/// `http-equiv="Content-Type"`).
fn html_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")?;
    let rest = head[at + 8..].trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(&rest.as_bytes()[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_charset_decodes_latin1_page() {
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        let (text, note) = decode_text(page, true);
        assert!(text.contains("café"), "{text}");
        assert!(note.is_some_and(|n| n.contains("windows-1252")));
    }

    #[test]
    fn invalid_utf8_text_is_decoded_lossily_with_a_note() {
        let (text, note) = decode_text(b"ok \xff\xfe bad", false);
        assert!(text.starts_with("ok "));
        assert!(note.is_some_and(|n| n.contains("lossily")));
    }

    #[test]
    fn nul_byte_means_binary_but_utf16_bom_does_not() {
        assert!(looks_binary(b"PK\x03\x04\x00\x00"));
        assert!(!looks_binary(b"\xff\xfeh\x00i\x00"));
        assert!(!looks_binary(b"plain text"));
    }

    #[test]
    fn truncated_gzip_keeps_what_came_before() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let body = "line one\n".repeat(2000);
        enc.write_all(body.as_bytes()).expect("in-memory write");
        let gz = enc.finish().expect("in-memory gzip");
        let cut = &gz[..gz.len() / 2];
        match gunzip_if_needed(cut, 1 << 30) {
            Ok((bytes, Some(_))) => assert!(!bytes.is_empty() && bytes.len() < body.len()),
            Ok((_, None)) => panic!("truncation not noticed"),
            Err(e) => panic!("nothing kept: {e}"),
        }
    }

    #[test]
    fn gzip_bomb_is_stopped_at_the_limit() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b'a'; 1 << 20])
            .expect("in-memory write");
        let gz = enc.finish().expect("in-memory gzip");
        assert!(matches!(
            gunzip_if_needed(&gz, 1000),
            Err(SkipReason::TooLarge { limit: 1000, .. })
        ));
    }
}
