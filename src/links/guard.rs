//! Safety: what a link audit may connect to.
//!
//! The corpus is edited by many hands and a link is fetched by CI, inside a
//! network that may hold services and cloud metadata endpoints. So only http
//! and https are fetched, and by default no connection goes to a loopback,
//! private, link-local, shared or metadata address. The check happens after
//! DNS resolution (a public name may resolve to 10.0.0.1) in a custom
//! resolver, and on every redirect hop, since each hop is a new request.

use std::future::Future;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Why a URL is not fetched.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Not http or https.
    #[error("`{0}:` links are not fetched, only http and https")]
    Scheme(String),
    /// An http URL without a host.
    #[error("the URL has no host")]
    NoHost,
    /// The host is, or resolves to, an address the guard refuses.
    #[error("{host} is a {kind} address ({addr}); not fetched without --allow-private")]
    Private {
        /// The host as written.
        host: String,
        /// The refused address.
        addr: IpAddr,
        /// "loopback", "private", "link-local", …
        kind: &'static str,
    },
}

/// Decides which URLs and addresses may be fetched.
#[derive(Debug, Clone, Default)]
pub struct Guard {
    allow_private: bool,
    /// Addresses a unit test's local server uses while the guard is on.
    #[cfg(test)]
    exempt: Vec<IpAddr>,
}

impl Guard {
    /// A guard; `allow_private` turns the address check off (schemes are still checked).
    #[must_use]
    pub fn new(allow_private: bool) -> Self {
        Self {
            allow_private,
            #[cfg(test)]
            exempt: Vec::new(),
        }
    }

    /// The guard, but allowing `ip` (tests only: the local server).
    #[cfg(test)]
    #[must_use]
    pub(crate) fn exempting(mut self, ip: IpAddr) -> Self {
        self.exempt.push(ip);
        self
    }

    /// Whether a connection to `ip` (for `host`) is allowed.
    ///
    /// # Errors
    /// The refusal, naming the kind of address.
    pub fn check_ip(&self, host: &str, ip: IpAddr) -> Result<(), Refusal> {
        #[cfg(test)]
        if self.exempt.contains(&ip) {
            return Ok(());
        }
        match forbidden_kind(ip) {
            Some(kind) if !self.allow_private => Err(Refusal::Private { host: host.to_owned(), addr: ip, kind }),
            _ => Ok(()),
        }
    }

    /// Checks a URL before a request: its scheme, and its host when that is
    /// an address literal (names are checked by the resolver).
    ///
    /// # Errors
    /// The refusal.
    pub fn check_url(&self, url: &Url) -> Result<(), Refusal> {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Refusal::Scheme(url.scheme().to_owned()));
        }
        let host = url.host_str().ok_or(Refusal::NoHost)?;
        match host.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
            Ok(ip) => self.check_ip(host, ip),
            Err(_) => Ok(()),
        }
    }
}

impl Guard {
    /// `raw` as an address a report may link, that a person may click: what
    /// [`Guard::check_url`] allows, written without control characters or
    /// blanks (which the URL parser would silently drop), in its parsed form.
    ///
    /// # Errors
    /// Why it is not linked.
    pub fn linkable(&self, raw: &str) -> Result<Url, String> {
        if raw.chars().any(|c| c.is_control() || c.is_whitespace()) {
            return Err("it holds a control character or a blank".to_owned());
        }
        let url = Url::parse(raw).map_err(|e| e.to_string())?;
        self.check_url(&url).map_err(|r| r.to_string())?;
        Ok(url)
    }
}

/// The kind of a refused address, or `None` for an ordinary public one.
#[must_use]
pub fn forbidden_kind(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => forbidden_v6(v6),
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, c, _] = ip.octets();
    if ip.is_loopback() {
        Some("loopback")
    } else if ip == Ipv4Addr::new(169, 254, 169, 254) || ip == Ipv4Addr::new(100, 100, 100, 200) {
        Some("cloud metadata")
    } else if ip.is_link_local() {
        Some("link-local")
    } else if ip.is_private() {
        Some("private")
    } else if a == 100 && (64..128).contains(&b) {
        Some("shared (carrier-grade NAT)")
    } else if a == 0
        || ip.is_broadcast()
        || ip.is_multicast()
        || a >= 240
        || (a, b, c) == (192, 0, 0)
        || (a == 198 && (18..20).contains(&b))
    {
        Some("reserved")
    } else {
        None
    }
}

