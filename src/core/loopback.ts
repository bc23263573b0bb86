/** A host name or address of this machine only: tokens may be left out there, and the local admin token used. */
export const isLoopback = (host: string): boolean => /^(localhost|::1|\[::1\]|127\.\d+\.\d+\.\d+)$/.test(host);
