//! Freeing what a run is done with, off the path to its output.
//!
//! At the end of a link audit the corpus's trees, the client's pool of a few
//! hundred connections and thousands of results take 2-8 ms to free, time
//! the user waits for only to see the process exit (and the system reclaim
//! the memory whether it was freed or not).

/// Frees `value` on a thread of its own.
pub(crate) fn drop_later<T: Send + 'static>(value: T) {
    // When no thread can be started, `spawn` drops the closure, and with it
    // the value, here.
    let _ = std::thread::Builder::new().name("dispose".to_owned()).spawn(move || drop(value));
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::thread::{self, ThreadId};

    use super::drop_later;

    /// Says on which thread it was dropped.
    struct Tell(mpsc::Sender<ThreadId>);

    impl Drop for Tell {
        fn drop(&mut self) {
            let _ = self.0.send(thread::current().id());
        }
    }

    #[test]
    fn the_value_is_dropped_on_another_thread() {
        let (tx, rx) = mpsc::channel();
        drop_later(Tell(tx));
        let dropped_on = rx.recv().expect("the value is dropped");
        assert_ne!(dropped_on, thread::current().id());
    }
}
