//! Building the state and the HTTP application, and serving it.

use super::allowed_hosts::{self, AllowedHosts};
use super::body_limit::{self, BodyLimit};
use super::clock::{Clock, SystemClock};
use super::config::{Config, ProcessorChoice, SameSitePolicy, SessionConfig, SiteMode};
use super::csrf::{self, AllowedOrigins};
use super::mail::transport::Mailer;
use super::page_cache::{self, PageCache};
use super::page_renders::{self, PageRenders, StalledAfter};
use super::password_hasher::PasswordHasher;
use super::payments::provider::SimulatedProvider;
use super::state::{AppState, Services};
use super::{appointments, db, error_status, jobs, security_headers, seed, static_files, users};
use crate::app::{App, shell};
use crate::dto::demo_site::DemoSite;
use crate::dto::sign_in_provider::SignInProvider;
use axum::Router;
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower_http::compression::CompressionLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{CachingSessionStore, ExpiredDeletion, Expiry, SessionManagerLayer};
use tower_sessions_moka_store::MokaStore;
use tower_sessions_sqlx_store::SqliteStore;

/// How long requests under way may take to finish once a shutdown is asked for.
pub const SHUTDOWN_GRACE: std::time::Duration = std::time::Duration::from_secs(10);

/// A bound, ready-to-serve application.
pub struct Application {
    listener: TcpListener,
    router: Router,
    state: AppState,
}

/// Connects the database (migrating it) and prepares the shared state, without serving.
pub async fn build_state(config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<AppState> {
    let db = db::connect_and_migrate(&config.database).await?;
    let writer = db::connect_writer(&config.database).await?;
    let mailer = Mailer::from_config(&config.mail).map_err(anyhow::Error::msg)?;
    jobs::set_reminder_offsets(&writer, &config.reminders).await?;
    appointments::set_max_future(&writer, config.booking.max_future_appointments).await?;
    if let Some(report) = super::locations::import::load_shipped(&writer, false).await? {
        tracing::info!(report.added, report.renamed, "loaded the shipped locations");
    }
    let config_processor = config.payments.processor;
    let config_mode = config.site.mode;
    let commits = db::commits::Commits::of(&config.database.path);
    let limits = super::rate_limits::RateLimits::new(&config.limits);
    let leptos_options = LeptosOptions::builder()
        .output_name("medibook")
        .site_root(config.site.root.display().to_string())
        .site_pkg_dir(config.site.pkg_dir.clone())
        .site_addr(config.site.address)
        .env(Env::PROD)
        .hash_files(static_files::build_has_hashes("hash.txt"))
        .build();
    let hasher = PasswordHasher::new(config.limits.hash_concurrency).await?;
    let token_key = super::tokens::keys::load_or_create(&writer, clock.now()).await?;
    let oidc = match &config.oidc {
        Some(oidc) => Some(Arc::new(super::oidc::provider::OidcProvider::new(
            oidc.clone(),
            &config.mail.site_url,
        )?)),
        None => None,
    };
    Ok(AppState::new(Services {
        leptos_options,
        db,
        writer,
        config: Arc::new(config),
        clock,
        hasher,
        mailer,
        limits,
        token_key,
        oidc,
        reference: Arc::new(super::reference_cache::ReferenceCache::new(commits)),
        code_vault: (config_mode == SiteMode::Production).then(Arc::default),
        payments: match config_processor {
            ProcessorChoice::Simulated => Some(Arc::new(SimulatedProvider::default())),
            ProcessorChoice::None => None,
        },
    }))
}

impl Application {
    /// Builds the application on the real clock.
    pub async fn build(config: Config) -> anyhow::Result<Application> {
        Application::build_with_clock(config, Arc::new(SystemClock)).await
    }

    /// Builds the application: database, first-start seeding, listener (port 0 picks one).
    pub async fn build_with_clock(
        config: Config,
        clock: Arc<dyn Clock>,
    ) -> anyhow::Result<Application> {
        let listener = TcpListener::bind(config.site.address).await?;
        let mut config = config;
        config.site.address = listener.local_addr()?;
        let state = build_state(config, clock).await?;
        state.limits.spawn_janitor();
        seed_first_start(&state).await?;
        settle_interrupted_payments(&state).await?;
        start_jobs(&state).await?;
        let router = router(state.clone()).await?;
        Ok(Application { listener, router, state })
    }

    /// The address actually bound.
    pub fn address(&self) -> SocketAddr {
        self.state.config.site.address
    }

    /// The shared state (for tests and start-up messages).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then lets requests under way finish for at most
    /// [`SHUTDOWN_GRACE`]: a connection that never finishes must not keep a stopped server (and
    /// its port) alive.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let service = self.router.into_make_service_with_connect_info::<SocketAddr>();
        let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
        let signal = async move {
            shutdown.await;
            let _ = stopping.send(());
        };
        let serving =
            axum::serve(self.listener, service).with_graceful_shutdown(signal).into_future();
        let deadline = async move {
            match stopped.await {
                Ok(()) => tokio::time::sleep(SHUTDOWN_GRACE).await,
                Err(_) => std::future::pending().await,
            }
        };
        tokio::select! {
            served = serving => served,
            () = deadline => {
                tracing::warn!(grace = ?SHUTDOWN_GRACE, "requests still under way at shutdown were cut off");
                Ok(())
            }
        }
    }
}

