//! The command line: verbs, flags and their help, and what each verb does with the library.

use crate::output::{CliError, Target};
use clap::{Args, Parser, Subcommand};
use corroborate::read::{self, Input};
use corroborate::similarity::embed::{self, Model};
use corroborate::stories::StoryConfig;
use corroborate::{Config, Corpus, ReadConfig};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Multi-source news: which reports tell the same story, which copy or rewrite which, and what
/// they claim.
///
/// Inputs are files (.txt, .html/.htm, .jsonl/.ndjson, .warc; each also .gz), directories (read
/// recursively, hidden files left out) or `-` for standard input. Every input ends as an article
/// or as a skipped entry with its reason. Exit status: 0 done (even with skips), 1 nothing
/// readable or an output could not be written, 2 bad usage.
#[derive(Debug, Parser)]
#[command(name = "corroborate", version, about, long_about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles and report stories, with their sources (the readable brief by default).
    ///
    /// Examples:
    ///   corroborate analyze examples/seeds
    ///   corroborate analyze corpus.jsonl --json report.json --html report.html
    ///   cat page.html | corroborate analyze - --json -
    #[command(verbatim_doc_comment)]
    Analyze(AnalyzeArgs),
    /// Print the main text and metadata of each article as one JSON line (id, title, published,
    /// source, url, language, text).
    ///
    /// Example:
    ///   corroborate extract pages/ > articles.jsonl
    #[command(verbatim_doc_comment)]
    Extract(InputArgs),
    /// Find articles that duplicate an earlier one, for corpus builders: one JSON line per
    /// duplicate on standard output, {"id", "duplicate_of", "kind", "score"}, in input order.
    ///
    /// Kinds: `exact` (same words in the same order after normalisation; score 1) and
    /// `near_duplicate` (Jaccard similarity of the word 5-gram sets at least --threshold, found
    /// by MinHash LSH and verified on the exact sets when the earlier article can be read again,
    /// else on the MinHash estimate). An article is checked against the articles kept before it
    /// and points to the earliest one it matches; duplicates are not kept, so chains do not
    /// grow. Articles under 30 words are never near-duplicates (only exact copies).
    ///
    /// With --kinds rewrite, also `rewrite`: the same content paraphrased, by the rule the
    /// report uses (a large share of the shorter article's sentences has a close counterpart in
    /// the other, largely in order; lexical similarity). Candidates are earlier articles sharing
    /// several rare content words; score as in the report's relations. Slower: articles are
    /// split into sentences. A repeated id gets a suffix (-2, -3, …) and a warning.
    ///
    /// No story clustering: fast on large inputs. JSONL inputs are streamed, so memory is
    /// bounded by the index (under 1 KB per kept article), not by the text.
    ///
    /// Examples:
    ///   corroborate dedup corpus.jsonl > duplicates.jsonl
    ///   corroborate dedup pages/ --kinds exact --quiet
    ///   corroborate dedup articles.jsonl --kinds exact,near,rewrite
    ///   zcat crawl.jsonl.gz | corroborate dedup - --threshold 0.9
    #[command(verbatim_doc_comment)]
    Dedup(DedupArgs),
    /// Add articles to the store and update its stories; one JSON line per article on standard
    /// output once it is safely stored ("stored", or "duplicate" when it was already there).
    ///
    /// Example:
    ///   corroborate add ../shared/seeds --db news.db
    #[command(verbatim_doc_comment)]
    Add(crate::store_cmds::AddArgs),
    /// List the store's stories, newest first.
    ///
    /// Example:
    ///   corroborate stories --since 2025-02-01 --query "Putin call"
    #[command(verbatim_doc_comment)]
    Stories(crate::store_cmds::StoriesArgs),
    /// Show one story: its sources, relations, families and facts.
    ///
    /// Example:
    ///   corroborate show s1 --json
    #[command(verbatim_doc_comment)]
    Show(crate::store_cmds::ShowArgs),
    /// Serve the store: the HTTP API (/api/v1, described at /api/v1/openapi.json) and the web
    /// page. Writes need a bearer token (--token, CORROBORATE_TOKEN or a token file).
    ///
    /// Example:
    ///   CORROBORATE_TOKEN=s3cret corroborate serve --db news.db --addr 127.0.0.1:8080
    #[command(verbatim_doc_comment)]
    Serve(crate::store_cmds::ServeArgs),
}

