#![allow(dead_code)]
//! Structure-aware inputs shared by the targets: sentences built from numbers, units, dates,
//! quotes, names and odd characters, plus raw text, so that the fuzzer reaches the extractors'
//! rules instead of spending its time on bytes no article would hold.

use arbitrary::Arbitrary;
use std::fmt::Write;

/// One piece of a sentence.
#[derive(Debug, Arbitrary)]
pub enum Piece {
    /// An integer as digits, maybe grouped with commas.
    Int(i64, bool),
    /// A float, written with `{}` (NaN, inf, 1e309 style values included).
    Float(f64),
    /// A run of digits (up to a few hundred): 10^400 and the like.
    Digits(u16, u8),
    /// A number word or a scale ("three", "million", "half").
    NumberWord(u8),
    /// A unit or counted thing ("%", "km", "people", "$", "years ago").
    Unit(u8),
    /// A date in one of several written forms; day and month unchecked (February 30).
    Date(i32, u8, u8, u8),
    /// A time of day or a duration ("14:03", "an hour and a half").
    Time(u8, u8, u8),
    /// A name-like capitalised word.
    Name(u8),
    /// An ordinary word.
    Word(u8),
    /// A quotation mark of some kind, opening or closing (unbalanced on purpose).
    Quote(u8),
    /// Odd characters: controls, zero-width, right-to-left, emoji, combining marks.
    Odd(u8),
    /// Punctuation and sentence ends.
    Punct(u8),
    /// Free text.
    Raw(String),
}

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "ten",
    "twelve",
    "twenty",
    "hundred",
    "thousand",
    "million",
    "billion",
    "trillion",
    "half",
    "dozen",
    "dozens",
    "a quarter",
    "zero",
    "minus",
    "fifty-five",
    "an hour and a half",
    "several million",
    "4.5 billion",
];
const UNITS: &[&str] = &[
    "%",
    " percent",
    " km",
    " miles",
    " people",
    " dead",
    " years ago",
    " years",
    " days",
    " hours",
    " minutes",
    " seconds",
    " weeks",
    " months",
    " centuries",
    " $",
    "$",
    "€",
    "£",
    " dollars",
    " euros",
    " tonnes",
    " kg",
    " degrees",
    "°C",
    " per cent",
    " a year",
    " BC",
    " AD",
    " million years ago",
    " light-years",
    "-page",
    "-year-old",
    " times",
    " pounds",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Feb.",
    "Sept",
    "Febuary",
];
const NAMES: &[&str] = &[
    "Zelensky",
    "Zelenskyy",
    "Mr. Smith",
    "Pentagon",
    "United Nations",
    "New York",
    "Paris",
    "Hegseth",
    "Dr.",
    "U.S.",
    "Reuters",
    "AP",
    "O'Neil",
    "McDonald",
    "El-Sisi",
    "al-Assad",
    "Xinhua",
    "WASHINGTON",
    "Ms",
    "Jr.",
    "Sen.",
    "Gov.",
    "Apple Inc.",
    "Monday",
    "Tuesday",
];
const WORDS: &[&str] = &[
    "said",
    "says",
    "told",
    "the",
    "a",
    "of",
    "killed",
    "rose",
    "fell",
    "about",
    "nearly",
    "more than",
    "at least",
    "up to",
    "between",
    "and",
    "to",
    "since",
    "in",
    "on",
    "last",
    "next",
    "ago",
    "according to",
    "reported",
    "announced",
    "another",
    "season",
    "from",
    "until",
    "by",
    "was",
    "were",
    "will",
    "would",
    "estimated",
    "some",
    "roughly",
    "over",
];
const QUOTES: &[&str] = &[
    "\"", "“", "”", "‘", "’", "'", "«", "»", "„", "‚", "``", "''", "「", "」", " \"",
];
const ODD: &[&str] = &[
    "\u{0}",
    "\u{1}",
    "\u{7}",
    "\u{8}",
    "\t",
    "\r",
    "\n",
    "\n\n",
    "\u{b}",
    "\u{c}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{a0}",
    "\u{200b}",
    "\u{200c}",
    "\u{200d}",
    "\u{2060}",
    "\u{feff}",
    "\u{202e}",
    "\u{202d}",
    "\u{2066}",
    "\u{2069}",
    "\u{200f}",
    "שלום",
    "مرحبا",
    "😀",
    "👨‍👩‍👧",
    "🇺🇸",
    "e\u{301}",
    "\u{301}",
    "\u{fffd}",
    "\u{2028}",
    "\u{2029}",
    "Ⅻ",
    "٣",
    "१२",
    "½",
    "\u{10ffff}",
    "ﬁ",
    "ǅ",
    "İ",
    "ß",
    "Σ",
    "…",
    "—",
    "–",
    "\u{AD}",
];
const PUNCT: &[&str] = &[
    ". ", "? ", "! ", ", ", "; ", ": ", " (", ") ", " - ", "...", ". \n", ".\n\n", " ", "-", "/",
    "’s ", "'s ", " [", "] ", " & ",
];

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list.get(usize::from(i) % list.len()).copied().unwrap_or("")
}

