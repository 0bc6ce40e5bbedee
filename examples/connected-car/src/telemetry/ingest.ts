import { requireConsent, type ConsentContext } from '../consent';

interface VehicleStatus {
  vin: string;
  mileage: number;
  fuelLevel: number;
  latitude: number;
  longitude: number;
}

export function ingestStatus(ctx: ConsentContext, status: VehicleStatus): Record<string, number> {
  requireConsent(ctx, 'connected-drive');
  return { mileage: status.mileage, fuelLevel: status.fuelLevel, lat: status.latitude, lng: status.longitude };
}

// A debug endpoint added later, without the check: telemetry without consent is an error.
export function debugDump(status: VehicleStatus): string {
  return `${status.latitude},${status.longitude} at ${status.mileage} km`;
}
