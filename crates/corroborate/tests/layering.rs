//! The library's tree shows its pipeline, and the imports keep to it (ARCHITECTURE.md):
//!
//! - `src` holds one folder per stage and at most six loose files;
//! - a stage uses only the stages before it and the shared leaf modules, never a later one;
//! - no import cycle between top-level modules, nor between the files of one folder.
//!
//! The imports are read from the source with `syn` (code under `#[cfg(test)]` is left out: a
//! test may use anything). A failure names the import and the file, or the cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// The stages, in pipeline order: each may use only those before it.
const STAGES: &[&str] = &[
    "read",
    "ingest",
    "similarity",
    "stories",
    "copies",
    "facts",
    "report",
];
/// Leaf modules any stage may use; they use no stage.
const LEAVES: &[&str] = &["article", "normalize"];
/// The crate root and its error type: they wire the stages together and may use any.
const ROOTS: &[&str] = &["", "error"];

type ModPath = Vec<String>;

struct Source {
    file: PathBuf,
    module: ModPath,
    ast: syn::File,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn module_of(rel: &Path) -> ModPath {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

fn sources() -> Vec<Source> {
    let root = src_dir();
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file is readable");
                let ast = syn::parse_file(&text)
                    .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
                let rel = path.strip_prefix(&root).expect("under src").to_path_buf();
                out.push(Source {
                    module: module_of(&rel),
                    file: rel,
                    ast,
                });
            }
        }
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    out
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

/// Collects every `crate::…`, `super::…` and `self::…` path of non-test code, resolved to an
/// absolute path from the crate root.
struct Paths {
    module: ModPath,
    found: Vec<ModPath>,
}

impl Paths {
    fn resolve(&mut self, segs: &[String]) {
        let Some(first) = segs.first() else { return };
        let mut base: ModPath = match first.as_str() {
            "crate" => Vec::new(),
            "super" | "self" => self.module.clone(),
            _ => return,
        };
        let mut rest = &segs[1..];
        if first == "super" {
            base.pop();
        }
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
        base.extend(rest.iter().cloned());
        self.found.push(base);
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let mut segs = prefix.clone();
                if n.ident != "self" {
                    segs.push(n.ident.to_string());
                }
                self.resolve(&segs);
            }
            syn::UseTree::Rename(r) => {
                let mut segs = prefix.clone();
                segs.push(r.ident.to_string());
                self.resolve(&segs);
            }
            syn::UseTree::Glob(_) => {
                let segs = prefix.clone();
                self.resolve(&segs);
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Mod(m) => &m.attrs,
            syn::Item::Fn(f) => &f.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Use(u) => &u.attrs,
            _ => &Vec::new(),
        };
        if is_cfg_test(attrs) {
            return;
        }
        if let syn::Item::Mod(m) = item {
            if m.content.is_some() {
                self.module.push(m.ident.to_string());
                syn::visit::visit_item(self, item);
                self.module.pop();
                return;
            }
        }
        syn::visit::visit_item(self, item);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut prefix = Vec::new();
        self.use_tree(&mut prefix, &u.tree);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segs: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.resolve(&segs);
        syn::visit::visit_path(self, p);
    }
}

/// `pub use` re-exports per module: (module, name) → the path it stands for.
fn reexports(sources: &[Source]) -> BTreeMap<(ModPath, String), ModPath> {
    let mut out = BTreeMap::new();
    for s in sources {
        for item in &s.ast.items {
            let syn::Item::Use(u) = item else { continue };
            if !matches!(u.vis, syn::Visibility::Public(_)) {
                continue;
            }
            let mut p = Paths {
                module: s.module.clone(),
                found: Vec::new(),
            };
            let mut prefix = Vec::new();
            // A `pub use child::X` is relative to the module itself.
            p.use_tree(&mut prefix, &relative_to_self(&u.tree));
            for target in p.found {
                if let Some(name) = target.last() {
                    out.insert((s.module.clone(), name.clone()), target);
                }
            }
        }
    }
    out
}

