//! Which address a request comes from, for the rate limiter only. Never logged or stored.

use std::net::IpAddr;

use actix_web::HttpRequest;

/// The client's address: from `header` when kanarie runs behind a proxy that sets it
/// (`KANARIE_CLIENT_IP_HEADER`, e.g. `X-Real-IP`), else the peer address. A header is only
/// trusted when configured, because any client can send one.
pub fn client_address(req: &HttpRequest, header: Option<&str>) -> Option<IpAddr> {
    if let Some(name) = header {
        let from_header = req
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next_back())
            .and_then(|v| v.trim().parse().ok());
        if from_header.is_some() {
            return from_header;
        }
    }
    req.peer_addr().map(|addr| addr.ip())
}
