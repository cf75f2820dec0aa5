//! Free space on the filesystem that holds the index, to tell "disk full" from other
//! write failures (tantivy reports both as "an index writer was killed").

use std::path::Path;

/// Below this much free space, a write failure is taken to be the disk being full.
pub const NEARLY_FULL: u64 = 16 << 20;

/// Bytes available to this user on the filesystem of `path` (or of its nearest existing
/// ancestor), if the platform says.
pub fn free_bytes(path: &Path) -> Option<u64> {
    let path = path.ancestors().find(|p| p.exists())?;
    statvfs_available(path)
}

#[cfg(unix)]
fn statvfs_available(path: &Path) -> Option<u64> {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    // SAFETY: `c` is a valid NUL-terminated path; `st` is plain data the call fills in.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statvfs(c.as_ptr(), &mut st) } != 0 {
        return None;
    }
    Some((st.f_bavail as u64).saturating_mul(st.f_frsize as u64))
}

#[cfg(not(unix))]
fn statvfs_available(_: &Path) -> Option<u64> {
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn free_space_of_a_temp_dir_is_known() {
        let dir = tempfile::tempdir().unwrap();
        assert!(super::free_bytes(&dir.path().join("not/yet")).is_some());
    }
}
