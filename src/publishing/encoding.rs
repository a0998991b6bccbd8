//! Compressed bodies for clients that accept them: Brotli and gzip, each computed once per
//! body and catalogue version and then served from memory.
//!
//! The layer knows nothing of what it compresses: a body is named by its strong ETag (a
//! hash of its bytes, as every cacheable response here has), so any handler that answers
//! through `web::api::cached` gets it. Each encoding is its own representation with its
//! own ETag (the identity tag with `-br` or `-gz` inside the quotes), so a `304` is only
//! ever given for the bytes the client holds, and every answer says
//! `Vary: Accept-Encoding`.

use std::collections::HashMap;
use std::io::Write;
use std::sync::RwLock;

use actix_web::web::Bytes;

/// Bodies smaller than this go out as they are: compression would save less than the
/// header costs.
const MIN_BYTES: usize = 256;
/// Compressed bodies kept per catalogue at most (bytes); beyond it the cache starts again.
const MAX_CACHED_BYTES: usize = 64 * 1024 * 1024;
/// Brotli quality and window: the densest setting takes too long for a body that may be
/// asked for once, and 9 on a 22-bit window comes within a few per cent of it.
const BROTLI_QUALITY: u32 = 9;
const BROTLI_WINDOW: u32 = 22;
/// gzip level (of 9): the last levels cost much more time for very little.
const GZIP_LEVEL: u32 = 8;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Brotli,
    Gzip,
}

impl Encoding {
    /// The `Content-Encoding` value.
    pub fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
        }
    }

    /// The ETag of this encoding of the body tagged `identity` (`"abc"` -> `"abc-br"`).
    pub fn etag(self, identity: &str) -> String {
        let suffix = match self {
            Encoding::Brotli => "-br",
            Encoding::Gzip => "-gz",
        };
        match identity.strip_suffix('"') {
            Some(open) => format!("{open}{suffix}\""),
            None => format!("{identity}{suffix}"),
        }
    }

    /// The encoding to send for an `Accept-Encoding` header: of Brotli and gzip, the one
    /// with the higher weight (Brotli on a tie, as it is smaller); `None` for neither
    /// (absent, `identity`, weights of 0). `*` stands for every coding not named.
    pub fn negotiate(accept: Option<&str>) -> Option<Encoding> {
        let accept = accept?;
        let mut brotli: Option<f32> = None;
        let mut gzip: Option<f32> = None;
        let mut any: Option<f32> = None;
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let mut weight = 1.0_f32;
            for parameter in parts {
                let parameter = parameter.trim();
                if let Some(value) = parameter
                    .strip_prefix("q=")
                    .or_else(|| parameter.strip_prefix("Q="))
                {
                    weight = value.trim().parse().unwrap_or(0.0);
                }
            }
            match coding.as_str() {
                "br" => brotli = Some(weight),
                "gzip" | "x-gzip" => gzip = Some(weight),
                "*" => any = Some(weight),
                _ => {}
            }
        }
        let brotli = brotli.or(any).unwrap_or(0.0);
        let gzip = gzip.or(any).unwrap_or(0.0);
        if brotli <= 0.0 && gzip <= 0.0 {
            None
        } else if brotli >= gzip {
            Some(Encoding::Brotli)
        } else {
            Some(Encoding::Gzip)
        }
    }

    fn compress(self, body: &[u8]) -> Option<Vec<u8>> {
        match self {
            Encoding::Brotli => {
                let mut writer = brotli::CompressorWriter::new(
                    Vec::with_capacity(body.len() / 3),
                    16 * 1024,
                    BROTLI_QUALITY,
                    BROTLI_WINDOW,
                );
                writer.write_all(body).ok()?;
                // Ends the stream and hands the buffer back.
                Some(writer.into_inner())
            }
            Encoding::Gzip => {
                let mut encoder = flate2::write::GzEncoder::new(
                    Vec::with_capacity(body.len() / 3),
                    flate2::Compression::new(GZIP_LEVEL),
                );
                encoder.write_all(body).ok()?;
                encoder.finish().ok()
            }
        }
    }
}