impl Piece {
    /// Appends the piece's text.
    pub fn write(&self, out: &mut String) {
        match self {
            Piece::Int(n, grouped) => {
                if *grouped {
                    let s = n.unsigned_abs().to_string();
                    if *n < 0 {
                        out.push('-');
                    }
                    let len = s.len();
                    for (i, c) in s.chars().enumerate() {
                        if i > 0 && (len - i) % 3 == 0 {
                            out.push(',');
                        }
                        out.push(c);
                    }
                } else {
                    let _ = write!(out, "{n}");
                }
            }
            Piece::Float(f) => {
                let _ = write!(out, "{f}");
            }
            Piece::Digits(n, d) => {
                let n = usize::from(*n % 512);
                let c = char::from(b'0' + d % 10);
                out.extend(std::iter::repeat_n(c, n.max(1)));
                if d % 3 == 0 {
                    out.push_str(".5");
                }
            }
            Piece::NumberWord(i) => out.push_str(pick(NUMBER_WORDS, *i)),
            Piece::Unit(i) => out.push_str(pick(UNITS, *i)),
            Piece::Date(y, m, d, style) => {
                let month = pick(MONTHS, *m);
                let y = match style % 4 {
                    0 => *y,
                    1 => y % 3000,
                    2 => 1900 + (y.rem_euclid(200)),
                    _ => -(y.rem_euclid(100_000)),
                };
                let _ = match style % 7 {
                    0 => write!(out, "{month} {d}, {y}"),
                    1 => write!(out, "{d} {month} {y}"),
                    2 => write!(out, "{y}-{:02}-{:02}", m % 14, d),
                    3 => write!(out, "{month} {y}"),
                    4 => write!(out, "{}/{}/{y}", m % 14, d),
                    5 => write!(out, "on {month} {d}"),
                    _ => write!(out, "in {y}"),
                };
            }
            Piece::Time(h, m, style) => {
                let _ = match style % 4 {
                    0 => write!(out, "{h}:{m:02}"),
                    1 => write!(out, "{} a.m.", h % 13),
                    2 => write!(out, "{h} hours and {m} minutes"),
                    _ => write!(out, "{h}:{m} p.m. local time"),
                };
            }
            Piece::Name(i) => out.push_str(pick(NAMES, *i)),
            Piece::Word(i) => out.push_str(pick(WORDS, *i)),
            Piece::Quote(i) => out.push_str(pick(QUOTES, *i)),
            Piece::Odd(i) => out.push_str(pick(ODD, *i)),
            Piece::Punct(i) => out.push_str(pick(PUNCT, *i)),
            Piece::Raw(s) => out.push_str(s),
        }
        if !matches!(self, Piece::Punct(_) | Piece::Odd(_) | Piece::Unit(_)) {
            out.push(' ');
        }
    }
}

