import { useMemo } from 'react';
import { usePlayground } from '../../../store/react.ts';
import { selectIsActive } from '../../../store/selectors.ts';

/** True while a moving packet's current hop is at this card; re-renders only when that flips. */
export function useActive(id: string): boolean {
  const selector = useMemo(() => selectIsActive(id), [id]);
  return usePlayground(selector);
}
