use std::os::unix::fs::PermissionsExt as _;

use super::*;

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

#[test]
fn a_regular_file_is_read_whole() {
    let d = dir();
    let path = d.path().join("a.yaml");
    std::fs::write(&path, "matrix: drug\n").unwrap();
    assert_eq!(read_regular(&path, 100).unwrap(), b"matrix: drug\n");
}

#[test]
fn a_fifo_is_refused_without_blocking() {
    let d = dir();
    let path = d.path().join("pipe.yaml");
    let made = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
    assert!(made.success());
    // Opening a FIFO without a writer would block; the handle is checked first.
    let err = read_regular(&path, 100).unwrap_err();
    assert_eq!(err.to_string(), "expected a regular file, found a named pipe (FIFO)");
}

#[test]
fn a_device_is_refused_whatever_its_size_says() {
    let err = read_regular(Path::new("/dev/zero"), 100).unwrap_err();
    assert_eq!(err.to_string(), "expected a regular file, found a character device");
}

#[test]
fn a_directory_is_named_as_such() {
    let d = dir();
    assert_eq!(read_regular(d.path(), 100).unwrap_err().to_string(), "expected a file, found a directory");
}

#[cfg(target_os = "linux")]
#[test]
fn the_limit_holds_when_the_metadata_says_zero_bytes() {
    // /proc files are regular and report a size of 0, yet have content.
    assert_eq!(std::fs::metadata("/proc/self/status").unwrap().len(), 0);
    let err = read_regular(Path::new("/proc/self/status"), 16).unwrap_err();
    assert_eq!(err.to_string(), "file is larger than the 16-byte limit");
}

#[test]
fn a_large_file_names_its_size_and_the_limit() {
    let d = dir();
    let path = d.path().join("big.yaml");
    std::fs::write(&path, vec![b'x'; 3 << 20]).unwrap();
    let err = read_regular(&path, 2 << 20).unwrap_err();
    assert_eq!(err.to_string(), "file is 3145728 bytes, larger than the 2 MiB limit");
}

#[test]
fn replace_writes_when_the_file_is_unchanged_and_keeps_permissions() {
    let d = dir();
    let path = d.path().join("B2.yaml");
    std::fs::write(&path, "old\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    replace(&path, b"old\n", b"new\n").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new\n");
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
}

#[test]
fn replace_refuses_a_file_that_changed_since_it_was_read() {
    let d = dir();
    let path = d.path().join("B2.yaml");
    std::fs::write(&path, "saved by an editor\n").unwrap();
    let err = replace(&path, b"old\n", b"new\n").unwrap_err();
    assert!(matches!(err, WriteError::Changed), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "saved by an editor\n");
    assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
}

#[test]
fn replace_writes_through_a_symbolic_link() {
    let d = dir();
    let target = d.path().join("shared.yaml");
    let link = d.path().join("B2.yaml");
    std::fs::write(&target, "old\n").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    replace(&link, b"old\n", b"new\n").unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link stays a link");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new\n");
}

#[test]
fn replace_refuses_hard_links_and_read_only_files() {
    let d = dir();
    let path = d.path().join("B2.yaml");
    std::fs::write(&path, "old\n").unwrap();
    std::fs::hard_link(&path, d.path().join("copy.yaml")).unwrap();
    let err = replace(&path, b"old\n", b"new\n").unwrap_err();
    assert_eq!(err.to_string(), "it has 2 hard links, and replacing it would split them; it was left as it is");
    std::fs::remove_file(d.path().join("copy.yaml")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let err = replace(&path, b"old\n", b"new\n").unwrap_err();
    assert!(matches!(err, WriteError::ReadOnly), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old\n");
}

#[test]
fn write_atomically_creates_and_replaces() {
    let d = dir();
    let path = d.path().join("new.yaml");
    write_atomically(&path, b"one\n").unwrap();
    write_atomically(&path, b"two\n").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "two\n");
}
