//! Errors as JSON: `{"error": "...", "parameter": "..."}` with the status
//! that says what went wrong (400 a bad parameter, 401 no or a wrong token,
//! 404, 413 a body over the limit, 415 a body type other than JSON, 503
//! while shutting down, 500 for a store error, logged with its cause).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error response.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    /// The query parameter or field at fault, for a 400.
    pub parameter: Option<String>,
}

/// The body of every error response.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong.
    pub error: String,
    /// The parameter at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            parameter: None,
        }
    }

    /// A 400 for parameter `name`.
    pub fn bad(name: &str, why: &str) -> Self {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: format!("parameter `{name}`: {why}"),
            parameter: Some(name.to_string()),
        }
    }

    pub fn not_found(what: &str) -> Self {
        ApiError::new(StatusCode::NOT_FOUND, format!("{what} not found"))
    }

    /// A 500 whose cause is logged, not shown.
    pub fn internal(e: impl std::fmt::Display) -> Self {
        tracing::error!(error = %e, "internal error");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal error (logged)")
    }
}

impl From<sitrep_store::StoreError> for ApiError {
    fn from(e: sitrep_store::StoreError) -> Self {
        ApiError::internal(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.message,
            parameter: self.parameter,
        };
        (self.status, axum::Json(body)).into_response()
    }
}
