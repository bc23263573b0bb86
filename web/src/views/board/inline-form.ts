import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Which small form a card shows in place of its buttons. Closing it puts the focus back on the
 * button that opened it (marked `data-opens`), so a keyboard user does not start over at the top.
 */
export function useInlineForm<T extends string>() {
  const [form, setForm] = useState<T>();
  const opener = useRef<T>();
  const buttons = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (form === undefined && opener.current) buttons.current?.querySelector<HTMLElement>(`[data-opens="${opener.current}"]`)?.focus();
  }, [form]);
  return {
    form,
    buttons,
    open: (name: T): void => {
      opener.current = name;
      setForm(name);
    },
    close: (): void => setForm(undefined),
  };
}
