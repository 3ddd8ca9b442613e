/** Outscale's OMI name rules (length in bytes, allowed characters). */
export { omiNameProblems } from './omi/omi-name-rules';
