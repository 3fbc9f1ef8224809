//! When a file can be taken as unchanged without reading it (its stamp:
//! size, times, inode), and what it holds when it must be read (a hash).

use std::hash::BuildHasher as _;
use std::path::Path;
use std::time::SystemTime;

/// The coarsest modification-time granularity of the file systems a corpus
/// may live on (FAT and some network file systems keep 2 seconds). A file
/// modified within this of the moment its entry was verified could change
/// again without its stamp changing ("racily clean", as git calls it).
pub(crate) const GRANULARITY_NS: i64 = 2_000_000_000;

/// What `stat` says of a file: equal stamps mean an unchanged file, unless
/// the entry is racy (see [`Stamp::trusted`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    /// Its length in bytes.
    pub size: u64,
    /// Its modification time, in nanoseconds since the epoch.
    pub mtime_ns: i64,
    /// Its status-change time (nanoseconds; 0 where the system has none):
    /// setting the modification time back changes it.
    pub ctime_ns: i64,
    /// Its inode (0 where the system has none): a file replaced by another
    /// (an atomic save, a rename) has a new one.
    pub inode: u64,
}

impl Stamp {
    /// The stamp of the regular file at `path` (symbolic links followed, as
    /// loading follows them); `None` for anything else or on an error.
    #[must_use]
    pub fn of(path: &Path) -> Option<Self> {
        let meta = std::fs::metadata(path).ok()?;
        if !meta.is_file() {
            return None;
        }
        Some(Self::from_metadata(&meta))
    }

    #[cfg(unix)]
    fn from_metadata(meta: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt as _;
        let ns = |secs: i64, nanos: i64| secs.saturating_mul(1_000_000_000).saturating_add(nanos);
        Self {
            size: meta.len(),
            mtime_ns: ns(meta.mtime(), meta.mtime_nsec()),
            ctime_ns: ns(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    fn from_metadata(meta: &std::fs::Metadata) -> Self {
        let mtime_ns = meta.modified().map(nanos_since_epoch).unwrap_or(0);
        Self { size: meta.len(), mtime_ns, ctime_ns: 0, inode: 0 }
    }

    /// Whether a file whose stamp is still `self` can be taken as unchanged
    /// since it was read at `verified_ns`: only when it was last modified
    /// more than the granularity before that. A file modified at about the
    /// moment it was read could have been modified again within the same
    /// clock tick, keeping size and times.
    #[must_use]
    pub fn trusted(&self, verified_ns: i64) -> bool {
        self.mtime_ns.saturating_add(GRANULARITY_NS) < verified_ns
    }
}

/// Nanoseconds since the epoch (0 before it, saturated far after it).
#[must_use]
pub fn nanos_since_epoch(time: SystemTime) -> i64 {
    time.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// A 128-bit digest of a file's bytes: two fixed-seed foldhash passes. Not
/// cryptographic (the corpus is the user's own), but 128 bits make a chance
/// collision between two versions of a file negligible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentHash(pub [u64; 2]);

impl ContentHash {
    /// The digest of `bytes`.
    #[must_use]
    pub fn of(bytes: &[u8]) -> Self {
        let first = foldhash::quality::FixedState::with_seed(0x6d61_7472_6978_6c69);
        let second = foldhash::quality::FixedState::with_seed(0x6e74_2d63_6163_6865);
        Self([first.hash_one(bytes), second.hash_one(bytes)])
    }

    /// 32 hexadecimal digits.
    #[must_use]
    pub fn to_hex(self) -> String {
        format!("{:016x}{:016x}", self.0[0], self.0[1])
    }

    /// Reads [`ContentHash::to_hex`]'s form.
    #[must_use]
    pub fn from_hex(text: &str) -> Option<Self> {
        if text.len() != 32 || !text.is_ascii() {
            return None;
        }
        let (a, b) = text.split_at(16);
        Some(Self([u64::from_str_radix(a, 16).ok()?, u64::from_str_radix(b, 16).ok()?]))
    }
}

impl serde::Serialize for ContentHash {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> serde::Deserialize<'de> for ContentHash {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Self::from_hex(&text).ok_or_else(|| serde::de::Error::custom("a content hash is 32 hexadecimal digits"))
    }
}
