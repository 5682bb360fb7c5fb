-- Monthly doctor reports: written once per clinic month (in the clinic's zone) by the job
-- worker, for every doctor at once, in one transaction; never changed afterwards.
CREATE TABLE report_months (
    month        TEXT    PRIMARY KEY CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'),
    generated_at INTEGER NOT NULL,
    doctors      INTEGER NOT NULL CHECK (doctors >= 0)
) STRICT;

CREATE TABLE monthly_reports (
    month     TEXT    NOT NULL REFERENCES report_months (month),
    doctor_id INTEGER NOT NULL REFERENCES users (id),
    currency  TEXT    NOT NULL CHECK (length(currency) = 3),
    figures   TEXT    NOT NULL CHECK (json_valid(figures)),
    PRIMARY KEY (month, doctor_id)
) STRICT;

CREATE INDEX monthly_reports_by_doctor ON monthly_reports (doctor_id, month);

-- A generated month is kept as it was (MB_REPORTS_KEPT).
CREATE TRIGGER report_months_kept_update
BEFORE UPDATE ON report_months
BEGIN
    SELECT RAISE(ABORT, 'MB_REPORTS_KEPT');
END;

-- A generated month is never removed (MB_REPORTS_KEPT).
CREATE TRIGGER report_months_kept_delete
BEFORE DELETE ON report_months
BEGIN
    SELECT RAISE(ABORT, 'MB_REPORTS_KEPT');
END;

-- A report's figures are kept as they were (MB_REPORTS_KEPT).
CREATE TRIGGER monthly_reports_kept_update
BEFORE UPDATE ON monthly_reports
BEGIN
    SELECT RAISE(ABORT, 'MB_REPORTS_KEPT');
END;

-- A report is never removed (MB_REPORTS_KEPT).
CREATE TRIGGER monthly_reports_kept_delete
BEFORE DELETE ON monthly_reports
BEGIN
    SELECT RAISE(ABORT, 'MB_REPORTS_KEPT');
END;
