//! Form login with credentials from environment variables: the crawl logs in, and the
//! credentials appear in no output file, nor on standard output or standard error.

use std::path::Path;

use crate::support::{Crawl, TempDir, portalscan, report};

const USER: &str = "crawl-test-user-Q7Z";
const PASSWORD: &str = "Pw-s3cret-Xy-9931";

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn form_login_credentials_are_never_written_or_printed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/portal");
    let server =
        portalscan_portal_fixture::start(portalscan_portal_fixture::ServerOptions::new(&root))
            .expect("fixture portal (run scripts/setup.sh to build fixtures/portal/dist)");
    let dir = TempDir::new("login");
    let out = dir.path().join("out");
    let config = dir.path().join("portalscan.toml");
    std::fs::write(
        &config,
        format!(
            r##"seeds = ["{url}/s/home"]
sitemap = false

[limits]
max_pages = 3

[browser]
tab_walk = false

[login]
url = "{url}/s/login"
username_selector = "#username"
password_selector = "#password"
submit_selector = "#login-submit"
username_env = "PORTALSCAN_TEST_USER"
password_env = "PORTALSCAN_TEST_PASSWORD"
success_url_contains = "/s/home"
"##,
            url = server.url()
        ),
    )
    .unwrap();
    let run = Crawl::from(
        portalscan()
            .arg("crawl")
            .arg("--config")
            .arg(&config)
            .arg("--output-dir")
            .arg(&out)
            .env("PORTALSCAN_TEST_USER", USER)
            .env("PORTALSCAN_TEST_PASSWORD", PASSWORD)
            .output()
            .unwrap(),
    );
    let report = report(&out);
    assert!(
        report["pages"].as_array().unwrap().len() >= 2,
        "logged-in crawl found too few pages\n{}",
        run.stderr
    );
    for (name, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        assert!(
            !text.contains(USER) && !text.contains(PASSWORD),
            "credential on {name}"
        );
    }
    let written = files(&out);
    assert!(written.len() >= 5, "{written:?}");
    for file in written {
        let bytes = std::fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(USER) && !text.contains(PASSWORD),
            "credential in {}",
            file.display()
        );
    }

    // A missing variable is a clear error naming it, and nothing else.
    let run = Crawl::from(
        portalscan()
            .arg("crawl")
            .arg("--config")
            .arg(&config)
            .arg("--output-dir")
            .arg(&out)
            .env_remove("PORTALSCAN_TEST_USER")
            .env("PORTALSCAN_TEST_PASSWORD", PASSWORD)
            .output()
            .unwrap(),
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("PORTALSCAN_TEST_USER is not set"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(PASSWORD));
}
