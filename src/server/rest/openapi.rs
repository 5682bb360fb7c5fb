//! The OpenAPI 3.1 document of `/api/v1`, built from the handlers' own annotations.

use super::handlers::{
    account, admin, appointments, catalog, doctors, personal_tokens, places, practice, profile,
    reviews, tokens,
};
use crate::server::state::AppState;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ObjectBuilder, OpenApi as Document, RefOr, Schema, Type};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "MediBook API",
        version = "1",
        description = "Doctors, availability and appointments for clinics, integrators and \
            mobile apps. Sign in at `POST /api/v1/tokens` and send the access token as \
            `Authorization: Bearer <token>`; cookies never authenticate here. Errors are \
            `application/problem+json` with the web app's stable `code`. Times are RFC 3339 \
            UTC instants with the IANA zone beside them; money is integer minor units with \
            its currency."
    ),
    modifiers(&BearerAuth),
    tags(
        (name = "tokens", description = "Signing in, refreshing and revoking"),
        (name = "me", description = "The signed-in user"),
        (name = "doctors", description = "The directory"),
        (name = "availability", description = "Free times"),
        (name = "appointments", description = "Holding, booking and changing appointments"),
        (name = "reviews", description = "Reviews from completed visits"),
        (name = "locations", description = "Division → district → upazila / thana"),
        (name = "wallet", description = "A patient's balance, history and deposits"),
        (name = "doctors' practice", description = "A doctor's agenda, patients' histories and earnings"),
        (name = "admin", description = "Accounts and statistics, for admins"),
    )
)]
struct ApiDoc;

/// Declares the bearer scheme the operations' `security` names.
struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build(),
            ),
        );
    }
}

/// Every `time_zone` parameter lists the IANA zone names the server knows, so a client (and a
/// contract test) knows exactly which are accepted. Applied to the finished document (the
/// routes' paths are added after `ApiDoc`'s own modifiers run).
pub struct ZoneNames;

impl Modify for ZoneNames {
    fn modify(&self, doc: &mut Document) {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        for item in doc.paths.paths.values_mut() {
            let operations = [&mut item.get, &mut item.post, &mut item.put, &mut item.delete];
            for operation in operations.into_iter().flatten() {
                for parameter in operation.parameters.iter_mut().flatten() {
                    if let RefOr::T(parameter) = parameter
                        && parameter.name == "time_zone"
                    {
                        let schema = ObjectBuilder::new()
                            .schema_type(Type::String)
                            .enum_values(Some(names.clone()))
                            .build();
                        parameter.schema = Some(RefOr::T(Schema::Object(schema)));
                    }
                }
            }
        }
    }
}

/// The handlers with their routes and the document that describes them.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(tokens::sign_in))
        .routes(routes!(tokens::refresh))
        .routes(routes!(tokens::revoke))
        .routes(routes!(tokens::me))
        .routes(routes!(profile::read, profile::change))
        .routes(routes!(catalog::specialties))
        .routes(routes!(doctors::search))
        .routes(routes!(doctors::detail))
        .routes(routes!(doctors::day_slots))
        .routes(routes!(doctors::month))
        .routes(routes!(appointments::hold))
        .routes(routes!(appointments::book))
        .routes(routes!(appointments::mine))
        .routes(routes!(appointments::one))
        .routes(routes!(appointments::change))
        .routes(routes!(appointments::reschedule))
        .routes(routes!(reviews::of_doctor))
        .routes(routes!(reviews::write))
        .routes(routes!(places::children))
        .routes(routes!(places::tree))
        .routes(routes!(places::path))
        .routes(routes!(places::search))
        .routes(routes!(places::check))
        .routes(routes!(account::notifications))
        .routes(routes!(account::mark_read))
        .routes(routes!(account::wallet))
        .routes(routes!(account::deposit))
        .routes(routes!(admin::users))
        .routes(routes!(admin::verify))
        .routes(routes!(admin::set_active))
        .routes(routes!(personal_tokens::issue, personal_tokens::list))
        .routes(routes!(personal_tokens::revoke))
        .routes(routes!(practice::agenda))
        .routes(routes!(practice::patient_history))
        .routes(routes!(practice::earnings))
        .routes(routes!(practice::withdraw))
        .routes(routes!(practice::statistics))
}
