//! OAuth, scopes, the gateway's `User-Agent` rule and its error shapes.

mod common;

use std::time::Duration;

use base64::Engine;
use common::{Api, UA, answer, config};
use gtmsql_emulator::{ClientConfig, SCOPE_READ};
use serde_json::{Value, json};
use sha2::Digest;

async fn token_request(
    api: &Api,
    form: &[(&str, &str)],
    basic: Option<(&str, &str)>,
) -> common::Answer {
    let mut req = api
        .http
        .post(format!("{}/gtm/oauth/v1/token", api.emulator.base_url()))
        .form(form);
    if let Some((id, secret)) = basic {
        req = req.basic_auth(id, Some(secret));
    }
    answer(req.send().await.unwrap()).await
}

#[tokio::test]
async fn client_credentials_by_form_or_basic() {
    let api = Api::start().await;
    let (id, secret) = (
        api.emulator.client_id().to_owned(),
        api.emulator.client_secret().to_owned(),
    );
    let by_form = token_request(
        &api,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", &secret),
        ],
        None,
    )
    .await
    .expect(200);
    assert_eq!(by_form["token_type"], "Bearer");
    assert_eq!(by_form["expires_in"], 3600);
    assert_eq!(by_form["scope"], "api:audience:read api:audience:manage");
    assert!(by_form.get("refresh_token").is_none());

    // Basic wins over (wrong) form credentials.
    let by_basic = token_request(
        &api,
        &[
            ("grant_type", "client_credentials"),
            ("client_id", "nobody"),
            ("client_secret", "nothing"),
        ],
        Some((&id, &secret)),
    )
    .await
    .expect(200);
    assert!(by_basic["access_token"].as_str().unwrap().len() >= 32);

    // A narrower scope can be asked for; one the client lacks fails the whole request.
    let narrow = token_request(
        &api,
        &[
            ("grant_type", "client_credentials"),
            ("scope", "api:audience:read"),
        ],
        Some((&id, &secret)),
    )
    .await
    .expect(200);
    assert_eq!(narrow["scope"], "api:audience:read");
    let bad = token_request(
        &api,
        &[
            ("grant_type", "client_credentials"),
            ("scope", "api:data:company"),
        ],
        Some((&id, &secret)),
    )
    .await
    .expect(400);
    assert_eq!(bad["error"], "invalid_scope");

    let wrong = token_request(
        &api,
        &[("grant_type", "client_credentials")],
        Some((&id, "wrong")),
    )
    .await
    .expect(401);
    assert_eq!(wrong["error"], "invalid_client");
    let grant = token_request(&api, &[("grant_type", "password")], Some((&id, &secret)))
        .await
        .expect(400);
    assert_eq!(grant["error"], "unsupported_grant_type");
}

#[tokio::test]
async fn authorization_code_with_pkce_and_rotating_refresh_tokens() {
    let api = Api::start().await;
    let (id, secret) = (
        api.emulator.client_id().to_owned(),
        api.emulator.client_secret().to_owned(),
    );
    let verifier = "a-very-long-code-verifier-string-of-enough-entropy-123456";
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()));
    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(UA)
        .build()
        .unwrap();
    let r = no_redirects
        .get(format!(
            "{}/gtm/oauth/v1/authorize",
            api.emulator.base_url()
        ))
        .query(&[
            ("client_id", id.as_str()),
            ("redirect_uri", "http://localhost:9/callback"),
            ("response_type", "code"),
            ("code_challenge", challenge.as_str()),
            ("code_challenge_method", "S256"),
            ("state", "xyz"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection());
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        location.starts_with("http://localhost:9/callback?code="),
        "{location}"
    );
    assert!(location.ends_with("&state=xyz"));
    let code = location
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_owned();

    let wrong_verifier = token_request(
        &api,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("code_verifier", "not-it"),
            ("redirect_uri", "http://localhost:9/callback"),
        ],
        Some((&id, &secret)),
    )
    .await
    .expect(400);
    assert_eq!(wrong_verifier["error"], "invalid_grant");
    // The code is single use: it went with the failed attempt. Start again.
    let r = no_redirects
        .get(format!(
            "{}/gtm/oauth/v1/authorize",
            api.emulator.base_url()
        ))
        .query(&[
            ("client_id", id.as_str()),
            ("redirect_uri", "http://localhost:9/callback"),
            ("response_type", "code"),
            ("code_challenge", challenge.as_str()),
        ])
        .send()
        .await
        .unwrap();
    let location = r.headers()["location"].to_str().unwrap().to_owned();
    let code = location.split("code=").nth(1).unwrap().to_owned();
    let tokens = token_request(
        &api,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("code_verifier", verifier),
            ("redirect_uri", "http://localhost:9/callback"),
        ],
        Some((&id, &secret)),
    )
    .await
    .expect(200);
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    assert!(tokens["id_token"].is_string());

    let rotated = token_request(
        &api,
        &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
        Some((&id, &secret)),
    )
    .await
    .expect(200);
    assert_ne!(rotated["refresh_token"], refresh.as_str());
    // The old refresh token is spent.
    let reused = token_request(
        &api,
        &[("grant_type", "refresh_token"), ("refresh_token", &refresh)],
        Some((&id, &secret)),
    )
    .await
    .expect(400);
    assert_eq!(reused["error"], "invalid_grant");
}

