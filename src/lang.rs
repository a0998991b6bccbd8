//! The languages kanarie speaks. The type itself lives with the anonymiser (placeholders
//! are written in the story's language); choosing one for a visitor is the service's job.

pub use kanarie_anonymiser::Lang;

/// Picks the visitor's language from an `Accept-Language` header: the first
/// supported language by quality, Dutch when nothing matches.
pub fn negotiate(accept_language: Option<&str>) -> Lang {
    let Some(header) = accept_language else {
        return Lang::default();
    };
    let mut best: Option<(f32, usize, Lang)> = None;
    for (position, item) in header.split(',').enumerate() {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let primary = tag.split('-').next().unwrap_or("");
        let Some(lang) = Lang::parse(primary) else {
            continue;
        };
        let quality = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if quality.is_nan() || quality <= 0.0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((q, pos, _)) => quality > q || (quality == q && position < pos),
        };
        if better {
            best = Some((quality, position, lang));
        }
    }
    best.map(|(_, _, lang)| lang).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{negotiate, Lang};

    #[test]
    fn negotiation_prefers_quality_then_order_and_defaults_to_dutch() {
        assert_eq!(negotiate(None), Lang::Nl);
        assert_eq!(negotiate(Some("fr-FR, de")), Lang::Nl);
        assert_eq!(negotiate(Some("en-GB,en;q=0.9,nl;q=0.8")), Lang::En);
        assert_eq!(negotiate(Some("nl;q=0.5, en;q=0.7")), Lang::En);
        assert_eq!(negotiate(Some("de, nl-BE, en")), Lang::Nl);
        assert_eq!(negotiate(Some("en;q=0")), Lang::Nl);
        assert_eq!(negotiate(Some(";;;,,q=")), Lang::Nl);
    }
}