/// Text made of pieces.
pub fn text(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for p in pieces {
        p.write(&mut out);
    }
    out
}

/// One generated article, as a JSONL record.
#[derive(Debug, Arbitrary)]
pub struct Doc {
    /// The body, in paragraphs.
    pub paragraphs: Vec<Vec<Piece>>,
    /// The title.
    pub title: Option<Vec<Piece>>,
    /// A publication date as written in the record (any string, or a generated date).
    pub published: Option<Published>,
    /// Whether the body is given as HTML.
    pub html: bool,
    /// The outlet.
    pub source: Option<u8>,
}

/// The record's publication date.
#[derive(Debug, Arbitrary)]
pub enum Published {
    /// Year, month, day, written as `YYYY-MM-DD`, unchecked.
    Ymd(i32, u8, u8),
    /// An RFC 3339 moment with an offset in minutes.
    Moment(i32, u8, u8, i16),
    /// Anything.
    Raw(String),
}

impl Doc {
    /// The record as one JSONL line (no newline).
    pub fn to_json(&self, i: usize) -> String {
        let body = self
            .paragraphs
            .iter()
            .map(|p| text(p.as_slice()))
            .collect::<Vec<_>>()
            .join("\n\n");
        let mut rec = serde_json::Map::new();
        rec.insert("id".into(), format!("d{i}").into());
        if self.html {
            let html = format!(
                "<html><head><title>t</title></head><body><article><p>{}</p></article></body></html>",
                body.replace("\n\n", "</p><p>")
            );
            rec.insert("html".into(), html.into());
        } else {
            rec.insert("text".into(), body.into());
        }
        if let Some(t) = &self.title {
            rec.insert("title".into(), text(t).into());
        }
        if let Some(s) = self.source {
            rec.insert("source".into(), format!("outlet{}", s % 4).into());
        }
        if let Some(p) = &self.published {
            let v = match p {
                Published::Ymd(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
                Published::Moment(y, m, d, off) => format!(
                    "{y:04}-{m:02}-{d:02}T12:00:00{}{:02}:{:02}",
                    if *off < 0 { '-' } else { '+' },
                    off.unsigned_abs() / 60,
                    off.unsigned_abs() % 60
                ),
                Published::Raw(s) => s.clone(),
            };
            rec.insert("published".into(), v.into());
        }
        serde_json::Value::Object(rec).to_string()
    }
}

/// A JSONL corpus: generated records, or, when the input starts with `#`, raw text whose
/// articles are separated by a line `---` (so that real text can seed the fuzzer).
pub fn corpus(data: &[u8]) -> Option<Vec<u8>> {
    if let Some(raw) = data.strip_prefix(b"#") {
        let text = String::from_utf8_lossy(raw);
        let mut out = String::new();
        for (i, part) in text.split("\n---\n").enumerate().take(16) {
            let mut rec = serde_json::Map::new();
            rec.insert("id".into(), format!("r{i}").into());
            rec.insert("text".into(), part.into());
            rec.insert(
                "published".into(),
                format!("2020-01-{:02}", 1 + i % 28).into(),
            );
            out.push_str(&serde_json::Value::Object(rec).to_string());
            out.push('\n');
        }
        return Some(out.into_bytes());
    }
    let mut u = arbitrary::Unstructured::new(data);
    let docs: Vec<Doc> = u.arbitrary().ok()?;
    let mut out = String::new();
    for (i, d) in docs.iter().enumerate().take(16) {
        out.push_str(&d.to_json(i));
        out.push('\n');
    }
    Some(out.into_bytes())
}

/// Aborts on a panic, as libFuzzer's hook does, except for panics inside the Duckling crate,
/// which `facts::parse` catches by design (its port panics on some inputs).
pub fn panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_duckling = info
                .location()
                .is_some_and(|l| l.file().contains("duckling"));
            if !in_duckling {
                default(info);
                std::process::abort();
            }
        }));
    });
}