fn gateway_error(body: &Value, code: &str, status: u16) {
    assert_eq!(body["error"]["code"], code, "{body}");
    assert_eq!(body["error"]["status"], status);
    assert!(
        body["error"]["requestId"]
            .as_str()
            .unwrap()
            .starts_with("req_")
    );
    assert!(body["error"]["message"].is_string());
    assert!(body["error"]["retryable"].is_boolean());
}

#[tokio::test]
async fn api_calls_need_a_valid_token() {
    let api = Api::start().await;
    let url = api.url("/folders");
    let missing = answer(api.http.get(&url).send().await.unwrap()).await;
    assert_eq!(missing.status, 401);
    gateway_error(&missing.body, "ZI0001", 401);
    assert!(missing.headers.contains_key("x-request-id"));
    let invalid = answer(
        api.http
            .get(&url)
            .bearer_auth("not-a-token")
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(invalid.status, 401);
    gateway_error(&invalid.body, "ZI0001", 401);
}

#[tokio::test]
async fn tokens_expire() {
    let api = Api::with(config().with_token_ttl(Duration::from_secs(1))).await;
    api.get("/folders").await.expect(200);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let expired = api.get("/folders").await;
    assert_eq!(expired.status, 401);
    assert!(
        expired.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
}

#[tokio::test]
async fn a_missing_scope_is_forbidden() {
    let reader = ClientConfig::new("reader", "reader-secret-0123456789").with_scopes(&[SCOPE_READ]);
    let mut api = Api::with(config().with_client(reader)).await;
    api.get("/folders").await.expect(200);
    let denied = api
        .post(
            "/folders",
            json!({"data": {"type": "Folder", "attributes": {"name": "x"}}}),
        )
        .await;
    assert_eq!(denied.status, 403);
    gateway_error(&denied.body, "ZI0002", 403);
    assert!(
        denied.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("/gtm/studio/v1/folders")
    );

    // A manage-only token cannot read, unless the emulator is told manage implies read.
    let manager = ClientConfig::new("manager", "manager-secret-0123456789")
        .with_scopes(&["api:audience:manage"]);
    api = Api::with(config().with_client(manager.clone())).await;
    assert_eq!(api.get("/folders").await.status, 403);
    api = Api::with(config().with_client(manager).with_manage_implies_read(true)).await;
    api.get("/folders").await.expect(200);
}

#[tokio::test]
async fn default_library_user_agents_are_refused() {
    let api = Api::start().await;
    for ua in ["python-requests/2.31", "Go-http-client/1.1", "Java/17.0.2"] {
        let r = answer(
            reqwest::Client::new()
                .get(api.url("/folders"))
                .bearer_auth(&api.token)
                .header("User-Agent", ua)
                .send()
                .await
                .unwrap(),
        )
        .await;
        assert_eq!(r.status, 403, "{ua}");
        gateway_error(&r.body, "ZI0003", 403);
    }
    // No User-Agent at all.
    let none = answer(
        reqwest::Client::new()
            .get(api.url("/folders"))
            .bearer_auth(&api.token)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(none.status, 403);
}

#[tokio::test]
async fn unknown_routes_and_wrong_verbs_are_404_zi9998() {
    let api = Api::start().await;
    let unknown = api.get("/nothing/here").await;
    assert_eq!(unknown.status, 404);
    gateway_error(&unknown.body, "ZI9998", 404);
    let verb = api
        .call(reqwest::Method::PUT, "/folders", Some(json!({})))
        .await;
    assert_eq!(verb.status, 404);
    gateway_error(&verb.body, "ZI9998", 404);
}

#[tokio::test]
async fn secrets_stay_out_of_debug_output() {
    let client = ClientConfig::new("visible-id", "the-secret-value-42");
    assert!(!format!("{client:?}").contains("the-secret-value-42"));
    let api = Api::with(config().with_client(client)).await;
    let debug = format!("{:?}", api.emulator);
    assert!(debug.contains("visible-id"));
    assert!(!debug.contains("the-secret-value-42"));
}
