-- Reports over customers: one statement with consent, one without.

SELECT c.email, c.date_of_birth
FROM customers c;

-- @consent customer-consent
SELECT email FROM customers WHERE id = 42;
