//! The crawl's gate, through the real binary: `--write-baseline`, `--baseline`,
//! `--threshold` and the config's `[thresholds]` decide the exit status as they do for
//! `scan`.

use serde_json::Value;

use crate::server::{Reply, TestServer};
use crate::support::{Crawl, TempDir, portalscan, report};

/// Two pages, each with one image without a text alternative (an `image-name` failure);
/// served over plain HTTP, each also fails `transport-https`.
fn site() -> TestServer {
    let page = |title: &str, link: &str| {
        format!(
            "<!doctype html><html lang=\"en\"><head><title>{title}</title></head>\
             <body><main><h1>{title}</h1><img src=\"/chart.png\" width=\"40\" height=\"40\">\
             <p><a href=\"{link}\">Next page</a></p></main></body></html>"
        )
    };
    TestServer::start(move |target| match target {
        "/s/home" => Reply::html(page("Home", "/s/visits")),
        "/s/visits" => Reply::html(page("Visits", "/s/home")),
        _ => Reply::status(404, "not found"),
    })
}

fn run(dir: &TempDir, seed: &str, extra: &[&str]) -> Crawl {
    let out = dir.path().join("out");
    Crawl::from(
        portalscan()
            .arg("crawl")
            .arg(seed)
            .arg("--output-dir")
            .arg(&out)
            .args([
                "--no-tab-walk",
                "--no-sitemap",
                "--jobs",
                "1",
                "--format",
                "json",
            ])
            .args(extra)
            .output()
            .expect("run portalscan"),
    )
}

fn failing_rules(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["outcome"] == "fail")
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn baselines_and_thresholds_decide_the_crawl_exit_status() {
    let server = site();
    let seed = format!("{}/s/home", server.url());
    let dir = TempDir::new("gate");
    let out = dir.path().join("out");
    let baseline = dir.path().join("baseline.json");
    let baseline_arg = baseline.to_str().unwrap();

    // First run: two image-name failures, accepted into a baseline.
    let first = run(&dir, &seed, &["--write-baseline", baseline_arg]);
    assert_eq!(
        first.code, 0,
        "writing a baseline accepts: {}",
        first.stderr
    );
    let first_report = report(&out);
    let mut rules = failing_rules(&first_report);
    rules.sort();
    assert_eq!(
        rules,
        [
            "image-name",
            "image-name",
            "transport-https",
            "transport-https"
        ],
        "{first_report:#}"
    );
    let file: Value = serde_json::from_str(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(file["portalscan_baseline"], 1);
    let accepted = file["findings"].as_array().unwrap().len();
    assert!(accepted >= 2, "{file:#}");

    // With the baseline: nothing new, exit 0, the accepted findings counted as baselined.
    let again = run(&dir, &seed, &["--baseline", baseline_arg]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let again_report = report(&out);
    assert!(failing_rules(&again_report).is_empty(), "{again_report:#}");
    assert_eq!(again_report["summary"]["baselined"], accepted);
    assert_eq!(again_report["gate"]["passed"], true);

    // A threshold of 2 lets a rule's two failures pass; 1 does not.
    let https = "transport-https=2";
    let within = run(
        &dir,
        &seed,
        &["--threshold", "image-name=2", "--threshold", https],
    );
    assert_eq!(within.code, 0, "{}", within.stderr);
    let over = run(
        &dir,
        &seed,
        &["--threshold", "image-name=1", "--threshold", https],
    );
    assert_eq!(over.code, 1, "{}", over.stderr);
    let gate = &report(&out)["gate"];
    assert_eq!(gate["passed"], false, "{gate:#}");
    assert_eq!(gate["thresholds"]["image-name"], 1, "{gate:#}");
    let over_rules: Vec<&str> = gate["failing"]
        .as_array()
        .unwrap_or_else(|| panic!("{gate:#}"))
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect();
    assert_eq!(over_rules, ["image-name"], "{gate:#}");

    // The same from the config's [thresholds]; a flag for the same rule wins.
    let config = dir.path().join("portalscan.toml");
    std::fs::write(
        &config,
        "[thresholds]\nimage-name = 2\ntransport-https = 2\n",
    )
    .unwrap();
    let config_arg = config.to_str().unwrap();
    let from_config = run(&dir, &seed, &["--config", config_arg]);
    assert_eq!(from_config.code, 0, "{}", from_config.stderr);
    assert_eq!(report(&out)["gate"]["thresholds"]["image-name"], 2);
    let flag_wins = run(
        &dir,
        &seed,
        &["--config", config_arg, "--threshold", "image-name=1"],
    );
    assert_eq!(flag_wins.code, 1, "{}", flag_wins.stderr);
}

#[test]
fn bad_gate_inputs_stop_the_crawl_before_it_starts() {
    let server = site();
    let seed = format!("{}/s/home", server.url());
    let dir = TempDir::new("gate-bad");

    // A threshold for a rule that does not exist, in the config: named with the file.
    let config = dir.path().join("portalscan.toml");
    std::fs::write(&config, "[thresholds]\nimage-nme = 2\n").unwrap();
    let run1 = run(&dir, &seed, &["--config", config.to_str().unwrap()]);
    assert_eq!(run1.code, 2, "{}", run1.stderr);
    assert!(
        run1.stderr.contains("portalscan.toml") && run1.stderr.contains("'image-nme'"),
        "{}",
        run1.stderr
    );

    // A baseline that cannot be read.
    let missing = dir.path().join("no-such-baseline.json");
    let run2 = run(&dir, &seed, &["--baseline", missing.to_str().unwrap()]);
    assert_eq!(run2.code, 2, "{}", run2.stderr);
    assert!(
        run2.stderr.contains("no-such-baseline.json") && run2.stderr.contains("cannot read"),
        "{}",
        run2.stderr
    );

    // The same flag syntax as scan.
    let run3 = run(&dir, &seed, &["--threshold", "image-name"]);
    assert_eq!(run3.code, 2, "{}", run3.stderr);
    assert!(run3.stderr.contains("RULE=COUNT"), "{}", run3.stderr);

    // None of them visited a page.
    assert!(server.requests().is_empty(), "{:?}", server.requests());
}