fn forbidden_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let seg = ip.segments();
    if let Some(v4) = ip.to_ipv4_mapped() {
        return forbidden_v4(v4);
    }
    if ip.is_loopback() {
        Some("loopback")
    } else if ip.is_unspecified() {
        Some("reserved")
    } else if seg[0] & 0xffc0 == 0xfe80 {
        Some("link-local")
    } else if seg[0] & 0xfe00 == 0xfc00 || seg[0] & 0xffc0 == 0xfec0 {
        // Unique local (AWS's metadata endpoint fd00:ec2::254 is one) and the old site-local.
        Some("private")
    } else if ip.is_multicast() {
        Some("reserved")
    } else if seg[..3] == [0x64, 0xff9b, 1] {
        // Local-use NAT64 (RFC 8215): translates into a network of the operator's choosing.
        Some("private")
    } else if seg[..2] == [0x2001, 0] {
        // Teredo tunnels to an address hidden (obfuscated) in the last 32 bits.
        Some("Teredo tunnel")
    } else if seg[..6] == [0x64, 0xff9b, 0, 0, 0, 0] || seg[..6] == [0; 6] {
        // NAT64 and the old IPv4-compatible form embed an IPv4 address.
        let [x, y] = seg[6].to_be_bytes();
        let [z, w] = seg[7].to_be_bytes();
        forbidden_v4(Ipv4Addr::new(x, y, z, w))
    } else if seg[0] == 0x2002 {
        // 6to4 embeds the IPv4 address in the next 32 bits.
        let [x, y] = seg[1].to_be_bytes();
        let [z, w] = seg[2].to_be_bytes();
        forbidden_v4(Ipv4Addr::new(x, y, z, w))
    } else {
        None
    }
}

/// A failed name lookup.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    /// The name does not exist (a definite answer: the link is broken).
    #[error("DNS name not found: {host}")]
    NotFound {
        /// The name.
        host: String,
    },
    /// The lookup failed (no resolver, a timeout): says nothing about the link.
    #[error("DNS lookup of {host} failed: {message}")]
    Failed {
        /// The name.
        host: String,
        /// The resolver's message.
        message: String,
    },
}

/// The future a [`Lookup`] returns.
pub type LookupFuture = Pin<Box<dyn Future<Output = Result<Vec<IpAddr>, LookupError>> + Send>>;

/// Name resolution, replaceable in tests (which must not send DNS queries).
pub trait Lookup: Send + Sync + 'static {
    /// The addresses of `host`.
    fn lookup(&self, host: String) -> LookupFuture;
}

/// The system resolver (`getaddrinfo`, on tokio's blocking pool).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemLookup;

impl Lookup for SystemLookup {
    fn lookup(&self, host: String) -> LookupFuture {
        Box::pin(async move {
            let found = tokio::net::lookup_host((host.as_str(), 0)).await.map(|addrs| addrs.map(|a| a.ip()).collect());
            match found {
                Ok(ips) => Ok(ips),
                Err(e) => Err(lookup_error(host, &e)),
            }
        })
    }
}

/// getaddrinfo's "no such name" answers reach Rust only as message text.
fn lookup_error(host: String, e: &std::io::Error) -> LookupError {
    let message = e.to_string();
    let not_found = [
        "Name or service not known",
        "No address associated with hostname",
        "nodename nor servname provided",
        "No such host is known",
    ]
    .iter()
    .any(|m| message.contains(m));
    if not_found { LookupError::NotFound { host } } else { LookupError::Failed { host, message } }
}

/// The resolver reqwest uses: looks the name up, then drops refused addresses.
#[derive(Clone)]
pub struct GuardedResolver {
    guard: Guard,
    lookup: Arc<dyn Lookup>,
}

