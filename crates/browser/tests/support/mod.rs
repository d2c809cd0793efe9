//! Test helpers: a loopback HTTP server, a headless Chromium with its own profile, and a
//! node map built from `DOM.getDocument` (until the capture module provides one).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use headless_chrome::protocol::cdp::types::Method;
use headless_chrome::{Browser, LaunchOptions, Tab};
use portalscan_browser::NodeMap;
use portalscan_core::NodeId;
use serde::Serialize;
use serde_json::{Value, json};

pub struct Reply {
    status: &'static str,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    pub fn html(body: &str) -> Reply {
        Reply {
            status: "200 OK",
            headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
            body: body.to_string(),
        }
    }
    pub fn redirect(to: &str) -> Reply {
        Reply {
            status: "302 Found",
            headers: vec![("Location".into(), to.into())],
            body: String::new(),
        }
    }
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.into(), value.into()));
        self
    }
    pub fn cookie(self, value: &str) -> Reply {
        self.header("Set-Cookie", value)
    }
}

type Handler = dyn Fn(&str, &str) -> Reply + Send + Sync;

/// Answers each request on 127.0.0.1 with `handler(path, cookie header)`; stops with the test.
pub struct Server {
    port: u16,
}

impl Server {
    pub fn start(handler: impl Fn(&str, &str) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let handler: Arc<Handler> = Arc::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = handler.clone();
                std::thread::spawn(move || serve(stream, &*handler));
            }
        });
        Server { port }
    }

    /// Serves fixed pages by path.
    pub fn pages(pages: &[(&str, &str)]) -> Server {
        let pages: Vec<(String, String)> = pages
            .iter()
            .map(|(p, h)| (p.to_string(), h.to_string()))
            .collect();
        Server::start(move |path, _| match pages.iter().find(|(p, _)| p == path) {
            Some((_, html)) => Reply::html(html),
            None => Reply {
                status: "404 Not Found",
                headers: vec![],
                body: String::new(),
            },
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn serve(stream: TcpStream, handler: &Handler) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split(' ').nth(1).unwrap_or("/").to_string();
    let path = path.split('?').next().unwrap_or("/").to_string();
    let mut cookie = String::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
            break;
        }
        if let Some(v) = h
            .strip_prefix("Cookie:")
            .or_else(|| h.strip_prefix("cookie:"))
        {
            cookie = v.trim().to_string();
        }
    }
    let reply = handler(&path, &cookie);
    let mut out = format!(
        "HTTP/1.1 {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.body.len()
    );
    for (k, v) in &reply.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&reply.body);
    let mut stream = stream;
    let _ = stream.write_all(out.as_bytes());
}

/// Headless Chromium with a fresh profile directory, removed on drop.
pub struct Chrome {
    browser: Option<Browser>,
    profile: PathBuf,
}

static PROFILES: AtomicUsize = AtomicUsize::new(0);

