// Customer data, handled with and without a declared consent.

export interface Customer {
  id: string;
  email: string;
  dateOfBirth: string;
}

export function mailingLabel(customer: Customer): string {
  return customer.email;
}

/** @consent customer-consent */
export function greeting(customer: Customer): string {
  return `Hello ${customer.email}`;
}
