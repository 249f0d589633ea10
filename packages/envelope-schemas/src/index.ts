export type { PmErrorCode } from './errors/error-codes.js';
export { isPmError, PmError, type PmErrorOptions } from './errors/pm-error.js';
