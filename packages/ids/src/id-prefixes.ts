const PREFIXES = {
  client: 'lglsocli_',
  worker: 'lglsowpr_',
  workerProfile: 'lglsowpf_',
  user: 'lglsousr_',
  event: 'lglsoevt_',
  contract: 'lglsoctc_',
  organizationUnit: 'lglsoorgu_',
  organizationLocation: 'lglsoorgl_',
  installation: 'inst_',
} as const;

/**
 * The stable prefix of every public Listo ID, by kind. Prefixes are exact and case-sensitive.
 * `installation` is the instanceIntegrationId that scopes most REST endpoints.
 * Frozen: the guards read it, so no caller can change what an ID is.
 */
export const ID_PREFIXES: typeof PREFIXES = Object.freeze(PREFIXES);

/** A kind of Listo ID: `'client'`, `'worker'`, … (the keys of {@link ID_PREFIXES}). */
export type IdKind = keyof typeof ID_PREFIXES;

/** Every kind, in the order of {@link ID_PREFIXES}. */
export const ID_KINDS: readonly IdKind[] = Object.freeze(Object.keys(ID_PREFIXES) as IdKind[]);