#[derive(Debug, Args)]
struct DedupArgs {
    /// Files, directories or `-` (standard input).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Smallest word-shingle Jaccard similarity of a near-duplicate, in (0, 1].
    #[arg(long, value_name = "J", default_value_t = 0.7)]
    threshold: f64,
    /// Kinds to look for, comma-separated: exact, near (near_duplicate), rewrite.
    #[arg(
        long,
        value_name = "KINDS",
        value_delimiter = ',',
        default_value = "exact,near"
    )]
    kinds: Vec<String>,
    /// Skip inputs larger than this; for JSONL inputs, which are streamed, the limit applies to
    /// each line (record), not to the file. Units: B, KB, MB, GB.
    #[arg(long, value_name = "SIZE", default_value = "50MB", value_parser = parse_size)]
    max_size: u64,
    /// No progress and no summary on standard error.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct InputArgs {
    /// Files, directories or `-` (standard input).
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Skip inputs larger than this (before or after decompression). Units: B, KB, MB, GB.
    #[arg(long, value_name = "SIZE", default_value = "50MB", value_parser = parse_size)]
    max_size: u64,
    /// No progress bar and no summary on standard error.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct AnalyzeArgs {
    #[command(flatten)]
    input: InputArgs,
    /// Write the report (JSON, schema 1) to FILE; `-` for standard output.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write the readable brief (Markdown) to FILE; `-` for standard output.
    #[arg(long, value_name = "FILE")]
    markdown: Option<PathBuf>,
    /// Write the report as a self-contained HTML page to FILE; `-` for standard output.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Show every fact in the brief and the HTML page, not only the 15 a reader needs most per
    /// story (conflicts first, then by salience). The JSON report always has all.
    #[arg(long)]
    all_facts: bool,
    #[command(flatten)]
    stories: StoryArgs,
    /// The sentence-embedding model directory (all-MiniLM-L6-v2: config.json, tokenizer.json,
    /// model.safetensors). Default: $CORROBORATE_MODEL, else the data directory where
    /// scripts/install-model.sh puts it. Without a model, similarity is lexical only.
    #[arg(long, value_name = "DIR")]
    model: Option<PathBuf>,
    /// Don't load the sentence model even when installed: lexical similarity only (faster on
    /// large stories).
    #[arg(long, conflicts_with = "model")]
    no_model: bool,
}

/// The few knobs of story clustering.
#[derive(Debug, Args)]
#[command(next_help_heading = "Stories")]
struct StoryArgs {
    /// Similarity (TF-IDF cosine over words, numbers and names, 0 to 1) two articles need to be
    /// linked. Each article keeps links to its few most similar articles; a story is a group of
    /// articles linked more to each other than to the rest.
    #[arg(long, value_name = "SIM", default_value_t = StoryConfig::default().threshold)]
    story_threshold: f32,
    /// Links each article keeps (its most similar articles).
    #[arg(long, value_name = "N", default_value_t = StoryConfig::default().neighbors)]
    story_neighbors: usize,
    /// Two stories merge when this share (0 to 1) of the smaller one's link weight leads to the
    /// other. Lower: fewer, larger stories.
    #[arg(long, value_name = "SHARE", default_value_t = StoryConfig::default().merge_share)]
    story_merge: f32,
    /// Days apart that cost an article nothing when it is compared with a dated story.
    #[arg(long, value_name = "DAYS", default_value_t = StoryConfig::default().time_window_days)]
    story_window: f32,
    /// Beyond the window, similarity is divided by 1 + extra days / DAYS.
    #[arg(long, value_name = "DAYS", default_value_t = StoryConfig::default().time_decay_days)]
    story_decay: f32,
    /// The longest silence a story may hold: no two consecutive dated articles of a story are
    /// more than DAYS apart (a story that would bridge a longer one is split there). Widen it
    /// to follow an affair over years.
    #[arg(long, value_name = "DAYS", default_value_t = StoryConfig::default().max_silence_days)]
    story_silence: f32,
    /// With the model: weight (0 to 1) of the similarity of the articles' leads as the model
    /// reads them, against the TF-IDF cosine. 0: words only.
    #[arg(long, value_name = "W", default_value_t = StoryConfig::default().embedding_weight)]
    story_embedding_weight: f32,
}

impl StoryArgs {
    fn into_config(self) -> Result<StoryConfig, CliError> {
        let unit = |name: &str, v: f32| {
            if (0.0..=1.0).contains(&v) {
                Ok(v)
            } else {
                Err(CliError::Usage(format!(
                    "{name} must be in [0, 1], not {v}"
                )))
            }
        };
        if !(1..=100).contains(&self.story_neighbors) {
            return Err(CliError::Usage(format!(
                "--story-neighbors must be 1 to 100, not {}",
                self.story_neighbors
            )));
        }
        for (name, v) in [
            ("--story-window", self.story_window),
            ("--story-decay", self.story_decay),
            ("--story-silence", self.story_silence),
        ] {
            if !(v >= 0.0 && v.is_finite()) {
                return Err(CliError::Usage(format!(
                    "{name} must be a number of days >= 0, not {v}"
                )));
            }
        }
        Ok(StoryConfig {
            threshold: unit("--story-threshold", self.story_threshold)?,
            neighbors: self.story_neighbors,
            merge_share: unit("--story-merge", self.story_merge)?,
            time_window_days: self.story_window,
            time_decay_days: self.story_decay,
            max_silence_days: self.story_silence,
            embedding_weight: unit("--story-embedding-weight", self.story_embedding_weight)?,
            ..StoryConfig::default()
        })
    }
}

