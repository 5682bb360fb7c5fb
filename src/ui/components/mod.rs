//! Reusable widgets.

pub mod code_input;
pub mod form_error;
pub mod form_feedback;
pub mod location_picker;
pub mod page_data;
pub mod password_field;
pub mod post_form;
pub mod successes;
pub mod text_field;

pub use code_input::CodeInput;
pub use form_error::use_form_error;
pub use form_feedback::{FieldMessages, FormAlert};
pub use location_picker::{DirectoryPlacePicker, LocationPicker};
pub use page_data::PageData;
pub use password_field::PasswordField;
pub use post_form::{FormAction, PostForm};
pub use successes::use_successes;
pub use text_field::TextField;
