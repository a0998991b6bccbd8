//! Compressed bodies for clients that accept them: Brotli and gzip, each computed once per
//! body and catalogue version and then served from memory.
//!
//! A body is a `RenderedBody`: its bytes and strong ETag (a hash of the bytes), with its
//! Brotli and gzip forms computed once and kept with it, so answering a client that
//! accepts them costs no look-up and no compression. The catalogue's memo compresses a
//! body when it renders it, and the bodies every client asks for (the first page of the
//! API, the feeds, the default embeds) are rendered and compressed when a new catalogue
//! version is built, off the async workers (`publishing::Publisher`). Bodies made per
//! request (`EncodedBodies`) are compressed the first time and kept per catalogue version.
//! Each encoding is its own representation with its own ETag (the identity tag with `-br`
//! or `-gz` inside the quotes), so a `304` is only ever given for the bytes the client
//! holds, and every answer says `Vary: Accept-Encoding`.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, OnceLock, RwLock};

use actix_web::http::header::HeaderValue;
use actix_web::web::Bytes;

use super::etag_of;
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

/// A body in one encoding with its strong ETag, the header value made once.
#[derive(Clone, Debug)]
pub struct Representation {
    pub body: Bytes,
    pub etag: String,
    etag_header: HeaderValue,
}

impl Representation {
    fn new(body: Bytes, etag: String) -> Representation {
        // A tag is quoted base64url (and a suffix): always a valid header value.
        let etag_header = HeaderValue::from_maybe_shared(Bytes::from(etag.clone()))
            .unwrap_or_else(|_| HeaderValue::from_static("\"\""));
        Representation {
            body,
            etag,
            etag_header,
        }
    }

    /// A body made for one request, tagged with the ETag its maker gave it.
    pub fn made(body: Bytes, etag: &str) -> Representation {
        Representation::new(body, etag.to_owned())
    }

    /// The `ETag` header; cloning it is a reference count.
    pub fn etag_header(&self) -> &HeaderValue {
        &self.etag_header
    }
}

/// The Brotli and gzip forms of one body; `None` for a form that is not smaller (or a
/// body too small to be worth it).
#[derive(Clone, Debug, Default)]
pub struct Compressed {
    brotli: Option<Representation>,
    gzip: Option<Representation>,
}

impl Compressed {
    /// Compresses `identity` both ways.
    pub fn of(identity: &Representation) -> Compressed {
        let form = |encoding: Encoding| {
            if identity.body.len() < MIN_BYTES {
                return None;
            }
            let bytes = encoding
                .compress(&identity.body)
                .filter(|c| c.len() < identity.body.len())?;
            Some(Representation::new(
                Bytes::from(bytes),
                encoding.etag(&identity.etag),
            ))
        };
        Compressed {
            brotli: form(Encoding::Brotli),
            gzip: form(Encoding::Gzip),
        }
    }

    pub fn get(&self, encoding: Encoding) -> Option<&Representation> {
        match encoding {
            Encoding::Brotli => self.brotli.as_ref(),
            Encoding::Gzip => self.gzip.as_ref(),
        }
    }

    fn bytes(&self) -> usize {
        [&self.brotli, &self.gzip]
            .into_iter()
            .flatten()
            .map(|r| r.body.len() + r.etag.len())
            .sum()
    }
}

/// A response body rendered once (for a catalogue version, a statistics batch), with its
/// validator and its compressed forms, computed once and kept with it.
#[derive(Clone, Debug)]
pub struct RenderedBody {
    identity: Representation,
    compressed: OnceLock<Compressed>,
}

impl RenderedBody {
    /// `body`, tagged with its hash; compressed when first asked for (`compressed`).
    pub fn new(body: impl Into<Bytes>) -> RenderedBody {
        let body = body.into();
        let etag = etag_of(&body);
        RenderedBody {
            identity: Representation::new(body, etag),
            compressed: OnceLock::new(),
        }
    }

    /// `body`, compressed now, so no request pays for it later.
    pub fn precompressed(body: impl Into<Bytes>) -> RenderedBody {
        let rendered = RenderedBody::new(body);
        rendered.compressed();
        rendered
    }

    pub fn body(&self) -> &Bytes {
        &self.identity.body
    }

    pub fn etag(&self) -> &str {
        &self.identity.etag
    }

    /// The Brotli and gzip forms, computed the first time they are asked for.
    pub fn compressed(&self) -> &Compressed {
        self.compressed
            .get_or_init(|| Compressed::of(&self.identity))
    }

    pub fn is_compressed(&self) -> bool {
        self.compressed.get().is_some()
    }

    /// What to send a client that accepts `encoding`: that form when it is smaller,
    /// otherwise the body as it is (with the encoding it is in).
    pub fn select(&self, encoding: Option<Encoding>) -> (&Representation, Option<Encoding>) {
        match encoding.and_then(|e| Some((self.compressed().get(e)?, e))) {
            Some((form, encoding)) => (form, Some(encoding)),
            None => (&self.identity, None),
        }
    }
}

