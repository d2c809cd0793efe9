//! PHI-exposure rules: one per place PHI can escape a patient portal (`phi.location`).
//! Detection lives in [`crate::phi`]; [`support`] holds what the rules share.

mod cache_storage;
mod comment;
mod console;
mod cookie;
mod cookie_flags;
mod form;
mod header;
mod hidden;
mod hsts;
mod indexeddb;
mod integrity;
mod local_storage;
mod mixed_content;
mod referrer;
mod restored;
mod script;
mod session_storage;
mod support;
mod third_party;
mod title;
mod url;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &url::PhiInUrl,
        &title::PhiInTitle,
        &comment::PhiInComment,
        &hidden::PhiInHiddenField,
        &script::PhiInScript,
        &form::PhiFormTransmission,
        &local_storage::PhiInLocalStorage,
        &session_storage::PhiInSessionStorage,
        &indexeddb::PhiInIndexedDb,
        &cache_storage::PhiInCacheStorage,
        &cookie::PhiInCookie,
        &cookie_flags::SessionCookieFlags,
        &console::PhiInConsole,
        &header::PhiResponseNoStore,
        &restored::PhiRestoredAfterLogout,
        &referrer::PhiReferrerLeak,
        &third_party::PhiThirdParty,
        &integrity::ThirdPartyIntegrity,
        &mixed_content::MixedContent,
        &hsts::Hsts,
    ]
}
