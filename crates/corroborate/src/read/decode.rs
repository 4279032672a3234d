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
    let head = bytes.get(..8192).unwrap_or(bytes);
    memchr_nul(head)
}

fn memchr_nul(b: &[u8]) -> bool {
    b.contains(&0)
}

/// Decodes text: a byte order mark wins; then UTF-8 (bytes that are valid UTF-8 are read as
/// UTF-8 whatever a page declares); for HTML, the charset the page declares (the HTML standard's
/// prescan) unless the bytes contradict it, else the encoding detected by chardetng (Firefox's
/// detector); plain text that is not UTF-8 is decoded lossily. Returns the text and a note when
/// the input was not valid UTF-8.
pub fn decode_text(bytes: &[u8], is_html: bool) -> (String, Option<String>) {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, had_errors) = enc.decode_without_bom_handling(rest);
        let note = had_errors.then(|| format!("invalid {} replaced", enc.name()));
        return (text.into_owned(), note);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return (s.to_string(), None);
    }
    if is_html {
        let (enc, how) = html_encoding(bytes);
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        let note = if had_errors {
            format!("decoded as {} ({how}), with replacements", enc.name())
        } else {
            format!("decoded as {} ({how})", enc.name())
        };
        return (text.into_owned(), Some(note));
    }
    let lossy = String::from_utf8_lossy(bytes).into_owned();
    (
        lossy,
        Some("invalid UTF-8: decoded lossily (bad bytes replaced)".to_string()),
    )
}

/// The encoding of an HTML page that is not valid UTF-8 and has no byte order mark, and how it
/// was chosen. The declared charset wins unless the bytes contradict it: bytes that are not
/// valid in the declared encoding, or a declared single-byte encoding where the detector finds
/// a multi-byte one (GBK, Shift_JIS, EUC-KR, Big5...) that reads every byte without error (a
/// single-byte encoding accepts any bytes, so only the detector can tell). A declared UTF-8 is
/// contradicted by the bytes by definition, since valid UTF-8 never gets here.
fn html_encoding(bytes: &[u8]) -> (&'static encoding_rs::Encoding, &'static str) {
    let declared = prescan_charset(bytes).filter(|e| *e != encoding_rs::UTF_8);
    // ISO-2022-JP and UTF-8 are 7-bit or valid UTF-8, which never get here.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let detected = detector.guess(None, chardetng::Utf8Detection::Deny);
    let Some(declared) = declared else {
        return (detected, "detected");
    };
    if declared == detected {
        return (declared, "declared by the page");
    }
    let clean = |enc: &'static encoding_rs::Encoding| !decodes_with_errors(enc, bytes);
    let declared_clean = clean(declared);
    let contradicted = if declared_clean {
        declared.is_single_byte() && !detected.is_single_byte() && clean(detected)
    } else {
        clean(detected)
    };
    if contradicted {
        (
            detected,
            "detected; the page's declared charset does not fit its bytes",
        )
    } else {
        (declared, "declared by the page")
    }
}

fn decodes_with_errors(enc: &'static encoding_rs::Encoding, bytes: &[u8]) -> bool {
    enc.decode_without_bom_handling_and_without_replacement(bytes)
        .is_none()
}

