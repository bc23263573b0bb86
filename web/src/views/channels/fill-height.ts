import { useLayoutEffect, type MutableRef } from 'preact/hooks';

/**
 * Sizes the view to the rest of the window below the header (which wraps on narrow screens), so the
 * message list scrolls inside it and the composer stays in sight.
 */
export function useFillHeight(view: MutableRef<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const element = view.current;
    if (!element) return;
    const fit = (): void => {
      const top = element.getBoundingClientRect().top + window.scrollY;
      const main = element.closest('main');
      const below = main ? parseFloat(getComputedStyle(main).paddingBottom) || 0 : 0;
      element.style.height = `${Math.max(320, window.innerHeight - top - below)}px`;
    };
    fit();
    const header = document.querySelector('header');
    const resized = new ResizeObserver(fit);
    if (header) resized.observe(header);
    window.addEventListener('resize', fit);
    return () => {
      resized.disconnect();
      window.removeEventListener('resize', fit);
    };
  }, []);
}
