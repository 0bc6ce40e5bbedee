// Generated from the CRM's API description; excluded in catalint.json.
export interface CrmPerson {
  email: string;
}
export const samplePerson = (p: CrmPerson): string => p.email;