/// The charset an HTML page declares, found as the HTML standard's prescan finds it
/// (<https://html.spec.whatwg.org/multipage/parsing.html#prescan-a-byte-stream-to-determine-its-encoding>):
/// only `<meta charset>` or `<meta http-equiv="content-type" content="...charset=...">` in
/// the first 1,024 bytes counts; comments, other tags and their attributes (a
/// `<script charset="utf-8">`, a data URI) are skipped. UTF-16 labels mean UTF-8 (the bytes were
/// read as ASCII to get here), `x-user-defined` means windows-1252.
pub(super) fn prescan_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or_default();
    let mut pos = 0usize;
    while pos < head.len() {
        let rest = head.get(pos..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            // To the first `-->` (whose dashes may be those of the `<!--`).
            let after = pos.saturating_add(2);
            let tail = head.get(after..).unwrap_or_default();
            let end = tail.windows(3).position(|w| w == b"-->")?;
            pos = after.saturating_add(end).saturating_add(3);
        } else if starts_with_ignore_case(rest, b"<meta")
            && rest.get(5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            pos = pos.saturating_add(6);
            if let Some(enc) = meta_charset(head, &mut pos)? {
                return Some(enc);
            }
        } else if rest.first() == Some(&b'<')
            && (rest.get(1).is_some_and(u8::is_ascii_alphabetic)
                || (rest.get(1) == Some(&b'/') && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Another tag: past its name, then past its attributes (whose quoted values may
            // hold `charset=` or `>`).
            pos = pos.saturating_add(1);
            while head.get(pos).is_some_and(|&b| !is_space(b) && b != b'>') {
                pos = pos.saturating_add(1);
            }
            while get_attribute(head, &mut pos)?.is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            let end = rest.iter().position(|&b| b == b'>')?;
            pos = pos.saturating_add(end).saturating_add(1);
        } else {
            pos = pos.saturating_add(1);
        }
    }
    None
}

/// The attributes of one `<meta` tag (from after its name): `Some(Some(enc))` when it declares
/// a usable charset, `Some(None)` when it does not, `None` when the head ends inside the tag.
#[allow(clippy::option_option)]
fn meta_charset(head: &[u8], pos: &mut usize) -> Option<Option<&'static encoding_rs::Encoding>> {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    // None: no charset yet; Some(true): from `content` (needs the pragma); Some(false): `charset`.
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<&'static encoding_rs::Encoding> = None;
    let mut failed = false;
    while let Some((name, value)) = get_attribute(head, pos)? {
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value == b"content-type",
            b"content" => {
                let found = charset_from_content(&value).and_then(encoding_rs::Encoding::for_label);
                if let Some(enc) = found.filter(|_| charset.is_none() && !failed) {
                    charset = Some(enc);
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = encoding_rs::Encoding::for_label(&value);
                failed = charset.is_none();
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    let usable = match need_pragma {
        None => false,
        Some(true) => got_pragma,
        Some(false) => true,
    };
    if !usable || failed {
        return Some(None);
    }
    Some(charset.map(|enc| {
        if enc == encoding_rs::UTF_16BE || enc == encoding_rs::UTF_16LE {
            encoding_rs::UTF_8
        } else if enc == encoding_rs::X_USER_DEFINED {
            encoding_rs::WINDOWS_1252
        } else {
            enc
        }
    }))
}

/// The standard's "get an attribute": `Some(Some((name, value)))` (both lower-cased),
/// `Some(None)` at the tag's `>` (left in place), `None` when the head ends first.
#[allow(clippy::option_option, clippy::type_complexity)]
fn get_attribute(head: &[u8], pos: &mut usize) -> Option<Option<(Vec<u8>, Vec<u8>)>> {
    let next = |p: &mut usize| {
        *p = p.saturating_add(1);
    };
    while head.get(*pos).is_some_and(|&b| is_space(b) || b == b'/') {
        next(pos);
    }
    if *head.get(*pos)? == b'>' {
        return Some(None);
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    // The name, up to `=`, a space, `/` or `>`.
    loop {
        let b = *head.get(*pos)?;
        if b == b'=' && !name.is_empty() {
            next(pos);
            break;
        }
        if is_space(b) {
            while head.get(*pos).is_some_and(|&b| is_space(b)) {
                next(pos);
            }
            if *head.get(*pos)? != b'=' {
                return Some(Some((name, value)));
            }
            next(pos);
            break;
        }
        if b == b'/' || b == b'>' {
            return Some(Some((name, value)));
        }
        name.push(b.to_ascii_lowercase());
        next(pos);
    }
    while head.get(*pos).is_some_and(|&b| is_space(b)) {
        next(pos);
    }
    let b = *head.get(*pos)?;
    if b == b'"' || b == b'\'' {
        loop {
            next(pos);
            let c = *head.get(*pos)?;
            if c == b {
                next(pos);
                return Some(Some((name, value)));
            }
            value.push(c.to_ascii_lowercase());
        }
    }
    if b == b'>' {
        return Some(Some((name, value)));
    }
    loop {
        let c = *head.get(*pos)?;
        if is_space(c) || c == b'>' {
            return Some(Some((name, value)));
        }
        value.push(c.to_ascii_lowercase());
        next(pos);
    }
}

/// The standard's "extract a character encoding from a meta element" on a lower-cased
/// `content` value (`text/html; charset=gb2312`).
fn charset_from_content(value: &[u8]) -> Option<&[u8]> {
    let mut pos = 0usize;
    loop {
        let rest = value.get(pos..)?;
        let at = rest.windows(7).position(|w| w == b"charset")?;
        pos = pos.saturating_add(at).saturating_add(7);
        while value.get(pos).is_some_and(|&b| is_space(b)) {
            pos = pos.saturating_add(1);
        }
        if value.get(pos) != Some(&b'=') {
            continue;
        }
        pos = pos.saturating_add(1);
        while value.get(pos).is_some_and(|&b| is_space(b)) {
            pos = pos.saturating_add(1);
        }
        let rest = value.get(pos..)?;
        return match rest.first() {
            Some(&q) if q == b'"' || q == b'\'' => {
                let inner = rest.get(1..)?;
                let end = inner.iter().position(|&b| b == q)?;
                inner.get(..end)
            }
            Some(_) => {
                let end = rest
                    .iter()
                    .position(|&b| is_space(b) || b == b';')
                    .unwrap_or(rest.len());
                rest.get(..end)
            }
            None => None,
        };
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, 0x09 | 0x0a | 0x0c | 0x0d | 0x20)
}

fn starts_with_ignore_case(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .get(..needle.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(needle))
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

    const ZH: &str = "新华社北京电，国务院总理今天在人民大会堂会见了来访的代表团。双方就经济合作、\
        文化交流和环境保护等问题深入交换了意见，并签署了多项合作协议。会谈结束后，\
        两国领导人共同出席了新闻发布会，回答了记者的提问。";
    const JA: &str = "政府は今日、新しい経済対策を発表しました。物価の上昇が続く中、\
        家計への支援を強化するとともに、中小企業の賃上げを後押しする方針です。\
        首相は記者会見で、国民の生活を守るために全力を尽くすと述べました。";
    const RU: &str = "Правительство объявило сегодня о новых мерах поддержки экономики. \
        Министр финансов заявил, что помощь получат малые предприятия и семьи с детьми, \
        а решение о бюджете будет принято в следующем месяце.";

    fn encode(enc: &'static encoding_rs::Encoding, s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = enc.encode(s);
        assert!(!unmappable, "test text not representable in {}", enc.name());
        bytes.into_owned()
    }

    /// A page in `enc`: `head` (ASCII markup) then a paragraph of `text`.
    fn page(enc: &'static encoding_rs::Encoding, head: &str, text: &str) -> Vec<u8> {
        let mut out = format!("<!DOCTYPE html><html><head>{head}</head><body><p>").into_bytes();
        out.extend(encode(enc, text));
        out.extend_from_slice(b"</p></body></html>");
        out
    }

    const SCRIPTS: &str = "<script charset=\"utf-8\" src=\"/js/a.js\"></script>\
        <script type=\"text/javascript\" charset=\"utf-8\" src=\"/js/b.js\"></script>\
        <link rel=\"icon\" href=\"data:image/svg+xml;charset=utf-8,%3Csvg%3E%3C/svg%3E\">";

    #[test]
    fn meta_charset_after_script_charsets_decodes_gb2312() {
        let head = format!(
            "{SCRIPTS}<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
        );
        let bytes = page(encoding_rs::GBK, &head, ZH);
        assert_eq!(prescan_charset(&bytes), Some(encoding_rs::GBK));
        let (text, note) = decode_text(&bytes, true);
        assert!(text.contains(ZH), "{text}");
        assert!(note.is_some_and(|n| n.contains("GBK") && n.contains("declared")));
    }

    #[test]
    fn declaration_past_1024_bytes_is_not_read_but_the_detector_finds_gbk() {
        // As on the page of issue 18: the meta comes after 1,024 bytes of scripts and links.
        let mut head = SCRIPTS.repeat(6);
        head.push_str("<meta charset=\"gb2312\">");
        let bytes = page(encoding_rs::GBK, &head, ZH);
        assert!(bytes
            .windows(7)
            .position(|w| w == b"<meta c")
            .is_some_and(|at| at > 1024));
        assert_eq!(prescan_charset(&bytes), None);
        let (text, note) = decode_text(&bytes, true);
        assert!(text.contains(ZH), "{text}");
        assert!(note.is_some_and(|n| n.contains("detected")));
    }

    #[test]
    fn pages_that_declare_nothing_are_detected() {
        for (enc, text) in [
            (encoding_rs::GBK, ZH),
            (encoding_rs::SHIFT_JIS, JA),
            (encoding_rs::WINDOWS_1251, RU),
        ] {
            let bytes = page(enc, "<title>news</title>", text);
            let (got, note) = decode_text(&bytes, true);
            assert!(got.contains(text), "{}: {got}", enc.name());
            assert!(note.is_some_and(|n| n.contains(enc.name()) && n.contains("detected")));
        }
    }

    #[test]
    fn pages_that_lie_are_detected() {
        // Declares UTF-8, is Shift_JIS.
        let bytes = page(encoding_rs::SHIFT_JIS, "<meta charset=\"utf-8\">", JA);
        let (text, _) = decode_text(&bytes, true);
        assert!(text.contains(JA), "{text}");
        // Declares a single-byte encoding (which accepts any bytes), is GBK.
        let bytes = page(encoding_rs::GBK, "<meta charset=\"iso-8859-1\">", ZH);
        let (text, note) = decode_text(&bytes, true);
        assert!(text.contains(ZH), "{text}");
        assert!(note.is_some_and(|n| n.contains("does not fit")));
        // Declares EUC-KR, whose decoder rejects these bytes; they are windows-1251.
        let bytes = page(encoding_rs::WINDOWS_1251, "<meta charset=\"euc-kr\">", RU);
        let (text, _) = decode_text(&bytes, true);
        assert!(text.contains(RU), "{text}");
    }

    #[test]
    fn a_true_single_byte_declaration_is_kept() {
        let bytes = page(
            encoding_rs::WINDOWS_1251,
            "<meta charset=\"windows-1251\">",
            RU,
        );
        let (text, note) = decode_text(&bytes, true);
        assert!(text.contains(RU), "{text}");
        assert!(note.is_some_and(|n| n.contains("declared by the page")));
    }

    #[test]
    fn prescan_follows_the_html_standard() {
        let enc = |s: &str| prescan_charset(s.as_bytes()).map(|e| e.name());
        assert_eq!(enc("<meta charset=\"shift_jis\">"), Some("Shift_JIS"));
        assert_eq!(enc("<META CHARSET=EUC-KR>"), Some("EUC-KR"));
        assert_eq!(
            enc("<meta http-equiv=content-type content='text/html;charset=\"koi8-r\"'>"),
            Some("KOI8-R")
        );
        // `content` without the http-equiv pragma does not count.
        assert_eq!(enc("<meta content=\"text/html; charset=koi8-r\">"), None);
        // Comments, other tags' attributes and unknown labels are skipped.
        assert_eq!(
            enc("<!-- <meta charset=big5> --><meta charset=gbk>"),
            Some("GBK")
        );
        assert_eq!(
            enc("<div title='<meta charset=big5>'><meta charset=gbk>"),
            Some("GBK")
        );
        assert_eq!(enc("<script charset=big5></script>"), None);
        assert_eq!(
            enc("<meta charset=no-such-thing><meta charset=big5>"),
            Some("Big5")
        );
        // The first attribute of a name counts; UTF-16 means UTF-8; x-user-defined, windows-1252.
        assert_eq!(enc("<meta charset=koi8-r charset=big5>"), Some("KOI8-R"));
        assert_eq!(enc("<meta charset=utf-16le>"), Some("UTF-8"));
        assert_eq!(enc("<meta charset=x-user-defined>"), Some("windows-1252"));
        // Cut off inside a tag or a comment, or nothing at all.
        assert_eq!(enc("<meta charset=\"gbk"), None);
        assert_eq!(enc("<!-- <meta charset=gbk>"), None);
        assert_eq!(enc(""), None);
        assert_eq!(enc("<"), None);
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
