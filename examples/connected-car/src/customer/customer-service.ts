/* @consent customer-consent
 * The customer service desk only handles customers who accepted the privacy notice at sign-up.
 */

import type { Attachment, Customer } from './customer.model';

export function greeting(customer: Customer): string {
  return `Dear ${customer.firstName} ${customer.lastName}`;
}

export function contactCard(customer: Customer): { email: string; phone?: string } {
  return { email: customer.email, phone: customer.mobilePhone };
}

export function describeAttachment(doc: Attachment): string {
  // A document's title and file name are not personal data.
  return `${doc.title} (${doc.fileName}, ${doc.sizeBytes} bytes)`;
}
