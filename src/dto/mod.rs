//! The data client and server exchange: what server functions take and answer. Both the
//! server and the UI import these; neither imports the other's modules for them.

pub mod analytics_view;
pub mod appointment_lists;
pub mod appointment_page;
pub mod appointment_view;
pub mod availability_views;
pub mod booked_view;
pub mod calendar_feed;
pub mod dashboards;
pub mod demo_site;
pub mod directory_page;
pub mod doctor_card;
pub mod doctor_profile;
pub mod external_calendar;
pub mod hold_view;
pub mod location_view;
pub mod mail_preferences;
pub mod mail_views;
pub mod my_schedule_view;
pub mod notification_views;
pub mod patient_details_view;
pub mod patient_record;
pub mod payment_views;
pub mod practice_profile;
pub mod report_views;
pub mod review_views;
pub mod session_user;
pub mod sign_in_provider;
pub mod specialty;
pub mod specialty_admin;
pub mod user_filter;
pub mod user_view;
