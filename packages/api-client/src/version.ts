// Inlined by the bundler at build time, so nothing reads the file system at run time.
import { version } from '../package.json';

/** This package's version. */
export const VERSION: string = version;

/** The `User-Agent` sent with every request. */
export const USER_AGENT: string = `@listo/api-client/${version}`;
