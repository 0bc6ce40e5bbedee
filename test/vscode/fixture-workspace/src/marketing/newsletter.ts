// Consent for this folder is declared in catalint.json: uses here are covered.

export function recipient(customer: { email: string }): string {
  return customer.email;
}
