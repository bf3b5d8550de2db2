// Escapes regular-expression metacharacters; the result means the same in JavaScript and .NET.
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
