-- Places in a country's administrative hierarchy (Bangladesh: division › district ›
-- upazila / thana), loaded from the data file shipped in the binary (never fetched), keyed by a
-- stable code so reloading it is idempotent.

-- What each depth is called in a country, in English and the local language.
CREATE TABLE location_levels (
    country    TEXT    NOT NULL CHECK (length(country) = 2),
    depth      INTEGER NOT NULL CHECK (depth BETWEEN 1 AND 6),
    name_en    TEXT    NOT NULL CHECK (length(name_en) BETWEEN 1 AND 60),
    name_local TEXT    NOT NULL CHECK (length(name_local) BETWEEN 1 AND 60),
    PRIMARY KEY (country, depth)
) STRICT;

-- The version of each country's data last loaded.
CREATE TABLE location_sets (
    country TEXT PRIMARY KEY CHECK (length(country) = 2),
    version TEXT NOT NULL CHECK (length(version) BETWEEN 1 AND 200)
) STRICT;

CREATE TABLE locations (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE CHECK (length(code) BETWEEN 2 AND 60),
    country    TEXT    NOT NULL CHECK (length(country) = 2),
    parent_id  INTEGER REFERENCES locations (id),
    depth      INTEGER NOT NULL CHECK (depth BETWEEN 1 AND 6),
    name_en    TEXT    NOT NULL CHECK (length(name_en) BETWEEN 1 AND 100),
    name_local TEXT    NOT NULL CHECK (length(name_local) BETWEEN 1 AND 100),
    CHECK ((depth = 1) = (parent_id IS NULL))
) STRICT;

CREATE UNIQUE INDEX locations_name_per_parent ON locations (country, ifnull(parent_id, 0), name_en);
CREATE INDEX locations_by_parent ON locations (parent_id, name_en);

-- A place sits one level below its parent, in the same country, at a named level.
CREATE TRIGGER locations_fit_hierarchy_on_insert
BEFORE INSERT ON locations
BEGIN
    SELECT RAISE(ABORT, 'MB_LOCATION_HIERARCHY')
     WHERE NOT EXISTS (SELECT 1 FROM location_levels WHERE country = NEW.country AND depth = NEW.depth)
        OR (NEW.parent_id IS NOT NULL AND NOT EXISTS (
              SELECT 1 FROM locations p
               WHERE p.id = NEW.parent_id AND p.depth = NEW.depth - 1 AND p.country = NEW.country));
END;

CREATE TRIGGER locations_keep_place_in_hierarchy
BEFORE UPDATE OF parent_id, depth, country, code ON locations
BEGIN
    SELECT RAISE(ABORT, 'MB_LOCATION_HIERARCHY');
END;

-- Search by name in either language, prefixes included; Latin diacritics folded, Bangla vowel
-- signs (Unicode marks) kept inside words.
CREATE VIRTUAL TABLE locations_search USING fts5 (
    name_en, name_local,
    content = 'locations', content_rowid = 'id',
    tokenize = "unicode61 remove_diacritics 2 categories 'L* N* Co M*'",
    prefix = '2 3'
);

CREATE TRIGGER locations_search_on_insert AFTER INSERT ON locations BEGIN
    INSERT INTO locations_search (rowid, name_en, name_local)
    VALUES (NEW.id, NEW.name_en, NEW.name_local);
END;

CREATE TRIGGER locations_search_on_update AFTER UPDATE OF name_en, name_local ON locations BEGIN
    INSERT INTO locations_search (locations_search, rowid, name_en, name_local)
    VALUES ('delete', OLD.id, OLD.name_en, OLD.name_local);
    INSERT INTO locations_search (rowid, name_en, name_local)
    VALUES (NEW.id, NEW.name_en, NEW.name_local);
END;

CREATE TRIGGER locations_search_on_delete AFTER DELETE ON locations BEGIN
    INSERT INTO locations_search (locations_search, rowid, name_en, name_local)
    VALUES ('delete', OLD.id, OLD.name_en, OLD.name_local);
END;
