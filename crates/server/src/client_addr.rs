//! Who is on the other end: the peer's address, or, when the peer is one of the configured
//! `trusted_proxies`, the address the proxies say they served. The hops are read right to left
//! (`X-Forwarded-For`, else `Forwarded`, then the peer) and the first one that is not a trusted
//! proxy is the client, so a client cannot name itself by sending the header.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use ipnet::IpNet;

use crate::{AppError, AppState};

/// The client's address, as the throttles and logs should see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else {
            return Err(AppError::Internal(anyhow::anyhow!(
                "the server was started without peer addresses"
            )));
        };
        Ok(ClientAddr(client_address(
            peer.ip(),
            &parts.headers,
            &state.config.trusted_proxies,
        )))
    }
}

fn trusted(address: IpAddr, proxies: &[IpNet]) -> bool {
    let address = canonical(address);
    proxies.iter().any(|net| net.contains(&address))
}

/// IPv4 addresses written as IPv6 (`::ffff:1.2.3.4`) count as IPv4.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6
            .to_ipv4_mapped()
            .map(IpAddr::V4)
            .unwrap_or(IpAddr::V6(v6)),
        v4 => v4,
    }
}

/// The client's address for a request that arrived from `peer`.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, proxies: &[IpNet]) -> IpAddr {
    let peer = canonical(peer);
    if !trusted(peer, proxies) {
        return peer;
    }
    let hops = forwarded_hops(headers);
    let mut nearest = peer;
    for hop in hops.iter().rev() {
        match hop {
            Some(address) if trusted(*address, proxies) => nearest = *address,
            Some(address) => return canonical(*address),
            // A hop the proxy could not name: the last address we can vouch for stands in.
            None => return nearest,
        }
    }
    nearest
}

/// The hops a proxy reported, left (first) to right (nearest); `None` for one that is not an
/// address (`unknown`, an obfuscated name).
fn forwarded_hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let values = |name: &str| -> Vec<String> {
        headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|item| item.trim().to_owned())
            .filter(|item| !item.is_empty())
            .collect()
    };
    let forwarded_for = values("x-forwarded-for");
    if !forwarded_for.is_empty() {
        return forwarded_for.iter().map(|hop| parse_hop(hop)).collect();
    }
    values("forwarded")
        .iter()
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (key, value) = pair.trim().split_once('=')?;
                key.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| parse_hop(value.trim().trim_matches('"')))
            })
        })
        .collect()
}

/// `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1`, `[2001:db8::1]` or `[2001:db8::1]:5678`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(address) = hop.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(socket) = hop.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    hop.strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(inside, _)| inside.parse().ok())
}

/// Parses `trusted_proxies` entries: addresses (`10.0.0.1`, `::1`) or networks (`10.0.0.0/8`).
pub fn parse_proxies(entries: &[String]) -> Result<Vec<IpNet>, String> {
    entries
        .iter()
        .map(|entry| {
            let entry = entry.trim();
            entry
                .parse::<IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| format!("{entry:?} is not an IP address or network like 10.0.0.0/8"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        map
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn headers_count_only_when_the_peer_is_a_trusted_proxy() {
        let proxies = parse_proxies(&["10.0.0.0/8".into(), "192.0.2.1".into()]).unwrap();
        let spoof = headers(&[("x-forwarded-for", "198.51.100.7")]);
        assert_eq!(
            client_address(ip("203.0.113.5"), &spoof, &proxies),
            ip("203.0.113.5")
        );
        assert_eq!(
            client_address(ip("10.1.2.3"), &spoof, &proxies),
            ip("198.51.100.7")
        );
        assert_eq!(
            client_address(ip("10.1.2.3"), &spoof, &[]),
            ip("10.1.2.3"),
            "no proxies configured: the peer is the client"
        );
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let proxies = parse_proxies(&["10.0.0.0/8".into()]).unwrap();
        // The client wrote the first entry itself; the proxies added the others.
        let chain = headers(&[
            ("x-forwarded-for", "1.1.1.1, 203.0.113.9"),
            ("x-forwarded-for", "10.0.0.2"),
        ]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &chain, &proxies),
            ip("203.0.113.9")
        );
        let all_proxies = headers(&[("x-forwarded-for", "10.0.0.3, 10.0.0.2")]);
        assert_eq!(
            client_address(ip("10.0.0.1"), &all_proxies, &proxies),
            ip("10.0.0.3")
        );
    }

    #[test]
    fn forwarded_is_read_when_there_is_no_x_forwarded_for() {
        let proxies = parse_proxies(&["::1".into()]).unwrap();
        let forwarded = headers(&[(
            "forwarded",
            "for=198.51.100.1;proto=https, For=\"[2001:db8::7]:4711\";by=_proxy",
        )]);
        assert_eq!(
            client_address(ip("::1"), &forwarded, &proxies),
            ip("2001:db8::7")
        );
        let unknown = headers(&[("forwarded", "for=unknown")]);
        assert_eq!(client_address(ip("::1"), &unknown, &proxies), ip("::1"));
        let mapped = headers(&[("x-forwarded-for", "::ffff:198.51.100.2")]);
        assert_eq!(
            client_address(ip("::1"), &mapped, &proxies),
            ip("198.51.100.2")
        );
    }

    #[test]
    fn bad_proxy_entries_are_named() {
        let error = parse_proxies(&["10.0.0.0/8".into(), "proxy.local".into()]).unwrap_err();
        assert!(error.contains("\"proxy.local\""), "{error}");
    }
}