/// The compressed bodies of one catalogue version, by identity ETag and encoding. `None`
/// records a body that compression does not make smaller, so it is not tried again.
#[derive(Default)]
pub struct EncodedBodies {
    bodies: RwLock<EncodedMap>,
}

#[derive(Default)]
struct EncodedMap {
    by_etag: HashMap<(String, Encoding), Option<Bytes>>,
    bytes: usize,
}

impl EncodedBodies {
    /// `body` (tagged `etag`) in `encoding`, compressed the first time it is asked for;
    /// `None` when it is better sent as it is.
    pub fn get(&self, etag: &str, body: &Bytes, encoding: Encoding) -> Option<Bytes> {
        if body.len() < MIN_BYTES {
            return None;
        }
        let key = (etag.to_owned(), encoding);
        if let Some(found) = self
            .bodies
            .read()
            .ok()
            .and_then(|m| m.by_etag.get(&key).cloned())
        {
            return found;
        }
        // Two requests may race to compress the same body: both get the same bytes, and
        // one of them is kept. Cheaper than holding a lock while compressing.
        let compressed = encoding
            .compress(body)
            .filter(|c| c.len() < body.len())
            .map(Bytes::from);
        if let Ok(mut map) = self.bodies.write() {
            let size = compressed.as_ref().map_or(0, Bytes::len) + key.0.len();
            if map.bytes + size > MAX_CACHED_BYTES {
                map.by_etag.clear();
                map.bytes = 0;
            }
            if map.by_etag.insert(key, compressed.clone()).is_none() {
                map.bytes += size;
            }
        }
        compressed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn negotiation_follows_the_weights() {
        use Encoding::{Brotli, Gzip};
        assert_eq!(Encoding::negotiate(None), None);
        assert_eq!(Encoding::negotiate(Some("")), None);
        assert_eq!(Encoding::negotiate(Some("identity")), None);
        assert_eq!(
            Encoding::negotiate(Some("gzip, deflate, br, zstd")),
            Some(Brotli)
        );
        assert_eq!(Encoding::negotiate(Some("gzip")), Some(Gzip));
        assert_eq!(Encoding::negotiate(Some("GZIP;Q=0.5")), Some(Gzip));
        assert_eq!(Encoding::negotiate(Some("br;q=0, gzip")), Some(Gzip));
        assert_eq!(
            Encoding::negotiate(Some("br;q=0.4, gzip;q=0.8")),
            Some(Gzip)
        );
        assert_eq!(Encoding::negotiate(Some("br;q=0, gzip;q=0")), None);
        assert_eq!(Encoding::negotiate(Some("*")), Some(Brotli));
        assert_eq!(Encoding::negotiate(Some("*;q=0")), None);
        assert_eq!(Encoding::negotiate(Some("br;q=0, *")), Some(Gzip));
        assert_eq!(Encoding::negotiate(Some("deflate")), None);
        assert_eq!(Encoding::negotiate(Some("br;q=nonsense")), None);
    }

    #[test]
    fn each_encoding_has_its_own_strong_etag() {
        assert_eq!(Encoding::Brotli.etag("\"abc\""), "\"abc-br\"");
        assert_eq!(Encoding::Gzip.etag("\"abc\""), "\"abc-gz\"");
    }

    #[test]
    fn bodies_come_back_as_they_went_in_and_small_ones_stay_as_they_are() {
        let cache = EncodedBodies::default();
        let body = Bytes::from("{\"stories\":[\"Het ging niet meer op school.\"]}".repeat(40));
        let br = cache.get("\"x\"", &body, Encoding::Brotli).unwrap();
        let mut plain = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, body);
        let gz = cache.get("\"x\"", &body, Encoding::Gzip).unwrap();
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, body);
        assert!(br.len() < body.len() / 5 && gz.len() < body.len() / 5);
        // Asked again: the same bytes, from memory.
        assert_eq!(cache.get("\"x\"", &body, Encoding::Brotli).unwrap(), br);
        assert_eq!(
            cache.get("\"y\"", &Bytes::from("{}"), Encoding::Brotli),
            None
        );
    }
}