/// The compressed forms of bodies made per request (the OpenAPI document, oEmbed answers,
/// chart embeds), by identity ETag, for one catalogue version.
#[derive(Default)]
pub struct EncodedBodies {
    bodies: RwLock<EncodedMap>,
}

#[derive(Default)]
struct EncodedMap {
    by_etag: HashMap<String, Arc<Compressed>>,
    bytes: usize,
}

impl EncodedBodies {
    /// The compressed forms of `identity`, computed the first time they are asked for.
    pub fn get(&self, identity: &Representation) -> Arc<Compressed> {
        if let Some(found) = self
            .bodies
            .read()
            .ok()
            .and_then(|m| m.by_etag.get(&identity.etag).cloned())
        {
            return found;
        }
        // Two requests may race to compress the same body: both get the same bytes, and
        // one of them is kept. Cheaper than holding a lock while compressing.
        let compressed = Arc::new(Compressed::of(identity));
        if let Ok(mut map) = self.bodies.write() {
            let size = compressed.bytes() + identity.etag.len();
            if map.bytes + size > MAX_CACHED_BYTES {
                map.by_etag.clear();
                map.bytes = 0;
            }
            if map
                .by_etag
                .insert(identity.etag.clone(), Arc::clone(&compressed))
                .is_none()
            {
                map.bytes += size;
            }
        }
        compressed
    }
}

/// A body made for one request: its bytes and ETag, and, when `encoding` is accepted, its
/// compressed form (from `bodies`).
pub fn select_made(
    bodies: Option<&EncodedBodies>,
    identity: Representation,
    encoding: Option<Encoding>,
) -> (Representation, Option<Encoding>) {
    let compressed = encoding.zip(bodies).and_then(|(encoding, bodies)| {
        let forms = bodies.get(&identity);
        Some((forms.get(encoding)?.clone(), encoding))
    });
    match compressed {
        Some((form, encoding)) => (form, Some(encoding)),
        None => (identity, None),
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

    fn decoded(encoding: Encoding, bytes: &[u8]) -> Vec<u8> {
        let mut plain = Vec::new();
        match encoding {
            Encoding::Brotli => brotli::Decompressor::new(bytes, 4096)
                .read_to_end(&mut plain)
                .unwrap(),
            Encoding::Gzip => flate2::read::GzDecoder::new(bytes)
                .read_to_end(&mut plain)
                .unwrap(),
        };
        plain
    }

    #[test]
    fn bodies_come_back_as_they_went_in_and_small_ones_stay_as_they_are() {
        let body = Bytes::from("{\"stories\":[\"Het ging niet meer op school.\"]}".repeat(40));
        let rendered = RenderedBody::precompressed(body.clone());
        assert_eq!(rendered.etag(), etag_of(&body));
        for encoding in [Encoding::Brotli, Encoding::Gzip] {
            let (form, sent) = rendered.select(Some(encoding));
            assert_eq!(sent, Some(encoding));
            assert_eq!(decoded(encoding, &form.body), body);
            assert!(form.body.len() < body.len() / 5);
            assert_eq!(form.etag, encoding.etag(rendered.etag()));
            assert_eq!(form.etag_header().to_str().unwrap(), form.etag);
            // Asked again: the same bytes, kept with the body.
            assert_eq!(rendered.select(Some(encoding)).0.body, form.body);
        }
        let (plain, sent) = rendered.select(None);
        assert_eq!((&plain.body, sent), (&body, None));

        let small = RenderedBody::new(Bytes::from("{}"));
        assert_eq!(small.select(Some(Encoding::Brotli)).1, None);
        assert_eq!(small.select(Some(Encoding::Brotli)).0.body, "{}");
    }

    #[test]
    fn bodies_made_per_request_are_compressed_once_per_tag() {
        let bodies = EncodedBodies::default();
        let body = Bytes::from("<p>Het ging niet meer op school.</p>".repeat(40));
        let made = || Representation::made(body.clone(), "\"x\"");
        let (first, sent) = select_made(Some(&bodies), made(), Some(Encoding::Gzip));
        assert_eq!(sent, Some(Encoding::Gzip));
        assert_eq!(first.etag, "\"x-gz\"");
        assert_eq!(decoded(Encoding::Gzip, &first.body), body);
        let (again, _) = select_made(Some(&bodies), made(), Some(Encoding::Gzip));
        assert_eq!(
            again.body.as_ptr(),
            first.body.as_ptr(),
            "kept, not compressed again"
        );
        let (plain, sent) = select_made(Some(&bodies), made(), None);
        assert_eq!((plain.body, sent), (body, None));
    }
}
