// Billing runs under the contract, so catalint.json declares customer-consent for src/billing/**.

import type { Customer } from '../customer/customer.model';

export interface Invoice {
  number: string;
  billingAddress: string;
  iban: string;
  amountCents: number;
}

export function invoiceHeader(customer: Customer, invoice: Invoice): string[] {
  return [`${customer.firstName} ${customer.lastName}`, invoice.billingAddress, `Invoice ${invoice.number}`];
}

export function maskedIban(invoice: Invoice): string {
  return invoice.iban.slice(0, 4) + '****' + invoice.iban.slice(-4);
}
