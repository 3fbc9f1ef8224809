//! The binary's side of the command line: clap's argument types, parsers
//! for the library's value sets, and the progress bar. The library knows
//! nothing of these (as in lychee-bin and typos-cli).

mod args;
mod choice;
pub(crate) mod fatal;
#[cfg(feature = "generate")]
pub(crate) mod generate;
mod progress;

pub(crate) use args::*;
pub(crate) use progress::Bar;
