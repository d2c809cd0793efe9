//! The fixture's view of HTTP: a request as the routes read it (method, target, headers,
//! body) and the response they give. `tiny_http` (in `listener.rs`) speaks the protocol.

#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub method: String,
    /// Path and query, as sent (`/s/records?c__mrn=1`).
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    pub fn path(&self) -> &str {
        self.target.split(['?', '#']).next().unwrap_or("")
    }

    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    /// The first value of a header, case-insensitively.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A cookie the request carries.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("cookie"))
            .flat_map(|(_, v)| v.split(';'))
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }

    /// A field of an `application/x-www-form-urlencoded` body.
    pub fn form_field(&self, name: &str) -> Option<String> {
        form_value(&self.body, name)
    }

    /// A parameter of the query string, decoded.
    pub fn query_param(&self, name: &str) -> Option<String> {
        form_value(self.query()?.as_bytes(), name)
    }
}

/// The first value of `name` in `application/x-www-form-urlencoded` data (`+` and `%XX`
/// decoded).
fn form_value(data: &[u8], name: &str) -> Option<String> {
    url::form_urlencoded::parse(data)
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
}

#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    pub fn html(body: impl Into<Vec<u8>>) -> Response {
        Response::new(200, "text/html; charset=utf-8", body)
    }

    pub fn text(status: u16, body: &str) -> Response {
        Response::new(status, "text/plain; charset=utf-8", body)
    }

    pub fn redirect(status: u16, location: &str) -> Response {
        Response::text(status, "").with("Location", location)
    }

    pub fn with(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_and_query_parameters_are_decoded() {
        let request = Request {
            method: "POST".into(),
            target: "/s/login?startURL=%2Fs%2Frecords&x=1".into(),
            headers: vec![],
            body: b"username=a%40b.example+x&password=100%25".to_vec(),
        };
        assert_eq!(
            request.form_field("username").as_deref(),
            Some("a@b.example x")
        );
        assert_eq!(request.form_field("password").as_deref(), Some("100%"));
        assert_eq!(
            request.query_param("startURL").as_deref(),
            Some("/s/records")
        );
        assert_eq!(request.form_field("missing"), None);
    }
}