impl DedupArgs {
    fn into_options(self) -> Result<crate::dedup::Options, CliError> {
        if !(self.threshold > 0.0 && self.threshold <= 1.0) {
            return Err(CliError::Usage(format!(
                "--threshold must be in (0, 1], not {}",
                self.threshold
            )));
        }
        let mut kinds = corroborate::copies::dedup::Kinds {
            exact: false,
            near: false,
            rewrite: false,
        };
        for k in &self.kinds {
            match k.trim() {
                "exact" => kinds.exact = true,
                "near" | "near_duplicate" | "near-duplicate" => kinds.near = true,
                "rewrite" | "rewrites" => kinds.rewrite = true,
                other => {
                    return Err(CliError::Usage(format!(
                        "unknown kind {other:?} in --kinds (use exact, near or rewrite)"
                    )))
                }
            }
        }
        let stdin_count = self.paths.iter().filter(|p| p.as_os_str() == "-").count();
        if stdin_count > 1 {
            return Err(CliError::Usage(
                "`-` (standard input) can be given only once".to_string(),
            ));
        }
        Ok(crate::dedup::Options {
            paths: self.paths,
            dedup: corroborate::copies::dedup::DedupConfig {
                threshold: self.threshold,
                kinds,
                ..Default::default()
            },
            read: ReadConfig {
                max_bytes: self.max_size,
            },
            quiet: self.quiet,
        })
    }
}

pub(crate) fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a size (try 50MB, 500KB or 1GB)"))?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        u => return Err(format!("unknown size unit {u:?} (use B, KB, MB or GB)")),
    };
    Ok((n * mult) as u64)
}

pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Analyze(a) => analyze(a),
        Command::Extract(a) => extract(a),
        Command::Dedup(a) => crate::dedup::run(a.into_options()?),
        Command::Add(a) => crate::store_cmds::add(a),
        Command::Stories(a) => crate::store_cmds::stories(a),
        Command::Show(a) => crate::store_cmds::show(a),
        Command::Serve(a) => crate::store_cmds::serve(a),
    }
}

/// The reading options the flags give, after checking them.
fn input_config(args: &InputArgs) -> Result<ReadConfig, CliError> {
    let stdin_count = args.paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return Err(CliError::Usage(
            "`-` (standard input) can be given only once".to_string(),
        ));
    }
    Ok(ReadConfig {
        max_bytes: args.max_size,
    })
}

/// Discovers and reads every input, with a progress bar on a terminal.
fn read_corpus(args: &InputArgs) -> Result<Corpus, CliError> {
    let cfg = input_config(args)?;
    let (inputs, walk_skips) = read::discover(&args.paths);
    let bar = progress_bar(args.quiet, inputs.len());
    let mut corpus = Corpus::new();
    corpus.add_skipped(walk_skips);
    corpus.read_inputs(&inputs, &cfg, &|| bar.inc(1));
    bar.finish_and_clear();
    if !args.quiet {
        summarise(&corpus, &inputs, corpus.articles.len());
    }
    if corpus.articles.is_empty() {
        return Err(corroborate::Error::NothingReadable {
            skipped: corpus.skipped.len(),
        }
        .into());
    }
    Ok(corpus)
}

fn progress_bar(quiet: bool, len: usize) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() || len < 2 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("reading {bar:30} {pos}/{len} inputs {eta}") {
        bar.set_style(style);
    }
    bar
}

/// Tells on standard error what was read and what was skipped, and why.
fn summarise(corpus: &Corpus, inputs: &[Input], articles: usize) {
    let mut err = std::io::stderr().lock();
    const SHOWN: usize = 20;
    for s in corpus.skipped.iter().take(SHOWN) {
        let at = s.line.map(|l| format!(":{l}")).unwrap_or_default();
        let _ = writeln!(err, "corroborate: skipped {}{at}: {}", s.path, s.reason);
    }
    if corpus.skipped.len() > SHOWN {
        let _ = writeln!(
            err,
            "corroborate: … and {} more skipped (all are listed in the report)",
            corpus.skipped.len().saturating_sub(SHOWN)
        );
    }
    let _ = writeln!(
        err,
        "corroborate: read {} input(s): {} article(s), {} skipped",
        inputs.len(),
        articles,
        corpus.skipped.len()
    );
}