/// `pub use x::Y` means `self::x::Y` in 2018+ paths when `x` is a child module; crate-absolute
/// and `super` paths are left as they are.
fn relative_to_self(tree: &syn::UseTree) -> syn::UseTree {
    match tree {
        syn::UseTree::Path(p)
            if !["crate", "super", "self"].contains(&p.ident.to_string().as_str()) =>
        {
            syn::parse_quote!(self::#tree)
        }
        _ => tree.clone(),
    }
}

/// The module a resolved path lands in: the longest prefix that is a module, following
/// re-exports through a module's `pub use` (so `crate::Article` lands in `article`).
fn landing(
    path: &[String],
    modules: &BTreeSet<ModPath>,
    reexports: &BTreeMap<(ModPath, String), ModPath>,
    depth: usize,
) -> ModPath {
    let mut k = path.len();
    while k > 0 && !modules.contains(&path[..k].to_vec()) {
        k -= 1;
    }
    let module = path[..k].to_vec();
    if depth < 8 {
        if let Some(next) = path.get(k) {
            if let Some(target) = reexports.get(&(module.clone(), next.clone())) {
                if target.as_slice() != path {
                    return landing(target, modules, reexports, depth + 1);
                }
            }
        }
    }
    module
}

struct Graph {
    /// (from, to) → one example of the import: "file: path".
    edges: BTreeMap<(String, String), String>,
}

fn graphs() -> (Vec<Source>, BTreeMap<ModPath, Graph>) {
    let sources = sources();
    let modules: BTreeSet<ModPath> = sources.iter().map(|s| s.module.clone()).collect();
    let reexports = reexports(&sources);
    // Level key: the parent module ([] for the crate root); node: the child under it.
    let mut graphs: BTreeMap<ModPath, Graph> = BTreeMap::new();
    for s in &sources {
        let mut v = Paths {
            module: s.module.clone(),
            found: Vec::new(),
        };
        v.visit_file(&s.ast);
        for path in v.found {
            let to = landing(&path, &modules, &reexports, 0);
            // Record the edge at every level where `from` and `to` part ways under a shared parent.
            let common = s.module.iter().zip(&to).take_while(|(a, b)| a == b).count();
            let (Some(a), Some(b)) = (s.module.get(common), to.get(common)) else {
                continue; // a module using its own ancestor or descendant
            };
            let parent = s.module[..common].to_vec();
            let g = graphs.entry(parent).or_insert_with(|| Graph {
                edges: BTreeMap::new(),
            });
            g.edges
                .entry((a.clone(), b.clone()))
                .or_insert_with(|| format!("{}: {}", s.file.display(), path.join("::")));
        }
    }
    (sources, graphs)
}

/// The cycles of a graph, one per strongly connected component of more than one node, each
/// written as `a → b → … → a` with the imports that make it.
fn cycles(g: &Graph) -> Vec<String> {
    let mut adj: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in g.edges.keys() {
        adj.entry(a).or_default().push(b);
        adj.entry(b).or_default();
    }
    let mut out = Vec::new();
    let mut reported: BTreeSet<&str> = BTreeSet::new();
    for &start in adj.keys() {
        if reported.contains(start) {
            continue;
        }
        // Shortest path from a successor of `start` back to `start` (breadth first).
        let mut prev: BTreeMap<&str, &str> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut found = false;
        while let Some(n) = queue.pop_front() {
            for &m in &adj[n] {
                if m == start {
                    let mut cycle = vec![start, n];
                    let mut cur = n;
                    while let Some(&p) = prev.get(cur) {
                        cycle.push(p);
                        cur = p;
                    }
                    cycle.reverse();
                    let hops: Vec<String> = cycle
                        .windows(2)
                        .map(|w| {
                            format!(
                                "{} → {} ({})",
                                w[0],
                                w[1],
                                g.edges[&(w[0].to_string(), w[1].to_string())]
                            )
                        })
                        .collect();
                    out.push(hops.join("; "));
                    reported.extend(cycle);
                    found = true;
                    break;
                }
                if m != start && !prev.contains_key(m) && m != n {
                    prev.insert(m, n);
                    queue.push_back(m);
                }
            }
            if found {
                break;
            }
        }
    }
    out
}

#[test]
fn src_has_a_folder_per_stage_and_few_loose_files() {
    let root = src_dir();
    let mut loose = Vec::new();
    for entry in std::fs::read_dir(&root).expect("src is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_file() {
            loose.push(path.file_name().map(|n| n.to_string_lossy().into_owned()));
        }
    }
    loose.sort();
    assert!(
        loose.len() <= 6,
        "more than six loose files in src: {loose:?}"
    );
    for stage in STAGES {
        assert!(
            root.join(stage).join("mod.rs").is_file(),
            "no folder src/{stage}/"
        );
    }
}

#[test]
fn a_stage_uses_only_the_stages_before_it() {
    let (_, graphs) = graphs();
    let top = graphs.get(&Vec::new()).expect("the crate root has modules");
    let rank = |m: &str| STAGES.iter().position(|s| *s == m);
    let mut wrong = Vec::new();
    for ((a, b), example) in &top.edges {
        let ok = if ROOTS.contains(&a.as_str()) {
            true
        } else if LEAVES.contains(&a.as_str()) {
            LEAVES.contains(&b.as_str())
        } else if let Some(ra) = rank(a) {
            LEAVES.contains(&b.as_str()) || b == "error" || rank(b).is_some_and(|rb| rb < ra)
        } else {
            false
        };
        if !ok {
            wrong.push(format!("{a} uses {b}: {example}"));
        }
    }
    let known: BTreeSet<&str> = STAGES.iter().chain(LEAVES).chain(ROOTS).copied().collect();
    for (a, b) in top.edges.keys() {
        for m in [a, b] {
            assert!(
                known.contains(m.as_str()),
                "top-level module `{m}` is neither a stage, a leaf nor the root: place it in tests/layering.rs"
            );
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the pipeline's order:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_import_cycles_at_any_level() {
    let (_, graphs) = graphs();
    let mut all = Vec::new();
    for (parent, g) in &graphs {
        for c in cycles(g) {
            let at = if parent.is_empty() {
                "src".to_string()
            } else {
                format!("src/{}", parent.join("/"))
            };
            all.push(format!("{at}: {c}"));
        }
    }
    assert!(all.is_empty(), "import cycles:\n{}", all.join("\n"));
}

#[test]
fn the_checker_sees_a_cycle_and_the_order() {
    // The checker itself can fail: a made-up graph with a cycle is reported, one without is not.
    let mut edges = BTreeMap::new();
    for (a, b) in [("x", "y"), ("y", "z"), ("z", "x"), ("z", "w")] {
        edges.insert(
            (a.to_string(), b.to_string()),
            format!("{a}.rs: crate::{b}"),
        );
    }
    let found = cycles(&Graph {
        edges: edges.clone(),
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("x → y") && found[0].contains("z → x"),
        "{found:?}"
    );
    edges.remove(&("z".to_string(), "x".to_string()));
    assert!(cycles(&Graph { edges }).is_empty());
    // And the real tree is read: the report stage uses earlier stages.
    let (sources, graphs) = graphs();
    assert!(sources.len() > 20);
    let top = &graphs[&Vec::new()];
    assert!(top
        .edges
        .contains_key(&("report".to_string(), "article".to_string())));
}
