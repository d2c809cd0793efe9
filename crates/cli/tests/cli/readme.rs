//! The README's rule table is `portalscan rules --format markdown`, generated from the
//! rules' declarations. `scripts/update-docs.sh` rewrites it (it runs this test with
//! PORTALSCAN_UPDATE_DOCS=1).

use crate::support::{repo_root, run};

const START: &str = "<!-- rules:start -->";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rule_table_matches_the_rules() {
    let path = repo_root().join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (head, rest) = readme
        .split_once(START)
        .expect("README has <!-- rules:start -->");
    let (current, tail) = rest.split_once(END).expect("README has <!-- rules:end -->");

    let out = run(&["rules", "--format", "markdown"]);
    assert_eq!(out.code, 0);
    let generated = format!("\n{}", out.stdout);

    if std::env::var_os("PORTALSCAN_UPDATE_DOCS").is_some() {
        if current != generated {
            std::fs::write(&path, format!("{head}{START}{generated}{END}{tail}")).unwrap();
            eprintln!("README.md: rule table updated");
        }
        return;
    }
    assert!(
        current == generated,
        "README.md's rule table is out of date: run scripts/update-docs.sh\n\
         --- README ---\n{current}\n--- rules --format markdown ---\n{generated}"
    );
}
