import { hasConsent, type ConsentContext } from '../consent';
import type { Customer } from '../customer/customer.model';

interface Mail {
  to: string;
  from: string;
  templateId: string;
}

const senderEmail = 'news@connected-car.example';
const emailTemplateId = 'spring-offers-2026';

export function newsletterFor(ctx: ConsentContext, customer: Customer): Mail | undefined {
  console.info('preparing newsletter for', customer.email);
  if (!hasConsent(ctx, 'customer-consent')) return undefined;
  return { to: customer.email, from: senderEmail, templateId: emailTemplateId };
}
