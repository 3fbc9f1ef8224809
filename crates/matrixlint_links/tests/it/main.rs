//! The link audit through its public API only, against servers the tests
//! start on 127.0.0.1 (nothing leaves the machine).

mod audit;