impl Chrome {
    pub fn launch() -> Chrome {
        let profile = std::env::temp_dir().join(format!(
            "portalscan-keyboard-test-{}-{}",
            std::process::id(),
            PROFILES.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&profile).unwrap();
        let chrome = std::env::var_os("CHROME")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
        let args: Vec<&std::ffi::OsStr> = [
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ]
        .iter()
        .map(std::ffi::OsStr::new)
        .collect();
        let options = LaunchOptions {
            headless: true,
            sandbox: false,
            enable_gpu: false,
            path: Some(chrome),
            user_data_dir: Some(profile.clone()),
            window_size: Some((1280, 800)),
            idle_browser_timeout: Duration::from_secs(60),
            args,
            ..LaunchOptions::default()
        };
        let browser = Browser::new(options).expect("Chromium starts");
        Chrome {
            browser: Some(browser),
            profile,
        }
    }

    pub fn open(&self, url: &str) -> Page {
        self.open_with(url, |_| {})
    }

    /// Opens `url` in a new tab after `before(tab)` (e.g. installing a hook).
    pub fn open_with(&self, url: &str, before: impl FnOnce(&Tab)) -> Page {
        let tab = self.browser.as_ref().unwrap().new_tab().unwrap();
        before(&tab);
        tab.navigate_to(url)
            .unwrap()
            .wait_until_navigated()
            .unwrap();
        let (map, names, tags) = node_map(&tab);
        Page {
            tab,
            map,
            names,
            tags,
        }
    }

    /// The same tab with its node map built again (after the page settled).
    pub fn reopen(&self, page: Page) -> Page {
        let (map, names, tags) = node_map(&page.tab);
        Page {
            tab: page.tab,
            map,
            names,
            tags,
        }
    }
}

impl Drop for Chrome {
    fn drop(&mut self) {
        drop(self.browser.take());
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

pub struct Page {
    pub tab: Arc<Tab>,
    pub map: NodeMap,
    /// Each mapped node's id attribute, or its lower-case name.
    names: Vec<String>,
    /// Each mapped node's start tag, for messages.
    tags: Vec<String>,
}

impl Page {
    pub fn ids(&self, nodes: impl IntoIterator<Item = NodeId>) -> Vec<String> {
        nodes
            .into_iter()
            .map(|n| self.names[n.index()].clone())
            .collect()
    }

    pub fn describe(&self, node: NodeId) -> String {
        self.tags[node.index()].clone()
    }

    pub fn eval(&self, expression: &str) -> Value {
        self.tab
            .evaluate(expression, false)
            .unwrap()
            .value
            .unwrap_or(Value::Null)
    }
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct GetDocument(Value);
impl Method for GetDocument {
    const NAME: &'static str = "DOM.getDocument";
    type ReturnObject = Value;
}

/// Numbers every node of the document (shadow roots, closed ones too, right after their
/// host), pre-order, as the snapshot arena does.
fn node_map(tab: &Tab) -> (NodeMap, Vec<String>, Vec<String>) {
    let doc = tab
        .call_method(GetDocument(json!({"depth": -1, "pierce": true})))
        .unwrap();
    let mut map = NodeMap::default();
    let mut names = Vec::new();
    let mut tags = Vec::new();
    let mut stack = vec![&doc["root"]];
    while let Some(node) = stack.pop() {
        let id = NodeId(names.len() as u32);
        map.insert(node["backendNodeId"].as_u64().unwrap() as u32, id);
        let attrs: Vec<&str> = node["attributes"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let id_attr = attrs
            .chunks(2)
            .find(|kv| kv[0] == "id")
            .map(|kv| kv[1].to_string());
        let mut tag = node["nodeName"].as_str().unwrap().to_lowercase();
        for kv in attrs.chunks(2) {
            tag.push_str(&format!(" {}=\"{}\"", kv[0], kv.get(1).unwrap_or(&"")));
        }
        tags.push(tag);
        names.push(id_attr.unwrap_or_else(|| node["nodeName"].as_str().unwrap().to_lowercase()));
        let mut next: Vec<&Value> = Vec::new();
        next.extend(node["shadowRoots"].as_array().into_iter().flatten());
        next.extend(node["children"].as_array().into_iter().flatten());
        next.extend(
            node["contentDocument"]
                .as_object()
                .map(|_| &node["contentDocument"]),
        );
        stack.extend(next.into_iter().rev());
    }
    (map, names, tags)
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct Evaluate(Value);
impl Method for Evaluate {
    const NAME: &'static str = "Runtime.evaluate";
    type ReturnObject = Value;
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct GetEventListeners(Value);
impl Method for GetEventListeners {
    const NAME: &'static str = "DOMDebugger.getEventListeners";
    type ReturnObject = Value;
}

/// Elements with a pointer listener as DevTools lists them (whole tree, shadow roots too).
pub fn pointer_listeners_by_devtools(
    tab: &Tab,
    map: &NodeMap,
) -> std::collections::BTreeSet<NodeId> {
    let doc = tab
        .call_method(Evaluate(json!({"expression": "document"})))
        .unwrap();
    let object = doc["result"]["objectId"].as_str().unwrap().to_string();
    let listeners = tab
        .call_method(GetEventListeners(
            json!({"objectId": object, "depth": -1, "pierce": true}),
        ))
        .unwrap();
    listeners["listeners"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| {
            ["click", "mousedown", "mouseup", "pointerdown", "pointerup"]
                .contains(&l["type"].as_str().unwrap_or(""))
        })
        .filter_map(|l| map.node(l["backendNodeId"].as_u64()? as u32))
        // Elements only: the document and window have no element to report.
        .filter(|n| n.index() != 0)
        .collect()
}
