// A React form in plain JavaScript: read by the same parser as TypeScript.

export function SignupSummary({ customer }) {
  return <p>{customer.phoneNumber}</p>;
}

/** @consent customer-consent */
export function ConsentedSummary({ customer }) {
  return <p>{customer.phoneNumber}</p>;
}
