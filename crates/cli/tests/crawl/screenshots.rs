//! Cropped screenshots of failing elements in crawl reports: every `fail` finding about an
//! element gets a PNG crop (a valid image of at most 800×600 px) of the right shape (a
//! small element outlined with the page around it, a dialog whole, a skip link where it
//! appears on focus: pixels of the images are read), the HTML report shows them, other
//! outcomes get none, and `--no-screenshots` turns them off.

use base64::Engine;
use serde_json::Value;

use crate::server::{Reply, TestServer};
use crate::support::{TempDir, crawl, report};

const PAGE: &str = r##"<!doctype html><html lang="en"><head><title>Visits</title>
<style>.faint { color: #bbb; background: #fff; }
.skip { position: absolute; left: -9999px; top: 0; padding: 8px; background: rgb(0, 0, 255); }
.skip:focus { left: 8px; top: 8px; }
#reminder { position: absolute; left: 600px; top: 120px; width: 300px; height: 160px; margin: 0;
  padding: 20px; box-sizing: border-box; border: 6px solid rgb(0, 160, 0); background: #fff; }
#dismiss { display: block; width: 16px; height: 16px; }</style></head>
<body><a class="skip" id="skip" href="#main"></a><main id="main"><h1>Visits</h1>
<img src="/chart.png" width="60" height="30">
<button type="button"></button>
<p class="faint">Your next visit is on Monday.</p>
<p>Patient MRN 00123456</p>
</main>
<div id="reminder" role="dialog" aria-label="Reminder"><button type="button" id="dismiss"></button></div>
</body></html>"##;

fn findings(report: &Value) -> Vec<Value> {
    report["findings"].as_array().unwrap().clone()
}

/// Width, height and RGB pixels of a `data:image/png;base64,…` URI.
fn pixels(uri: &str) -> (u32, u32, Vec<[u8; 3]>) {
    let data = uri
        .strip_prefix("data:image/png;base64,")
        .unwrap_or_else(|| panic!("not a PNG data URI: {}", &uri[..uri.len().min(40)]));
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .expect("base64");
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("buffer size")];
    let info = reader.next_frame(&mut buf).expect("PNG pixels");
    let n = info.color_type.samples();
    let px = buf[..info.buffer_size()]
        .chunks_exact(n)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width, info.height, px)
}

fn png_size(uri: &str) -> (u32, u32) {
    let (w, h, _) = pixels(uri);
    (w, h)
}

/// The bounding box `[left, top, right, bottom]` (inclusive) of the pixels of `colour`.
fn bbox(uri: &str, colour: [u8; 3]) -> Option<[u32; 4]> {
    let (w, _, px) = pixels(uri);
    px.iter()
        .enumerate()
        .filter(|(_, p)| **p == colour)
        .map(|(i, _)| (i as u32 % w, i as u32 / w))
        .fold(None, |b, (x, y)| {
            Some(match b {
                None => [x, y, x, y],
                Some([l, t, r, bt]) => [l.min(x), t.min(y), r.max(x), bt.max(y)],
            })
        })
}

/// The outline crops draw around the element (magenta, 2–4 px outside its box).
const MAGENTA: [u8; 3] = [255, 0, 255];

/// The screenshot of the one failing finding of `rule` whose selector names `id`.
fn shot<'a>(fails: &[&'a Value], rule: &str, id: &str) -> &'a str {
    let found: Vec<&&Value> = fails
        .iter()
        .filter(|f| f["rule"] == rule && f["selector"].as_str().unwrap_or("").contains(id))
        .collect();
    assert_eq!(found.len(), 1, "{rule} on #{id}: {found:#?}");
    found[0]["screenshot"].as_str().expect("a screenshot")
}

