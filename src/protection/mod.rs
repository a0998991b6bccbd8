//! Protection against bots and floods without tracking anyone: no cookies, no stored
//! addresses. A signed token says when a form was served; a rate limiter counts requests
//! per address under a keyed hash whose key lives only in memory and changes every day.

pub mod client_address;
pub mod form_token;
pub mod preview_seal;
pub mod rate_limit;
