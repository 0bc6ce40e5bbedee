interface Trip {
  id: string;
  distanceKm: number;
  durationMin: number;
  averageSpeed: number;
}

export function tripSummary(trip: Trip): string {
  // @consent connected-drive
  const speed = trip.averageSpeed.toFixed(1);
  const label = `${trip.id}: ${trip.durationMin} min`;
  return `${label}, ${speed} km/h over ${trip.averageSpeed}`;
}

/** @consent conected-drive */
export function fleetAverage(trips: readonly Trip[]): number {
  return trips.reduce((sum, t) => sum + t.averageSpeed, 0) / Math.max(1, trips.length);
}
