//! Checksums that tell a real identifier from a random digit run: the BSN's 11-proef and
//! the IBAN's mod-97. A number that fails its checksum is still removed when it is long
//! enough to identify (as "[nummer]"), but only a valid one is called a BSN or IBAN.

/// The BSN 11-proef: nine digits d1..d9 with 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 divisible by 11.
/// Eight-digit BSNs are written with a leading zero, so exactly nine digits are required.
pub fn is_bsn(digits: &[u8]) -> bool {
    if digits.len() != 9 || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut sum: i64 = 0;
    for (i, &d) in digits.iter().enumerate() {
        let value = i64::from(d - b'0');
        let weight = if i == 8 { -1 } else { 9 - i as i64 };
        sum += weight * value;
    }
    sum != 0 && sum % 11 == 0
}

/// Belgian national number (11 digits): the check digits are 97 minus the first nine
/// digits modulo 97; for people born from 2000 on, a 2 is put before the nine.
pub fn is_belgian_national_number(digits: &[u8]) -> bool {
    if digits.len() != 11 || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let number = |part: &[u8]| {
        part.iter()
            .fold(0_u64, |n, &d| n * 10 + u64::from(d - b'0'))
    };
    let base = number(&digits[..9]);
    let check = number(&digits[9..]);
    97 - base % 97 == check || 97 - (2_000_000_000 + base) % 97 == check
}

/// IBAN mod-97 (ISO 13616): move the first four characters to the end, letters become
/// 10..35, and the number must leave 1 when divided by 97. Input: letters and digits only.
pub fn is_iban(chars: &[u8]) -> bool {
    if chars.len() < 15 || chars.len() > 34 {
        return false;
    }
    if !chars[..2].iter().all(u8::is_ascii_alphabetic)
        || !chars[2..4].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    if iban_length(&chars[..2]) != Some(chars.len()) {
        return false;
    }
    let mut remainder: u32 = 0;
    for &c in chars[4..].iter().chain(chars[..4].iter()) {
        let c = c.to_ascii_uppercase();
        let value = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' => u32::from(c - b'A') + 10,
            _ => return false,
        };
        remainder = if value >= 10 {
            (remainder * 100 + value) % 97
        } else {
            (remainder * 10 + value) % 97
        };
    }
    remainder == 1
}

/// IBAN lengths per country (ISO 13616 registry); a country not listed has no IBAN.
pub fn iban_length(country: &[u8]) -> Option<usize> {
    let c = [
        country[0].to_ascii_uppercase(),
        country[1].to_ascii_uppercase(),
    ];
    Some(match &c {
        b"NL" => 18,
        b"BE" => 16,
        b"DE" => 22,
        b"FR" => 27,
        b"GB" => 22,
        b"ES" => 24,
        b"IT" => 27,
        b"PL" => 28,
        b"TR" => 26,
        b"LU" => 20,
        b"AT" => 20,
        b"CH" => 21,
        b"IE" => 22,
        b"PT" => 25,
        b"UA" => 29,
        b"AD" => 24,
        b"AE" => 23,
        b"AL" => 28,
        b"AZ" => 28,
        b"BA" => 20,
        b"BG" => 22,
        b"BH" => 22,
        b"BR" => 29,
        b"CY" => 28,
        b"CZ" => 24,
        b"DK" => 18,
        b"EE" => 20,
        b"EG" => 29,
        b"FI" => 18,
        b"FO" => 18,
        b"GE" => 22,
        b"GI" => 23,
        b"GL" => 18,
        b"GR" => 27,
        b"HR" => 21,
        b"HU" => 28,
        b"IL" => 23,
        b"IQ" => 23,
        b"IS" => 26,
        b"JO" => 30,
        b"KW" => 30,
        b"KZ" => 20,
        b"LB" => 28,
        b"LI" => 21,
        b"LT" => 20,
        b"LV" => 21,
        b"MA" => 28,
        b"MC" => 27,
        b"MD" => 24,
        b"ME" => 22,
        b"MK" => 19,
        b"MR" => 27,
        b"MT" => 31,
        b"MU" => 30,
        b"NO" => 15,
        b"PK" => 24,
        b"PS" => 29,
        b"QA" => 29,
        b"RO" => 24,
        b"RS" => 22,
        b"SA" => 24,
        b"SE" => 24,
        b"SI" => 19,
        b"SK" => 24,
        b"SM" => 27,
        b"TN" => 24,
        b"VG" => 24,
        b"XK" => 20,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bsn_eleven_test() {
        // 111222333: 9+8+7+12+10+8+9+6-3 = 66 = 6*11.
        assert!(is_bsn(b"111222333"));
        assert!(is_bsn(b"123456782"));
        assert!(!is_bsn(b"123456789"));
        assert!(!is_bsn(b"000000000"));
        assert!(!is_bsn(b"12345678"));
    }

    #[test]
    fn belgian_national_number_check_digits() {
        // born 1985-07-30, serial 033: 97 - 850730033 mod 97 = 28
        assert!(is_belgian_national_number(b"85073003328"));
        assert!(!is_belgian_national_number(b"85073003329"));
        // born 2015-05-12, serial 123: the 2 before the nine digits gives 90
        assert!(is_belgian_national_number(b"15051212390"));
        assert!(!is_belgian_national_number(b"1505121239"));
    }

    #[test]
    fn iban_mod_97() {
        // The textbook examples of ISO 13616 and the Dutch banks' documentation.
        assert!(is_iban(b"NL91ABNA0417164300"));
        assert!(is_iban(b"GB82WEST12345698765432"));
        assert!(is_iban(b"nl91abna0417164300"));
        assert!(!is_iban(b"NL91ABNA0417164301"));
        assert!(!is_iban(b"NL91ABNA041716430"));
    }
}
