//! Who a repository is across an organisation: its remote URL normalised
//! to one key, whatever the clone used (`git@github.com:o/r.git`,
//! `https://github.com/o/r`, `ssh://git@github.com:22/o/r.git` are all
//! `github.com/o/r`), so the CI of every clone pushes to one repository.

/// The key of a remote URL: `host/path` in lower case, without scheme,
/// user, password, port, trailing `/` or `.git`. None for an empty URL.
/// A local path (`/srv/git/r.git`, `file:///srv/git/r.git`) keeps its
/// path. Credentials in the URL never reach the key.
pub fn normalize_remote(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() {
        return None;
    }
    let (host, path) = if let Some((scheme, rest)) = url.split_once("://") {
        if scheme.eq_ignore_ascii_case("file") {
            ("", rest)
        } else {
            let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
            // user:password@host:port
            let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
            let host = strip_port(host);
            (host, path)
        }
    } else if let Some((authority, path)) = scp_like(url) {
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        (host, path)
    } else {
        ("", url)
    };
    let mut path = path.trim_matches('/').to_string();
    if let Some(p) = path.strip_suffix(".git") {
        path = p.trim_end_matches('/').to_string();
    }
    let key = if host.is_empty() {
        format!("/{path}")
    } else if path.is_empty() {
        host.to_string()
    } else {
        format!("{host}/{path}")
    };
    Some(key.to_lowercase())
}

/// `[user@]host:path`, as git reads it: a colon before any slash, and
/// not a Windows drive letter.
fn scp_like(url: &str) -> Option<(&str, &str)> {
    let colon = url.find(':')?;
    if url[..colon].contains('/') || colon == 1 {
        return None;
    }
    Some((&url[..colon], &url[colon + 1..]))
}

fn strip_port(host: &str) -> &str {
    // [v6]:port
    if let Some(end) = host.find(']') {
        return &host[..=end];
    }
    match host.rsplit_once(':') {
        Some((h, port)) if port.chars().all(|c| c.is_ascii_digit()) => h,
        _ => host,
    }
}

/// A repository's identity in the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// The normalised remote ([`normalize_remote`]), with `#sub/dir` when
    /// the project is a folder of a larger repository; None without a
    /// remote, when the repository is known by its name alone.
    pub remote: Option<String>,
    /// `[store] team`.
    pub team: Option<String>,
    /// `[store] tags`, sorted, without duplicates.
    pub tags: Vec<String>,
}

impl Identity {
    /// The unique key in the store: the remote, else `name:NAME`.
    pub fn key(&self, name: &str) -> String {
        self.remote
            .clone()
            .unwrap_or_else(|| format!("name:{name}"))
    }
}

#[cfg(test)]
mod tests {
    use super::normalize_remote as n;

    #[test]
    fn every_spelling_of_a_remote_is_one_key() {
        let key = Some("github.com/o/r".to_string());
        for url in [
            "git@github.com:o/r.git",
            "git@github.com:o/r",
            "https://github.com/o/r",
            "https://github.com/o/r.git",
            "https://github.com/O/R/",
            "http://github.com/o/r.git",
            "ssh://git@github.com/o/r.git",
            "ssh://git@github.com:22/o/r.git",
            "git://github.com/o/r.git",
            "https://user:s3cret@github.com/o/r.git",
            "https://gitlab-ci-token:glpat-xyz@github.com:443/o/r.git/",
            "  https://github.com/o/r  ",
        ] {
            assert_eq!(n(url), key, "{url}");
        }
        assert_eq!(
            n("git@gitlab.example.com:group/sub/r.git").as_deref(),
            Some("gitlab.example.com/group/sub/r")
        );
        assert_eq!(n("/srv/git/r.git").as_deref(), Some("/srv/git/r"));
        assert_eq!(n("file:///srv/git/r.git").as_deref(), Some("/srv/git/r"));
        assert_eq!(n("C:/repos/r.git").as_deref(), Some("/c:/repos/r"));
        assert_eq!(n("https://[::1]:8080/o/r").as_deref(), Some("[::1]/o/r"));
        assert_eq!(n(" "), None);
    }

    #[test]
    fn no_password_reaches_the_key() {
        for url in [
            "https://u:hunter2@host/o/r",
            "ssh://u:hunter2@host:2222/o/r",
        ] {
            let k = n(url).unwrap();
            assert!(!k.contains("hunter2"), "{url} -> {k}");
        }
    }
}