impl GuardedResolver {
    /// A resolver applying `guard` to what `lookup` answers.
    #[must_use]
    pub fn new(guard: Guard, lookup: Arc<dyn Lookup>) -> Self {
        Self { guard, lookup }
    }
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        let guard = self.guard.clone();
        let lookup = Arc::clone(&self.lookup);
        Box::pin(async move {
            let ips = lookup.lookup(host.clone()).await?;
            let mut refusal = None;
            let mut allowed = Vec::new();
            for ip in ips {
                match guard.check_ip(&host, ip) {
                    Ok(()) => allowed.push(SocketAddr::new(ip, 0)),
                    Err(r) => {
                        refusal.get_or_insert(r);
                    }
                }
            }
            if allowed.is_empty() {
                return Err(match refusal {
                    Some(r) => Box::new(r) as Box<dyn std::error::Error + Send + Sync>,
                    None => Box::new(LookupError::NotFound { host }),
                });
            }
            Ok(Box::new(allowed.into_iter()) as Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<&'static str> {
        forbidden_kind(s.parse().unwrap())
    }

    #[test]
    fn refused_addresses() {
        assert_eq!(kind("127.0.0.1"), Some("loopback"));
        assert_eq!(kind("127.0.0.2"), Some("loopback"));
        assert_eq!(kind("10.1.2.3"), Some("private"));
        assert_eq!(kind("172.16.0.1"), Some("private"));
        assert_eq!(kind("192.168.1.1"), Some("private"));
        assert_eq!(kind("169.254.169.254"), Some("cloud metadata"));
        assert_eq!(kind("169.254.1.1"), Some("link-local"));
        assert_eq!(kind("100.64.0.1"), Some("shared (carrier-grade NAT)"));
        assert_eq!(kind("0.0.0.0"), Some("reserved"));
        assert_eq!(kind("::1"), Some("loopback"));
        assert_eq!(kind("::ffff:127.0.0.1"), Some("loopback"));
        assert_eq!(kind("::ffff:10.0.0.1"), Some("private"));
        assert_eq!(kind("fd00:ec2::254"), Some("private"));
        assert_eq!(kind("fe80::1"), Some("link-local"));
        assert_eq!(kind("64:ff9b::a00:1"), Some("private"));
        assert_eq!(kind("2002:7f00:1::"), Some("loopback"));
        assert_eq!(kind("2001:0:4136:e378:8000:63bf:3fff:fdd2"), Some("Teredo tunnel"));
        assert_eq!(kind("2001::"), Some("Teredo tunnel"));
        assert_eq!(kind("64:ff9b:1::a00:1"), Some("private"));
        assert_eq!(kind("64:ff9b:1:ffff::808:808"), Some("private"));
    }

    #[test]
    fn public_addresses_pass() {
        for ip in [
            "93.184.216.34",
            "8.8.8.8",
            "172.32.0.1",
            "2606:4700::1111",
            "100.128.0.1",
            "2001:4860::8888",
            "64:ff9b::808:808",
        ] {
            assert_eq!(kind(ip), None, "{ip}");
        }
    }

    #[test]
    fn urls_are_checked_for_scheme_and_address_literals() {
        let guard = Guard::new(false);
        let url = |s: &str| Url::parse(s).unwrap();
        assert!(guard.check_url(&url("https://findings.org.uk/x")).is_ok());
        assert_eq!(guard.check_url(&url("ftp://x.org/")), Err(Refusal::Scheme("ftp".into())));
        assert!(matches!(guard.check_url(&url("http://127.0.0.1:8080/")), Err(Refusal::Private { .. })));
        assert!(matches!(guard.check_url(&url("http://[::1]/")), Err(Refusal::Private { .. })));
        assert!(Guard::new(true).check_url(&url("http://127.0.0.1/")).is_ok());
        assert!(Guard::new(true).check_url(&url("file:///etc/passwd")).is_err());
    }

    #[test]
    fn resolver_drops_refused_addresses_and_says_why_when_none_is_left() {
        struct Fixed;
        impl Lookup for Fixed {
            fn lookup(&self, host: String) -> LookupFuture {
                Box::pin(async move {
                    match host.as_str() {
                        "mixed.test" => Ok(vec!["10.0.0.1".parse().unwrap(), "93.184.216.34".parse().unwrap()]),
                        "inside.test" => Ok(vec!["169.254.169.254".parse().unwrap()]),
                        _ => Err(LookupError::NotFound { host }),
                    }
                })
            }
        }
        let resolver = GuardedResolver::new(Guard::new(false), Arc::new(Fixed));
        let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
        let addrs: Vec<SocketAddr> = rt.block_on(resolver.resolve("mixed.test".parse().unwrap())).unwrap().collect();
        assert_eq!(addrs, vec!["93.184.216.34:0".parse().unwrap()]);
        let err = rt.block_on(resolver.resolve("inside.test".parse().unwrap())).err().unwrap();
        assert!(err.to_string().contains("cloud metadata"), "{err}");
        let err = rt.block_on(resolver.resolve("nowhere.test".parse().unwrap())).err().unwrap();
        assert!(err.downcast_ref::<LookupError>().is_some());
    }

    #[test]
    fn getaddrinfo_messages() {
        let e = std::io::Error::other("failed to lookup address information: Name or service not known");
        assert!(matches!(lookup_error("x".into(), &e), LookupError::NotFound { .. }));
        let e = std::io::Error::other("failed to lookup address information: Temporary failure in name resolution");
        assert!(matches!(lookup_error("x".into(), &e), LookupError::Failed { .. }));
    }
}