#[test]
fn failing_elements_get_cropped_screenshots_in_the_reports() {
    let server = TestServer::start(|target| match target {
        "/s/visits" => Reply::html(PAGE),
        _ => Reply::status(404, "not found"),
    });
    let seed = format!("{}/s/visits", server.url());
    let dir = TempDir::new("shots");
    let run = crawl(
        dir.path(),
        &[
            &seed,
            "--no-sitemap",
            "--no-tab-walk",
            "--jobs",
            "1",
            "--all",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let all = findings(&report(dir.path()));
    let element_fails: Vec<&Value> = all
        .iter()
        .filter(|f| f["outcome"] == "fail" && f["node"].is_u64())
        .filter(|f| !matches!(f["selector"].as_str(), Some("html" | "body")))
        .collect();
    let rules: Vec<&str> = element_fails
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for rule in ["image-name", "button-name", "text-contrast", "link-name"] {
        assert!(rules.contains(&rule), "{rule} not failed: {rules:?}");
    }
    for f in &element_fails {
        let uri = f["screenshot"]
            .as_str()
            .unwrap_or_else(|| panic!("no screenshot: {f:#}"));
        let (w, h) = png_size(uri);
        assert!(
            w > 0 && h > 0 && w <= 800 && h <= 600,
            "{w}x{h} for {}",
            f["rule"]
        );
    }
    // The image is 60×30 CSS px: its crop shows the page around it (the least context),
    // the image outlined (the outline's box is the image's plus 4 px each side; the image
    // sits at a fractional y under the h1's 0.67em margins, so its 30 px touch 31 rows).
    let img = element_fails
        .iter()
        .find(|f| f["rule"] == "image-name")
        .unwrap();
    let img = img["screenshot"].as_str().unwrap();
    assert_eq!(png_size(img), (400, 200));
    let [l, t, r, b] = bbox(img, MAGENTA).expect("an outline");
    assert_eq!(r - l + 1, 68, "outline at {l},{t}");
    assert!(matches!(b - t + 1, 38 | 39), "outline {l},{t} to {r},{b}");

    // The button in the dialog: the whole 300×160 dialog plus 8 px each side (smaller than
    // the least context: a dialog is shown as itself), its green border on all four sides.
    let dialog = shot(&element_fails, "button-name", "dismiss");
    let (w, h, px) = pixels(dialog);
    assert_eq!((w, h), (316, 176));
    let green = |x: u32, y: u32| {
        let [r, g, b] = px[(y * w + x) as usize];
        r < 60 && g > 120 && b < 60
    };
    // Border pixels lie 8–13 px in from each edge of the image.
    assert!((8..14).all(|x| green(x, h / 2)), "left border");
    assert!((w - 14..w - 8).all(|x| green(x, h / 2)), "right border");
    assert!((8..14).all(|y| green(w / 2, y)), "top border");
    assert!((h - 14..h - 8).all(|y| green(w / 2, y)), "bottom border");
    // The button (16 px, after the dialog's 6 px border and 20 px padding) is outlined.
    let [l, t, r, b] = bbox(dialog, MAGENTA).expect("an outline");
    assert_eq!([l, t, r, b], [30, 30, 53, 53]);

    // The empty skip link, parked off the page: cropped focused, where it appears (8 px
    // from the top left of the page), its blue 16 px box outlined.
    let skip = shot(&element_fails, "link-name", "skip");
    assert_eq!(png_size(skip), (400, 200));
    assert_eq!(bbox(skip, [0, 0, 255]), Some([8, 8, 23, 23]));
    assert_eq!(bbox(skip, MAGENTA), Some([4, 4, 27, 27]));
    for f in all.iter().filter(|f| f["outcome"] != "fail") {
        assert!(f.get("screenshot").is_none(), "{f:#}");
    }

    // The HTML report shows each crop.
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let shown = html
        .matches("<img class=\"crop\" src=\"data:image/png;base64,")
        .count();
    assert_eq!(shown, element_fails.len(), "crops in report.html");
    // The journal line stays bounded (crops are small elements here).
    let journal = std::fs::metadata(dir.path().join("results.jsonl"))
        .unwrap()
        .len();
    assert!(journal < 200_000, "results.jsonl is {journal} bytes");

    // Turned off: no screenshots anywhere.
    let off = TempDir::new("shots-off");
    let run = crawl(
        off.path(),
        &[
            &seed,
            "--no-sitemap",
            "--no-tab-walk",
            "--jobs",
            "1",
            "--no-screenshots",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        findings(&report(off.path()))
            .iter()
            .all(|f| f.get("screenshot").is_none())
    );
    let html = std::fs::read_to_string(off.path().join("report.html")).unwrap();
    assert!(!html.contains("<img class=\"crop\""));
}
