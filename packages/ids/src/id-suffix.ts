/**
 * The one home of the ID-suffix rule: one or more URL-safe characters. Every documented Listo ID fits it, and it
 * keeps IDs safe to put in URL paths. Exported as regular-expression source text rather than a `RegExp` object,
 * so that no caller can change the rule for everyone else (`RegExp#compile` mutates in place).
 *
 * Build a pattern from it: `new RegExp(\`^${ID_PREFIXES.client}${ID_SUFFIX_SOURCE}$\`)`.
 */
export const ID_SUFFIX_SOURCE = '[A-Za-z0-9_-]+' as const;

/** A human-readable name of the suffix alphabet, for error messages. */
export const ID_SUFFIX_DESCRIPTION = 'one or more of [A-Za-z0-9_-]' as const;
