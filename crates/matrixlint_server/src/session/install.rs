//! A loaded root taking its place in the session: the open documents under
//! it are placed and linted again, and the open buffers keep standing for
//! their files in the new index.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use super::load::{Loaded, Stage};
use super::{Place, Root, Session};

impl Session {
    /// Takes in a load's result (a stale one is dropped).
    pub(crate) fn loaded(&mut self, loaded: Box<Loaded>) {
        let Some(changed) = self.loads.accept(&loaded) else {
            if !matches!(loaded.stage, Stage::Configured(_)) {
                self.logger.debug(format!("corpus {}: dropped a load asked for again since", loaded.dir.display()));
            }
            return;
        };
        let Loaded { dir, stage, .. } = *loaded;
        match stage {
            Stage::Failed => self
                .logger
                .error(format!("internal error while loading the corpus {}: please report this bug", dir.display())),
            Stage::Configured(root) => {
                // A reload keeps linting under the old configuration until
                // the new index is complete; a first load lints at once.
                if self.roots.get(&dir).is_some_and(|r| r.engine.is_some()) {
                    return;
                }
                self.logger
                    .info(format!("corpus {}: indexing its cells; meanwhile none is reported missing", dir.display()));
                self.install(&dir, root);
            }
            Stage::Indexed(mut root, took) => {
                match &root.engine {
                    Some(_) => self.logger.info(format!(
                        "corpus {}: {} cells indexed in {took:.0?}",
                        dir.display(),
                        root.corpus.len()
                    )),
                    None => self.logger.warn(format!(
                        "corpus {}: the configuration has {} problem(s), shown on the file; its cells are not checked until it is fixed",
                        dir.display(),
                        root.problems.len()
                    )),
                }
                self.keep_open_records(&dir, &mut root, &changed);
                self.install(&dir, root);
            }
        }
    }

    fn install(&mut self, dir: &Path, root: Root) {
        self.roots.insert(dir.to_owned(), root);
        self.publish_config(dir);
        self.replace_documents(Some(dir));
    }

    /// In a newly indexed `root`: open buffers' records (from their last
    /// lint, kept in the old index) stand for their files, and the cell
    /// files `changed` on disk during the load are read again.
    fn keep_open_records(&self, dir: &Path, root: &mut Root, changed: &BTreeSet<String>) {
        let Some(engine) = &root.engine else { return };
        let old = self.roots.get(dir);
        let mut updates = Vec::new();
        for doc in self.docs.values() {
            if let (Place::Cell { root: r, name }, Some(old)) = (&doc.place, old)
                && r == dir
                && engine.is_cell(name)
                && root.corpus.record(name) != old.corpus.record(name)
            {
                updates.push((name.clone(), old.corpus.record(name).cloned()));
            }
        }
        let open = |name: &str| {
            self.docs.values().any(|d| matches!(&d.place, Place::Cell { root: r, name: n } if r == dir && n == name))
        };
        for name in changed.iter().filter(|n| engine.is_cell(n) && !open(n)) {
            let path = root.path.join(name);
            let record = match path.symlink_metadata() {
                Ok(_) => matrixlint_workspace::load_path(&root.path, &path, name).record(),
                Err(_) => None,
            };
            updates.push((name.clone(), record));
        }
        if !updates.is_empty() {
            let corpus = Arc::make_mut(&mut root.corpus);
            for (name, record) in updates {
                corpus.update(&name, record);
            }
        }
    }
}
