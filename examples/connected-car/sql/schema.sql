-- The customer database. Column definitions are classified (catalog-field); queries that read
-- them need consent like TypeScript code does.
CREATE TABLE customers (
  id          BIGINT PRIMARY KEY,
  first_name  TEXT NOT NULL,
  last_name   TEXT NOT NULL,
  email       TEXT NOT NULL,
  birth_date  DATE,
  created_at  TIMESTAMP NOT NULL
);

CREATE TABLE vehicle_status (
  vin         TEXT NOT NULL,
  mileage     INTEGER,
  fuel_level  REAL,
  recorded_at TIMESTAMP NOT NULL
);
