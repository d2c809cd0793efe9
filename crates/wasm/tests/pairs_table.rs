//! The contrast page's numbers are the native core's: computes www/tests/pairs.json's pairs
//! with the same `pair_json` the Wasm build runs and writes www/tests/pairs-native.json,
//! which www/tests/e2e.mjs compares with what the page computes in Chromium.

use serde_json::{Value, json};
use std::path::Path;

#[test]
fn native_table_for_the_page_test() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../www/tests");
    let pairs: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("pairs.json")).unwrap()).unwrap();
    let mut out = Vec::new();
    for p in &pairs {
        let mut req = json!({ "fg": p["fg"], "bg": p["bg"], "level": "aa" });
        if let Some(page) = p.get("page") {
            req["page"] = page.clone();
        }
        let got: Value =
            serde_json::from_str(&portalscan_wasm::pair_json(&req.to_string()).unwrap()).unwrap();
        // The table's own expectations (the boundaries and every syntax) hold natively.
        if let Some(text) = p.get("ratioText") {
            assert_eq!(&got["ratioText"], text, "{p}");
        }
        assert_eq!(got["verdicts"]["aa"], p["aa"], "{p}");
        out.push(got);
    }
    let text = serde_json::to_string_pretty(&out).unwrap() + "\n";
    std::fs::write(dir.join("pairs-native.json"), text).unwrap();
}
