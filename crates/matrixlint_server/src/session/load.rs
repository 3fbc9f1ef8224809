//! Corpus roots load off the main loop: a thread per load reads the
//! configuration and indexes the cells, and sends the root back as an event,
//! so that the loop goes on answering (and linting with what it has) while a
//! large corpus is read.
//!
//! Each load has a generation: only the latest asked for a root is taken. At
//! most one load per root runs; one asked for meanwhile starts when it ends
//! (two settings changes in a row read the corpus twice, not at once), and
//! the result of the older one is dropped.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::Sender;

use super::Root;
use crate::main_loop::Event;
use crate::{LINT_BEFORE_INDEX_FROM, LoadHook};

/// A load's result, back on the main loop.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub dir: PathBuf,
    pub generation: u64,
    pub stage: Stage,
}

/// How far a load got.
#[derive(Debug)]
pub(crate) enum Stage {
    /// The configuration is read and the cells are being indexed: the root,
    /// with a partial index (sent only for a large corpus).
    Configured(Root),
    /// The root with its whole index.
    Indexed(Root, Duration),
    /// The load thread failed (a bug, logged).
    Failed,
}

/// Which loads are wanted and running, by root.
pub(crate) struct Loads {
    events: Sender<Event>,
    today: jiff::civil::Date,
    hook: Option<LoadHook>,
    last_generation: u64,
    roots: HashMap<PathBuf, Wanted>,
}

#[derive(Debug, Default)]
struct Wanted {
    /// The load whose result is wanted; `None` when none is (the root was dropped).
    latest: Option<u64>,
    /// The load running.
    running: Option<u64>,
    /// Cell files changed on disk while it runs (it may have read them before).
    changed: BTreeSet<String>,
}

impl Loads {
    pub(crate) fn new(events: Sender<Event>, today: jiff::civil::Date, hook: Option<LoadHook>) -> Self {
        Self { events, today, hook, last_generation: 0, roots: HashMap::new() }
    }

    /// Asks for the root at `dir` to be loaded (again).
    pub(crate) fn request(&mut self, dir: &Path) {
        self.last_generation += 1;
        let generation = self.last_generation;
        let wanted = self.roots.entry(dir.to_owned()).or_default();
        wanted.latest = Some(generation);
        if wanted.running.is_none() {
            wanted.running = Some(generation);
            self.spawn(dir, generation);
        }
    }

    /// Whether a load of the root at `dir` runs.
    pub(crate) fn is_loading(&self, dir: &Path) -> bool {
        self.roots.get(dir).is_some_and(|w| w.running.is_some())
    }

    /// Whether any load runs (a `matrixlint/sync` waits for it).
    pub(crate) fn any_running(&self) -> bool {
        self.roots.values().any(|w| w.running.is_some())
    }

    /// No load of the root at `dir` is wanted any more (it was dropped).
    pub(crate) fn cancel(&mut self, dir: &Path) {
        if let Some(wanted) = self.roots.get_mut(dir) {
            wanted.latest = None;
        }
    }

    /// Notes a cell file changed on disk under `dir`, when a load runs there.
    pub(crate) fn note_change(&mut self, dir: &Path, name: &str) {
        if let Some(wanted) = self.roots.get_mut(dir).filter(|w| w.running.is_some()) {
            wanted.changed.insert(name.to_owned());
        }
    }

    /// Takes in a load's result: whether it is the latest wanted, with the
    /// cell files changed on disk meanwhile when it is complete. A finished
    /// load that is not the latest is dropped, and the latest starts.
    pub(crate) fn accept(&mut self, loaded: &Loaded) -> Option<BTreeSet<String>> {
        let wanted = self.roots.get_mut(&loaded.dir)?;
        let latest = wanted.latest == Some(loaded.generation);
        if matches!(loaded.stage, Stage::Configured(_)) {
            return latest.then(BTreeSet::new);
        }
        wanted.running = None;
        let changed = std::mem::take(&mut wanted.changed);
        match wanted.latest {
            Some(next) if next != loaded.generation => {
                wanted.running = Some(next);
                self.spawn(&loaded.dir, next);
            }
            None => {
                self.roots.remove(&loaded.dir);
            }
            Some(_) => {}
        }
        latest.then_some(changed)
    }

    /// Loads the root at `dir` on a new thread.
    fn spawn(&self, dir: &Path, generation: u64) {
        let (events, today, hook) = (self.events.clone(), self.today, self.hook.clone());
        let at = dir.to_owned();
        let send = move |dir: &Path, stage: Stage| {
            let loaded = Loaded { dir: dir.to_owned(), generation, stage };
            let _ = events.send(Event::Loaded(Box::new(loaded)));
        };
        let started = std::thread::Builder::new().name("matrixlint-load".to_owned()).spawn(move || {
            let run = || {
                let started = Instant::now();
                let (mut root, project) = Root::configure(&at, today);
                if let Some(project) = project {
                    if project.files.len() >= LINT_BEFORE_INDEX_FROM {
                        send(&at, Stage::Configured(root.clone()));
                    }
                    if let Some(hook) = &hook {
                        (hook.0)(&at);
                    }
                    root.index(&project);
                }
                send(&at, Stage::Indexed(root, started.elapsed()));
            };
            if std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).is_err() {
                send(&at, Stage::Failed);
            }
        });
        if started.is_err() {
            // No thread: the load fails at once (and is logged as such).
            let loaded = Loaded { dir: dir.to_owned(), generation, stage: Stage::Failed };
            let _ = self.events.send(Event::Loaded(Box::new(loaded)));
        }
    }
}
