// A dashboard chart: its range, position and speed are about the drawing, not about a car.

interface ChartOptions {
  range: [number, number];
  animation: { speed: number; easing: string };
}

export function chartOptions(values: readonly number[]): ChartOptions {
  const chart = { range: [Math.min(...values), Math.max(...values)] as [number, number] };
  const animation = { speed: 300, easing: 'ease-out' };
  return { range: chart.range, animation: { speed: animation.speed, easing: animation.easing } };
}
