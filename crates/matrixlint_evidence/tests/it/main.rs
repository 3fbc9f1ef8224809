//! The evidence audit through its public API only; the services it asks are
//! played by a server the test starts on 127.0.0.1.

mod identifiers;
mod retracted;
