//! A seal over what a preview showed, so that "Verstuur" stores exactly what the parent
//! last saw.
//!
//! The preview page carries an HMAC (under the form signing key) of the form token, the
//! language, the anonymised texts and the answers it showed. "Verstuur" anonymises again
//! from what was sent and recomputes the seal: when the texts, the words to remove or the
//! answers changed since the preview, the seals differ and the parent gets the new preview
//! instead of a stored story. The seal reveals nothing about the text without the key, and
//! no text travels in a hidden field or a URL for it.

use hmac::Mac;

use super::form_token::FormSigner;

impl FormSigner {
    /// The seal of a preview that showed `parts` (anonymised texts and answer codes, in a
    /// fixed order) for the form served with `token`.
    pub fn seal_preview<'a>(
        &self,
        token: &str,
        parts: impl IntoIterator<Item = &'a str>,
    ) -> String {
        let digest = preview_mac(self, token, parts).finalize().into_bytes();
        data_encoding::BASE64URL_NOPAD.encode(&digest)
    }

    /// True when `seal` is the seal of a preview that showed exactly `parts` for `token`.
    /// Compared in constant time.
    pub fn preview_is_sealed<'a>(
        &self,
        seal: &str,
        token: &str,
        parts: impl IntoIterator<Item = &'a str>,
    ) -> bool {
        let Ok(tag) = data_encoding::BASE64URL_NOPAD.decode(seal.as_bytes()) else {
            return false;
        };
        preview_mac(self, token, parts).verify_slice(&tag).is_ok()
    }
}

fn preview_mac<'a>(
    signer: &FormSigner,
    token: &str,
    parts: impl IntoIterator<Item = &'a str>,
) -> hmac::Hmac<sha2::Sha256> {
    let mut mac = signer.keyed(b"kanarie-preview-v1|");
    // Each part is length-prefixed, so no two different lists give the same input.
    let mut add = |part: &str| {
        mac.update(&(part.len() as u64).to_be_bytes());
        mac.update(part.as_bytes());
    };
    add(token);
    parts.into_iter().for_each(add);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_matches_only_the_same_preview_of_the_same_form() {
        let signer = FormSigner::new([3; 32]);
        let seal = signer.seal_preview("t1", ["nl", "[naam 1] bleef thuis.", "", "publish"]);
        assert!(signer.preview_is_sealed(
            &seal,
            "t1",
            ["nl", "[naam 1] bleef thuis.", "", "publish"]
        ));
        assert!(!signer.preview_is_sealed(
            &seal,
            "t1",
            ["nl", "[naam 1] bleef thuis!", "", "publish"]
        ));
        assert!(!signer.preview_is_sealed(&seal, "t1", ["nl", "[naam 1] bleef thuis.", "publish"]));
        assert!(!signer.preview_is_sealed(
            &seal,
            "t1",
            ["nl", "[naam 1] bleef thuis.", "", "publish", ""]
        ));
        assert!(!signer.preview_is_sealed(
            &seal,
            "t2",
            ["nl", "[naam 1] bleef thuis.", "", "publish"]
        ));
        assert!(!FormSigner::new([4; 32]).preview_is_sealed(
            &seal,
            "t1",
            ["nl", "[naam 1] bleef thuis.", "", "publish"]
        ));
        assert!(!signer.preview_is_sealed("", "t1", ["nl"]));
        assert!(!signer.preview_is_sealed("!!", "t1", ["nl"]));
    }
}
