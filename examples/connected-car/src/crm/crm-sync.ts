import type { Customer } from '../customer/customer.model';

interface CrmContact {
  externalId: string;
  fullName: string;
  email: string;
}

/**
 * Pushes a contact to the CRM.
 * @consent customer-consent
 */
export function toCrmContact(customer: Customer): CrmContact {
  return {
    externalId: customer.customerId,
    fullName: `${customer.firstName} ${customer.lastName}`,
    email: customer.email,
  };
}

// Forgot its directive: every use below is reported.
export function crmSearchKey(customer: Customer): string {
  return `${customer.lastName}:${customer.postalCode}`;
}

export function auditLine(customer: Customer): string {
  // catalint-disable-next-line consent-required -- only the pseudonymous id, agreed with the DPO
  return `synced ${customer.customerId}`;
}

export function batchLabel(count: number): string {
  // catalint-disable-next-line consent-required -- left over from an older version
  return `batch of ${count}`;
}