fn analyze(args: AnalyzeArgs) -> Result<(), CliError> {
    let targets = [
        args.json.as_deref().map(Target::from_arg),
        args.markdown.as_deref().map(Target::from_arg),
        args.html.as_deref().map(Target::from_arg),
    ];
    if targets
        .iter()
        .flatten()
        .filter(|t| **t == Target::Stdout)
        .count()
        > 1
    {
        return Err(CliError::Usage(
            "only one of --json, --markdown and --html can be `-` (standard output)".to_string(),
        ));
    }
    // Bad options and a bad model directory fail before a long read, not after.
    let stories = args.stories.into_config()?;
    let model = if args.no_model {
        None
    } else {
        load_model(args.model.as_deref(), args.input.quiet)?
    };
    let corpus = read_corpus(&args.input)?;
    let cfg = Config {
        read: ReadConfig {
            max_bytes: args.input.max_size,
        },
        stories,
        model,
        ..Config::default()
    };
    let report = corroborate::analyze(&corpus, &cfg);
    // A story whose analysis failed is in the report with its reason; the run goes on.
    for story in &report.stories {
        for e in &story.errors {
            eprintln!(
                "corroborate: story {} ({} articles): {e}",
                story.id,
                story.articles.len()
            );
        }
    }
    let [json, markdown, html] = targets;
    let none_given = json.is_none() && markdown.is_none() && html.is_none();
    if let Some(t) = json {
        let mut s = serde_json::to_string_pretty(&report).map_err(corroborate::Error::from)?;
        s.push('\n');
        t.write(&s)?;
    }
    let limit = (!args.all_facts).then_some(corroborate::report::MAX_FACTS);
    if let Some(t) = markdown {
        t.write(&corroborate::report::to_markdown_with(&report, limit))?;
    }
    if let Some(t) = html {
        t.write(&corroborate::report::to_html_with(&report, limit))?;
    }
    if none_given {
        Target::Stdout.write(&corroborate::report::to_markdown_with(&report, limit))?;
    }
    Ok(())
}

/// The sentence-embedding model named by `--model`, `CORROBORATE_MODEL` or found in the default
/// directory; without one, says once that similarity is lexical only.
fn load_model(flag: Option<&Path>, quiet: bool) -> Result<Option<Arc<Model>>, CliError> {
    let dir = embed::model_dir(flag).map_err(corroborate::Error::from)?;
    let Some(dir) = dir else {
        if !quiet && !embed::BUILT {
            eprintln!("corroborate: built without the model: lexical similarity only");
        } else if !quiet {
            eprintln!(
                "corroborate: no model found: lexical similarity only (install it with \
                 scripts/install-model.sh, or give --model DIR)"
            );
        }
        return Ok(None);
    };
    let model = Model::load(&dir).map_err(corroborate::Error::from)?;
    Ok(Some(Arc::new(model)))
}

/// Prints articles as they are read, a batch of inputs at a time: memory stays bounded by the
/// batch, not the corpus.
fn extract(args: InputArgs) -> Result<(), CliError> {
    let cfg = input_config(&args)?;
    let (inputs, walk_skips) = read::discover(&args.paths);
    let bar = progress_bar(args.quiet, inputs.len());
    let mut corpus = Corpus::new();
    corpus.add_skipped(walk_skips);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let werr = |source| CliError::Write {
        target: "standard output".to_string(),
        source,
    };
    let mut printed = 0usize;
    for chunk in inputs.chunks(64) {
        corpus.read_inputs(chunk, &cfg, &|| bar.inc(1));
        for a in corpus.articles.drain(..) {
            serde_json::to_writer(&mut out, &a.extract_record()).map_err(|e| werr(e.into()))?;
            out.write_all(b"\n").map_err(werr)?;
            printed = printed.saturating_add(1);
        }
    }
    out.flush().map_err(werr)?;
    bar.finish_and_clear();
    if !args.quiet {
        summarise(&corpus, &inputs, printed);
    }
    if printed == 0 {
        return Err(corroborate::Error::NothingReadable {
            skipped: corpus.skipped.len(),
        }
        .into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_with_units() {
        assert_eq!(parse_size("50MB"), Ok(50_000_000));
        assert_eq!(parse_size("1.5kb"), Ok(1500));
        assert_eq!(parse_size("123"), Ok(123));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("5 parsecs").is_err());
    }
}