/// Puts jobs interrupted by a crash back in order and starts the worker (unless turned off).
async fn start_jobs(state: &AppState) -> anyhow::Result<()> {
    let recovered = jobs::recover_interrupted(state).await?;
    if recovered.requeued > 0 {
        tracing::warn!(recovered.requeued, "jobs interrupted by the last stop were queued again");
    }
    if recovered.given_up > 0 {
        tracing::error!(
            recovered.given_up,
            "SMTP sends interrupted by the last stop may have been delivered and are not sent \
             again: see the failed jobs at /admin/mail"
        );
    }
    if state.config.jobs.run_worker {
        let poll = std::time::Duration::from_millis(state.config.jobs.poll_ms);
        tokio::spawn(jobs::run_worker(state.clone(), poll));
    }
    let refresh = std::time::Duration::from_millis(state.config.jobs.availability_refresh_ms);
    tokio::spawn(crate::server::directory::availability_cache::run_worker(state.clone(), refresh));
    tokio::spawn(keep_statistics_fresh(state.writer.clone(), state.config.database.path.clone()));
    if state.config.jobs.run_worker {
        let every = std::time::Duration::from_secs(5);
        tokio::spawn(crate::server::calendar::worker::run(state.clone(), every));
    }
    Ok(())
}

/// Refreshes the query planner's statistics hourly (through the writer: `ANALYZE` writes).
async fn keep_statistics_fresh(writer: sqlx::SqlitePool, path: std::path::PathBuf) {
    let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
    hourly.tick().await;
    loop {
        hourly.tick().await;
        if let Err(error) = super::db::statistics::optimize(&writer, &path, false).await {
            tracing::warn!(error = %error, "refreshing table statistics failed");
        }
    }
}

/// Posts or declines the card payments a crash left pending, before anything is served.
async fn settle_interrupted_payments(state: &AppState) -> anyhow::Result<()> {
    let recovered = super::payments::recovery::settle_pending(state).await?;
    if recovered.posted + recovered.declined > 0 {
        tracing::warn!(
            recovered.posted,
            recovered.declined,
            "card payments interrupted by the last stop were settled"
        );
    }
    if recovered.refunds_sent + recovered.refunds_returned > 0 {
        tracing::warn!(
            recovered.refunds_sent,
            recovered.refunds_returned,
            "refunds to cards interrupted by the last stop were settled"
        );
    }
    Ok(())
}

async fn seed_first_start(state: &AppState) -> anyhow::Result<()> {
    let seed = &state.config.seed;
    if seed.on_first_start && users::count(&state.db).await? == 0 {
        let report = seed::run(state, seed.doctors, &seed.demo_password).await?;
        seed::demo_credit(state).await?;
        tracing::info!(created = report.created.len(), "seeded demo data on first start");
    }
    Ok(())
}

/// Sessions kept in memory at most (the least recently used leave first; a session not in
/// memory is read from SQLite again).
const SESSION_CACHE_CAPACITY: u64 = 10_000;

