// The shapes the services exchange. Declaring a field needs no consent: Catalint only
// classifies these (rule catalog-field, information).

export interface Customer {
  id: string;
  customerId: string;
  firstName: string;
  lastName: string;
  email: string;
  mobilePhone?: string;
  dateOfBirth?: string;
  postalCode: string;
  preferredDealer?: string;
  createdAt: Date;
}

export interface Vehicle {
  vin: string;
  model: string;
  mileage: number;
  fuelLevel: number;
}

export interface Attachment {
  fileName: string;
  sizeBytes: number;
  title: string;
}

export interface ServiceContext {
  requestId: string;
  customerId: string;
}
