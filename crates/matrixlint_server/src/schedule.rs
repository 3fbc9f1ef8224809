//! Worker threads: lints and requests run there on snapshots, so that the
//! main loop keeps reading the client's messages. A task that panics is
//! caught and reported; the thread goes on with the next task.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread::JoinHandle;

use crossbeam_channel::Sender;

use super::log::Logger;

type Task = Box<dyn FnOnce() + Send>;

/// A fixed set of worker threads taking tasks from one queue.
pub(crate) struct Pool {
    tasks: Option<Sender<(&'static str, Task)>>,
    threads: Vec<JoinHandle<()>>,
}

impl Pool {
    /// One thread per core, at least two and at most four (a lint takes
    /// milliseconds; more threads would only compete with the editor).
    pub(super) fn new(logger: &Logger) -> Self {
        let count = std::thread::available_parallelism().map_or(2, usize::from).clamp(2, 4);
        let (tasks, queue) = crossbeam_channel::unbounded::<(&'static str, Task)>();
        let threads = (0..count)
            .map(|i| {
                let queue = queue.clone();
                let logger = logger.clone();
                std::thread::Builder::new()
                    .name(format!("matrixlint-worker-{i}"))
                    .spawn(move || {
                        for (what, task) in queue {
                            if catch_unwind(AssertUnwindSafe(task)).is_err() {
                                logger.error(format!("internal error while handling {what}: please report this bug"));
                            }
                        }
                    })
                    .expect("a worker thread starts")
            })
            .collect();
        Self { tasks: Some(tasks), threads }
    }

    /// Runs `task` (named `what` for the log) on a worker.
    pub(super) fn spawn(&self, what: &'static str, task: impl FnOnce() + Send + 'static) {
        if let Some(tasks) = &self.tasks {
            let _ = tasks.send((what, Box::new(task)));
        }
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        self.tasks = None;
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}
