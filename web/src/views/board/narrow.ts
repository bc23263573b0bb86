import { signal } from '@preact/signals';

const query = matchMedia('(max-width: 640px)');

/** A phone-sized screen: columns stack, and each can be folded away. */
export const narrow = signal(query.matches);
query.addEventListener('change', () => (narrow.value = query.matches));
