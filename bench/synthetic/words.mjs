// Vocabulary of the synthetic workspaces: what a connected-car company's code is about.
export const SERVICES = ['billing', 'fleet', 'dealer', 'marketing', 'navigation', 'warranty', 'leasing',
  'aftersales', 'onboarding', 'notifications', 'reporting', 'charging', 'rental', 'loyalty', 'support',
  'catalog', 'pricing', 'inventory', 'scheduling', 'payments'];
export const AREAS = ['handlers', 'services', 'repositories', 'models', 'jobs', 'mappers', 'util', 'api', 'domain'];
export const NOUNS = ['Order', 'Invoice', 'Lead', 'Appointment', 'Trip', 'Report', 'Campaign', 'Offer',
  'Contract', 'Booking', 'Ticket', 'Quote', 'Session', 'Batch', 'Export', 'Snapshot', 'Route', 'Claim'];
export const VERBS = ['load', 'build', 'sync', 'send', 'export', 'merge', 'update', 'resolve', 'collect',
  'prepare', 'render', 'publish', 'archive', 'validate', 'compute', 'refresh', 'schedule', 'notify'];

/** Fields of a customer record as code spells them; the personal data the catalog is about. */
export const CUSTOMER_FIELDS = ['email', 'firstName', 'lastName', 'dateOfBirth', 'phoneNumber', 'mobilePhone',
  'postalCode', 'city', 'street', 'gender', 'title', 'customerId', 'contractNumber', 'profession',
  'maritalStatus', 'preferredDealer', 'faxNumber', 'initials', 'companyName', 'hobbies'];
/** Vehicle and online telemetry. */
export const TELEMETRY_FIELDS = ['vin', 'mileage', 'odometer', 'latitude', 'longitude', 'fuelLevel',
  'remainingRange', 'averageSpeed', 'outsideTemperature', 'position', 'lat', 'lng'];
export const ONLINE_FIELDS = ['clickPath', 'pageViews', 'cookieId', 'sessionReplay', 'appUsage'];

/** Names that contain catalog words but are not personal data: they must stay silent. */
export const TRAPS = [
  ['fileName', 'string'], ['emailTemplateId', 'string'], ['ipAddress', 'string'], ['retryCount', 'number'],
  ['pageTitle', 'string'], ['cacheSize', 'number'], ['timeoutMs', 'number'], ['buildNumber', 'number'],
];
