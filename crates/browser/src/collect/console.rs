//! Console messages as text: the arguments of `console.*` calls (DevTools `RemoteObject`s)
//! rendered roughly as the DevTools console shows them, with `%s`-style substitutions.

use serde_json::Value;

use super::fields::str_of;

/// The longest message kept; a page that logs a whole record still gets a finding, and the
/// snapshot stays small.
pub const MAX_MESSAGE: usize = 16 * 1024;

/// `Runtime.consoleAPICalled`'s `type` as a level: `log`, `info`, `debug`, `warning`,
/// `error`; assertions are errors, the rest (`table`, `dir`, `trace`, ...) are logs.
pub fn level_of_api(kind: &str) -> &'static str {
    match kind {
        "debug" => "debug",
        "info" => "info",
        "warning" => "warning",
        "error" | "assert" => "error",
        _ => "log",
    }
}

/// `Log.entryAdded`'s level (`verbose`, `info`, `warning`, `error`) on the same scale.
pub fn level_of_log(level: &str) -> &'static str {
    match level {
        "verbose" => "debug",
        "warning" => "warning",
        "error" => "error",
        _ => "info",
    }
}

/// The text of a console call's arguments.
pub fn format_args(args: &[Value]) -> String {
    let mut rest = args.iter();
    let mut out = String::new();
    if let Some(first) = args.first().filter(|a| str_of(a, "type") == Some("string")) {
        rest.next();
        let format = first.get("value").and_then(Value::as_str).unwrap_or("");
        substitute(format, &mut rest, &mut out);
    }
    for arg in rest {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&render(arg));
    }
    super::fields::truncate(out, MAX_MESSAGE)
}

/// Applies `%s %d %i %f %o %O %c` in `format`, taking arguments from `args`.
fn substitute<'a>(format: &str, args: &mut impl Iterator<Item = &'a Value>, out: &mut String) {
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('%') => {
                chars.next();
                out.push('%');
            }
            Some(spec @ ('s' | 'd' | 'i' | 'f' | 'o' | 'O' | 'c')) => {
                chars.next();
                let Some(arg) = args.next() else {
                    out.push('%');
                    out.push(spec);
                    continue;
                };
                match spec {
                    'c' => {} // CSS for the console's own styling.
                    'd' | 'i' => {
                        let n = arg.get("value").and_then(Value::as_f64);
                        match n {
                            Some(n) => out.push_str(&format!("{}", n.trunc())),
                            None => out.push_str("NaN"),
                        }
                    }
                    's' => match arg.get("value").and_then(Value::as_str) {
                        Some(s) => out.push_str(s),
                        None => out.push_str(&render(arg)),
                    },
                    _ => out.push_str(&render(arg)),
                }
            }
            _ => out.push('%'),
        }
    }
}

/// One argument: primitives by value, strings bare, objects from their preview.
pub fn render(arg: &Value) -> String {
    let kind = str_of(arg, "type").unwrap_or("");
    if let Some(u) = str_of(arg, "unserializableValue") {
        return u.to_string(); // NaN, Infinity, -0, 123n
    }
    match kind {
        "undefined" => "undefined".into(),
        "string" => str_of(arg, "value").unwrap_or("").to_string(),
        "number" | "boolean" => arg.get("value").map(Value::to_string).unwrap_or_default(),
        "object" if str_of(arg, "subtype") == Some("null") => "null".into(),
        "object" => match arg.get("preview") {
            Some(preview) => render_preview(preview),
            None => match arg.get("value") {
                Some(v) if !v.is_null() => v.to_string(),
                _ => str_of(arg, "description").unwrap_or("Object").to_string(),
            },
        },
        _ => str_of(arg, "description").unwrap_or("").to_string(),
    }
}

/// `{a: 1, b: "x"}` or `[1, 2]` from an `ObjectPreview`, `…` where the preview stopped.
fn render_preview(preview: &Value) -> String {
    let subtype = str_of(preview, "subtype");
    let props = preview
        .get("properties")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let overflow = preview.get("overflow").and_then(Value::as_bool) == Some(true);
    let is_array = subtype == Some("array");
    if !is_array && !matches!(subtype, None | Some("")) && props.is_empty() {
        // Dates, regexps, errors, nodes: their description says it best.
        return str_of(preview, "description").unwrap_or("").to_string();
    }
    let mut parts: Vec<String> = props
        .iter()
        .map(|p| {
            let value = match (str_of(p, "type"), str_of(p, "value")) {
                (Some("string"), Some(v)) => format!("{v:?}"),
                (_, Some(v)) => v.to_string(),
                (Some("object"), None) => "{…}".to_string(),
                _ => String::new(),
            };
            let name = str_of(p, "name").unwrap_or("");
            if is_array {
                value
            } else {
                format!("{name}: {value}")
            }
        })
        .collect();
    if overflow {
        parts.push("…".into());
    }
    let body = parts.join(", ");
    if is_array {
        format!("[{body}]")
    } else {
        format!("{{{body}}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn arguments_render_like_the_console() {
        let args = [
            json!({"type": "string", "value": "loaded %s for %d"}),
            json!({"type": "string", "value": "chart"}),
            json!({"type": "number", "value": 4.7, "description": "4.7"}),
            json!({"type": "object", "className": "Object", "preview": {"type": "object", "overflow": false,
                "properties": [{"name": "mrn", "type": "string", "value": "00123456"}, {"name": "n", "type": "number", "value": "1"},
                               {"name": "o", "type": "object"}]}}),
            json!({"type": "object", "subtype": "array", "preview": {"type": "object", "subtype": "array", "overflow": true,
                "properties": [{"name": "0", "type": "number", "value": "1"}]}}),
            json!({"type": "object", "subtype": "null", "value": null}),
            json!({"type": "undefined"}),
            json!({"type": "number", "unserializableValue": "NaN"}),
            json!({"type": "boolean", "value": true}),
        ];
        assert_eq!(
            format_args(&args),
            r#"loaded chart for 4 {mrn: "00123456", n: 1, o: {…}} [1, …] null undefined NaN true"#
        );
        assert_eq!(
            format_args(&[
                json!({"type": "string", "value": "%c styled %% %s"}),
                json!({"type": "string", "value": "color:red"})
            ]),
            " styled % %s"
        );
        assert_eq!(
            format_args(&[
                json!({"type": "number", "value": 3}),
                json!({"type": "string", "value": "%s"})
            ]),
            "3 %s"
        );
    }

    #[test]
    fn levels() {
        assert_eq!(level_of_api("warning"), "warning");
        assert_eq!(level_of_api("assert"), "error");
        assert_eq!(level_of_api("table"), "log");
        assert_eq!(level_of_log("verbose"), "debug");
        assert_eq!(level_of_log("error"), "error");
    }
}
