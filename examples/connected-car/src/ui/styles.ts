// Styling for the customer portal: positions and titles of boxes, not of people.

export const style = {
  position: 'absolute',
  title: { fontSize: 18 },
};

export function tooltipStyle(x: number, y: number): { position: string; left: string; top: string } {
  return { position: style.position, left: `${x}px`, top: `${y}px` };
}
