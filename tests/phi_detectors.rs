//! The one-pass detectors on realistic portal text: what must match, and the look-alikes
//! that must not.

use portalscan_core::phi::{Confidence, detect, detect_in_value};

/// (kinds joined with `+`, matched text) for every match.
fn found(text: &str) -> Vec<(String, String)> {
    detect(text)
        .iter()
        .map(|m| (m.kinds.names().join("+"), m.value(text).to_string()))
        .collect()
}

fn found_in(key: &str, value: &str) -> Vec<(String, String)> {
    detect_in_value(key, value)
        .iter()
        .map(|m| (m.kinds.names().join("+"), m.value(value).to_string()))
        .collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn ssn_and_itin() {
    assert_eq!(
        found("SSN on file: 536-22-8142."),
        pairs(&[("ssn", "536-22-8142")])
    );
    assert_eq!(
        found("tax id 912-70-1234"),
        pairs(&[("itin", "912-70-1234")])
    );
    assert_eq!(
        found(r#"{"ssn":"536228142"}"#),
        pairs(&[("ssn", "536228142")])
    );
    // Bare nine digits are only an SSN when named.
    assert_eq!(found("ref 536228142"), pairs(&[]));
}

#[test]
fn a_value_named_as_an_ssn_counts_even_if_never_issued() {
    // Test identities on staging portals: a key, a label or a field name says SSN.
    for value in ["123-45-6789", "219-09-9999", "078-05-1120", "666-12-3456"] {
        assert_eq!(
            found(&format!("SSN: {value}")),
            pairs(&[("ssn", value)]),
            "label {value}"
        );
        assert_eq!(
            found(&format!(r#"{{"ssn":"{value}"}}"#)),
            pairs(&[("ssn", value)]),
            "key {value}"
        );
        assert_eq!(
            found_in("ssn", value),
            pairs(&[("ssn", value)]),
            "field {value}"
        );
        let m = detect_in_value("patientSSN", value);
        assert_eq!(m.len(), 1, "{value}");
        assert_eq!(m[0].confidence, Confidence::High);
    }
    assert_eq!(found_in("ssn", "123456789"), pairs(&[("ssn", "123456789")]));
    // The all-zero placeholder is no number, named or not.
    assert_eq!(found("SSN: 000-00-0000"), pairs(&[]));
    // Unnamed, the exclusions stay (see `ssn_lookalikes_do_not_match`).
    assert_eq!(found("e.g. 123-45-6789"), pairs(&[]));
}

#[test]
fn ssn_lookalikes_do_not_match() {
    for text in [
        "Order #: 536-22-8142",
        "Tracking number 536-22-8142",
        "Format: 000-00-0000",
        "e.g. 123-45-6789",
        "Example 078-05-1120 from the wallet ad",
        "219-09-9999",
        "666-12-3456 and 900-12-3456",
        "536-00-8142 536-22-0000",
        "536-22 8142",
        "part 536-22-8142-01",
        "ISBN 978-1-536-22-8142",
    ] {
        assert_eq!(found(text), pairs(&[]), "{text}");
    }
}

#[test]
fn provider_and_medicare_ids() {
    assert_eq!(found("NPI: 1234567893"), pairs(&[("npi", "1234567893")]));
    assert_eq!(found("NPI: 1234567890"), pairs(&[]), "bad check digit");
    // Ten digits without context: a timestamp, not an NPI.
    assert_eq!(found(r#"{"ts":1234567893}"#), pairs(&[]));
    // A Medicare id label names a member id, and the value is an MBI.
    assert_eq!(
        found("Medicare ID 1EG4-TE5-MK73"),
        pairs(&[("mbi+member_id", "1EG4-TE5-MK73")])
    );
    assert_eq!(found("mbi=1EG4TE5MK73"), pairs(&[("mbi", "1EG4TE5MK73")]));
    assert_eq!(found("1SG4TE5MK73"), pairs(&[]), "S is excluded");
    assert_eq!(found("DEA: AB1234563"), pairs(&[("dea", "AB1234563")]));
    assert_eq!(found("DEA: AB1234564"), pairs(&[]));
    assert_eq!(
        found("SKU AB1234563"),
        pairs(&[]),
        "a DEA-shaped code without context"
    );
}

#[test]
fn diagnosis_codes_need_context() {
    assert_eq!(
        found(r#"{"diagnoses":["E11.9","I10"],"build":"E11.9"}"#),
        pairs(&[("diagnosis", "E11.9"), ("diagnosis", "I10")])
    );
    assert_eq!(
        found("Diagnosis: F32.A, Z79.4"),
        pairs(&[("diagnosis", "F32.A"), ("diagnosis", "Z79.4")])
    );
    assert_eq!(found("Model E11.9 ships in May"), pairs(&[]));
}

#[test]
fn context_only_kinds() {
    assert_eq!(found("MRN 00123456"), pairs(&[("mrn", "00123456")]));
    assert_eq!(
        found("Medical record number: 00123456"),
        pairs(&[("mrn", "00123456")])
    );
    assert_eq!(
        found("Date of birth: 03/14/1961; Last updated: 03/14/2024"),
        pairs(&[("dob", "03/14/1961")])
    );
    assert_eq!(
        found(
            r#"{"memberId":"XKW948221003","firstName":"Maria","lastName":"Alvarez","MailingStreet":"1420 Elm Street","birthdate":"1961-03-14"}"#
        ),
        pairs(&[
            ("member_id", "XKW948221003"),
            ("name", "Maria"),
            ("name", "Alvarez"),
            ("address", "1420 Elm Street"),
            ("dob", "1961-03-14"),
        ])
    );
    assert_eq!(
        found("Patient: Maria Alvarez (new visit)"),
        pairs(&[("name", "Maria Alvarez")])
    );
    // A label that follows another value starts a value of its own.
    assert_eq!(
        found("MRN 00123456 DOB 04/12/1961"),
        pairs(&[("mrn", "00123456"), ("dob", "04/12/1961")])
    );
    assert_eq!(
        found("MRN: 00123456, Date of birth 04/12/1961, SSN 536-22-8142"),
        pairs(&[
            ("mrn", "00123456"),
            ("dob", "04/12/1961"),
            ("ssn", "536-22-8142")
        ])
    );
    assert_eq!(found("MRN 12 MRN 12345678"), pairs(&[("mrn", "12345678")]));
    assert_eq!(
        found("?mrn=******78 (MRN 12345678)"),
        pairs(&[("mrn", "12345678")])
    );
    assert_eq!(found("mrn=12345678:"), pairs(&[("mrn", "12345678")]));
    assert_eq!(found("Riverside Patient Portal"), pairs(&[]));
    assert_eq!(
        found(r#"{"className":"slds-card","name":"Appointments"}"#),
        pairs(&[])
    );
    assert_eq!(
        found("mrn=00000000&dob=MM/DD/YYYY"),
        pairs(&[]),
        "placeholders"
    );
}

#[test]
fn phones_need_a_person() {
    assert_eq!(found("Call us at (503) 555-0142, Mon-Fri"), pairs(&[]));
    assert_eq!(found(r#"{"clinicPhone":"503-555-0142"}"#), pairs(&[]));
    assert_eq!(
        found(r#"{"mobilePhone":"(503) 555-0199"}"#),
        pairs(&[("phone", "(503) 555-0199")])
    );
    assert_eq!(
        found("Mobile: 503.555.0199"),
        pairs(&[("phone", "503.555.0199")])
    );
    assert_eq!(
        found_in("phone", "5035550199"),
        pairs(&[("phone", "5035550199")])
    );
}

#[test]
fn emails_of_people_not_roles() {
    assert_eq!(found("Write to support@riverside.example"), pairs(&[]));
    assert_eq!(
        found("u=maria.alvarez@mail.example"),
        pairs(&[("email", "maria.alvarez@mail.example")])
    );
}

#[test]
fn record_ids_are_low_confidence() {
    let text = "/s/contact/0035g00000AbCdEAAV/view and /s/case/5005g00000XyZ12";
    let m = detect(text);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(m.iter().all(|m| m.confidence == Confidence::Low));
    // A wrong checksum, an org id, and an opaque token are not record ids.
    assert_eq!(
        found("0035g00000AbCdEAAA 00D5g00000AbCdE tok=8f14e45fceea167a5a36dedd4bea2543"),
        pairs(&[])
    );
}

#[test]
fn values_with_a_known_key() {
    assert_eq!(
        found_in("patient_mrn", "MRN-4471902"),
        pairs(&[("mrn", "MRN-4471902")])
    );
    assert_eq!(
        found_in("dob", "1961-03-14"),
        pairs(&[("dob", "1961-03-14")])
    );
    assert_eq!(found_in("token", "00123456"), pairs(&[]));
    assert_eq!(
        found_in("patient", r#"{"mrn":"00123456","ssn":"536-22-8142"}"#),
        pairs(&[("mrn", "00123456"), ("ssn", "536-22-8142")])
    );
}

#[test]
fn hostile_text_does_not_panic() {
    let mut junk = String::new();
    for i in 0..5000u32 {
        junk.push(char::from_u32(i * 37 % 0x2FFF).unwrap_or('x'));
        junk.push_str(["@", ":", "=", "\"", "-", "1", "(", "%", "\\"][i as usize % 9]);
    }
    let _ = detect(&junk);
    let _ = detect_in_value("mrn", &junk);
    let _ = detect("@@@@ :::: ==== 123-45- (555 x@y. a@b.c");
    let _ = detect("\u{fffd}\u{fffd}536-22-8142\u{fffd}");
}
