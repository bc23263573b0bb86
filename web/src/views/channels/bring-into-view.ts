import { useEffect, useRef, type MutableRef } from 'preact/hooks';

/**
 * Scrolls a linked message into view once it is shown (once per link, so later messages do not
 * pull the person back to it), and lets go of the list's bottom so they stay there.
 */
export function useBringIntoView(domId: string | undefined, shown: boolean, atBottom: MutableRef<boolean>): void {
  const done = useRef<string>();
  useEffect(() => {
    if (!domId) done.current = undefined;
    if (!domId || !shown || done.current === domId) return;
    const element = document.getElementById(domId);
    if (!element) return;
    done.current = domId;
    atBottom.current = false;
    element.scrollIntoView({ block: 'center' });
  }, [domId, shown]);
}