async fn router(state: AppState) -> anyhow::Result<Router> {
    let store = SqliteStore::new(state.db.clone());
    store.migrate().await?;
    tokio::spawn(store.clone().continuously_delete_expired(tokio::time::Duration::from_secs(3600)));
    let config = &state.config;
    let session = &config.session;
    let https = config.mail.site_url.starts_with("https://");
    // Sessions are read from memory and written through to SQLite: a signed-in request no longer
    // spends two round trips to a database thread on its session row.
    let store = CachingSessionStore::new(MokaStore::new(Some(SESSION_CACHE_CAPACITY)), store);
    let session_layer = SessionManagerLayer::new(store)
        .with_name(session_cookie_name(&config.session, https))
        .with_http_only(true)
        .with_secure(session.secure_cookie)
        .with_same_site(match session.same_site {
            SameSitePolicy::Lax => SameSite::Lax,
            SameSitePolicy::Strict => SameSite::Strict,
        })
        .with_path("/")
        .with_expiry(Expiry::OnSessionEnd);
    let allowed = AllowedOrigins(Arc::new(config.site.allowed_origins.clone()));
    let demo_mode = config.site.mode == SiteMode::Demo;
    let hosts = AllowedHosts::new(&config.mail.site_url, &config.site.allowed_origins, demo_mode);
    let body_limit = BodyLimit(config.limits.body_kib * 1024);
    let routes = generate_route_list(App);
    let page_state = state.clone();
    let demo = DemoSite(demo_mode);
    let provider = SignInProvider(state.oidc.as_ref().map(|p| p.button_label().to_owned()));
    let page_context = move || {
        provide_context(page_state.clone());
        provide_context(demo);
        provide_context(provider.clone());
    };
    let options = state.leptos_options.clone();
    let stylesheet: Arc<str> = static_files::stylesheet_href(
        &config.site.pkg_dir,
        &options.output_name,
        &options.hash_file,
    )
    .into();
    let page = move |options: LeptosOptions| {
        security_headers::set_page_policy();
        shell(options, stylesheet.to_string())
    };
    let route_page = page.clone();
    let pkg_files = tower::ServiceBuilder::new()
        .layer(axum::middleware::from_fn(static_files::cache_policy))
        .service(static_files::pkg_service(config.site.root.join(&config.site.pkg_dir)));
    let mut router = Router::new()
        .leptos_routes_with_context(&state, routes, page_context.clone(), move || {
            route_page(options.clone())
        })
        // Only the Leptos pages: a stalled render is started again (never a callback or download).
        .route_layer(axum::middleware::from_fn_with_state(
            StalledAfter::default(),
            page_renders::render_again_if_stalled,
        ))
        .nest_service(&format!("/{}", config.site.pkg_dir), pkg_files)
        .route(crate::paths::WALLET_HISTORY_CSV, axum::routing::get(super::wallet_csv::download))
        .route("/reports/{file}", axum::routing::get(super::reports::download::download))
        .route(
            crate::paths::PHOTO_UPLOAD,
            axum::routing::post(super::photos::routes::upload)
                .layer(axum::extract::DefaultBodyLimit::max(super::photos::routes::DRAIN_LIMIT)),
        )
        .route(crate::paths::PHOTO_REMOVE, axum::routing::post(super::photos::routes::remove))
        .route(crate::paths::OIDC_START, axum::routing::get(super::oidc::routes::start))
        .route(crate::paths::OIDC_CALLBACK, axum::routing::get(super::oidc::routes::callback))
        .route("/photos/{hash}/{file}", axum::routing::get(super::photos::routes::serve))
        .route(
            super::calendar::routes::FEED_ROUTE,
            axum::routing::get(super::calendar::routes::feed),
        )
        .route(
            super::calendar::routes::APPOINTMENT_ROUTE,
            axum::routing::get(super::calendar::routes::appointment),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            page_context,
            page,
        ))
        .layer(axum::middleware::map_response(error_status::correct))
        .layer(axum::middleware::from_fn_with_state(allowed, csrf::same_origin_only))
        .layer(session_layer)
        // The REST API: outside the session and same-origin layers (bearer tokens only, so no
        // cookie ever authenticates it and there is nothing for another site to ride on).
        .merge(super::rest::router())
        .layer(axum::middleware::from_fn_with_state(body_limit, body_limit::limit_bodies))
        .layer(axum::middleware::from_fn(security_headers::no_store_unless_static))
        .layer(axum::middleware::from_fn_with_state(
            PageRenders::new(config.limits.concurrent_pages),
            page_renders::one_of_a_few,
        ))
        // Outside the render queue: a kept page is answered without waiting for a render.
        .layer(axum::middleware::from_fn_with_state(
            PageCache::new(
                state.clock.clone(),
                db::commits::Commits::of(&config.database.path),
                config.limits.page_cache_kib,
                config.limits.page_cache_seconds,
            ),
            page_cache::serve_from_cache,
        ));
    for layer in security_headers::layers(https) {
        router = router.layer(layer);
    }
    Ok(router
        // Pages and answers compressed as the browser allows; /pkg files are precompressed.
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(axum::middleware::from_fn_with_state(hosts, allowed_hosts::known_hosts_only))
        .layer(TraceLayer::new_for_http())
        .with_state(state))
}

/// The session cookie's name: with the `__Host-` prefix when the site is https and the cookie
/// Secure, so the browser refuses it from any subdomain or over plain http.
fn session_cookie_name(session: &SessionConfig, https: bool) -> String {
    if https && session.secure_cookie {
        format!("__Host-{}", session.cookie_name)
    } else {
        session.cookie_name.clone()
    }
}
