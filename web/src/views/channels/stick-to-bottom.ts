import { useEffect, useRef, type MutableRef } from 'preact/hooks';

/** Within this many pixels of the end counts as "at the bottom" (sub-pixel layouts rarely land on 0). */
const SLACK = 24;

/**
 * Keeps a scrolling list at its newest message while the person is there: when messages arrive or
 * an image in one loads, the list follows; once they scroll up to read, it stays where they are.
 * Returns the flag, so a jump to a linked message can let go of the bottom at once.
 */
export function useStickToBottom(scroller: MutableRef<HTMLElement | null>, content: MutableRef<HTMLElement | null>): MutableRef<boolean> {
  const atBottom = useRef(true);
  useEffect(() => {
    const box = scroller.current;
    const inner = content.current;
    if (!box || !inner) return;
    const onScroll = (): void => {
      atBottom.current = box.scrollHeight - box.scrollTop - box.clientHeight <= SLACK;
    };
    const follow = (): void => {
      if (atBottom.current) box.scrollTop = box.scrollHeight;
    };
    box.addEventListener('scroll', onScroll, { passive: true });
    const resized = new ResizeObserver(follow);
    resized.observe(box);
    resized.observe(inner);
    follow();
    return () => {
      box.removeEventListener('scroll', onScroll);
      resized.disconnect();
    };
  }, []);
  return atBottom;
}
