/**
 * Hides the labels that would overlap one already shown, in the order given (most important
 * first), and those outside the map. Labels are HTML elements laid over the map (interactive or still).
 */
export function placeLabels(elements: readonly HTMLElement[]): void {
  const taken: DOMRect[] = [];
  const frame = elements[0]?.closest('.map-frame')?.getBoundingClientRect();
  for (const element of elements) {
    element.style.visibility = 'visible';
    const box = element.getBoundingClientRect();
    const outside = frame !== undefined && (box.left < frame.left || box.right > frame.right || box.top < frame.top || box.bottom > frame.bottom);
    const overlaps = taken.some((other) => box.left < other.right + 2 && box.right + 2 > other.left && box.top < other.bottom && box.bottom > other.top);
    if (outside || overlaps) element.style.visibility = 'hidden';
    else taken.push(box);
  }
}
